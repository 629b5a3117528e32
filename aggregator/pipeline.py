"""The harvest pipeline: run a spider, store what it streams, map, deduplicate, index.

A harvester runs as a subprocess (``python -m harvesters crawl ...``) and writes RawRecord
JSON lines to its stdout; they are stored and mapped as they arrive. Only a run that walked
the whole list is ``ok`` and advances the feed's watermark; nothing here deletes a record
because a run failed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aggregator.config import Settings
from aggregator.dedup import (
    FULL_SHARE,
    Decisions,
    add_decision,
    can_update,
    recluster_all,
    recluster_changed,
    stored_members,
)
from aggregator.store import Feed, HarvestRun, Outcome, RefreshBusy, RunState, Store, utcnow
from mappings.reference import ProviderReference, ReferenceListError, enrich
from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import Record
from search_api.backends.base import SearchBackend
from search_api.documents import to_document

log = logging.getLogger(__name__)

SPIDERS = {
    "oai-pmh": "oai_pmh",
    "json": "json_api",
    "html": "html",
    "xcri-cap": "xcri_cap",
    "csv": "csv",
}
"""Spider per feed protocol; protocols missing here have no harvester yet."""

UPLOADS = ("csv", "xcri-cap")
"""Protocols whose providers may upload a file instead of publishing a URL."""

BATCH = 500
WATERMARK_OVERLAP = timedelta(days=1)
"""Incremental runs start this long before the last good run, so nothing falls between."""

Progress = Callable[[str, Counter[str]], None]


class HarvestFailed(RuntimeError):
    pass


@dataclass
class HarvestResult:
    run: HarvestRun
    errors: list[dict[str, Any]]


WATERMARK_OVERLAP_SECONDS = timedelta(minutes=5)
"""Overlap for repositories with seconds granularity (clock skew, records written mid-run)."""


def next_watermark(repository_time: str | None, started: datetime) -> str:
    """Where the next incremental run starts: the run's start minus an overlap.

    ``repository_time`` is the repository's own clock at the start (OAI responseDate, in its
    granularity); without it, our start date is used.
    """
    text = (repository_time or "").strip()
    latest = started.replace(tzinfo=None) + REPOSITORY_CLOCK_SKEW
    if _OAI_SECONDS.fullmatch(text):
        with contextlib.suppress(ValueError):  # "2026-02-30T…", "T24:00:00", a leap second
            moment = datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
            if moment <= latest:
                return (moment - WATERMARK_OVERLAP_SECONDS).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif _OAI_DAY.fullmatch(text):
        with contextlib.suppress(ValueError):  # "2026-02-30"
            day = datetime.strptime(text, "%Y-%m-%d")
            if day <= latest:
                return (day - WATERMARK_OVERLAP).strftime("%Y-%m-%d")
    # No clock, or one that is not a date in OAI-PMH's form or runs far ahead (a repository
    # at 9999-12-31 would freeze the feed): our own start.
    return (started - WATERMARK_OVERLAP).strftime("%Y-%m-%d")


REPOSITORY_CLOCK_SKEW = timedelta(days=1)
"""How far a repository's clock may run ahead of ours and still be taken as its time."""

_OAI_SECONDS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_OAI_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def spider_command(
    feed: Feed, settings: Settings, incremental: bool = True, file: str | None = None
) -> list[str]:
    """The subprocess command that harvests ``feed`` (from an uploaded ``file`` if given)."""
    try:
        spider = SPIDERS[feed.protocol]
    except KeyError:
        raise HarvestFailed(f"no harvester for protocol {feed.protocol!r} yet") from None
    command = [
        sys.executable,
        "-m",
        "harvesters",
        "crawl",
        spider,
        "--feed-id",
        str(feed.id),
        *(["--file", file] if file else ["--url", feed.url]),
        "--max-seconds",
        str(int(settings.harvest_timeout)),
    ]
    if feed.format:
        command += ["--format", feed.format]
    if feed.set_spec:
        command += ["--set", feed.set_spec]
    field_map = feed.mapping_options.get("field_map") or {}
    if field_map.get("records"):
        command += ["--records-path", field_map["records"]]
    if field_map.get("id"):
        command += ["--id-path", field_map["id"]]
    if incremental and feed.watermark and feed.protocol in ("oai-pmh", "html"):
        command += ["--from", feed.watermark]
    if feed.protocol in ("json", "html"):
        # Conditional requests: unchanged pages are answered 304 and cost nothing.
        command += ["--cache-dir", str(settings.data_dir / "httpcache" / f"feed-{feed.id}")]
    return command


