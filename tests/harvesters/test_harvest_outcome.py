"""The summary line (harvesters.outcome) and the project settings it relies on."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from harvesters import outcome
from harvesters.spiders.html import HtmlSpider


def stats_with(**values: object) -> StatsCollector:
    stats = get_crawler().stats
    assert stats is not None
    for key, value in values.items():
        stats.set_value(f"harvest/{key}", value)
    return stats


@pytest.mark.parametrize(
    ("values", "close_reason", "complete", "reason"),
    [
        ({"list_walked": True, "records": 3, "errors": 1}, "finished", True, None),
        ({}, "finished", False, "the crawl ended before the end of the list"),
        (
            {"list_walked": True, "failure": "HTTP 404 for /a", "failures": 1},
            "finished",
            False,
            "HTTP 404 for /a",
        ),
        (
            {"failure": "HTTP 404 for /a", "failures": 3},
            "finished",
            False,
            "HTTP 404 for /a (and 2 more failures)",
        ),
        (
            {"list_walked": True},
            "closespider_timeout",
            False,
            "stopped: the time limit (--max-seconds) was reached",
        ),
        (
            {"failure": "HTTP 500 for /b", "failures": 1},
            "shutdown",
            False,
            "stopped: the harvester was asked to shut down; first failure: HTTP 500 for /b",
        ),
        ({"list_walked": True}, "cancelled", False, "stopped: cancelled"),
    ],
)
def test_build_summary(
    values: dict[str, object], close_reason: str, complete: bool, reason: str | None
) -> None:
    summary = outcome.build_summary(5, stats_with(**values), close_reason)
    assert summary == {
        "type": "summary",
        "feed_id": 5,
        "complete": complete,
        "records": values.get("records", 0),
        "errors": values.get("errors", 0),
        "reason": reason,
    }


def test_politeness_and_safety_settings() -> None:
    settings = Settings()
    settings.setmodule("harvesters.settings", priority="project")
    assert settings["USER_AGENT"] == "Microcat-harvester/0.1 (+https://github.com/microcat)"
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getint("RETRY_TIMES") >= 2
    assert {429, 500, 502, 503, 504} <= set(settings.getlist("RETRY_HTTP_CODES"))
    assert settings.getint("DOWNLOAD_MAXSIZE") == 50 * 1024 * 1024
    assert 0 < settings.getfloat("DOWNLOAD_TIMEOUT") <= 120
    assert settings.getint("REDIRECT_MAX_TIMES") <= 5
    assert settings["TWISTED_DNS_RESOLVER"] == "harvesters.resolver.PublicAddressResolver"
    assert not settings.getbool("HTTPPROXY_ENABLED")
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")
    assert HtmlSpider.custom_settings["ROBOTSTXT_OBEY"] is True
