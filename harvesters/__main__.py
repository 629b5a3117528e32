"""Run one harvest: `python -m harvesters crawl SPIDER --feed-id N --url URL [...]`.

The csv and xcri_cap spiders also read a file a provider uploaded: `--file PATH` instead of
`--url` (no network; see `HarvestSpider.read_local_file`).

The aggregator runs this as a subprocess and reads stdout as it streams: one JSON object per
line (`record`, `error`, in the oai_pmh `--identifiers` / `--list-sets` modes `identifier` /
`set`, then exactly one `summary`; see `harvesters.pipelines`). Logs go to stderr. The exit
code is 0 when the crawl ran, even if incomplete; 2 on bad arguments; 1 if the harvester
broke before it could write its summary (a summary is written anyway).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import warnings
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from harvesters import outcome
from harvesters.addresses import ALLOWED_SCHEMES, FetchAllowlist
from harvesters.tls import check_ca_bundle

# Imported only when chosen: the html spider pulls in extruct and rdflib, slow to import.
SPIDERS = {
    "oai_pmh": "harvesters.spiders.oai_pmh.OaiPmhSpider",
    "json_api": "harvesters.spiders.json_api.JsonApiSpider",
    "html": "harvesters.spiders.html.HtmlSpider",
    "xcri_cap": "harvesters.spiders.xcri_cap.XcriCapSpider",
    "csv": "harvesters.spiders.csv_feed.CsvSpider",
}
# The spiders that can read an uploaded file (`--file`) instead of fetching `--url`.
FILE_SPIDERS = frozenset({"csv", "xcri_cap"})
# OAI-PMH datestamps: a day, or a UTC second.
_DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
_SETTING_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
# What keeps a harvest from reaching private addresses, the verification of server
# certificates, and the output channel cannot be changed from the command line; the
# allowlist comes from MICROCAT_FETCH_ALLOWLIST only. (HARVEST_CA_BUNDLE can be set: it
# adds trusted certificate authorities, it does not turn verification off.)
_PROTECTED_SETTINGS = frozenset(
    {
        "DNS_RESOLVER",
        "DOWNLOADER_CLIENTCONTEXTFACTORY",
        "DOWNLOADER_MIDDLEWARES",
        "DOWNLOADER_MIDDLEWARES_BASE",
        "DOWNLOAD_HANDLERS",
        "DOWNLOAD_HANDLERS_BASE",
        "DOWNLOAD_VERIFY_CERTIFICATES",
        "HARVEST_FETCH_ALLOWLIST",
        "HARVEST_OUTPUT_FD",
        "HTTPCACHE_POLICY",
        "HTTPPROXY_ENABLED",
        "ITEM_PIPELINES",
        "REMOTE_CONTROL_ENABLED",
        "TELNETCONSOLE_ENABLED",
        "TWISTED_DNS_RESOLVER",
    }
)


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value


def _datestamp(value: str) -> str:
    if not _DATESTAMP.match(value):
        raise argparse.ArgumentTypeError(
            f"not an OAI-PMH datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): {value!r}"
        )
    return value


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {value!r}")
    return seconds


def _records_path(value: str) -> str:
    if not re.match(r"^[^.\s]+(\.[^.\s]+)*$", value):
        raise argparse.ArgumentTypeError(f"not a dotted path such as data.items: {value!r}")
    return value


def _setting(value: str) -> tuple[str, str]:
    name, sep, setting_value = value.partition("=")
    if not sep or not _SETTING_NAME.match(name):
        raise argparse.ArgumentTypeError(f"not NAME=VALUE: {value!r}")
    if name in _PROTECTED_SETTINGS:
        raise argparse.ArgumentTypeError(f"{name} cannot be changed from the command line")
    if name == "HARVEST_CA_BUNDLE" and setting_value:
        try:
            setting_value = check_ca_bundle(setting_value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"HARVEST_CA_BUNDLE: {exc}") from exc
    return name, setting_value


def _local_file(value: str) -> str:
    path = os.path.abspath(value)
    if not os.path.isfile(path):
        raise argparse.ArgumentTypeError(f"not a file: {value!r}")
    if not os.access(path, os.R_OK):
        raise argparse.ArgumentTypeError(f"cannot read {value!r}")
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m harvesters", description="Harvest one feed as JSON lines on stdout."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    crawl = commands.add_parser("crawl", help="run one spider over one feed")
    crawl.add_argument("spider", choices=sorted(SPIDERS))
    crawl.add_argument("--feed-id", type=int, required=True, help="copied onto every line")
    source = crawl.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", type=_http_url, help="the feed URL")
    source.add_argument(
        "--file",
        type=_local_file,
        metavar="PATH",
        help=f"{', '.join(sorted(FILE_SPIDERS))}: harvest a file a provider uploaded instead"
        " of a URL; read from disk (no network) with the DOWNLOAD_MAXSIZE cap",
    )
    crawl.add_argument(
        "--format",
        help="oai_pmh: the metadataPrefix (default: ask ListMetadataFormats);"
        " json_api: the format name on records (default: demo_json)",
    )
    crawl.add_argument("--set", dest="oai_set", help="oai_pmh: the setSpec to harvest")
    crawl.add_argument(
        "--from", dest="from_date", type=_datestamp, help="oai_pmh: harvest changes since"
    )
    listing = crawl.add_mutually_exclusive_group()
    listing.add_argument(
        "--identifiers",
        action="store_true",
        help="oai_pmh: list every identifier (ListIdentifiers, full list) as `identifier`"
        " lines instead of harvesting records; for reconciling deletions",
    )
    listing.add_argument(
        "--list-sets",
        action="store_true",
        help="oai_pmh: list the repository's sets (ListSets) as `set` lines",
    )
    crawl.add_argument(
        "--records-path",
        type=_records_path,
        help="json_api: dotted path of the record list in each page (e.g. data.items);"
        " default: recognised profiles, then data, items, results, records",
    )
    crawl.add_argument(
        "--id-path",
        type=_records_path,
        help="json_api: dotted path of each record's identifier (e.g. meta.courseCode);"
        " default: id, identifier, code, uuid, @id and the known profiles' keys",
    )
    crawl.add_argument(
        "--cache-dir",
        help="json_api, html: HTTP cache directory kept between runs of this feed; pages are"
        " revalidated (If-None-Match / If-Modified-Since) and a 304 page writes nothing",
    )
    crawl.add_argument(
        "--max-seconds", type=_positive_seconds, help="stop (incomplete) after this long"
    )
    crawl.add_argument(
        "--setting",
        type=_setting,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (operators and tests)",
    )
    return parser


def spider_arguments(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    """The spider's keyword arguments, and the options this spider ignores."""
    kwargs: dict[str, Any] = {"feed_id": args.feed_id, "url": args.url}
    if args.file:
        kwargs["file"] = args.file
    ignored: list[str] = []
    if args.spider == "oai_pmh":
        mode = "identifiers" if args.identifiers else "sets" if args.list_sets else "records"
        kwargs.update(
            metadata_prefix=args.format, oai_set=args.oai_set, from_date=args.from_date, mode=mode
        )
        if args.from_date and mode != "records":
            ignored.append("--from")
        for option, value in (
            ("--records-path", args.records_path),
            ("--id-path", args.id_path),
            ("--cache-dir", args.cache_dir),
        ):
            if value:
                ignored.append(option)
        return kwargs, ignored
    if args.spider == "json_api":
        kwargs["record_format"] = args.format
        kwargs["records_path"] = args.records_path
        kwargs["id_path"] = args.id_path
    elif args.format and args.format != "schema.org":
        ignored.append("--format")
    if args.records_path and args.spider != "json_api":
        ignored.append("--records-path")
    if args.id_path and args.spider != "json_api":
        ignored.append("--id-path")
    if args.cache_dir and args.spider not in ("json_api", "html"):
        ignored.append("--cache-dir")
    if args.spider == "html":
        kwargs["from_date"] = args.from_date
    elif args.from_date:
        ignored.append("--from")
    if args.oai_set:
        ignored.append("--set")
    if args.identifiers:
        ignored.append("--identifiers")
    if args.list_sets:
        ignored.append("--list-sets")
    return kwargs, ignored


