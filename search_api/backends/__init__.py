"""Search backends, selected by name (``MICROCAT_SEARCH_BACKEND``)."""

from __future__ import annotations

from typing import Any

from search_api.backends.base import SearchBackend

BACKENDS = ("embedded", "opensearch")


def get_backend(name: str, **options: Any) -> SearchBackend:
    """The backend called ``name``, configured with ``options``.

    Raises:
        ValueError: no backend has that name.
    """
    if name == "embedded":
        from search_api.backends.embedded import EmbeddedBackend

        return EmbeddedBackend(**options)
    if name == "opensearch":
        from search_api.backends.opensearch import OpenSearchBackend

        return OpenSearchBackend(**options)
    raise ValueError(f"unknown search backend {name!r}; choose one of {', '.join(BACKENDS)}")
