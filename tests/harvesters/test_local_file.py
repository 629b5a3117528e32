"""`--file PATH`: a CSV or XCRI-CAP file a provider uploaded, harvested from disk."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harvest_helpers import (
    REPO_ROOT,
    SAMPLE_DATA,
    LocalServer,
    Reply,
    Route,
    harvester_command,
    harvester_env,
    run_harvester,
)

from harvesters.__main__ import main

Serve = Callable[[Route], LocalServer]

CASES = [
    ("csv", "harvest/csv/offers.csv", "text/csv; charset=utf-8"),
    ("xcri_cap", "harvest/xcri-cap/microcat-catalog.xml", "application/xml"),
]


def comparable(line: dict[str, Any], feed_url: str | None) -> dict[str, Any]:
    """A line without what differs between two runs: fetch time, the document's own URL."""
    line = {name: value for name, value in line.items() if name != "fetched_at"}
    if feed_url is not None and line.get("url") == feed_url:
        line["url"] = None  # a record whose data has no URL: the feed URL, else nothing
    if feed_url is not None and "message" in line:
        line["message"] = line["message"].replace(feed_url, "SOURCE")
    return line


@pytest.mark.parametrize(("spider", "path", "content_type"), CASES, ids=["csv", "xcri_cap"])
def test_a_file_gives_the_lines_of_the_same_document_over_http(
    serve: Serve, spider: str, path: str, content_type: str
) -> None:
    body = (SAMPLE_DATA / path).read_bytes()
    server = serve(lambda seen: Reply(body, 200, content_type))
    feed_url = f"{server.url}/feed"
    over_http = run_harvester(spider, "--url", feed_url, allow=[server.hostport])

    local = run_harvester(spider, "--file", str(SAMPLE_DATA / path), allow=None)

    assert len(server.requests) == 1  # only the HTTP run fetched
    assert local.records  # the samples hold records (and error lines)
    assert [comparable(line, None) for line in local.lines] == [
        comparable(line, feed_url) for line in over_http.lines
    ]
    # The records' url comes from the data: never a made-up URL for the file.
    urls = {record["url"] for record in local.records}
    assert None in urls and all(url is None or url.startswith("https://") for url in urls)
    assert all(error["url"] is None for error in local.errors)
    assert local.summary["complete"] is True


def test_a_relative_path_and_messages_name_the_file(tmp_path: Path) -> None:
    upload = tmp_path / "upload.csv"
    upload.write_bytes(b"id,title\n1,ok\n2,\n")
    # Relative to the working directory (the repository root in run_harvester).
    harvest = run_harvester("csv", "--file", os.path.relpath(upload, REPO_ROOT))

    assert [r["remote_id"] for r in harvest.records] == ["1"]
    assert harvest.records[0]["url"] is None
    (error,) = harvest.errors
    assert "line 3 has no title" in error["message"]
    assert error["url"] is None


def test_a_file_that_cannot_be_read_fails_the_list_naming_it(tmp_path: Path) -> None:
    upload = tmp_path / "latin1.csv"
    upload.write_bytes("id,title\n1,Sécurité\n".encode("latin-1"))
    harvest = run_harvester("xcri_cap", "--file", str(upload))

    assert harvest.records == []
    assert harvest.summary["complete"] is False
    assert harvest.summary["reason"].startswith(f"malformed XCRI-CAP document at {upload}")


def test_the_download_size_cap_holds_for_files(tmp_path: Path) -> None:
    upload = tmp_path / "big.csv"
    upload.write_bytes(b"id,title\n" + b"x,y\n" * 100)
    harvest = run_harvester("csv", "--file", str(upload), "--setting", "DOWNLOAD_MAXSIZE=100")

    assert harvest.records == []
    (error,) = harvest.errors
    assert error["message"] == f"{upload} is larger (409 bytes) than DOWNLOAD_MAXSIZE (100 bytes)"
    assert harvest.summary["complete"] is False
    assert harvest.summary["reason"] == error["message"]


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["csv", "--url", "https://x.org/a.csv", "--file", "README.md"], "not allowed with"),
        (["csv"], "one of the arguments --url --file is required"),
        (["csv", "--file", "/nonexistent/offers.csv"], "not a file"),
        (["oai_pmh", "--file", "README.md"], "--file is for the csv and xcri_cap spiders"),
        (["json_api", "--file", "README.md"], "--file is for the csv and xcri_cap spiders"),
    ],
    ids=["both", "neither", "missing", "oai_pmh", "json_api"],
)
def test_bad_file_arguments_are_refused(
    args: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spider, *rest = args
    with pytest.raises(SystemExit) as exited:
        main(["crawl", spider, "--feed-id", "1", *rest])
    assert exited.value.code == 2
    assert complaint in capsys.readouterr().err


def test_a_file_harvest_writes_nothing_but_lines_and_needs_no_network(tmp_path: Path) -> None:
    upload = tmp_path / "offers.csv"
    upload.write_bytes(b"id,title,url\nA,Alpha,https://example.org/a\n")
    completed = subprocess.run(
        harvester_command("csv", "--feed-id", "3", "--file", str(upload)),
        cwd=REPO_ROOT,
        env=harvester_env(None),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0
    lines = completed.stdout.decode("ascii").splitlines()
    assert len(lines) == 2 and '"remote_id": "A"' in lines[0] and '"complete": true' in lines[1]
    assert b"Dumping Scrapy stats" in completed.stderr
    assert b"downloader/request_count" not in completed.stderr  # nothing was downloaded
