"""Load test of ``/api/search`` under gunicorn, the way a deployment serves it.

For each size: build (or reuse, cached under ``benchmarks/.data``) an embedded index of the
synthetic catalogue and an instance folder pointing at it, start
``gunicorn -w 2 'web:create_app()'`` on 127.0.0.1 with ``MICROCAT_DATA_DIR`` set to that
folder, then drive it from a second process: a pool of keep-alive ``http.client``
connections sends a fixed number of requests (or stops at a time cap). Every request is a
text query with three filters (EQF, ECTS range, ISCED-F) and asks for facets counted
disjunctively: the six a result page shows first (``--facets page``: ``facets=eqf,ects,...``,
issue 6's workload), or none named so that the API counts every one (``--facets all``: nine,
plus the two finer ISCED-F levels since a subject is chosen).

Printed per size: client-side p50 / p95 and requests per second, and server-side p50 / p95
from gunicorn's access log (``%(D)s``: from the request read to the response written, in the
worker). The load generator runs on the same machine and takes CPU from the workers; the
machine load before the run is printed so that a busy machine is visible.

    python benchmarks/api_load.py                      # 1,000,000 records
    python benchmarks/api_load.py --sizes 100000       # a quick check
    python benchmarks/api_load.py --requests 20000 --concurrency 16 --time-limit 60
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).parent))

from search_latency import DATA, PAGE_FACETS, WORDS, build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def instance(size: int, seed: int, fresh: bool) -> Path:
    """An instance folder whose ``index`` is the benchmark's cached index of ``size``."""
    backend = build(size, seed, fresh)
    index = backend.path.resolve()
    backend.close()
    folder = DATA / f"instance-{size}-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "index"
    if link.is_symlink() and link.resolve() != index:
        link.unlink()
    if not link.exists():
        link.symlink_to(index, target_is_directory=True)
    return folder


def request_paths(count: int, seed: int, pool: int = 0, facets: str = "page") -> list[str]:
    """``count`` search URLs: one of ``WORDS`` plus EQF, an ECTS range and an ISCED-F code.

    ``pool``: drawn from that many distinct searches (popular searches, answered again from
    the backend's cache); 0: each drawn afresh from ~190,000 combinations (few repeats).
    ``facets``: ``page`` asks for ``PAGE_FACETS``; ``all`` names none (every facet counted).
    """
    rng = random.Random(seed)

    def one() -> str:
        params: list[tuple[str, str]] = [
            ("q", rng.choice(WORDS)),
            ("eqf", str(rng.choice([5, 6, 7, 8]))),
            ("isced", rng.choice(["04", "06", "09", "0613", "041"])),
            ("ects_max", str(rng.randint(5, 60))),
        ]
        ects_min = rng.choice([None, *range(0, 6)])
        if ects_min is not None:
            params.append(("ects_min", str(ects_min)))
        if facets == "page":
            params.append(("facets", ",".join(PAGE_FACETS)))
        return "/api/search?" + urlencode(params)

    if pool:
        popular = [one() for _ in range(pool)]
        return [rng.choice(popular) for _ in range(count)]
    return [one() for _ in range(count)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    folder: Path, port: int, workers: int, threads: int, log: Path
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MICROCAT_DATA_DIR": str(folder)}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        # More than one thread makes gunicorn use its gthread worker; one, the sync worker.
        "--threads",
        str(threads),
        "-b",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(log),
        "--access-logformat",
        "%(D)s %(s)s",
        "web:create_app()",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def drive(
    port: int, paths: list[str], concurrency: int, time_limit: float, out: multiprocessing.Queue
) -> None:
    """Send ``paths`` over ``concurrency`` connections; put (latencies ms, errors, seconds,
    CPU seconds of this client)."""
    lock = threading.Lock()
    position = iter(range(len(paths)))
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + time_limit

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < deadline:
            with lock:
                number = next(position, None)
            if number is None:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", paths[number])
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as exc:
                errors.append(type(exc).__name__)
                connection.close()
                continue
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((latencies, errors, time.perf_counter() - started, time.process_time() - cpu))


def percentiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    return statistics.median(values), statistics.quantiles(values, n=20)[18]


def server_cpu(master: int) -> float:
    """CPU seconds used so far by gunicorn's master and workers (Linux ``/proc``; else 0)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [master]
    with contextlib.suppress(OSError):
        pids += [
            int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()
        ]
    for pid in pids:
        with contextlib.suppress(OSError):
            # Fields after the command name; utime and stime are the 12th and 13th of them.
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def server_timings(log: Path, skip: int) -> list[float]:
    """Request durations (ms) from the access log, less the first ``skip`` (warm-up)."""
    durations = []
    for line in log.read_text().splitlines()[skip:]:
        micros, _, status = line.partition(" ")
        if micros.isdigit() and status.strip() == "200":
            durations.append(int(micros) / 1000)
    return durations


def run(size: int, args: argparse.Namespace) -> None:
    print(f"{size:,} records")
    folder = instance(size, args.seed, args.fresh)
    log = folder / "access.log"
    log.unlink(missing_ok=True)
    port = free_port()
    server = start_gunicorn(folder, port, args.workers, args.threads, log)
    try:
        load = os.getloadavg()
        print(f"  machine load before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        context = multiprocessing.get_context("spawn")
        for phase, count, seed in (
            ("warm-up", args.warmup, args.seed + 1),
            ("measured", args.requests, args.seed),
        ):
            queue: multiprocessing.Queue = context.Queue()
            paths = request_paths(count, seed, args.pool, args.facets)
            skip = len(log.read_text().splitlines()) if log.exists() else 0
            client = context.Process(
                target=drive, args=(port, paths, args.concurrency, args.time_limit, queue)
            )
            cpu = server_cpu(server.pid)
            client.start()
            latencies, errors, seconds, client_cpu = queue.get()
            cpu = server_cpu(server.pid) - cpu
            client.join()
            if phase == "warm-up":
                continue
            time.sleep(0.5)  # let the workers flush their access log lines
            p50, p95 = percentiles(latencies)
            server_p50, server_p95 = percentiles(server_timings(log, skip))
            mix = f"from {args.pool:,} distinct searches" if args.pool else "few repeats"
            facets = ", ".join(PAGE_FACETS) if args.facets == "page" else "every facet"
            print(f"  text + 3 filters (EQF, ECTS range, ISCED-F); facets: {facets}")
            print(
                f"  {len(latencies):,} requests ({mix}), {args.concurrency} connections, "
                f"{args.workers} workers x {args.threads} threads, {len(errors)} errors: "
                f"{len(latencies) / seconds:,.0f} requests/s"
            )
            print(
                f"  client side: p50 {p50:.1f} ms, p95 {p95:.1f} ms; the client's own CPU: "
                f"{client_cpu / max(len(latencies), 1) * 1000:.2f} ms per request"
            )
            print(
                f"  server side: p50 {server_p50:.1f} ms, p95 {server_p95:.1f} ms; the server's "
                f"CPU: {cpu / max(len(latencies), 1) * 1000:.2f} ms per request"
            )
            if errors:
                print(f"  first errors: {sorted(set(errors))[:5]}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="per worker; >1: gthread")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per phase")
    parser.add_argument(
        "--pool", type=int, default=0, help="draw requests from this many distinct searches"
    )
    parser.add_argument(
        "--facets",
        choices=("page", "all"),
        default="page",
        help="ask for the six facets a page shows first, or for none (every facet counted)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="rebuild cached indexes")
    args = parser.parse_args(argv)
    for size in args.sizes:
        run(size, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