def build_settings(args: argparse.Namespace, output_fd: int) -> Settings:
    settings = Settings()
    settings.setmodule("harvesters.settings", priority="project")
    # Only the chosen spider is imported (SPIDERS); Scrapy's spider loader would import
    # every spider module, and extruct and rdflib with the html one (~0.6 s per run).
    settings.set("SPIDER_MODULES", [], priority="cmdline")
    for name, value in args.setting:
        settings.set(name, value, priority="cmdline")
    if args.max_seconds:
        settings.set("CLOSESPIDER_TIMEOUT", args.max_seconds, priority="cmdline")
    if args.cache_dir and args.spider in ("json_api", "html"):
        # Every page is revalidated; see harvesters.httpcache.
        settings.set("HTTPCACHE_ENABLED", True, priority="cmdline")
        settings.set("HTTPCACHE_DIR", os.path.abspath(args.cache_dir), priority="cmdline")
    settings.set("HARVEST_OUTPUT_FD", output_fd, priority="cmdline")
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.file and args.spider not in FILE_SPIDERS:
        parser.error(f"--file is for the {' and '.join(sorted(FILE_SPIDERS))} spiders; use --url")
    try:
        FetchAllowlist.parse(os.environ.get("MICROCAT_FETCH_ALLOWLIST", ""))
    except ValueError as exc:
        parser.error(f"MICROCAT_FETCH_ALLOWLIST: {exc}")
    if os.environ.get("MICROCAT_CA_BUNDLE"):
        try:
            check_ca_bundle(os.environ["MICROCAT_CA_BUNDLE"])
        except ValueError as exc:
            parser.error(f"MICROCAT_CA_BUNDLE: {exc}")
    kwargs, ignored = spider_arguments(args)
    for option in ignored:
        print(f"warning: {option} is ignored by the {args.spider} spider", file=sys.stderr)

    # stdout belongs to the JSON lines: keep a private copy of it for the pipeline and
    # send anything else that writes to stdout (a stray print, a C library) to stderr.
    sys.stdout.flush()
    output_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    # Scrapy 2.19 deprecates DOWNLOADER_CLIENTCONTEXTFACTORY in favour of
    # DOWNLOAD_VERIFY_CERTIFICATES, which has no way to add a certificate authority
    # (HARVEST_CA_BUNDLE); both are set (harvesters.tls), so the warning is noise.
    warnings.filterwarnings(
        "ignore", message="The 'DOWNLOADER_CLIENTCONTEXTFACTORY' setting is deprecated"
    )
    process = CrawlerProcess(build_settings(args, output_fd))
    crawler = process.create_crawler(load_object(SPIDERS[args.spider]))
    process.crawl(crawler, **kwargs)
    process.start()

    stats = crawler.stats
    if stats is not None and stats.get_value(outcome.SUMMARY_WRITTEN):
        return 0
    # The crawl broke before the spider closed: the reader still gets its last line.
    summary = {
        "type": "summary",
        "feed_id": args.feed_id,
        "complete": False,
        "records": stats.get_value(outcome.RECORDS, 0) if stats is not None else 0,
        "errors": stats.get_value(outcome.ERRORS, 0) if stats is not None else 0,
        "reason": "the harvester failed before finishing; see its log",
    }
    with open(output_fd, "w", encoding="ascii", closefd=False) as out:
        out.write(json.dumps(summary) + "\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
