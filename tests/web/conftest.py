"""A Flask app over a real embedded index holding a few known records."""

from __future__ import annotations

import pytest

from mappings.schema import Record
from mappings.transparency import finalise
from search_api.backends.embedded import EmbeddedBackend
from search_api.documents import to_document
from web import create_app

RECORDS = [
    {
        "id": "rec-data",
        "url": "https://nordhafen.example/courses/data",
        "title": {"en": "Data Analytics for Public Health", "de": "Datenanalyse für Public Health"},
        "description": {"en": "Learn to analyse health data."},
        "provider": {"name": {"de": "Universität Nordhafen"}, "country": "DE"},
        "learning_outcomes": [{"text": {"en": "Clean and analyse survey data"}}],
        "workload": {"ects": 5},
        "level": {"eqf": 6, "qf_ehea": "first"},
        "subject": {"isced": ["0613"]},
        "assessment": {"type": "assessment"},
        "participation": {"mode": "online", "languages": ["en", "de"]},
        "quality_assurance": {"type": "external-institutional"},
        "sources": [
            {
                "feed_id": 1,
                "feed_name": "Nordhafen OAI",
                "remote_id": "oai:1",
                "url": "https://nordhafen.example/courses/data",
                "kind": "provider",
            },
            {
                "feed_id": 2,
                "feed_name": "Catalogue",
                "remote_id": "c-9",
                "url": "javascript:alert(1)",
                "kind": "catalogue",
            },
        ],
    },
    {
        "id": "rec-cyber",
        "title": {"fr": "Fondements de la cybersécurité <script>alert(1)</script>"},
        "provider": {"name": {"fr": "Université de Lisière"}, "country": "FR"},
        "workload": {"ects": 3},
        "level": {"eqf": 7},
        "subject": {"isced": ["0612"]},
        "participation": {"mode": "blended", "languages": ["fr"]},
    },
    {
        "id": "rec-nurse",
        "title": {"nl": "Wondzorg voor verpleegkundigen"},
        "provider": {"name": {"nl": "Hogeschool Zeeland-Oost"}, "country": "NL"},
        "workload": {"ects": 15},
        "level": {"eqf": 6},
        "subject": {"isced": ["0913"]},
        "participation": {"mode": "onsite", "languages": ["nl"]},
    },
]


def records() -> list[Record]:
    return [finalise(Record.model_validate(data)) for data in RECORDS]


@pytest.fixture
def backend(tmp_path):
    backend = EmbeddedBackend(tmp_path / "index")
    backend.index(to_document(record) for record in records())
    yield backend
    backend.close()


@pytest.fixture
def app(tmp_path, backend):
    return create_app({"DATA_DIR": str(tmp_path), "SEARCH": backend, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()
