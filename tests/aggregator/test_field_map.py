"""A provider API that no known profile describes, registered with a field map."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from local_http import serving

from aggregator.cli import main

PAGES = {
    "/catalogue": {
        "result": {
            "courses": [
                {
                    "meta": {"courseCode": "HZ-101"},
                    "name": {"nl": "Wondzorg", "en": "Wound care"},
                    "load": {"value": "7,5"},
                    "niveau": 6,
                    "subjects": [{"isced": "0913"}],
                    "org": {"name": "Hogeschool Zeeland-Oost", "country": "NL"},
                    "link": "https://hzo.example/wondzorg",
                },
            ]
        },
        "next": "/catalogue?page=2",
    },
    "/catalogue?page=2": {
        "result": {
            "courses": [
                {
                    "meta": {"courseCode": "HZ-102"},
                    "name": {"nl": "Palliatieve zorg"},
                    "load": {"value": "3"},
                    "niveau": 5,
                    "org": {"name": "Hogeschool Zeeland-Oost", "country": "NL"},
                    "link": "https://hzo.example/palliatief",
                },
            ]
        },
        "next": None,
    },
}
FIELD_MAP = {
    "records": "result.courses",
    "id": "meta.courseCode",
    "language": "nl",
    "fields": {
        "title": "name",
        "ects": "load.value",
        "eqf": "niveau",
        "isced": "subjects.isced",
        "provider": "org.name",
        "provider_country": "org.country",
        "url": "link",
    },
}


@pytest.fixture
def api() -> Iterator[str]:
    def answer(path: str) -> tuple[int, str, bytes]:
        page = PAGES.get(path)
        return 200 if page else 404, "application/json", json.dumps(page).encode()

    with serving(answer) as host:
        yield host


def test_a_feed_with_a_field_map_is_harvested_and_searchable(tmp_path, api, monkeypatch):
    monkeypatch.setenv("MICROCAT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MICROCAT_FETCH_ALLOWLIST", api)
    (tmp_path / "map.json").write_text(json.dumps(FIELD_MAP))
    runner = CliRunner()

    def invoke(*args: str) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    feed_id = invoke(
        "feeds",
        "add",
        f"http://{api}/catalogue",
        "--protocol",
        "json",
        "--field-map",
        str(tmp_path / "map.json"),
    ).strip()
    assert "feed 1: ok — 2 new" in invoke("harvest", feed_id)
    found = json.loads(invoke("search", "--filter", "eqf=6", "--json"))
    assert [(h["title"], h["ects"], h["country"]) for h in found["hits"]] == [
        ("Wound care", 7.5, "NL")
    ]
    feeds = json.loads(invoke("feeds", "list", "--json"))
    assert feeds[0]["format"] == "json-fields"
    assert feeds[0]["field_map"]["records"] == "result.courses"
    exported = [json.loads(line) for line in invoke("export").splitlines()]
    assert sorted(r["remote_id"] for r in exported) == ["HZ-101", "HZ-102"]


def test_a_bad_field_map_is_refused_at_registration(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROCAT_DATA_DIR", str(tmp_path))
    (tmp_path / "map.json").write_text(json.dumps({"fields": {"titel": "name"}}))
    result = CliRunner().invoke(
        main,
        [
            "feeds",
            "add",
            "https://api.example/courses",
            "--protocol",
            "json",
            "--field-map",
            str(tmp_path / "map.json"),
        ],
    )
    assert result.exit_code == 2
    assert "unknown elements ['titel']" in result.output
    (tmp_path / "broken.json").write_text("{fields")
    result = CliRunner().invoke(
        main,
        [
            "feeds",
            "add",
            "https://api.example/courses",
            "--protocol",
            "json",
            "--field-map",
            str(tmp_path / "broken.json"),
        ],
    )
    assert result.exit_code == 2 and "not JSON" in result.output
