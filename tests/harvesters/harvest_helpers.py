"""Local HTTP servers and a harvester runner, shared by the harvester tests.

(A plain module with a unique name, imported by the tests; the `serve` fixture is in
conftest.py.)

Harvests run exactly as the aggregator runs them: `python -m harvesters crawl ...` in a
subprocess, with `MICROCAT_FETCH_ALLOWLIST` naming the test server, reading JSON lines from
stdout. `run_harvester` checks every line against the output contract, so each test that
runs a harvest also checks the contract.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DATA = REPO_ROOT / "tests" / "sample_data"
USER_AGENT = "Microcat-harvester/0.1 (+https://github.com/microcat)"

RECORD_FIELDS = {
    "type": str,
    "feed_id": int,
    "remote_id": str,
    "datestamp": (str, type(None)),
    "deleted": bool,
    "media_type": str,
    "format": str,
    "payload": str,
    "url": (str, type(None)),
    "fetched_at": str,
}
ERROR_FIELDS = {
    "type": str,
    "feed_id": int,
    "remote_id": (str, type(None)),
    "url": (str, type(None)),
    "message": str,
}
SUMMARY_FIELDS = {
    "type": str,
    "feed_id": int,
    "complete": bool,
    "records": int,
    "errors": int,
    "reason": (str, type(None)),
}
# Optional summary fields, after the fixed ones: counts first, then what the spider learnt
# about the source in alphabetical order.
SUMMARY_COUNTS = {"identifiers": int, "sets": int, "not_modified_pages": int}
SUMMARY_EXTRAS = {
    "deleted_record": (str, type(None)),
    "earliest_datestamp": (str, type(None)),
    "granularity": (str, type(None)),
    "identify_error": str,
    "profile": str,
    "skipped_nodes": int,
    "skipped_unchanged": int,
    "watermark": str,
}
IDENTIFIER_FIELDS = {"type": str, "feed_id": int, "remote_id": str, "deleted": bool}
SET_FIELDS = {"type": str, "feed_id": int, "set_spec": str, "set_name": (str, type(None))}


def sample(path: str) -> bytes:
    """The bytes of a file under tests/sample_data/."""
    return (SAMPLE_DATA / path).read_bytes()


@dataclass
class Reply:
    """What a test server answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Seen:
    """A request a test server received."""

    path: str
    query: dict[str, str]
    raw_query: str
    headers: dict[str, str]


Route = Callable[[Seen], Reply]


class LocalServer:
    """An HTTP server on 127.0.0.1 and an ephemeral port, answering through `route`.

    With `tls` (a server-side `ssl.SSLContext`) it serves HTTPS; the TLS handshake runs in
    the connection's own thread, so a client that gives up cannot stall the server.
    """

    def __init__(self, route: Route, tls: ssl.SSLContext | None = None) -> None:
        self.route = route
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                parts = urlsplit(self.path)
                seen = Seen(
                    parts.path,
                    dict(parse_qsl(parts.query, keep_blank_values=True)),
                    parts.query,
                    {k.lower(): v for k, v in self.headers.items()},
                )
                server.requests.append(seen)
                try:
                    reply = server.route(seen)
                except Exception as exc:  # a broken test route must show, not hang
                    reply = Reply(f"test route failed: {exc!r}".encode(), 599, "text/plain")
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def get_request(self) -> tuple[socket.socket, Any]:
                sock, address = super().get_request()
                sock.settimeout(10)
                if tls is not None:
                    sock = tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
                return sock, address

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a refused handshake is what some tests are about

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.hostport = f"127.0.0.1:{self.port}"
        self.url = f"{'https' if tls else 'http'}://{self.hostport}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]


@dataclass
class Harvest:
    """The outcome of one harvester subprocess."""

    returncode: int
    lines: list[dict[str, Any]]
    stderr: str

    @property
    def records(self) -> list[dict[str, Any]]:
        return [line for line in self.lines if line["type"] == "record"]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [line for line in self.lines if line["type"] == "error"]

    @property
    def summary(self) -> dict[str, Any]:
        return self.lines[-1]

    def by_id(self) -> dict[str, dict[str, Any]]:
        return {record["remote_id"]: record for record in self.records}


# The only departures from the aggregator's command line: no politeness delay before the
# second request to a host (AutoThrottle would otherwise start at 1 s per page), and short
# back-off waits before retries (tests that measure the waits set their own).
FAST = (
    "--setting",
    "AUTOTHROTTLE_START_DELAY=0",
    "--setting",
    "HARVEST_RETRY_BACKOFF=0.05",
)


def harvester_command(spider: str, *args: str) -> list[str]:
    # FAST first: a test's own --setting comes later and wins.
    return [sys.executable, "-m", "harvesters", "crawl", spider, *FAST, *args]


