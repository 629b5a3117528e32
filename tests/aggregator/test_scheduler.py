"""The scheduler keeps one job per feed, due an interval after the feed's last run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from aggregator.config import Settings
from aggregator.scheduler import sync_jobs
from aggregator.store import RunState, Store


def test_jobs_follow_the_registered_feeds(tmp_path):
    settings = Settings(data_dir=tmp_path)
    store = Store(settings.db_path)
    never = store.add_feed("https://a.example/oai", "oai-pmh", interval_hours=6)
    recent = store.add_feed("https://b.example/api", "json", interval_hours=24)
    run = store.start_run(recent.id)
    store.finish_run(run.id, RunState.OK, {}, None)

    scheduler = BackgroundScheduler(timezone="UTC")
    harvested: list[int] = []
    sync_jobs(scheduler, settings, harvested.append, harvested.append)
    scheduler.start(paused=True)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        # Harvest jobs for both; the weekly reconcile only for the OAI-PMH feed.
        assert set(jobs) == {f"feed-{never.id}", f"feed-{recent.id}", f"reconcile-{never.id}"}
        assert jobs[f"reconcile-{never.id}"].trigger.interval == timedelta(days=7)
        now = datetime.now(UTC)
        # Never harvested: due now. Harvested just now: due a day later.
        assert jobs[f"feed-{never.id}"].next_run_time <= now + timedelta(seconds=5)
        assert jobs[f"feed-{recent.id}"].next_run_time >= now + timedelta(hours=23)
        assert jobs[f"feed-{never.id}"].trigger.interval == timedelta(hours=6)

        store.db.execute("UPDATE feeds SET interval_hours = 2 WHERE id = ?", (never.id,))
        store.db.execute("DELETE FROM feeds WHERE id = ?", (recent.id,))
        sync_jobs(scheduler, settings, harvested.append, harvested.append)
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {f"feed-{never.id}", f"reconcile-{never.id}"}
        assert jobs[f"feed-{never.id}"].trigger.interval == timedelta(hours=2)
    finally:
        scheduler.shutdown(wait=False)
        store.close()