def map_payload(
    raw: dict[str, Any],
    options: dict[str, Any] | None = None,
    reference: ProviderReference | None = None,
) -> dict[str, Any]:
    """Map one stored or streamed raw record to the common elements, as JSON.

    Args:
        raw: the RawRecord (as streamed, or a stored row).
        options: the feed's mapping options (``Feed.mapping_options``).
        reference: the provider reference lists the provider is matched against
            (``provider_reference``); None: the record keeps what it says.
    """
    try:
        record = map_raw(
            RawInput(
                payload=raw["payload"],
                format=raw["format"],
                media_type=raw.get("media_type") or "",
                remote_id=raw["remote_id"],
                url=raw.get("url"),
                options=options,
            )
        )
        if reference is not None:
            enrich(record, reference)
        return record.model_dump(mode="json", exclude_none=False)
    except (MappingError, ValidationError):
        raise
    except Exception as error:
        # A value no rule foresaw (a list where an id belongs, a number past float's range,
        # nesting deeper than the stack): this record cannot be mapped; the others can.
        kind = raw.get("format")
        log.warning("the %s mapping failed on %r", kind, raw.get("remote_id"), exc_info=True)
        raise MappingError(
            f"{kind}: this record could not be read ({type(error).__name__}: {error})"
        ) from error


def provider_reference(settings: Settings) -> ProviderReference | None:
    """The reference lists of ``settings.reference_dir`` (loaded once per process and folder),
    or None when there is none: then records keep what they say.

    Raises:
        mappings.reference.ReferenceListError: a list in the folder cannot be read.
    """
    folder = settings.reference_dir
    return _load_reference(folder) if folder else None


@cache
def _load_reference(folder: Path) -> ProviderReference:
    return ProviderReference.from_folder(folder)


RECONCILE_MAX_UNLISTED = 0.5
"""Share of a feed's live records a reconcile removes at most for being left out of the list
(records the list marks deleted always go)."""

REFRESH_WAIT = 900.0
"""Seconds a harvest waits at most for another refresh of the clusters (a full one of a
million records takes a few minutes) before it ends without refreshing."""

ABANDONED_MARGIN = 3600.0
"""Seconds beyond ``Settings.harvest_timeout`` after which a run still open counts as
abandoned (its process stopped without recording an end) and no longer blocks the feed."""


def harvest(
    store: Store,
    backend: SearchBackend,
    feed: Feed,
    settings: Settings,
    progress: Progress | None = None,
    incremental: bool = True,
    file: str | None = None,
) -> HarvestResult:
    """Harvest one feed end to end and return the finished run.

    ``file``: an uploaded CSV or XCRI-CAP file harvested instead of the feed's URL.

    Raises:
        aggregator.store.HarvestInProgress: the feed is being harvested already.
        HarvestFailed: ``file`` given for a feed that does not take uploads, or reference
            lists (``MICROCAT_REFERENCE_DIR``) that cannot be read; no run is started.
    """
    if file and feed.protocol not in UPLOADS:
        raise HarvestFailed(f"only {' and '.join(UPLOADS)} feeds take an uploaded file")
    try:
        reference = provider_reference(settings)  # a broken list stops here, not every record
    except ReferenceListError as error:
        raise HarvestFailed(f"MICROCAT_REFERENCE_DIR cannot be used: {error}") from None
    run = store.start_run(feed.id, abandoned_after=settings.harvest_timeout + ABANDONED_MARGIN)
    started = datetime.now(UTC)
    # Another refresh is waited for a while (REFRESH_WAIT), and never past the moment after
    # which another process could take this run for abandoned (half the margin is left for
    # the refresh itself).
    refresh_deadline = time.monotonic() + settings.harvest_timeout + ABANDONED_MARGIN / 2
    counts: Counter[str] = Counter()
    summary: dict[str, Any] | None = None
    message: str | None = None
    try:
        try:
            command = spider_command(feed, settings, incremental, file)
            for line in _stream(command, settings):
                summary = _ingest_batch(
                    store, run.id, line, counts, summary, feed.mapping_options, reference
                )
                if progress:
                    progress(feed.name or feed.url, counts)
        except HarvestFailed as error:
            message = str(error)
        state, message = _verdict(summary, counts, message)
        # Always, not only when this run changed something: it also takes what an earlier
        # run stored but could not cluster (stopped by an error). With nothing mapped,
        # deleted or decided since the last refresh, it stops after a few queries.
        try:
            wait = min(REFRESH_WAIT, refresh_deadline - time.monotonic())
            refresh_clusters(store, backend, wait=wait)
        except RefreshBusy as error:
            # Stored, but not clustered: the next refresh takes these records. The watermark
            # stays, so the next run asks for them again too.
            state = RunState.FAILED
            message = (
                f"records stored but not yet searchable: {error}; the next harvest or"
                " `microcat clusters refresh` makes them so"
            )
        if state is RunState.OK:
            # The repository's own clock (responseDate) needs no overlap; ours does.
            watermark = next_watermark((summary or {}).get("watermark"), started)
            store.set_watermark(feed.id, watermark)
    except BaseException as error:
        # Whatever stopped the run (a database error, Ctrl+C), it ends as failed, never left
        # open: an open run would refuse every later harvest of the feed. What was stored
        # so far stays; the next harvest goes on from the last watermark. If even that
        # cannot be written, the run is closed once abandoned; the first error is raised.
        try:
            if store.db.in_transaction:
                store.db.rollback()
            store.finish_run(run.id, RunState.FAILED, counts, f"stopped: {error!r}")
        except Exception:
            log.exception("the end of harvest run %s could not be recorded", run.id)
        raise
    finished = store.finish_run(run.id, state, counts, message)
    return HarvestResult(finished, store.run_errors(run.id))


