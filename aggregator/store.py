"""The SQLite store: feeds, harvest runs, raw records, mapped records, identity map, clusters.

SQLite in WAL mode, so the web process reads while a harvest writes. The schema is changed
only by numbered migrations in ``aggregator/migrations`` (``0001_initial.sql``, ...), applied
in order and recorded in ``PRAGMA user_version``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

PROTOCOLS = ("oai-pmh", "json", "html", "xcri-cap", "csv")
FEED_KINDS = ("provider", "catalogue", "platform")


def utcnow() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def payload_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _storable(value: object) -> str | None:
    """``value`` as text SQLite can store: a harvester line may carry any JSON value where a
    string belongs, and a lone surrogate (from a feed's ``"\\ud800"``), which UTF-8 cannot
    encode, is written as its escape."""
    if value is None:
        return None
    text = str(value)
    return text if text.isascii() else text.encode("utf-8", "backslashreplace").decode("utf-8")


def record_id_for(feed_id: int, remote_id: str) -> str:
    """The record id of (feed, remote id): short, stable, URL-safe."""
    digest = hashlib.sha1(f"{feed_id}\x00{remote_id}".encode()).hexdigest()
    return f"mc{digest[:16]}"


class RunState(StrEnum):
    RUNNING = "running"
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


class Outcome(StrEnum):
    """What storing one raw record did."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    DELETED = "deleted"


class FeedError(ValueError):
    """A feed registration that cannot be accepted; the message says why."""


class HarvestInProgress(RuntimeError):
    """Another run of the same feed has not finished."""


class RefreshBusy(RuntimeError):
    """Another refresh of the clusters held the lock longer than the caller would wait."""


_LOCK_POLL = 0.25
"""Seconds between two tries for a lock that is waited for a bounded time."""


def _take_lock(handle: int, wait: float | None, path: Path) -> None:
    """Lock ``handle`` exclusively; give up with ``RefreshBusy`` after ``wait`` seconds."""
    if wait is None:
        fcntl.flock(handle, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RefreshBusy(
                    f"another refresh of the clusters held {path.name} for the"
                    f" {max(wait, 0.0):.1f} s this one could wait"
                ) from None
            time.sleep(min(_LOCK_POLL, remaining))


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    protocol: str
    format: str | None
    set_spec: str | None
    name: str | None
    kind: str
    interval_hours: float
    owner: str | None
    watermark: str | None
    created_at: str
    field_map: str | None = None
    """JSON field map of a ``json-fields`` feed (see ``mappings.formats.json_fields``)."""

    @property
    def mapping_options(self) -> dict[str, Any]:
        """What the feed's mapping needs besides the payload."""
        return {"field_map": json.loads(self.field_map)} if self.field_map else {}

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["field_map"] = json.loads(self.field_map) if self.field_map else None
        return data


@dataclass(frozen=True)
class HarvestRun:
    id: int
    feed_id: int
    started_at: str
    finished_at: str | None
    state: str
    new: int
    changed: int
    unchanged: int
    deleted: int
    errors: int
    message: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("aggregator") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Store:
    """All persistent state of one Microcat instance, in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(
            self.path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    def close(self) -> None:
        self.db.close()

    # -- schema ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply every migration newer than the database, each in its own transaction."""
        for version, script in _migrations():
            if version <= self.schema_version:
                continue
            with self.transaction():
                if version <= self.schema_version:  # applied meanwhile by another connection
                    continue
                for statement in _split_sql(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version:d}")

    @contextmanager
    def refresh_lock(self, wait: float | None = None) -> Iterator[None]:
        """Held while the clusters are refreshed: one refresh at a time per store, across the
        threads and processes of an instance (a lock file beside the database).

        Args:
            wait: seconds to wait at most while another refresh holds the lock (``None``: as
                long as it takes).

        Raises:
            RefreshBusy: the lock was still held after ``wait`` seconds.
        """
        path = self.path.with_name(f"{self.path.name}.refresh.lock")
        # Opened for reading: flock needs no write access, so another user of the instance
        # (an operator's CLI beside the worker) can take a lock file it did not create.
        handle = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)
        try:
            _take_lock(handle, wait, path)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            os.close(handle)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: what the block wrote is undone if it raises (the transaction
        goes on), so one record that cannot be stored leaves nothing half written."""
        self.db.execute("SAVEPOINT one_item")
        try:
            yield
        except BaseException:
            # An error that ended the whole transaction (disk full, I/O) took the savepoint
            # with it: then the error itself is what to report.
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO one_item")
                self.db.execute("RELEASE one_item")
            raise
        self.db.execute("RELEASE one_item")

    # -- feeds ----------------------------------------------------------------------------

    def add_feed(
        self,
        url: str,
        protocol: str,
        *,
        format: str | None = None,
        set_spec: str | None = None,
        name: str | None = None,
        kind: str = "provider",
        interval_hours: float = 24,
        owner: str | None = None,
        field_map: dict[str, Any] | None = None,
    ) -> Feed:
        """Register a feed; registering the same source again returns the existing feed.

        A ``field_map`` (JSON feeds only) is validated here and makes the format
        ``json-fields``; registering again with a new map replaces the old one.
        """
        map_text = None
        if field_map is not None:
            from mappings.formats.json_fields import FORMAT, validate_field_map

            if protocol != "json":
                raise FeedError("a field map is for JSON feeds (--protocol json)")
            try:
                map_text = json.dumps(validate_field_map(field_map), sort_keys=True)
            except ValueError as error:
                raise FeedError(f"field map: {error}") from None
            format = FORMAT
        if protocol not in PROTOCOLS:
            raise FeedError(f"protocol must be one of {', '.join(PROTOCOLS)}, not {protocol!r}")
        if kind not in FEED_KINDS:
            raise FeedError(f"kind must be one of {', '.join(FEED_KINDS)}, not {kind!r}")
        if interval_hours <= 0:
            raise FeedError("interval must be a positive number of hours")
        if not url.lower().startswith(("http://", "https://")):
            raise FeedError(f"feed URL must start with http:// or https://: {url!r}")
        existing = self.db.execute(
            "SELECT id FROM feeds WHERE url = ? AND protocol = ? AND IFNULL(format, '') = ?"
            " AND IFNULL(set_spec, '') = ?",
            (url, protocol, format or "", set_spec or ""),
        ).fetchone()
        if existing:
            if map_text is not None:
                self.db.execute(
                    "UPDATE feeds SET field_map = ? WHERE id = ?", (map_text, existing["id"])
                )
            return self.feed(existing["id"])
        cursor = self.db.execute(
            "INSERT INTO feeds (url, protocol, format, set_spec, name, kind, interval_hours,"
            " owner, created_at, field_map) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                url,
                protocol,
                format,
                set_spec,
                name,
                kind,
                interval_hours,
                owner,
                utcnow(),
                map_text,
            ),
        )
        return self.feed(int(cursor.lastrowid or 0))

    def add_demo_feed(self, url: str, protocol: str, *, name: str, **options: Any) -> Feed:
        """Register an example feed; its servers get new ports every start, so a feed of the
        same name and protocol is moved to the new URL instead of registered again."""
        row = self.db.execute(
            "SELECT id FROM feeds WHERE name = ? AND protocol = ?", (name, protocol)
        ).fetchone()
        if row is None:
            return self.add_feed(url, protocol, name=name, **options)
        self.db.execute("UPDATE feeds SET url = ? WHERE id = ?", (url, row["id"]))
        return self.feed(row["id"])

    def feed(self, feed_id: int) -> Feed:
        row = self.db.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise KeyError(f"no feed with id {feed_id}")
        return Feed(**dict(row))

    def feeds(self) -> list[Feed]:
        return [Feed(**dict(row)) for row in self.db.execute("SELECT * FROM feeds ORDER BY id")]

    def set_watermark(self, feed_id: int, watermark: str | None) -> None:
        self.db.execute("UPDATE feeds SET watermark = ? WHERE id = ?", (watermark, feed_id))

    # -- harvest runs ---------------------------------------------------------------------

    def start_run(self, feed_id: int, abandoned_after: float | None = None) -> HarvestRun:
        """Open a run; raises ``HarvestInProgress`` while another run of the feed is open.

        ``abandoned_after``: seconds after which an open run counts as abandoned (its process
        stopped without recording an end: killed, crashed); it is closed as failed, so that
        the feed can be harvested again.
        """
        if abandoned_after is not None:
            cutoff = datetime.now(UTC) - timedelta(seconds=abandoned_after)
            self.db.execute(
                "UPDATE harvest_runs SET state = 'failed', finished_at = ?, message = ?"
                " WHERE feed_id = ? AND state = 'running' AND started_at < ?",
                (
                    utcnow(),
                    "abandoned: the harvesting process stopped without recording an end",
                    feed_id,
                    cutoff.strftime("%Y-%m-%dT%H:%M:%SZ"),
                ),
            )
        try:
            cursor = self.db.execute(
                "INSERT INTO harvest_runs (feed_id, started_at, state) VALUES (?, ?, 'running')",
                (feed_id, utcnow()),
            )
        except sqlite3.IntegrityError as error:
            if "harvest_runs" not in str(error) and "UNIQUE" not in str(error):
                raise
            raise HarvestInProgress(f"feed {feed_id} is being harvested already") from None
        return self.run(int(cursor.lastrowid or 0))

    def finish_run(
        self, run_id: int, state: RunState, counts: dict[str, int], message: str | None
    ) -> HarvestRun:
        self.db.execute(
            "UPDATE harvest_runs SET state = ?, finished_at = ?, new = ?, changed = ?,"
            " unchanged = ?, deleted = ?, errors = ?, message = ? WHERE id = ?",
            (
                str(state),
                utcnow(),
                counts.get("new", 0),
                counts.get("changed", 0),
                counts.get("unchanged", 0),
                counts.get("deleted", 0),
                counts.get("errors", 0),
                message,
                run_id,
            ),
        )
        return self.run(run_id)

    def run(self, run_id: int) -> HarvestRun:
        row = self.db.execute("SELECT * FROM harvest_runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(f"no harvest run with id {run_id}")
        return HarvestRun(**dict(row))

    def runs(self, feed_id: int, limit: int = 20) -> list[HarvestRun]:
        rows = self.db.execute(
            "SELECT * FROM harvest_runs WHERE feed_id = ? ORDER BY id DESC LIMIT ?",
            (feed_id, limit),
        )
        return [HarvestRun(**dict(row)) for row in rows]

    def add_run_error(
        self, run_id: int, message: str, remote_id: object = None, url: object = None
    ) -> None:
        """Record one error of a run; ``remote_id`` and ``url`` as the harvester gave them."""
        self.db.execute(
            "INSERT INTO run_errors (run_id, remote_id, url, message) VALUES (?, ?, ?, ?)",
            (run_id, _storable(remote_id), _storable(url), _storable(message)),
        )

    def run_errors(self, run_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT remote_id, url, message FROM run_errors WHERE run_id = ? ORDER BY id",
            (run_id,),
        )
        return [dict(row) for row in rows]

    # -- raw records and identity ---------------------------------------------------------

    def put_raw(self, raw: dict[str, Any]) -> tuple[Outcome, str]:
        """Upsert one RawRecord (as emitted by a harvester); return its outcome and record id.

        A deleted record keeps its last payload (history), marked deleted.
        """
        feed_id, remote_id = int(raw["feed_id"]), str(raw["remote_id"])
        record_id = self._identity(feed_id, remote_id)
        old = self.db.execute(
            "SELECT hash, deleted FROM raw_records WHERE feed_id = ? AND remote_id = ?",
            (feed_id, remote_id),
        ).fetchone()
        now = utcnow()
        if raw.get("deleted"):
            if old is not None and old["deleted"]:
                return Outcome.UNCHANGED, record_id
            if old is None:
                # A tombstone for a record never seen: kept, so history shows the deletion.
                self.db.execute(
                    "INSERT INTO raw_records (feed_id, remote_id, datestamp, deleted, payload,"
                    " hash, fetched_at, first_seen) VALUES (?, ?, ?, 1, '', '', ?, ?)",
                    (feed_id, remote_id, raw.get("datestamp"), raw.get("fetched_at") or now, now),
                )
                return Outcome.DELETED, record_id
            self.db.execute(
                "UPDATE raw_records SET deleted = 1, datestamp = ?, fetched_at = ?"
                " WHERE feed_id = ? AND remote_id = ?",
                (raw.get("datestamp"), raw.get("fetched_at") or now, feed_id, remote_id),
            )
            return Outcome.DELETED, record_id
        payload = raw.get("payload") or ""
        digest = payload_hash(payload)
        if old is not None and old["hash"] == digest and not old["deleted"]:
            return Outcome.UNCHANGED, record_id
        self.db.execute(
            "INSERT INTO raw_records (feed_id, remote_id, datestamp, deleted, media_type, format,"
            " payload, hash, url, fetched_at, first_seen) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (feed_id, remote_id) DO UPDATE SET datestamp = excluded.datestamp,"
            " deleted = 0, media_type = excluded.media_type, format = excluded.format,"
            " payload = excluded.payload, hash = excluded.hash, url = excluded.url,"
            " fetched_at = excluded.fetched_at",
            (
                feed_id,
                remote_id,
                raw.get("datestamp"),
                raw.get("media_type"),
                raw.get("format"),
                payload,
                digest,
                raw.get("url"),
                raw.get("fetched_at") or now,
                now,
            ),
        )
        return (Outcome.NEW if old is None else Outcome.CHANGED), record_id

    def _identity(self, feed_id: int, remote_id: str) -> str:
        row = self.db.execute(
            "SELECT record_id FROM identity WHERE feed_id = ? AND remote_id = ?",
            (feed_id, remote_id),
        ).fetchone()
        if row:
            return str(row["record_id"])
        record_id = record_id_for(feed_id, remote_id)
        self.db.execute(
            "INSERT INTO identity (feed_id, remote_id, record_id) VALUES (?, ?, ?)",
            (feed_id, remote_id, record_id),
        )
        return record_id

    def raw_records(self, feed_id: int | None = None) -> Iterator[sqlite3.Row]:
        """Live (not deleted) raw records, for re-mapping."""
        sql = (
            "SELECT r.*, i.record_id FROM raw_records r JOIN identity i"
            " USING (feed_id, remote_id) WHERE r.deleted = 0"
        )
        args: tuple[Any, ...] = ()
        if feed_id is not None:
            sql += " AND r.feed_id = ?"
            args = (feed_id,)
        yield from self.db.execute(sql + " ORDER BY r.feed_id, r.remote_id", args)

    def raw_count(self, feed_id: int) -> int:
        row = self.db.execute(
            "SELECT COUNT(*) FROM raw_records WHERE feed_id = ? AND deleted = 0", (feed_id,)
        ).fetchone()
        return int(row[0])

    # -- mapped records -------------------------------------------------------------------

    def put_record(self, record_id: str, feed_id: int, data: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO records (id, feed_id, data, mapped_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET data = excluded.data, mapped_at = excluded.mapped_at",
            (record_id, feed_id, json.dumps(data, ensure_ascii=False), utcnow()),
        )

    def delete_record(self, record_id: str) -> None:
        self.db.execute("DELETE FROM records WHERE id = ?", (record_id,))

    def records(
        self, ids: Iterable[str] | None = None, feed_id: int | None = None
    ) -> Iterator[tuple[str, int, dict[str, Any]]]:
        """(record id, feed id, mapped record as JSON) for the given ids, one feed, or all."""
        if feed_id is not None:
            rows: Iterable[sqlite3.Row] = self.db.execute(
                "SELECT id, feed_id, data FROM records WHERE feed_id = ? ORDER BY id", (feed_id,)
            )
        elif ids is None:
            rows = self.db.execute("SELECT id, feed_id, data FROM records ORDER BY id")
        else:
            rows = self._select_in("SELECT id, feed_id, data FROM records WHERE id IN", ids)
        for row in rows:
            yield row["id"], row["feed_id"], json.loads(row["data"])

    def record_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM records").fetchone()[0])

    # -- clusters -------------------------------------------------------------------------

    def cluster_assignments(self) -> dict[str, str | None]:
        """record id -> cluster id, for every record with a mapped record."""
        rows = self.db.execute(
            "SELECT i.record_id, i.cluster_id FROM identity i JOIN records r ON r.id = i.record_id"
        )
        return {row["record_id"]: row["cluster_id"] for row in rows}

    def set_clusters(self, assignments: dict[str, str]) -> None:
        self.db.executemany(
            "UPDATE identity SET cluster_id = ? WHERE record_id = ?",
            [(cluster_id, record_id) for record_id, cluster_id in assignments.items()],
        )

    def put_cluster_texts(self, rows: Iterable[tuple[str, str]]) -> None:
        """Store merged records already written as JSON: (cluster id, JSON text)."""
        now = utcnow()
        self.db.executemany(
            "INSERT INTO clusters (id, data, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET data = excluded.data,"
            " updated_at = excluded.updated_at",
            [(cluster_id, text, now) for cluster_id, text in rows],
        )

    def cluster_texts(self, cluster_ids: Iterable[str]) -> dict[str, str]:
        """cluster id -> its merged record's JSON text, for the clusters that exist."""
        rows = self._select_in("SELECT id, data FROM clusters WHERE id IN", cluster_ids)
        return {row["id"]: row["data"] for row in rows}

    def delete_clusters(self, cluster_ids: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM clusters WHERE id = ?", [(c,) for c in cluster_ids])

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT data FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        return json.loads(row["data"]) if row else None

    def cluster_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM clusters")}

    def clusters(self) -> Iterator[dict[str, Any]]:
        for row in self.db.execute("SELECT data FROM clusters ORDER BY id"):
            yield json.loads(row["data"])

    def cluster_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0])

    # -- deduplication --------------------------------------------------------------------

    def add_cluster_decision(
        self,
        kind: str,
        record_a: str,
        record_b: str | None = None,
        *,
        author: str | None = None,
        note: str | None = None,
    ) -> int:
        """Store an administrator's merge / separate / split decision; return its id."""
        cursor = self.db.execute(
            "INSERT INTO cluster_decisions (kind, record_a, record_b, author, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (kind, record_a, record_b, author, note, utcnow()),
        )
        return int(cursor.lastrowid or 0)

    def cluster_decisions(self) -> list[dict[str, Any]]:
        """Every decision, oldest first (later ones override earlier ones)."""
        rows = self.db.execute("SELECT * FROM cluster_decisions ORDER BY id")
        return [dict(row) for row in rows]

    def delete_cluster_decision(self, decision_id: int) -> None:
        self.db.execute("DELETE FROM cluster_decisions WHERE id = ?", (decision_id,))

    def record_clusters(self, record_ids: Iterable[str]) -> dict[str, str | None]:
        """record id -> cluster id (None: not clustered), deleted records included."""
        rows = self._select_in(
            "SELECT record_id, cluster_id FROM identity WHERE record_id IN", record_ids
        )
        return {row["record_id"]: row["cluster_id"] for row in rows}

    def cluster_members(self, cluster_ids: Iterable[str]) -> dict[str, list[str]]:
        """cluster id -> ids of its mapped records (an empty list for an unknown cluster)."""
        cluster_ids = list(cluster_ids)
        found: dict[str, list[str]] = {cid: [] for cid in cluster_ids}
        rows = self._select_in(
            "SELECT i.cluster_id, i.record_id FROM identity i JOIN records r"
            " ON r.id = i.record_id WHERE i.cluster_id IN",
            cluster_ids,
        )
        for row in rows:
            found[row["cluster_id"]].append(row["record_id"])
        return found

    def cluster_in_use(self, cluster_id: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM identity WHERE cluster_id = ? UNION SELECT 1 FROM clusters"
            " WHERE id = ? LIMIT 1",
            (cluster_id, cluster_id),
        ).fetchone()
        return row is not None

    def unset_clusters(self, record_ids: Iterable[str]) -> None:
        self.db.executemany(
            "UPDATE identity SET cluster_id = NULL WHERE record_id = ?", [(r,) for r in record_ids]
        )

    def orphaned_assignments(self) -> list[str]:
        """Records still assigned to a cluster whose mapped record is gone (deleted)."""
        rows = self.db.execute(
            "SELECT record_id FROM identity WHERE cluster_id IS NOT NULL"
            " AND record_id NOT IN (SELECT id FROM records)"
        )
        return [row[0] for row in rows]

    def records_mapped_since(self, moment: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM records WHERE mapped_at >= ?", (moment,))
        return [row[0] for row in rows]

    def put_cluster_links(self, links: Iterable[tuple[str, str, str, float, str]]) -> None:
        """(record a, record b, cluster id, score, evidence JSON) of the pairs that merged."""
        self.db.executemany(
            "INSERT INTO cluster_links (record_a, record_b, cluster_id, score, evidence)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_a, record_b) DO UPDATE SET"
            " cluster_id = excluded.cluster_id, score = excluded.score,"
            " evidence = excluded.evidence",
            links,
        )

    def delete_cluster_links(self, record_ids: Iterable[str] | None = None) -> None:
        """Forget the links of these records (of every record when None)."""
        if record_ids is None:
            self.db.execute("DELETE FROM cluster_links")
            return
        pairs = [(r, r) for r in record_ids]
        self.db.executemany("DELETE FROM cluster_links WHERE record_a = ? OR record_b = ?", pairs)

    def links_among(self, record_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The stored links between any two of ``record_ids``, best first, with evidence."""
        record_ids = set(record_ids)
        rows = self._select_in(
            "SELECT record_a, record_b, score, evidence FROM cluster_links WHERE record_a IN",
            sorted(record_ids),
        )
        found = [
            {**dict(row), "evidence": json.loads(row["evidence"])}
            for row in rows
            if row["record_b"] in record_ids
        ]
        return sorted(found, key=lambda link: (-link["score"], link["record_a"], link["record_b"]))

    def provider_names(self) -> dict[str, str]:
        """Every provider name seen -> its provider identity."""
        return dict(self.db.execute("SELECT name, identity FROM provider_names"))

    def put_provider_names(
        self, identities: Mapping[str, str], gone: Iterable[str] = (), replace: bool = False
    ) -> None:
        """Store ``identities`` (name -> identity) and forget the names ``gone``; ``replace``:
        forget every other name too."""
        if replace:
            self.db.execute("DELETE FROM provider_names")
        self.db.executemany("DELETE FROM provider_names WHERE name = ?", ((n,) for n in gone))
        self.db.executemany(
            "INSERT INTO provider_names (name, identity) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET identity = excluded.identity",
            identities.items(),
        )

    def set_dedup_keys(
        self, rows: Iterable[tuple[str, str]], record_ids: Iterable[str] | None = None
    ) -> None:
        """Replace the blocking keys (key, record id) of ``record_ids`` (of all when None).

        For some records, only the keys that differ are written: an edit rarely changes a
        record's keys, and every key written dirties a page of two indexes.
        """
        if record_ids is None:
            self.db.execute("DELETE FROM dedup_keys")
            self.db.executemany("INSERT INTO dedup_keys (key, record_id) VALUES (?, ?)", rows)
            return
        new = set(rows)
        old = {
            (row[0], row[1])
            for row in self._select_in(
                "SELECT key, record_id FROM dedup_keys WHERE record_id IN", record_ids
            )
        }
        self.db.executemany(
            "DELETE FROM dedup_keys WHERE key = ? AND record_id = ?", sorted(old - new)
        )
        self.db.executemany(
            "INSERT INTO dedup_keys (key, record_id) VALUES (?, ?)", sorted(new - old)
        )

    def dedup_sharing(self, key: str) -> list[str]:
        rows = self.db.execute("SELECT record_id FROM dedup_keys WHERE key = ?", (key,))
        return [row[0] for row in rows]

    def dedup_keys_under(self, prefix: str) -> list[tuple[str, str]]:
        """Every (key, record id) of the keys starting with ``prefix`` (prefix left out)."""
        rows = self.db.execute(
            "SELECT key, record_id FROM dedup_keys WHERE key >= ? AND key < ?",
            (prefix, _prefix_end(prefix)),
        ).fetchall()
        return [(row[0][len(prefix) :], row[1]) for row in rows]

    def dedup_neighbours(self, prefix: str, key: str, width: int) -> list[tuple[str, str]]:
        """Up to ``width`` (key, record id) on each side of ``prefix + key``, within ``prefix``."""
        full = prefix + key
        end = _prefix_end(prefix)
        # Both sides in one statement: this is asked a few times for every changed record.
        rows = self.db.execute(
            "SELECT * FROM (SELECT key, record_id FROM dedup_keys WHERE key < ? AND key >= ?"
            " ORDER BY key DESC LIMIT ?) UNION ALL SELECT * FROM (SELECT key, record_id"
            " FROM dedup_keys WHERE key >= ? AND key < ? ORDER BY key LIMIT ?)",
            (full, prefix, width, full, end, width),
        ).fetchall()
        return [(row[0][len(prefix) :], row[1]) for row in rows]

    def has_dedup_keys(self) -> bool:
        return self.db.execute("SELECT 1 FROM dedup_keys LIMIT 1").fetchone() is not None

    def dedup_state(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM dedup_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_dedup_state(self, name: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO dedup_state (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    # -- helpers --------------------------------------------------------------------------

    def _select_in(
        self, sql: str, values: Iterable[Any], chunk: int = 500
    ) -> Iterator[sqlite3.Row]:
        values = list(values)
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            marks = ",".join("?" * len(part))
            yield from self.db.execute(f"{sql} ({marks})", part)


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside literals in our migrations)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


def _prefix_end(prefix: str) -> str:
    """The first key after every key starting with ``prefix`` (its last character, plus one)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
