"""The scheduler (``microcat worker``): one APScheduler process harvesting feeds at intervals.

Every job calls the same function as ``microcat harvest FEED_ID``; nothing is reachable only
from here. New feeds and changed intervals are picked up by a periodic sync job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from aggregator.config import Settings
from aggregator.store import Feed, Store

log = logging.getLogger(__name__)

SYNC_SECONDS = 60
RECONCILE_DAYS = 7
"""OAI-PMH feeds are reconciled against their full identifier list this often."""


def next_harvest(store: Store, feed: Feed, now: datetime) -> datetime:
    """When a feed is next due: an interval after its last run started, or now if overdue."""
    runs = store.runs(feed.id, limit=1)
    if not runs:
        return now
    last = datetime.strptime(runs[0].started_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return max(now, last + timedelta(hours=feed.interval_hours))


def sync_jobs(
    scheduler: BaseScheduler,
    settings: Settings,
    harvest: Callable[[int], object],
    reconcile: Callable[[int], object] | None = None,
) -> None:
    """Make the scheduled jobs match the registered feeds and their intervals.

    Every feed gets a harvest job; with ``reconcile``, every OAI-PMH feed also gets a weekly
    reconcile job (removes what the repository no longer lists, after a complete list).
    """
    now = datetime.now(UTC)
    store = Store(settings.db_path)
    try:
        wanted = {
            f"feed-{feed.id}": (feed, next_harvest(store, feed, now)) for feed in store.feeds()
        }
    finally:
        store.close()
    reconciled = {
        f"reconcile-{feed.id}": feed.id
        for feed, _ in wanted.values()
        if reconcile is not None and feed.protocol == "oai-pmh"
    }
    for job in scheduler.get_jobs():
        stale_feed = job.id.startswith("feed-") and job.id not in wanted
        stale_reconcile = job.id.startswith("reconcile-") and job.id not in reconciled
        if stale_feed or stale_reconcile:
            job.remove()
    for job_id, feed_id in reconciled.items():
        if scheduler.get_job(job_id) is None:
            scheduler.add_job(
                reconcile,
                IntervalTrigger(days=RECONCILE_DAYS, timezone=UTC),
                args=[feed_id],
                id=job_id,
                max_instances=1,
                coalesce=True,
            )
    for job_id, (feed, due) in wanted.items():
        trigger = IntervalTrigger(hours=feed.interval_hours, timezone=UTC)
        job = scheduler.get_job(job_id)
        if job is None:
            scheduler.add_job(
                harvest,
                trigger,
                args=[feed.id],
                id=job_id,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=3600,
                next_run_time=due,
            )
        elif job.trigger.interval != trigger.interval:
            scheduler.reschedule_job(job_id, trigger=trigger)


def build_scheduler(
    settings: Settings,
    harvest: Callable[[int], object],
    reconcile: Callable[[int], object] | None = None,
) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    sync_jobs(scheduler, settings, harvest, reconcile)
    scheduler.add_job(
        sync_jobs,
        "interval",
        seconds=SYNC_SECONDS,
        id="sync-feeds",
        args=[scheduler, settings, harvest, reconcile],
        max_instances=1,
        coalesce=True,
    )
    return scheduler


def run_scheduler(
    settings: Settings,
    harvest: Callable[[int], object],
    reconcile: Callable[[int], object] | None = None,
) -> None:
    scheduler = build_scheduler(settings, harvest, reconcile)
    log.info("scheduler started with %d jobs", len(scheduler.get_jobs()) - 1)
    scheduler.start()