def _verdict(
    summary: dict[str, Any] | None, counts: Counter[str], message: str | None
) -> tuple[RunState, str | None]:
    seen = sum(counts[k] for k in ("new", "changed", "unchanged", "deleted"))
    if summary is None:
        return RunState.FAILED, message or "the harvester stopped without a summary"
    if summary.get("identify_error") and not message:
        message = f"Identify failed: {summary['identify_error']}"
    if summary.get("complete"):
        return RunState.OK, message
    reason = summary.get("reason") or "the list was not harvested to its end"
    return (RunState.PARTIAL if seen else RunState.FAILED), reason


def _ingest_batch(
    store: Store,
    run_id: int,
    lines: list[dict[str, Any]],
    counts: Counter[str],
    summary: dict[str, Any] | None,
    options: dict[str, Any],
    reference: ProviderReference | None,
) -> dict[str, Any] | None:
    with store.transaction():
        for item in lines:
            kind = item.get("type")
            if kind == "summary":
                summary = item
            elif kind == "error":
                counts["errors"] += 1
                store.add_run_error(
                    run_id, item.get("message") or "error", item.get("remote_id"), item.get("url")
                )
            elif kind == "record":
                _ingest_record(store, run_id, item, counts, options, reference)
    return summary


def _ingest_record(
    store: Store,
    run_id: int,
    item: dict[str, Any],
    counts: Counter[str],
    options: dict[str, Any],
    reference: ProviderReference | None,
) -> None:
    try:
        with store.savepoint():
            outcome, record_id = store.put_raw(item)
    except (ValueError, TypeError, KeyError) as error:
        # A remote id or payload that cannot be stored (a lone surrogate, which UTF-8 cannot
        # encode; a line without an id): this record is refused, the batch goes on.
        counts["errors"] += 1
        store.add_run_error(
            run_id, f"record refused: {error}", item.get("remote_id"), item.get("url")
        )
        return
    counts[str(outcome)] += 1
    if outcome is Outcome.DELETED:
        store.delete_record(record_id)
    elif outcome in (Outcome.NEW, Outcome.CHANGED):
        try:
            store.put_record(record_id, int(item["feed_id"]), map_payload(item, options, reference))
        except (MappingError, ValueError) as error:
            counts["errors"] += 1
            store.add_run_error(
                run_id,
                f"mapping failed: {error}",
                item.get("remote_id"),
                item.get("url"),
            )


def _stream(command: list[str], settings: Settings) -> Iterator[list[dict[str, Any]]]:
    """Run the harvester; yield its JSON lines in batches as they arrive."""
    env = dict(os.environ)
    env["MICROCAT_FETCH_ALLOWLIST"] = ",".join(settings.fetch_allowlist)
    with (
        tempfile.TemporaryFile(mode="w+b") as stderr,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True, bufsize=1
        ) as process,
    ):
        # A hard stop a little after the spider's own time limit.
        timer = threading.Timer(settings.harvest_timeout + 60, process.kill)
        timer.start()
        batch: list[dict[str, Any]] = []
        try:
            assert process.stdout is not None
            for text in process.stdout:
                try:
                    batch.append(json.loads(text))
                except json.JSONDecodeError:
                    log.warning("harvester wrote a line that is not JSON: %.200s", text)
                    continue
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
            if batch:
                yield batch
            code = process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
        if code != 0:
            stderr.seek(0)
            tail = stderr.read()[-2000:].decode("utf-8", "replace").strip()
            raise HarvestFailed(f"harvester exited with code {code}: {tail}")


