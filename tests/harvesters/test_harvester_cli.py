"""`python -m harvesters crawl ...`: arguments, exit codes, streams and the time limit."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from harvest_helpers import (
    REPO_ROOT,
    LocalServer,
    Reply,
    Route,
    Seen,
    harvester_command,
    harvester_env,
    run_harvester,
)

from harvesters.__main__ import build_parser, spider_arguments

Serve = Callable[[Route], LocalServer]


@pytest.mark.parametrize(
    "argv",
    [
        ["crawl", "ftp_spider", "--feed-id", "1", "--url", "https://x.org/"],
        ["crawl", "oai_pmh", "--url", "https://x.org/oai"],
        ["crawl", "oai_pmh", "--feed-id", "one", "--url", "https://x.org/oai"],
        ["crawl", "oai_pmh", "--feed-id", "1", "--url", "file:///etc/passwd"],
        ["crawl", "oai_pmh", "--feed-id", "1", "--url", "https://x.org/", "--from", "yesterday"],
        ["crawl", "oai_pmh", "--feed-id", "1", "--url", "https://x.org/", "--max-seconds", "0"],
        ["crawl", "json_api", "--feed-id", "1", "--url", "https://x.org/", "--setting", "x=1"],
        [
            "crawl",
            "json_api",
            "--feed-id",
            "1",
            "--url",
            "https://x.org/",
            "--setting",
            "HARVEST_FETCH_ALLOWLIST=10.0.0.1:80",
        ],
    ],
)
def test_bad_arguments_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(argv)
    assert exited.value.code == 2


def test_bad_arguments_exit_non_zero_without_output() -> None:
    completed = subprocess.run(
        harvester_command("oai_pmh", "--feed-id", "1", "--url", "gopher://x.org/"),
        cwd=REPO_ROOT,
        env=harvester_env(None),
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert b"not an http(s) URL" in completed.stderr


def test_a_malformed_allowlist_is_a_bad_argument() -> None:
    completed = subprocess.run(
        harvester_command("json_api", "--feed-id", "1", "--url", "http://127.0.0.1:9/"),
        cwd=REPO_ROOT,
        env=harvester_env(["127.0.0.1"]),
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert b"MICROCAT_FETCH_ALLOWLIST" in completed.stderr


@pytest.mark.parametrize(
    ("argv", "kwargs", "ignored"),
    [
        (
            ["oai_pmh", "--format", "nl_lom", "--set", "s", "--from", "2024-05-01"],
            {"metadata_prefix": "nl_lom", "oai_set": "s", "from_date": "2024-05-01"}
            | {"mode": "records"},
            [],
        ),
        (
            ["oai_pmh", "--identifiers", "--from", "2024-05-01", "--records-path", "a.b"],
            {"metadata_prefix": None, "oai_set": None, "from_date": "2024-05-01"}
            | {"mode": "identifiers"},
            ["--from", "--records-path"],
        ),
        (
            ["oai_pmh", "--list-sets"],
            {"metadata_prefix": None, "oai_set": None, "from_date": None, "mode": "sets"},
            [],
        ),
        (
            ["json_api", "--format", "ooapi", "--records-path", "data.items"],
            {"record_format": "ooapi", "records_path": "data.items", "id_path": None},
            [],
        ),
        (
            ["json_api", "--id-path", "meta.code"],
            {"record_format": None, "records_path": None, "id_path": "meta.code"},
            [],
        ),
        (["json_api"], {"record_format": None, "records_path": None, "id_path": None}, []),
        (["html", "--format", "schema.org"], {"from_date": None}, []),
        (
            ["html", "--set", "s", "--from", "2024-05-01T00:00:00Z", "--identifiers"],
            {"from_date": "2024-05-01T00:00:00Z"},
            ["--set", "--identifiers"],
        ),
        (["csv", "--from", "2024-05-01"], {}, ["--from"]),
        (["xcri_cap", "--format", "x"], {}, ["--format"]),
    ],
)
def test_spider_arguments(argv: list[str], kwargs: dict, ignored: list[str]) -> None:
    args = build_parser().parse_args(
        ["crawl", argv[0], "--feed-id", "3", "--url", "https://x.org/f", *argv[1:]]
    )
    assert spider_arguments(args) == ({"feed_id": 3, "url": "https://x.org/f", **kwargs}, ignored)


def test_logs_go_to_stderr_and_ignored_options_are_named() -> None:
    # Nothing listens there, and nothing is fetched: 127.0.0.1 is not allowlisted.
    harvest = run_harvester(
        "html", "--url", "http://127.0.0.1:9/sitemap.xml", "--set", "physics", allow=None
    )
    assert "warning: --set is ignored by the html spider" in harvest.stderr
    assert "Spider closed (finished)" in harvest.stderr
    assert harvest.summary["complete"] is False


@pytest.fixture
def stalled() -> Iterator[threading.Event]:
    release = threading.Event()
    yield release
    release.set()


def test_max_seconds_stops_the_crawl_as_incomplete(serve: Serve, stalled: threading.Event) -> None:
    def slow(seen: Seen) -> Reply:
        if seen.query.get("page") == "2":
            stalled.wait(timeout=30)
        return Reply(
            b'{"data": [{"id": "a"}], "links": {"next": "/?page=2"}}', 200, "application/json"
        )

    server = serve(slow)
    started = time.monotonic()
    harvest = run_harvester(
        "json_api", "--url", f"{server.url}/", "--max-seconds", "1", allow=[server.hostport]
    )

    assert time.monotonic() - started < 15
    assert [r["remote_id"] for r in harvest.records] == ["a"]
    assert harvest.summary["complete"] is False
    assert "time limit" in harvest.summary["reason"]


def test_an_oversized_page_is_not_downloaded(serve: Serve) -> None:
    server = serve(lambda seen: Reply(b"[" + b" " * 5000 + b"]", 200, "application/json"))
    harvest = run_harvester(
        "json_api",
        "--url",
        f"{server.url}/",
        "--setting",
        "DOWNLOAD_MAXSIZE=1000",
        allow=[server.hostport],
    )
    assert harvest.summary["complete"] is False
    assert "max size" in harvest.summary["reason"]


def test_a_crash_in_a_spider_fails_the_list(serve: Serve) -> None:
    # A setting that is not a number makes the spider raise when it reads it, after the
    # first page: a stand-in for any bug in a callback.
    server = serve(
        lambda seen: Reply(b'{"data": [{"id": "a"}], "next": "/?p=2"}', 200, "application/json")
    )
    harvest = run_harvester(
        "json_api",
        "--url",
        f"{server.url}/",
        "--setting",
        "HARVEST_MAX_EMPTY_PAGES=many",
        allow=[server.hostport],
    )
    assert [r["remote_id"] for r in harvest.records] == ["a"]
    assert harvest.summary["complete"] is False
    assert harvest.summary["reason"].startswith("harvester error:")
    assert harvest.errors[-1]["message"] == harvest.summary["reason"]
