"""The ``microcat`` command line: every job the scheduler runs is also a command here."""

from __future__ import annotations

import dataclasses
import json
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import click

from aggregator.config import Settings
from aggregator.store import FeedError, HarvestInProgress, RunState, Store

PROTOCOL_CHOICE = click.Choice(["oai-pmh", "json", "html", "xcri-cap", "csv"])


class Instance:
    """Settings plus the store and search backend, opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stores = threading.local()
        self._backend: Any = None

    @property
    def store(self) -> Store:
        """This thread's connection to the store.

        The worker harvests feeds in parallel threads: one SQLite connection would carry
        their transactions into each other ("cannot start a transaction within a
        transaction"), where connections of their own wait for each other's.
        """
        store: Store | None = getattr(self._stores, "store", None)
        if store is None:
            store = self._stores.store = Store(self.settings.db_path)
        return store

    @property
    def backend(self) -> Any:
        if self._backend is None:
            self._backend = self.settings.open_backend()
        return self._backend


pass_instance = click.make_pass_decorator(Instance)


@click.group()
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    envvar="MICROCAT_DATA_DIR",
    help="Instance folder (default ./instance).",
)
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None) -> None:
    """Microcat: a federated catalogue of micro-credentials."""
    overrides: dict[str, Any] = {"data_dir": data_dir} if data_dir else {}
    try:
        ctx.obj = Instance(Settings.from_env(**overrides))
    except ValueError as error:
        raise click.UsageError(str(error)) from None


@main.command()
@pass_instance
def init(instance: Instance) -> None:
    """Create the instance folder, the store (migrated) and the search index."""
    store = instance.store
    click.echo(f"store {store.path} at schema version {store.schema_version}")
    click.echo(
        f"search backend {instance.settings.search_backend}: {instance.backend.count()} documents"
    )


@main.command()
def schema() -> None:
    """Print the JSON Schema of the common elements."""
    from mappings.elements import documented_json_schema

    click.echo(json.dumps(documented_json_schema(), indent=2, ensure_ascii=False))


# -- feeds --------------------------------------------------------------------------------


@main.group()
def feeds() -> None:
    """Register and list feeds."""


@feeds.command("add")
@click.argument("url")
@click.option("--protocol", type=PROTOCOL_CHOICE, required=True)
@click.option(
    "--format", "format_", help="Metadata format (oai_dc, lom, ...); detected if omitted."
)
@click.option("--set", "set_spec", help="OAI-PMH set to harvest.")
@click.option("--name", help="A name people recognise.")
@click.option(
    "--kind",
    type=click.Choice(["provider", "catalogue", "platform"]),
    default="provider",
    show_default=True,
    help="Whose catalogue this is: deduplication prefers a provider's own feed.",
)
@click.option("--interval", type=float, default=24, show_default=True, help="Hours between runs.")
@click.option(
    "--field-map",
    type=click.File("r", encoding="utf-8"),
    help="For JSON no known profile describes: a JSON file naming, per element, the path "
    "of its value (see README).",
)
@pass_instance
def feeds_add(
    instance: Instance,
    url: str,
    protocol: str,
    format_: str | None,
    set_spec: str | None,
    name: str | None,
    kind: str,
    interval: float,
    field_map: Any,
) -> None:
    """Register a feed and print its id."""
    fields = None
    if field_map is not None:
        try:
            fields = json.load(field_map)
        except ValueError as error:
            raise click.BadParameter(f"not JSON: {error}", param_hint="--field-map") from None
    try:
        feed = instance.store.add_feed(
            url,
            protocol,
            format=format_,
            set_spec=set_spec,
            name=name,
            kind=kind,
            interval_hours=interval,
            field_map=fields,
        )
    except FeedError as error:
        raise click.BadParameter(str(error)) from None
    click.echo(feed.id)


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
@pass_instance
def feeds_list(instance: Instance, as_json: bool) -> None:
    """List the registered feeds with their last run."""
    rows = []
    for feed in instance.store.feeds():
        runs = instance.store.runs(feed.id, limit=1)
        row = feed.to_json()
        row["last_run"] = runs[0].to_json() if runs else None
        row["records"] = instance.store.raw_count(feed.id)
        rows.append(row)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        last = row["last_run"]
        state = f"{last['state']} {last['finished_at'] or ''}" if last else "never harvested"
        click.echo(
            f"{row['id']:>4}  {row['protocol']:<8} {row['format'] or '-':<10} "
            f"{row['records']:>6} records  {state:<32} {row['name'] or ''} {row['url']}"
        )


# -- harvest ------------------------------------------------------------------------------


def _progress_printer(label: str) -> Any:
    def show(name: str, counts: Counter[str]) -> None:
        done = sum(counts[k] for k in ("new", "changed", "unchanged", "deleted"))
        click.echo(
            f"\r  {label or name}: {done} records ({counts['new']} new, "
            f"{counts['changed']} changed, {counts['deleted']} deleted, "
            f"{counts['errors']} errors)",
            nl=False,
            err=True,
        )

    return show


def harvest_one(
    instance: Instance, feed_id: int, full: bool = False, file: str | None = None
) -> bool:
    """Harvest a feed, print its outcome, and say whether it did not fail."""
    from aggregator.pipeline import HarvestFailed, harvest

    feed = instance.store.feed(feed_id)
    click.echo(f"harvesting feed {feed.id} ({feed.name or feed.url})", err=True)
    try:
        result = harvest(
            instance.store,
            instance.backend,
            feed,
            instance.settings,
            progress=_progress_printer(feed.name or ""),
            incremental=not full,
            file=file,
        )
    except HarvestFailed as error:
        raise click.BadParameter(str(error)) from None
    except HarvestInProgress as error:
        click.echo(f"  {error}", err=True)
        return False
    run = result.run
    click.echo("", err=True)
    click.echo(
        f"feed {feed.id}: {run.state} — {run.new} new, {run.changed} changed, "
        f"{run.unchanged} unchanged, {run.deleted} deleted, {run.errors} errors"
        + (f" — {run.message}" if run.message else "")
    )
    for failure in result.errors[:10]:
        click.echo(
            f"  error {failure['remote_id'] or failure['url'] or ''}: {failure['message']}",
            err=True,
        )
    if len(result.errors) > 10:
        click.echo(f"  … and {len(result.errors) - 10} more errors", err=True)
    return run.state != RunState.FAILED


@main.command("harvest")
@click.argument("feed_id", type=int, required=False)
@click.option("--all", "all_feeds", is_flag=True, help="Harvest every registered feed.")
@click.option("--full", is_flag=True, help="Ignore the watermark: harvest everything.")
@click.option(
    "--file",
    type=click.Path(exists=True, dir_okay=False),
    help="CSV and XCRI-CAP feeds: harvest an uploaded file instead of the feed's URL.",
)
@pass_instance
def harvest_command(
    instance: Instance, feed_id: int | None, all_feeds: bool, full: bool, file: str | None
) -> None:
    """Harvest FEED_ID (or --all); exits non-zero when a run failed."""
    if (feed_id is None) == (not all_feeds):
        raise click.UsageError("give a FEED_ID or --all")
    if file and all_feeds:
        raise click.UsageError("--file goes with one FEED_ID")
    ids = [f.id for f in instance.store.feeds()] if all_feeds else [feed_id]
    try:
        for number in ids:
            instance.store.feed(int(number or 0))  # every feed named exists
    except KeyError as error:
        raise click.BadParameter(str(error.args[0])) from None
    results = []
    for number in ids:
        try:
            results.append(harvest_one(instance, int(number or 0), full, file))
        except Exception as error:
            if not all_feeds:
                raise
            # One feed's failure (recorded on its run) does not stop the others.
            click.echo(f"feed {number}: failed — {error!r}")
            results.append(False)
    if not all(results):
        sys.exit(1)


def reconcile_one(instance: Instance, feed_id: int, force: bool = False) -> bool:
    """Reconcile a feed against its identifier list, print the outcome, say if it worked."""
    from aggregator.pipeline import reconcile

    feed = instance.store.feed(feed_id)
    state, removed, reason = reconcile(
        instance.store, instance.backend, feed, instance.settings, force=force
    )
    if state != RunState.OK:
        click.echo(f"feed {feed_id}: nothing removed — {reason}")
        return False
    click.echo(f"feed {feed_id}: {removed} records no longer listed, removed")
    return True


@main.command("reconcile")
@click.argument("feed_id", type=int)
@click.option(
    "--force",
    is_flag=True,
    help="Remove what the list leaves out even when it is more than half of the feed.",
)
@pass_instance
def reconcile_command(instance: Instance, feed_id: int, force: bool) -> None:
    """Remove records an OAI-PMH feed no longer lists (after a complete identifier list)."""
    from aggregator.pipeline import HarvestFailed

    try:
        ok = reconcile_one(instance, feed_id, force)
    except (KeyError, HarvestFailed) as error:
        raise click.BadParameter(str(error.args[0])) from None
    if not ok:
        sys.exit(1)


@main.command()
@pass_instance
def reindex(instance: Instance) -> None:
    """Rebuild the search index from the store (the old index serves until the swap)."""
    from aggregator.pipeline import reindex as rebuild

    count = rebuild(instance.store, instance.backend)
    click.echo(f"indexed {count} records")


@main.command()
@click.argument("feed_id", type=int, required=False)
@click.option("--all", "all_feeds", is_flag=True)
@pass_instance
def remap(instance: Instance, feed_id: int | None, all_feeds: bool) -> None:
    """Re-run the mappings over stored raw payloads (no re-harvest)."""
    from aggregator.pipeline import remap as run_remap
    from mappings.reference import ReferenceListError

    if (feed_id is None) == (not all_feeds):
        raise click.UsageError("give a FEED_ID or --all")
    try:
        counts = run_remap(
            instance.store,
            instance.backend,
            instance.settings,
            feed_id,
            progress=lambda n: click.echo(f"\r  mapped {n}", nl=False, err=True),
        )
    except ReferenceListError as error:
        raise click.ClickException(f"MICROCAT_REFERENCE_DIR cannot be used: {error}") from None
    click.echo("", err=True)
    click.echo(f"mapped {counts['mapped']} records, {counts['errors']} errors")


@main.command()
@click.argument("feed_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_instance
def report(instance: Instance, feed_id: int, as_json: bool) -> None:
    """Mapping report: for each common element, how many of a feed's records carry it."""
    from aggregator.reports import REPORT_ELEMENTS, mapping_report

    try:
        result = mapping_report(instance.store, feed_id)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0])) from None
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
        return
    total = result.records
    click.echo(f"feed {feed_id}: {total} mapped records")
    for name in REPORT_ELEMENTS:
        count = result.elements[name]
        share = f"{100 * count / total:5.1f}%" if total else "    –"
        derived = f"  ({result.derived[name]} derived)" if result.derived[name] else ""
        click.echo(f"  {name:<26} {count:>7}  {share}{derived}")
    colours = ", ".join(f"{k} {v}" for k, v in sorted(result.transparency.items()))
    click.echo(f"  transparency: {colours or '–'}")


