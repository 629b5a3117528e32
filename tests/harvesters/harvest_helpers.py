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
    """An HTTP server on 127.0.0.1 and an ephemeral port, answering through `route`."""

    def __init__(self, route: Route) -> None:
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

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.hostport = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.hostport}"
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


# The only departure from the aggregator's command line: no politeness delay before the
# second request to a host (AutoThrottle would otherwise start at 1 s per page).
FAST = ("--setting", "AUTOTHROTTLE_START_DELAY=0")


def harvester_command(spider: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "harvesters", "crawl", spider, *args, *FAST]


def harvester_env(allow: list[str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MICROCAT_FETCH_ALLOWLIST", None)
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


def parse_output(stdout: bytes, feed_id: int) -> list[dict[str, Any]]:
    """Parse and check a harvester's stdout against the line contract."""
    text = stdout.decode("ascii")  # the lines are pure ASCII by contract
    assert text.endswith("\n"), f"stdout does not end with a complete line: {text[-200:]!r}"
    lines = [json.loads(line) for line in text.split("\n")[:-1]]
    assert lines, "no output at all"
    kinds = [line.get("type") for line in lines]
    assert kinds.count("summary") == 1 and kinds[-1] == "summary", kinds
    for line in lines:
        fields = {"record": RECORD_FIELDS, "error": ERROR_FIELDS, "summary": SUMMARY_FIELDS}[
            line["type"]
        ]
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
    assert summary["records"] == kinds.count("record")
    assert summary["errors"] == kinds.count("error")
    assert (summary["reason"] is None) == summary["complete"], summary
    return lines
