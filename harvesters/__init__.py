"""Harvesters: a plain Scrapy project, one spider per protocol, emitting RawRecord JSON lines."""