# -- clusters -----------------------------------------------------------------------------


@main.group()
def clusters() -> None:
    """See why records were merged; merge or split them by hand (decisions persist)."""


def _title(texts: dict[str, str]) -> str:
    return texts.get("en") or next(iter(texts.values()), "") if texts else ""


def _decision_line(row: dict[str, Any]) -> str:
    records = " ".join(r for r in (row["record_a"], row["record_b"]) if r)
    by = f" by {row['author']}" if row["author"] else ""
    note = f" — {row['note']}" if row["note"] else ""
    return f"#{row['id']}  {row['created_at']}  {row['kind']:<8} {records}{by}{note}"


@clusters.command("show")
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
@pass_instance
def clusters_show(instance: Instance, record_id: str, as_json: bool) -> None:
    """The cluster of RECORD_ID (a record or cluster id): members and why they are together."""
    from aggregator.dedup import cluster_report

    report = cluster_report(instance.store, record_id)
    if report is None:
        raise click.BadParameter(f"no record or cluster with id {record_id}")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    members = report["members"]
    click.echo(f"cluster {report['cluster_id']}: {len(members)} records")
    for member in members:
        click.echo(
            f"  {member['record_id']}  feed {member['feed_id']}"
            f" ({member['feed_name'] or '?'}, {member['feed_kind']})"
            f"  remote id {member['remote_id']}  {_title(member['title'])!r}"
        )
    if report["links"]:
        click.echo("why together:")
    for link in report["links"]:
        evidence = link["evidence"]
        features = ", ".join(f"{name} {value:+.2f}" for name, value in evidence["features"].items())
        flags = "".join(
            [
                " merged by a decision" if link.get("by_decision") else "",
                " shared identifier or URL" if evidence.get("exact") else "",
                f" (overrides: {evidence['veto']})" if evidence.get("veto") else "",
            ]
        )
        click.echo(
            f"  {link['record_a']} ~ {link['record_b']}  score {link['score']:.2f}"
            f"{flags}: {features or '-'}"
        )
    if report["decisions"]:
        click.echo("decisions:")
    for row in report["decisions"]:
        click.echo(f"  {_decision_line(row)}")


