"""The interface every search backend implements."""

from __future__ import annotations

import abc
from collections.abc import Iterable
from typing import Any

from search_api.query import SearchPage, SearchQuery

IndexDocument = dict[str, Any]
"""A flat document built by ``search_api.documents.to_document``."""


class BackendUnavailable(RuntimeError):
    """The engine cannot be reached or opened; the message says why."""


class SearchBackend(abc.ABC):
    name: str

    @abc.abstractmethod
    def index(self, documents: Iterable[IndexDocument]) -> int:
        """Add or replace documents (keyed by ``id``); return how many were written."""

    @abc.abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    @abc.abstractmethod
    def rebuild(self, documents: Iterable[IndexDocument], *, force: bool = False) -> int:
        """Fill a fresh index with ``documents`` and swap it in atomically.

        Refuses (``ValueError``) a new index much smaller than the live one unless ``force``.
        """

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchPage:
        """Run a query: hits of the requested page plus disjunctive facet counts."""

    @abc.abstractmethod
    def get(self, record_id: str) -> dict[str, Any] | None:
        """The full record (common elements with provenance) stored with a document."""

    @abc.abstractmethod
    def count(self) -> int:
        """How many documents the live index holds."""

    def health(self) -> dict[str, Any]:
        """A small status document for operators."""
        return {"backend": self.name, "documents": self.count()}

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to release by default
        """Release resources."""