def reconcile(
    store: Store, backend: SearchBackend, feed: Feed, settings: Settings, *, force: bool = False
) -> tuple[RunState, int, str | None]:
    """Remove what an OAI-PMH repository no longer lists (for repositories without deletions).

    Lists every identifier (ListIdentifiers, no ``from``); only after the complete list are the
    feed's live records missing from it, or listed as deleted, turned into tombstones. A list
    that leaves out more than ``RECONCILE_MAX_UNLISTED`` of the live records removes nothing
    unless ``force``: a repository that answers "no records" while it is broken looks the same
    as one that dropped its catalogue, and only an operator can tell which.

    Returns:
        (state of the listing, records removed, reason when nothing was removed).
    """
    if feed.protocol != "oai-pmh":
        raise HarvestFailed("only OAI-PMH feeds are reconciled by identifier list")
    listed: set[str] = set()
    deleted: set[str] = set()
    summary: dict[str, Any] | None = None
    try:
        command = [*spider_command(feed, settings, incremental=False), "--identifiers"]
        for batch in _stream(command, settings):
            for item in batch:
                if item.get("type") == "identifier":
                    (deleted if item.get("deleted") else listed).add(str(item["remote_id"]))
                elif item.get("type") == "summary":
                    summary = item
    except HarvestFailed as error:
        return RunState.FAILED, 0, str(error)
    if not summary or not summary.get("complete"):
        reason = (summary or {}).get("reason") or "the identifier list was not complete"
        return RunState.FAILED, 0, reason
    live = {row["remote_id"] for row in store.raw_records(feed.id)}
    unlisted = live - listed - deleted
    refused = None
    if not force and live and len(unlisted) > RECONCILE_MAX_UNLISTED * len(live):
        refused = (
            f"the list leaves out {len(unlisted)} of the feed's {len(live)} records, more than"
            f" {RECONCILE_MAX_UNLISTED:.0%}; they stay (if the repository really dropped"
            f" them: microcat reconcile {feed.id} --force)"
        )
        unlisted = set()  # what the list marks deleted still goes
    gone = sorted(unlisted | (live & deleted))
    with store.transaction():
        for remote_id in gone:
            _, record_id = store.put_raw(
                {"feed_id": feed.id, "remote_id": remote_id, "deleted": True}
            )
            store.delete_record(record_id)
    if gone:
        refresh_clusters(store, backend)
    if refused:
        return RunState.FAILED, len(gone), refused
    return RunState.OK, len(gone), None


# -- clusters and index ------------------------------------------------------------------


def refresh_clusters(
    store: Store,
    backend: SearchBackend,
    changed: Iterable[str] | None = None,
    *,
    full: bool = False,
    wait: float | None = None,
) -> tuple[int, int]:
    """Bring the clusters up to date; store and index the clusters that changed.

    One refresh runs at a time per store (``Store.refresh_lock``): harvests of several feeds
    may end together, in threads of the worker or in other processes.

    Args:
        changed: ids of the records that are new, changed or deleted since the last refresh.
            When None, the records mapped or named in a decision since the last refresh and
            the deleted ones still assigned to a cluster are taken.
        full: re-cluster every record (blocking, scoring and agglomeration from scratch);
            done anyway on the first refresh or when many records changed. Both ways give
            the same clusters and honour every administrator's decision.
        wait: seconds to wait at most for a refresh in progress elsewhere (``None``: as long
            as it takes).

    Returns:
        (clusters written, clusters removed).

    Raises:
        aggregator.store.RefreshBusy: another refresh held the lock for over ``wait`` seconds.
            Nothing is lost: the next refresh takes every record mapped since the last one.
    """
    with store.refresh_lock(wait):
        return _refresh_clusters(store, backend, changed, full=full)


INDEX_BEHIND = "index_behind"
"""Dedup state: "1" when clusters were stored but indexing them failed (the engine was busy or
down). The next refresh then rebuilds the index from the stored clusters first: the clusters
it would compute are the stored ones, so it would have nothing left to index."""