def harvester_env(allow: list[str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MICROCAT_FETCH_ALLOWLIST", None)
    env.pop("MICROCAT_CA_BUNDLE", None)
    if allow:
        env["MICROCAT_FETCH_ALLOWLIST"] = ",".join(allow)
    return env


def run_harvester(
    spider: str, *args: str, allow: list[str] | None = None, feed_id: int = 7, timeout: float = 60
) -> Harvest:
    """Run `python -m harvesters crawl SPIDER --feed-id N ARGS...` and check its output."""
    completed = subprocess.run(
        harvester_command(spider, "--feed-id", str(feed_id), *args),
        cwd=REPO_ROOT,
        env=harvester_env(allow),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    stderr = completed.stderr.decode("utf-8", "replace")
    harvest = Harvest(completed.returncode, parse_output(completed.stdout, feed_id), stderr)
    assert harvest.returncode == 0, stderr[-3000:]
    return harvest


def harvest_oai_dc(server: LocalServer, *args: str) -> Harvest:
    """The oai_pmh harvester run over ``server``'s base URL in oai_dc, with ``args`` added."""
    return run_harvester(
        "oai_pmh", "--url", server.url, "--format", "oai_dc", *args, allow=[server.hostport]
    )


def parse_output(stdout: bytes, feed_id: int) -> list[dict[str, Any]]:
    """Parse and check a harvester's stdout against the line contract."""
    text = stdout.decode("ascii")  # the lines are pure ASCII by contract
    assert text.endswith("\n"), f"stdout does not end with a complete line: {text[-200:]!r}"
    lines = [json.loads(line) for line in text.split("\n")[:-1]]
    assert lines, "no output at all"
    kinds = [line.get("type") for line in lines]
    assert kinds.count("summary") == 1 and kinds[-1] == "summary", kinds
    for line in lines:
        fields = {
            "record": RECORD_FIELDS,
            "error": ERROR_FIELDS,
            "summary": SUMMARY_FIELDS,
            "identifier": IDENTIFIER_FIELDS,
            "set": SET_FIELDS,
        }[line["type"]]
        if line["type"] == "summary":
            counts = [name for name in SUMMARY_COUNTS if name in line]
            extras = sorted(name for name in line if name in SUMMARY_EXTRAS)
            fields = {**fields, **{n: SUMMARY_COUNTS[n] for n in counts}}
            fields |= {n: SUMMARY_EXTRAS[n] for n in extras}
        assert list(line) == list(fields), f"fields of {line['type']} line: {list(line)}"
        for name, kind in fields.items():
            assert isinstance(line[name], kind), f"{line['type']}.{name} = {line[name]!r}"
        assert line["feed_id"] == feed_id
    for record in lines[:-1]:
        if record["type"] == "record":
            stamp = datetime.fromisoformat(record["fetched_at"])
            assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0
            if record["deleted"]:
                assert record["payload"] == ""
    summary = lines[-1]
    assert summary.get("identifiers", 0) == kinds.count("identifier")
    assert summary.get("sets", 0) == kinds.count("set")
    assert summary["records"] == kinds.count("record")
    assert summary["errors"] == kinds.count("error")
    assert (summary["reason"] is None) == summary["complete"], summary
    return lines


def identify_xml(
    granularity: str = "YYYY-MM-DDThh:mm:ssZ",
    deleted_record: str = "persistent",
    earliest: str = "2000-01-01T00:00:00Z",
    response_date: str = "2026-01-02T03:04:05Z",
) -> bytes:
    """An Identify response (hand-written, after the OAI-PMH 2.0 specification)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>{response_date}</responseDate>
  <request verb="Identify">http://127.0.0.1/oai</request>
  <Identify>
    <repositoryName>Test repository</repositoryName>
    <baseURL>http://127.0.0.1/oai</baseURL>
    <protocolVersion>2.0</protocolVersion>
    <adminEmail>admin@example.org</adminEmail>
    <earliestDatestamp>{earliest}</earliestDatestamp>
    <deletedRecord>{deleted_record}</deletedRecord>
    <granularity>{granularity}</granularity>
  </Identify>
</OAI-PMH>""".encode()


def with_identify(route: Route, identify: bytes | None = None) -> Route:
    """An OAI-PMH route that also answers Identify (with `identify_xml()` by default)."""
    body = identify if identify is not None else identify_xml()

    def answer(seen: Seen) -> Reply:
        if seen.query.get("verb") == "Identify":
            return Reply(body)
        return route(seen)

    return answer


def list_requests(server: LocalServer) -> list[Seen]:
    """The requests a test server got, without Identify."""
    return [seen for seen in server.requests if seen.query.get("verb") != "Identify"]


def spider_in_process(
    spider_cls: type, settings: dict[str, Any] | None = None, **kwargs: Any
) -> Any:
    """A spider bound to a test crawler, for calling its callbacks without a crawl.

    For checks of one page's handling that need no network; every harvest end to end runs
    through `run_harvester` instead.
    """
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(spider_cls, {"HARVEST_MAX_EMPTY_PAGES": 50, **(settings or {})})
    return spider_cls.from_crawler(crawler, feed_id=7, **kwargs)


def page_response(url: str, body: bytes, content_type: str = "text/plain") -> Any:
    """A downloaded page as a spider callback gets it."""
    from scrapy.http import Request
    from scrapy.http.response.text import TextResponse

    return TextResponse(
        url, body=body, headers={"Content-Type": content_type}, request=Request(url)
    )


def summary_of(spider: Any, close_reason: str = "finished") -> dict[str, Any]:
    """The summary line a crawl of `spider` would end with."""
    from harvesters import outcome

    return outcome.build_summary(spider.feed_id, spider.crawler.stats, close_reason)
