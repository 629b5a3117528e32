"""``microcat clusters``: an operator merges and splits records by hand; what learners see in
/api/search changes at once and stays so through later harvests and full recomputations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from oai_templates import RECORD

from aggregator.cli import main
from web import create_app


@pytest.fixture
def cli(tmp_path, repository, monkeypatch):
    repo, host = repository
    instance = tmp_path / "instance"
    monkeypatch.setenv("MICROCAT_DATA_DIR", str(instance))
    monkeypatch.setenv("MICROCAT_FETCH_ALLOWLIST", host)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    return invoke, repo, host, instance


def api_search(instance: Path, text: str = "") -> list[dict]:
    """The hits a learner gets from /api/search (a fresh app: what a new request sees)."""
    app = create_app({"DATA_DIR": str(instance), "TESTING": True})
    response = app.test_client().get("/api/search", query_string={"q": text} if text else {})
    assert response.status_code == 200
    return response.get_json()["hits"]


def members(invoke, record_or_cluster: str) -> list[str]:
    report = json.loads(invoke("clusters", "show", record_or_cluster, "--json"))
    return [member["record_id"] for member in report["members"]]


def test_an_operator_merges_two_offers_and_the_merge_lasts(cli):
    invoke, repo, host, instance = cli
    repo.records = [
        RECORD.format(id="a", title="Data Literacy"),
        RECORD.format(id="b", title="Wound Care"),
    ]
    feed = invoke(
        "feeds", "add", f"http://{host}/oai", "--protocol", "oai-pmh", "--format", "oai_dc"
    ).strip()
    invoke("harvest", feed)
    (literacy,) = api_search(instance, "literacy")
    (wound,) = api_search(instance, "wound")
    a, b = members(invoke, literacy["id"]) + members(invoke, wound["id"])
    assert len(api_search(instance)) == 2

    output = invoke("clusters", "merge", a, b, "--reason", "one offer, two titles")
    assert "decision #1 (merge) applied" in output
    (hit,) = api_search(instance)  # one offer now, listed once
    assert api_search(instance, "literacy") == [hit]
    assert sorted(members(invoke, hit["id"])) == sorted([a, b])
    shown = invoke("clusters", "show", a)
    assert f"cluster {hit['id']}: 2 records" in shown
    assert "remote id a" in shown and "remote id b" in shown
    assert "merged by a decision" in shown and "one offer, two titles" in shown

    # A later harvest changes one of them: the decision still holds, and so it does when
    # every cluster is recomputed from scratch.
    repo.records = [
        RECORD.format(id="a", title="Data Literacy for Nurses"),
        RECORD.format(id="b", title="Wound Care"),
    ]
    assert "1 changed" in invoke("harvest", feed, "--full")
    (hit,) = api_search(instance)
    assert sorted(members(invoke, hit["id"])) == sorted([a, b])
    invoke("clusters", "refresh", "--full")
    (hit,) = api_search(instance)
    assert api_search(instance, "nurses") == [hit]
    assert sorted(members(invoke, hit["id"])) == sorted([a, b])

    decisions = json.loads(invoke("clusters", "decisions", "--json"))
    assert [(d["kind"], d["record_a"], d["record_b"]) for d in decisions] == [("merge", a, b)]
    assert "merge" in invoke("clusters", "decisions")


@pytest.mark.parametrize("apart_from_one", [False, True], ids=["split", "split --from"])
def test_an_operator_splits_a_wrong_merge_and_the_split_lasts(cli, apart_from_one):
    invoke, repo, host, instance = cli
    repo.records = [RECORD.format(id="a", title="Data Literacy")]
    # Two feeds list the same course (same landing page): one offer, merged.
    own = invoke(
        "feeds", "add", f"http://{host}/oai", "--protocol", "oai-pmh", "--format", "oai_dc"
    ).strip()
    other = invoke(
        "feeds", "add", f"http://{host}/other", "--protocol", "oai-pmh", "--format", "oai_dc"
    ).strip()
    invoke("harvest", own)
    invoke("harvest", other)
    (hit,) = api_search(instance, "literacy")
    first, second = sorted(members(invoke, hit["id"]))
    assert "shared identifier or URL" in invoke("clusters", "show", first)

    args = [second, "--from", first] if apart_from_one else [second]
    kind = "separate" if apart_from_one else "split"
    assert f"({kind}) applied" in invoke("clusters", "split", *args, "--reason", "two sessions")
    assert len(api_search(instance, "literacy")) == 2
    assert members(invoke, second) == [second]

    repo.records = [RECORD.format(id="a", title="Data Literacy Online")]
    invoke("harvest", own, "--full")
    invoke("harvest", other, "--full")
    assert len(api_search(instance, "literacy")) == 2
    invoke("clusters", "refresh", "--full")
    assert len(api_search(instance, "literacy")) == 2
    assert kind in invoke("clusters", "decisions")


def test_unknown_records_are_refused_without_a_decision(cli):
    invoke, _, _, _ = cli
    invoke("init")
    assert "no record with id mcnope" in invoke("clusters", "merge", "mcnope", "mcnix", code=2)
    assert "no record or cluster with id mcnope" in invoke("clusters", "show", "mcnope", code=2)
    assert invoke("clusters", "decisions").strip() == "no decisions"