def _decide(instance: Instance, kind: str, a: str, b: str | None, reason: str | None) -> None:
    from aggregator.pipeline import apply_decision

    try:
        decision_id = apply_decision(
            instance.store, instance.backend, kind, a, b, author=_operator(), note=reason
        )
    except KeyError as error:
        raise click.BadParameter(str(error.args[0])) from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    cluster_of = instance.store.record_clusters([r for r in (a, b) if r])
    where = ", ".join(f"{r} in cluster {c or '-'}" for r, c in cluster_of.items())
    click.echo(f"decision #{decision_id} ({kind}) applied: {where}")


def _operator() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return None


@clusters.command("merge")
@click.argument("record_a")
@click.argument("record_b")
@click.option("--reason", help="Why: kept with the decision.")
@pass_instance
def clusters_merge(instance: Instance, record_a: str, record_b: str, reason: str | None) -> None:
    """RECORD_A and RECORD_B list one offer: their clusters become one, whatever the scores."""
    _decide(instance, "merge", record_a, record_b, reason)


@clusters.command("split")
@click.argument("record_id")
@click.option("--from", "other", metavar="RECORD_ID", help="Only keep it apart from this record.")
@click.option("--reason", help="Why: kept with the decision.")
@pass_instance
def clusters_split(
    instance: Instance, record_id: str, other: str | None, reason: str | None
) -> None:
    """Take RECORD_ID out of its cluster (an offer of its own), or only apart from --from."""
    if other is None:
        _decide(instance, "split", record_id, None, reason)
    else:
        _decide(instance, "separate", record_id, other, reason)


