"""Configuration of one Microcat instance, from ``MICROCAT_*`` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from search_api.backends import BACKENDS, get_backend
from search_api.backends.base import SearchBackend

DEFAULT_DATA_DIR = "instance"


@dataclass(frozen=True)
class Settings:
    """Where the instance keeps its data and which search engine it uses.

    Attributes:
        data_dir: the instance folder (``MICROCAT_DATA_DIR``): SQLite store and embedded index.
        search_backend: ``embedded`` (default) or ``opensearch`` (``MICROCAT_SEARCH_BACKEND``).
        opensearch_url: the OpenSearch cluster (``MICROCAT_OPENSEARCH_URL``).
        fetch_allowlist: ``host:port`` entries that may be fetched although they are not public
            addresses (``MICROCAT_FETCH_ALLOWLIST``); empty in production.
        harvest_timeout: seconds one harvest run may take (``MICROCAT_HARVEST_TIMEOUT``).
        reference_dir: the folder of the provider reference lists (ETER institutions, EQAR
            agencies, countries; ``MICROCAT_REFERENCE_DIR``, see ``mappings.reference``);
            None: providers are not matched against reference lists.
    """

    data_dir: Path = field(default_factory=lambda: Path(DEFAULT_DATA_DIR))
    search_backend: str = "embedded"
    opensearch_url: str | None = None
    fetch_allowlist: tuple[str, ...] = ()
    harvest_timeout: float = 3600.0
    reference_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        settings = cls(
            data_dir=Path(env.get("MICROCAT_DATA_DIR") or DEFAULT_DATA_DIR),
            search_backend=env.get("MICROCAT_SEARCH_BACKEND") or "embedded",
            opensearch_url=env.get("MICROCAT_OPENSEARCH_URL") or None,
            fetch_allowlist=parse_allowlist(env.get("MICROCAT_FETCH_ALLOWLIST", "")),
            harvest_timeout=float(env.get("MICROCAT_HARVEST_TIMEOUT") or 3600),
            reference_dir=Path(env["MICROCAT_REFERENCE_DIR"])
            if env.get("MICROCAT_REFERENCE_DIR")
            else None,
        )
        settings = replace(settings, **overrides)
        if settings.search_backend not in BACKENDS:
            raise ValueError(
                f"MICROCAT_SEARCH_BACKEND must be one of {', '.join(BACKENDS)},"
                f" not {settings.search_backend!r}"
            )
        if settings.reference_dir is not None and not settings.reference_dir.is_dir():
            raise ValueError(
                f"MICROCAT_REFERENCE_DIR {settings.reference_dir} is not a folder"
                " (unset it to harvest without provider reference lists)"
            )
        return settings

    @property
    def db_path(self) -> Path:
        return self.data_dir / "microcat.sqlite3"

    @property
    def index_path(self) -> Path:
        return self.data_dir / "index"

    def open_backend(self) -> SearchBackend:
        if self.search_backend == "opensearch":
            return get_backend("opensearch", url=self.opensearch_url)
        return get_backend("embedded", path=self.index_path)


def parse_allowlist(text: str) -> tuple[str, ...]:
    return tuple(entry.strip() for entry in text.split(",") if entry.strip())
