"""OAI-PMH harvest throughput and memory: the real spider against a fast loopback repository.

A repository of generated oai_dc records (default 200,000, pages of 500, every tenth page
with a deleted header) runs in its own process on 127.0.0.1 (a ThreadingHTTPServer; each
page is rendered once from a record template, then served from a cache of bytes). The spider
runs exactly as the aggregator runs it (`python -m harvesters crawl oai_pmh ...`, default
settings, AutoThrottle on) and its stdout is consumed as the pipeline does: lines parsed as
they stream, stored with `aggregator.store.Store.put_raw` in batches of 500 inside one
transaction each, into a scratch SQLite file. Printed: records/s end to end (spider start
to summary line stored), the peak RSS of the spider process (from `wait4`) and of the
consumer (this process; the repository runs apart), and the summary line.

    python benchmarks/harvest_oai.py
    python benchmarks/harvest_oai.py --records 50000 --page-size 200 --keep-store
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aggregator.store import Store  # noqa: E402

BATCH = 500
RECORD = (
    "<record><header><identifier>oai:bench.example.org:{n}</identifier>"
    "<datestamp>2026-01-{day:02d}T10:00:00Z</datestamp><setSpec>courses</setSpec></header>"
    '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>Short course {n}: data skills for public services</dc:title>"
    "<dc:creator>Example University {provider}</dc:creator>"
    "<dc:subject>0613</dc:subject><dc:subject>open data</dc:subject>"
    "<dc:description>A five-ECTS micro-credential on cleaning, analysing and publishing"
    " open data, with a final project assessed by the teaching team ({n}).</dc:description>"
    "<dc:publisher>Example University {provider}</dc:publisher><dc:date>2026</dc:date>"
    "<dc:type>course</dc:type><dc:language>en</dc:language>"
    "<dc:identifier>https://courses.example.org/{n}</dc:identifier>"
    "<dc:rights>https://creativecommons.org/licenses/by/4.0/</dc:rights>"
    "</oai_dc:dc></metadata></record>"
)
DELETED = (
    '<record><header status="deleted"><identifier>oai:bench.example.org:{n}</identifier>'
    "<datestamp>2026-01-{day:02d}T10:00:00Z</datestamp></header></record>"
)


def render_page(page: int, size: int, total: int) -> bytes:
    start = page * size
    stop = min(start + size, total)
    records = "".join(
        (DELETED if page % 10 == 9 and n == start else RECORD).format(
            n=n, day=n % 28 + 1, provider=n % 977
        )
        for n in range(start, stop)
    )
    token = str(page + 1) if stop < total else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        "<responseDate>2026-02-01T00:00:00Z</responseDate>"
        '<request verb="ListRecords">http://127.0.0.1/oai</request><ListRecords>'
        f"{records}"
        f'<resumptionToken completeListSize="{total}" cursor="{start}">{token}</resumptionToken>'
        "</ListRecords></OAI-PMH>"
    ).encode()


IDENTIFY = (
    b'<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
    b'<responseDate>2026-02-01T00:00:00Z</responseDate><request verb="Identify">'
    b"http://127.0.0.1/oai</request><Identify><repositoryName>Benchmark</repositoryName>"
    b"<baseURL>http://127.0.0.1/oai</baseURL><protocolVersion>2.0</protocolVersion>"
    b"<adminEmail>bench@example.org</adminEmail><earliestDatestamp>2026-01-01T00:00:00Z"
    b"</earliestDatestamp><deletedRecord>persistent</deletedRecord>"
    b"<granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify></OAI-PMH>"
)


def serve(port_queue: Any, total: int, size: int) -> None:
    """The repository process: renders each page once, then serves cached bytes."""
    cache: dict[int, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            query = dict(parse_qsl(urlsplit(self.path).query))
            if query.get("verb") == "Identify":
                body = IDENTIFY
            else:
                page = int(query.get("resumptionToken") or 0)
                if page not in cache:
                    cache[page] = render_page(page, size, total)
                body = cache.pop(page)  # each page is asked for once; keep memory flat
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port_queue.put(httpd.server_address[1])
    httpd.serve_forever()


def consume(process: subprocess.Popen[str], store: Store) -> tuple[dict[str, Any] | None, int]:
    """Store the spider's lines as aggregator.pipeline does; the summary and records stored."""
    summary = None
    stored = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal summary, stored
        with store.transaction():
            for item in batch:
                if item["type"] == "record":
                    store.put_raw(item)
                    stored += 1
                elif item["type"] == "summary":
                    summary = item
        batch.clear()

    assert process.stdout is not None
    for line in process.stdout:
        batch.append(json.loads(line))
        if len(batch) >= BATCH:
            flush()
    flush()
    return summary, stored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--keep-store", action="store_true", help="keep the scratch SQLite file")
    parser.add_argument(
        "--setting", action="append", default=[], help="passed to the spider (NAME=VALUE)"
    )
    args = parser.parse_args()

    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(
        target=serve, args=(ports, args.records, args.page_size), daemon=True
    )
    server.start()
    port = ports.get(timeout=10)
    scratch = Path(tempfile.mkdtemp(prefix="microcat-bench-"))
    store = Store(scratch / "store.sqlite3")
    url = f"http://127.0.0.1:{port}/oai"
    feed = store.add_feed(url, "oai-pmh", format="oai_dc")
    command = [
        sys.executable,
        "-m",
        "harvesters",
        "crawl",
        "oai_pmh",
        "--feed-id",
        str(feed.id),
        "--url",
        url,
        "--format",
        "oai_dc",
    ]
    for setting in args.setting:
        command += ["--setting", setting]
    env = {**os.environ, "MICROCAT_FETCH_ALLOWLIST": f"127.0.0.1:{port}"}

    print(f"repository: {args.records:,} oai_dc records, pages of {args.page_size}, {url}")
    print("spider:", " ".join(command[1:]))
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        bufsize=1 << 16,
    )
    summary, stored = consume(process, store)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    consumer_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    server.terminate()
    store.close()

    rate = stored / elapsed if elapsed else 0.0
    print(f"records stored: {stored:,} in {elapsed:.1f} s -> {rate:,.0f} records/s end to end")
    print(
        f"peak RSS: spider {usage.ru_maxrss / 1024:.0f} MB, consumer {consumer_peak / 1024:.0f} MB"
    )
    print(f"spider exit code {process.returncode}; summary: {json.dumps(summary)}")
    if args.keep_store:
        print(f"store kept: {scratch / 'store.sqlite3'}")
    else:
        for path in scratch.iterdir():
            path.unlink()
        scratch.rmdir()
    return 0 if summary and summary.get("complete") else 1


if __name__ == "__main__":
    sys.exit(main())
