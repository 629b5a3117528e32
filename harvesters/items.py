"""The items spiders yield: one raw record, or one error.

Both are written, one JSON object per line, by `harvesters.pipelines.JsonLinesOutputPipeline`
(`"type": "record"` / `"type": "error"`); field order here is the order on the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


def utc_now() -> str:
    """The current time as an ISO-8601 UTC timestamp, e.g. `2024-05-01T10:00:00.123Z`."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as the source published it.

    Attributes:
        feed_id: The feed being harvested.
        remote_id: The record's identifier at the source (OAI identifier, JSON id, @id).
        datestamp: When the source last changed the record, as the source wrote it.
        deleted: True for a tombstone (OAI-PMH deleted header); the payload is then "".
        media_type: The media type of `payload`.
        format: The metadata format name (`oai_dc`, `lom`, `schema.org`, ...).
        payload: The record verbatim as text.
        url: Where the record can be fetched on its own, or the page it was found on.
        fetched_at: When the page holding the record was fetched (ISO-8601 UTC).
    """

    feed_id: int
    remote_id: str
    datestamp: str | None
    deleted: bool
    media_type: str
    format: str
    payload: str
    url: str | None
    fetched_at: str


@dataclass(frozen=True, slots=True)
class HarvestError:
    """A record or page that could not be harvested; the crawl goes on.

    Attributes:
        feed_id: The feed being harvested.
        remote_id: The record concerned, when known.
        url: The page concerned, when known.
        message: What went wrong.
    """

    feed_id: int
    remote_id: str | None
    url: str | None
    message: str


@dataclass(frozen=True, slots=True)
class RemoteIdentifier:
    """One entry of a full identifier list (`"type": "identifier"`), for reconciling deletes.

    Written by the oai_pmh spider's `--identifiers` mode (ListIdentifiers). A remote id the
    store holds but a *complete* identifier list lacks has gone from the source.

    Attributes:
        feed_id: The feed being harvested.
        remote_id: The record's identifier at the source.
        deleted: The source lists it as a tombstone (a deleted header).
    """

    feed_id: int
    remote_id: str
    deleted: bool


@dataclass(frozen=True, slots=True)
class SourceSet:
    """One set a repository offers (`"type": "set"`), from the `--list-sets` mode.

    Attributes:
        feed_id: The feed being harvested.
        set_spec: The setSpec to pass to `--set`.
        set_name: The set's name, when given.
    """

    feed_id: int
    set_spec: str
    set_name: str | None
