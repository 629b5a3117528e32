"""The aggregator: store, harvest pipeline, deduplication, scheduler and CLI."""
