"""What the JSON-LD harvesters (json_api, html) share."""

from __future__ import annotations

import json
from typing import Any

JSONLD_MAX_INLINE_CONTEXT_BYTES = 4 * 1024
"""A JSON-LD `@context` object copied onto every record of a document is kept only up to this
size (a context URL or a few prefixes); the mappings do not read contexts."""


def inline_context(context: Any) -> Any:
    """A document's `@context` as it may be copied onto each of its records, or None.

    A URL or a list of URLs is kept; an object (or a list holding one) only when its JSON is
    at most `JSONLD_MAX_INLINE_CONTEXT_BYTES`, so a page's one large context is not
    multiplied by its number of records.
    """
    if context is None or isinstance(context, str):
        return context
    size = len(json.dumps(context, ensure_ascii=False))
    return context if size <= JSONLD_MAX_INLINE_CONTEXT_BYTES else None