@clusters.command("decisions")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
@pass_instance
def clusters_decisions(instance: Instance, as_json: bool) -> None:
    """Every merge / split decision, oldest first (a later one overrides an earlier one)."""
    rows = instance.store.cluster_decisions()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no decisions")
    for row in rows:
        click.echo(_decision_line(row))


@clusters.command("refresh")
@click.option("--full", is_flag=True, help="Recompute every cluster from scratch.")
@pass_instance
def clusters_refresh(instance: Instance, full: bool) -> None:
    """Bring the clusters up to date (what a harvest does after storing its records)."""
    from aggregator.pipeline import refresh_clusters

    written, removed = refresh_clusters(instance.store, instance.backend, full=full)
    click.echo(f"{written} clusters written, {removed} removed")


# -- search and export --------------------------------------------------------------------


@main.command()
@click.argument("text", required=False, default="")
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="NAME=VALUE",
    help="A /api/search parameter, e.g. eqf=6 or isced=06; repeatable.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_instance
def search(instance: Instance, text: str, filters: tuple[str, ...], as_json: bool) -> None:
    """Search the catalogue as /api/search does."""
    from search_api.service import BadSearchRequest, MultiDictLike, parse_search_args, run_search

    pairs = [("q", text)] if text else []
    for item in filters:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--filter")
        pairs.append((name.strip(), value.strip()))
    try:
        query = parse_search_args(MultiDictLike(pairs))
    except BadSearchRequest as error:
        raise click.BadParameter(str(error)) from None
    page = run_search(instance.backend, query)
    if as_json:
        click.echo(json.dumps(page.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{page.total} offers")
    for hit in page.hits:
        ects = f"{hit.ects:g} ECTS" if hit.ects is not None else "– ECTS"
        click.echo(
            f"{hit.id}  {hit.title}  ·  {hit.provider or '?'} ({hit.country or '?'})"
            f"  ·  {ects}  ·  EQF {hit.eqf or '–'}"
        )


@main.command()
@click.option(
    "--format", "format_", type=click.Choice(["jsonl"]), default="jsonl", show_default=True
)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@pass_instance
def export(instance: Instance, format_: str, output: Any) -> None:
    """The catalogue as learners see it: one canonical record per line, with its sources."""
    for data in instance.store.clusters():
        output.write(json.dumps(data, ensure_ascii=False) + "\n")


# -- serving ------------------------------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_instance
def serve(instance: Instance, host: str, port: int) -> None:
    """Serve the search UI and the JSON API (for many workers use gunicorn, see README)."""
    from web import create_app

    app = create_app({"DATA_DIR": str(instance.settings.data_dir)})
    _serve(app, host, port, f"Microcat is serving on http://{host}:{port}/")


@main.command()
@pass_instance
def worker(instance: Instance) -> None:
    """Run the scheduler: harvest every feed at its interval (exactly one per instance)."""
    from aggregator.scheduler import run_scheduler

    run_scheduler(
        instance.settings,
        lambda feed_id: harvest_one(instance, feed_id),
        lambda feed_id: reconcile_one(instance, feed_id),
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--offers",
    default=300,
    show_default=True,
    type=int,
    help="How many offers the example providers publish.",
)
@click.option("--no-serve", is_flag=True, help="Harvest the examples, then stop.")
@pass_instance
def demo(instance: Instance, host: str, port: int, offers: int, no_serve: bool) -> None:
    """Start example providers on 127.0.0.1, harvest them over HTTP, serve the search UI."""
    from aggregator.demo.providers import DemoProviders

    _demo_reference_lists(instance)
    providers = DemoProviders(offers=offers)
    feeds_ = providers.start()
    try:
        hosts = tuple(_host_port(feed.url) for feed in feeds_)
        instance.settings = _with_allowlist(instance.settings, hosts)
        click.echo(
            f"example providers on {', '.join(hosts)}; instance {instance.settings.data_dir}"
        )
        ok = True
        for feed in feeds_:
            registered = instance.store.add_demo_feed(
                feed.url,
                feed.protocol,
                format=feed.format,
                name=feed.name,
                kind=getattr(feed, "kind", "provider"),
            )
            ok = harvest_one(instance, registered.id, full=True) and ok
        if not ok:
            raise click.ClickException("a demo harvest failed; see the errors above")
        click.echo(f"{instance.backend.count()} offers searchable")
        if no_serve:
            return
        from web import create_app

        app = create_app({"DATA_DIR": str(instance.settings.data_dir), "SEARCH": instance.backend})
        _serve(app, host, port, f"Open http://{host}:{port}/ — Ctrl+C stops")
    finally:
        providers.stop()


SHARED_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "shared/data/reference/deqar-eter"
"""The DEQAR/ETER lists beside a development checkout (``../shared``); never shipped (GPL)."""


def _demo_reference_lists(instance: Instance) -> None:
    """Match the demo's providers and QA bodies against ``../shared``'s lists when present
    and ``MICROCAT_REFERENCE_DIR`` is unset (the demo only: an install says where its are)."""
    if instance.settings.reference_dir is None and SHARED_REFERENCE_DIR.is_dir():
        instance.settings = dataclasses.replace(
            instance.settings, reference_dir=SHARED_REFERENCE_DIR
        )
        click.echo(f"provider reference lists from {SHARED_REFERENCE_DIR}")


def _serve(app: Any, host: str, port: int, ready: str) -> None:
    """Serve ``app``; say ``ready`` only once the port is bound, so the URL works when shown."""
    from werkzeug.serving import make_server

    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error}") from None
    click.echo(ready)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _host_port(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}"


def _with_allowlist(settings: Settings, hosts: tuple[str, ...]) -> Settings:
    from dataclasses import replace

    return replace(settings, fetch_allowlist=tuple(dict.fromkeys(settings.fetch_allowlist + hosts)))