def _refresh_clusters(
    store: Store, backend: SearchBackend, changed: Iterable[str] | None, *, full: bool
) -> tuple[int, int]:
    # The moment is taken holding the write lock: a harvest batch still open elsewhere has
    # committed by then, so no record mapped before it can be missed by this refresh and
    # skipped by the next as older than the moment.
    with store.transaction():
        started = utcnow()
    if store.dedup_state(INDEX_BEHIND) == "1":
        _rebuild_index(store, backend)
    rows = store.cluster_decisions()
    decisions = Decisions.resolve((row["kind"], row["record_a"], row["record_b"]) for row in rows)
    if changed is None and not full:
        since = store.dedup_state("refreshed_at")
        full = since is None
        if since is not None:
            decided = [row for row in rows if row["created_at"] >= since]
            named = {
                *(row["record_a"] for row in decided),
                *(row["record_b"] for row in decided if row["record_b"]),
            }
            changed = {
                *store.records_mapped_since(since),
                *store.orphaned_assignments(),
                *named,
                # A decision may change a whole cluster: its members are matched again too,
                # as a full recomputation would ("split a" also frees what a held together).
                *_cluster_mates(store, named),
            }
    changed = None if changed is None else set(changed)
    if changed is not None and not full:
        if not changed and can_update(store):
            return 0, 0  # nothing mapped, deleted or decided since the last refresh
        full = not can_update(store) or len(changed) > FULL_SHARE * store.record_count()
    if full or changed is None:
        written, removed = recluster_all(store, stored_members(store), decisions)
    else:
        written, removed = recluster_changed(store, changed, decisions)
    store.set_dedup_state("refreshed_at", started)
    try:
        if written:
            backend.index(to_document(Record.model_validate(data)) for data in written)
        if removed:
            backend.delete(removed)
    except BaseException:
        store.set_dedup_state(INDEX_BEHIND, "1")
        raise
    return len(written), len(removed)


def _cluster_mates(store: Store, record_ids: Iterable[str]) -> set[str]:
    clusters = {cid for cid in store.record_clusters(record_ids).values() if cid}
    return {rid for rids in store.cluster_members(clusters).values() for rid in rids}


def apply_decision(
    store: Store,
    backend: SearchBackend,
    kind: str,
    record_a: str,
    record_b: str | None = None,
    *,
    author: str | None = None,
    note: str | None = None,
) -> int:
    """Record an administrator's merge, separate or split decision and apply it at once: the
    records it names and the members of their clusters are matched again, and the clusters
    that changed are stored and indexed. Later refreshes, full or not, keep honouring it.

    Returns:
        The decision's id.

    Raises:
        KeyError: a record id the store does not know.
        ValueError: a decision of the wrong shape (see :func:`aggregator.dedup.add_decision`).
    """
    named = [record_id for record_id in (record_a, record_b) if record_id]
    known = store.record_clusters(named)
    unknown = [record_id for record_id in named if record_id not in known]
    if unknown:
        raise KeyError(f"no record with id {unknown[0]}")
    decision_id = add_decision(store, kind, record_a, record_b, author=author, note=note)
    refresh_clusters(store, backend)
    return decision_id


def remap(
    store: Store,
    backend: SearchBackend,
    settings: Settings,
    feed_id: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Counter[str]:
    """Re-run the mappings over stored raw payloads (no re-harvest), then re-cluster.

    Raises:
        mappings.reference.ReferenceListError: ``settings.reference_dir`` holds a list that
            cannot be read (nothing is remapped).
    """
    reference = provider_reference(settings)
    counts: Counter[str] = Counter()
    feeds = {feed.id: feed for feed in store.feeds()}
    rows = list(store.raw_records(feed_id))
    for start in range(0, len(rows), BATCH):
        with store.transaction():
            for row in rows[start : start + BATCH]:
                try:
                    options = feeds[row["feed_id"]].mapping_options
                    store.put_record(
                        row["record_id"], row["feed_id"], map_payload(dict(row), options, reference)
                    )
                    counts["mapped"] += 1
                except (MappingError, ValueError):
                    counts["errors"] += 1
        if progress:
            progress(min(start + BATCH, len(rows)))
    refresh_clusters(store, backend)
    return counts


def reindex(store: Store, backend: SearchBackend) -> int:
    """Rebuild the search index from the stored clusters (atomic swap); not while the clusters
    are refreshed, whose writes to the old index the switch would drop."""
    with store.refresh_lock():
        return _rebuild_index(store, backend)


def _rebuild_index(store: Store, backend: SearchBackend) -> int:
    count = backend.rebuild(_documents(store.clusters()))
    store.set_dedup_state(INDEX_BEHIND, "0")
    return count


def _documents(clusters: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for data in clusters:
        yield to_document(Record.model_validate(data))
