"""Mappings: every source format onto the common elements (``mappings.schema.Record``).

Pure functions of a payload: no I/O beyond the vocabulary data files, no settings.
"""
