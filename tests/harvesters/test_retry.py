"""Polite retries (harvesters.middlewares.PoliteRetryMiddleware): Retry-After and back-off."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from harvest_helpers import LocalServer, Reply, Route, Seen, run_harvester, with_identify

from harvesters.middlewares import retry_after_seconds

Serve = Callable[[Route], LocalServer]

PAGE = (
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header>'
    "<identifier>{id}</identifier><datestamp>2026-01-01</datestamp></header><metadata>"
    '<dc xmlns="http://purl.org/dc/elements/1.1/"><title>t</title></dc></metadata></record>'
    "<resumptionToken>{token}</resumptionToken></ListRecords></OAI-PMH>"
)


class Flaky:
    """Answers each listed failure once, in order, before the real page; notes the times."""

    def __init__(self, failures: dict[str | None, list[Reply]]) -> None:
        self.failures = failures
        self.times: list[tuple[str | None, float]] = []

    def __call__(self, seen: Seen) -> Reply:
        token = seen.query.get("resumptionToken")
        self.times.append((token, time.monotonic()))
        pending = self.failures.get(token)
        if pending:
            return pending.pop(0)
        if token is None:
            return Reply(PAGE.format(id="a", token="t2").encode())
        return Reply(PAGE.format(id="b", token="").encode())

    def gaps(self) -> list[float]:
        return [
            later - earlier
            for (_, earlier), (_, later) in zip(self.times, self.times[1:], strict=False)
        ]


def test_retry_after_seconds_then_back_off(serve: Serve) -> None:
    route = Flaky(
        {
            None: [Reply(b"busy", 503, "text/plain", {"Retry-After": "1"})],
            "t2": [Reply(b"slow down", 429, "text/plain"), Reply(b"oops", 500, "text/plain")],
        }
    )
    server = serve(with_identify(route))
    harvest = run_harvester(
        "oai_pmh",
        "--url",
        server.url,
        "--format",
        "oai_dc",
        "--setting",
        "HARVEST_RETRY_BACKOFF=0.15",
        allow=[server.hostport],
    )

    assert harvest.summary["complete"] is True
    assert [r["remote_id"] for r in harvest.records] == ["a", "b"]
    assert [token for token, _ in route.times] == [None, None, "t2", "t2", "t2"]
    waited_503, _, waited_429, waited_500 = route.gaps()
    assert waited_503 >= 0.95  # Retry-After: 1
    assert waited_429 >= 0.15 * 0.95  # no Retry-After: back-off 0.15 x 2^0
    assert waited_500 >= 0.3 * 0.95  # ... then 0.15 x 2^1


def test_a_long_retry_after_date_is_capped(serve: Serve) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    route = Flaky({None: [Reply(b"maintenance", 503, "text/plain", {"Retry-After": later})]})
    server = serve(with_identify(route))
    started = time.monotonic()
    harvest = run_harvester(
        "oai_pmh",
        "--url",
        server.url,
        "--format",
        "oai_dc",
        "--setting",
        "HARVEST_MAX_RETRY_AFTER=0.3",
        allow=[server.hostport],
    )

    assert harvest.summary["complete"] is True
    (gap, *_) = route.gaps()
    assert 0.28 <= gap < 5
    assert time.monotonic() - started < 15


def test_a_wait_past_the_time_limit_gives_up_at_once(serve: Serve) -> None:
    route = Flaky({None: [Reply(b"busy", 503, "text/plain", {"Retry-After": "100"})] * 4})
    server = serve(with_identify(route))
    started = time.monotonic()
    harvest = run_harvester(
        "oai_pmh",
        "--url",
        server.url,
        "--format",
        "oai_dc",
        "--max-seconds",
        "5",
        allow=[server.hostport],
    )

    assert time.monotonic() - started < 5
    assert len(route.times) == 1  # asked once; retrying in 100 s would pass the limit
    assert harvest.summary["complete"] is False
    assert "HTTP 503" in harvest.summary["reason"]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("Sun, 22 Nov 2026 10:00:30 GMT", 30.0),
        ("soon", None),
        (None, None),
        (b"", None),
    ],
)
def test_retry_after_seconds(value: bytes | str | None, seconds: float | None) -> None:
    now = datetime(2026, 11, 22, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now=now) == seconds
