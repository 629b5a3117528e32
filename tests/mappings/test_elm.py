"""The ELM (Europass, European Learning Model v3) mapping: the parts the golden pairs do not
pin down — single nodes, references by id, language maps, credit systems, vocabulary URIs."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from mappings.registry import MappingError, RawInput, map_raw
from mappings.schema import Record

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data" / "mappings" / "elm"

ECTS = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
ECVET = "http://data.europa.eu/snb/education-credit/60b314e826"


def _map(doc: dict[str, Any]) -> Record:
    return map_raw(RawInput(payload=json.dumps(doc), format="elm"))


def _concept(uri: str, label: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"id": uri, "type": "Concept"}
    if label:
        concept["prefLabel"] = {"en": label}
    return concept


def _organisation(**extra: Any) -> dict[str, Any]:
    return {
        "id": "urn:epass:org:1",
        "type": "Organisation",
        "legalName": {"en": "University of Example", "fr": "Université d'Exemple"},
        "location": {
            "id": "urn:epass:location:1",
            "type": "Location",
            "address": {
                "id": "urn:epass:address:1",
                "type": "Address",
                "countryCode": _concept(
                    "http://publications.europa.eu/resource/authority/country/FRA"
                ),
            },
        },
        "homepage": {"id": "urn:epass:web:1", "type": "WebResource", "contentURL": "https://ex.fr"},
        **extra,
    }


def _specification(**extra: Any) -> dict[str, Any]:
    return {
        "id": "http://example.org/spec/data-literacy",
        "type": "LearningAchievementSpecification",
        "title": {"en": "Data literacy", "fr": "Culture des données"},
        "description": {"en": "Reading data.", "fr": "Lire des données."},
        "volumeOfLearning": "PT125H",
        "creditPoint": [
            {
                "id": "urn:epass:cp:1",
                "type": "CreditPoint",
                "framework": _concept(ECVET),
                "point": "9",
            },
            {
                "id": "urn:epass:cp:2",
                "type": "CreditPoint",
                "framework": _concept(ECTS),
                "point": "5",
            },
        ],
        "eqfLevel": _concept("http://data.europa.eu/snb/eqf/5", "Level 5"),
        "thematicArea": [
            _concept("http://data.europa.eu/snb/isced-f/0613", "Software"),
            _concept("http://example.org/topics/open-data", "Open data"),
        ],
        "language": [
            _concept("http://publications.europa.eu/resource/authority/language/FRA"),
            _concept("http://publications.europa.eu/resource/authority/language/ENG"),
        ],
        "mode": _concept("http://data.europa.eu/snb/learning-assessment/920fbb3cbe", "Online"),
        "learningOutcome": [
            {
                "id": "urn:epass:lo:1",
                "type": "LearningOutcome",
                "title": {"en": "Interpret charts", "fr": "Interpréter des graphiques"},
                "relatedESCOSkill": [
                    _concept("http://data.europa.eu/esco/skill/abc", "interpret charts"),
                    _concept("urn:epass:skill:local", "not an ESCO URI"),
                ],
            }
        ],
        "entryRequirement": {
            "id": "urn:epass:note:1",
            "type": "Note",
            "noteLiteral": {"en": "Basic statistics.", "fr": "Statistiques de base."},
        },
        "provenBy": {
            "id": "urn:epass:las:1",
            "type": "LearningAssessmentSpecification",
            "title": {"en": "Written exam"},
            "dcType": _concept("http://data.europa.eu/snb/assessment/6e6cb2cc78"),
        },
        "isPartOf": {
            "id": "http://example.org/spec/master",
            "type": "Qualification",
            "title": {"en": "Master in Data Science"},
        },
        **extra,
    }


def _opportunity(**extra: Any) -> dict[str, Any]:
    return {
        "@context": ["http://data.europa.eu/snb/model/context/edc-ap"],
        "id": "http://example.org/lo/42",
        "type": "LearningOpportunity",
        "title": {"en": "Data literacy, spring 2026"},
        "providedBy": _organisation(),
        "learningAchievementSpecification": _specification(),
        "homepage": {
            "id": "urn:epass:web:2",
            "type": "WebResource",
            "contentURL": "https://ex.fr/dl",
        },
        "learningSchedule": _concept("http://data.europa.eu/snb/learning-schedule/72a0ab92fa"),
        "temporal": {"id": "urn:epass:period:1", "type": "PeriodOfTime", "startDate": "2026-03-01"},
        "priceDetail": {
            "id": "urn:epass:price:1",
            "type": "PriceDetail",
            "amount": 150,
            "unit": _concept("http://publications.europa.eu/resource/authority/currency/EUR"),
        },
        **extra,
    }


def test_learning_opportunity_node() -> None:
    record = _map(_opportunity())

    assert record.title == {"en": "Data literacy, spring 2026"}
    assert record.description == {"en": "Reading data.", "fr": "Lire des données."}
    assert record.url == "https://ex.fr/dl"
    assert record.identifiers == [
        "http://example.org/lo/42",
        "http://example.org/spec/data-literacy",
    ]
    assert record.provider is not None
    assert record.provider.name == {"en": "University of Example", "fr": "Université d'Exemple"}
    assert record.provider.country == "FR"
    assert record.provider.identifiers == {"website": "https://ex.fr"}
    assert record.awarding_bodies == []
    assert record.participation.schedule == "full-time"
    assert record.participation.languages == ["fr", "en"]
    assert record.start_date == "2026-03-01"
    assert record.price == "150 EUR"


def test_specification_elements() -> None:
    record = _map(_specification())

    assert record.title == {"en": "Data literacy", "fr": "Culture des données"}
    # ECVET points are not ECTS; the ECTS credit point is found by its framework URI.
    assert record.workload.ects == 5
    assert record.workload.hours == 125
    assert record.level.eqf == 5
    assert record.subject.isced == ["0613"]
    assert record.subject.keywords == ["Open data"]
    assert record.participation.mode == "online"
    assert [outcome.model_dump() for outcome in record.learning_outcomes] == [
        {
            "text": {"en": "Interpret charts", "fr": "Interpréter des graphiques"},
            "esco": ["http://data.europa.eu/esco/skill/abc"],
        }
    ]
    assert record.prerequisites == {"en": "Basic statistics.", "fr": "Statistiques de base."}
    assert record.assessment.type == "assessment"
    assert record.assessment.text == {"en": "Written exam"}
    assert record.stackability.option == "stackable"
    assert [link.model_dump() for link in record.stackability.towards] == [
        {"title": {"en": "Master in Data Science"}, "url": "http://example.org/spec/master"}
    ]
    assert record.credential_format is None


def test_ects_by_framework_label_and_never_from_other_systems() -> None:
    labelled = _specification(
        creditPoint={
            "type": "CreditPoint",
            "framework": {"id": "urn:x", "prefLabel": {"en": "ECTS"}},
            "point": "7,5",
        }
    )
    assert _map(labelled).workload.ects == 7.5
    ecvet_only = _specification(
        creditPoint={"type": "CreditPoint", "framework": _concept(ECVET), "point": "9"}
    )
    assert _map(ecvet_only).workload.ects is None


@pytest.mark.parametrize(
    ("volume", "hours"), [("PT45H", 45), ("PT90M", 1.5), ("P2D", None), ("P1M", None)]
)
def test_volume_of_learning_in_hours_only(volume: str, hours: float | None) -> None:
    assert _map(_specification(volumeOfLearning=volume)).workload.hours == hours


def test_eqf_by_label_when_the_uri_is_local() -> None:
    spec = _specification(eqfLevel=_concept("urn:epass:eqf:x", "Level 7"))
    assert _map(spec).level.eqf == 7


def test_nqf_level_by_vocabulary_uri_or_label_with_its_country() -> None:
    by_uri = _map(_specification(nqfLevel=_concept("http://data.europa.eu/snb/qdr/c_c392e7a2")))
    assert by_uri.level.nqf is not None
    assert (by_uri.level.nqf.country, by_uri.level.nqf.level) == ("GB", "6")
    by_label = _map(
        _specification(eqfLevel=None, nqfLevel=_concept("urn:epass:nqf:1", "DQR Level 5"))
    )
    assert by_label.level.nqf is not None
    assert (by_label.level.nqf.country, by_label.level.nqf.level) == ("DE", "5")
    assert by_label.level.eqf is None  # never derived from the NQF level
    unknown = _map(_specification(nqfLevel=_concept("urn:epass:nqf:1", "Level 5")))
    assert unknown.level.nqf is None  # which country's?


def test_isced_2011_level_only_where_the_education_level_says_isced() -> None:
    record = _map(_specification(educationLevel=_concept("urn:epass:l:1", "ISCED 2011 level 6")))
    assert record.level.isced_2011 == 6
    record = _map(
        _specification(eqfLevel=None, educationLevel=_concept("http://data.europa.eu/snb/eqf/6"))
    )
    assert record.level.isced_2011 is None
    assert record.level.eqf == 6


def test_several_modes_are_blended() -> None:
    spec = _specification(
        mode=[
            _concept("http://data.europa.eu/snb/learning-assessment/920fbb3cbe"),
            _concept("http://data.europa.eu/snb/learning-assessment/9191af2ed9"),
        ]
    )
    assert _map(spec).participation.mode == "blended"


def test_attendance_assessment_uri() -> None:
    spec = _specification(
        provenBy={
            "type": "LearningAssessmentSpecification",
            "title": {"en": "Attendance"},
            "dcType": _concept("http://data.europa.eu/snb/assessment/7331eb4762"),
        }
    )
    assert _map(spec).assessment.type == "attendance"


def test_accreditation_is_external_programme_qa() -> None:
    spec = _specification(
        accreditation={
            "id": "urn:epass:accreditation:1",
            "type": "Accreditation",
            "accreditingAgent": {
                "id": "urn:epass:org:9",
                "type": "Organisation",
                "legalName": {"en": "Agency for Quality"},
            },
            "report": {"type": "WebResource", "contentURL": "https://agency.example/r/1"},
        }
    )
    qa = _map(spec).quality_assurance
    assert (qa.type, qa.body, qa.report_url) == (
        "external-programme",
        "Agency for Quality",
        "https://agency.example/r/1",
    )


def test_credential_references_by_id_are_resolved() -> None:
    """An awarding body given by id alone is the issuer described elsewhere in the payload."""
    issuer = _organisation(id="urn:epass:org:7")
    credential = {
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": issuer,
        "credentialSubject": {
            "id": "urn:epass:person:1",
            "type": "Person",
            "hasClaim": {
                "id": "urn:epass:achievement:1",
                "type": "LearningAchievement",
                "title": {"en": "Data literacy"},
                "awardedBy": {"type": "AwardingProcess", "awardingBody": {"id": "urn:epass:org:7"}},
                "specifiedBy": "urn:epass:spec:1",
            },
        },
        "specs": [_specification(id="urn:epass:spec:1")],
    }
    record = _map(credential)
    assert record.provider is not None
    assert record.provider.name["en"] == "University of Example"
    assert record.provider.country == "FR"
    assert record.workload.ects == 5  # the specification, reached through its id
    assert record.identifiers == []  # urn:epass ids name nothing outside the document
    assert record.credential_format == "EDC"


def test_prefixed_keys_and_value_objects() -> None:
    node = {
        "@type": "elm:Qualification",
        "@id": "http://example.org/q/1",
        "elm:title": [
            {"@value": "Gestion de projet", "@language": "fr"},
            {"@value": "Project management", "@language": "en"},
        ],
        "http://data.europa.eu/snb/model/elm/eqfLevel": {"@id": "http://data.europa.eu/snb/eqf/4"},
    }
    record = _map(node)
    assert record.title == {"fr": "Gestion de projet", "en": "Project management"}
    assert record.level.eqf == 4


def test_participation_certificate_is_attendance() -> None:
    payload = (SAMPLES / "elm3_certificate_of_participation_webinar.json").read_text()
    record = map_raw(RawInput(payload=payload, format="elm"))
    assert record.assessment.type == "attendance"
    assert record.workload.hours == 2  # the activity's workload; "P2M" is no number of hours


def test_provider_and_awarding_body_differ_in_the_annex_i_sample() -> None:
    payload = (SAMPLES / "elm3_mc_annex1_digital_microcredential.json").read_text()
    record = map_raw(RawInput(payload=payload, format="elm"))
    assert record.provider is not None and record.provider.country == "BE"
    assert [body.name for body in record.awarding_bodies] == [{"en": "University of Zed"}]
    assert record.awarding_bodies[0].country == "IE"
    assert record.transparency == "amber"
    assert record.missing == ["quality_assurance"]


def test_uploadable_wrapper_is_unwrapped() -> None:
    wrapped = {"credential": _opportunity()}
    assert _map(wrapped).title == {"en": "Data literacy, spring 2026"}


def test_payload_without_learning_is_refused() -> None:
    with pytest.raises(MappingError, match="no learning opportunity"):
        _map({"id": "urn:x", "type": "Organisation", "legalName": {"en": "X"}})


def test_every_format_has_three_real_samples() -> None:
    assert len(list(SAMPLES.glob("*.expected.json"))) >= 3


ELM_XML = """<?xml version="1.0" encoding="UTF-8"?>
<vp:verifiablePresentation xmlns:vp="http://data.europa.eu/snb/vp" xmlns="http://data.europa.eu/snb">
  <europassCredential id="urn:credential:1">
    <issuer idref="urn:epass:org:1"/>
    <credentialSubject id="urn:epass:person:1">
      <achievements>
        <learningAchievement id="urn:epass:learningAchievement:1">
          <title><text lang="en">Achieved: Bridge design</text></title>
          <wasDerivedFrom id="urn:epass:assessment:1">
            <idVerificationMethod uri="http://data.europa.eu/snb/supervision-verification/x">
              <targetName><text lang="en">Supervised with ID Verification</text></targetName>
            </idVerificationMethod>
            <specifiedBy idref="urn:epass:assessmentSpec:1"/>
          </wasDerivedFrom>
          <wasAwardedBy idref="urn:epass:awardingProcess:1"/>
          <specifiedBy idref="urn:epass:qualification:1"/>
        </learningAchievement>
      </achievements>
    </credentialSubject>
    <learningSpecificationReferences>
      <qualification id="urn:epass:qualification:1">
        <identifier>BD-101</identifier>
        <title><text lang="en">Bridge design</text><text lang="es">Diseño de puentes</text></title>
        <homepage uri="https://uni.example/bridges"/>
        <hasISCED-FCode uri="http://data.europa.eu/snb/isced-f/0732"/>
        <volumeOfLearning>PT150H</volumeOfLearning>
        <hasECTSCreditPoints>6</hasECTSCreditPoints>
        <language uri="http://publications.europa.eu/resource/authority/language/SPA"/>
        <mode uri="http://data.europa.eu/snb/learning-assessment/920fbb3cbe"/>
        <learningOutcomes><learningOutcome idref="urn:epass:learningOutcome:1"/></learningOutcomes>
        <eqfLevel uri="http://data.europa.eu/snb/eqf/7"/>
      </qualification>
    </learningSpecificationReferences>
    <learningOutcomeReferences>
      <learningOutcome id="urn:epass:learningOutcome:1">
        <prefLabel><text lang="en">design bridges</text></prefLabel>
        <relatedEscoSkill uri="http://data.europa.eu/esco/skill/123"/>
      </learningOutcome>
    </learningOutcomeReferences>
    <assessmentSpecificationReferences>
      <assessmentSpecification id="urn:epass:assessmentSpec:1">
        <title><text lang="en">Oral exam</text></title>
        <type uri="http://data.europa.eu/snb/assessment/d30284d7df"/>
      </assessmentSpecification>
    </assessmentSpecificationReferences>
    <agentReferences>
      <organization id="urn:epass:org:1">
        <prefLabel><text lang="es">Universidad Ejemplo</text></prefLabel>
        <homepage uri="https://uni.example"/>
        <hasLocation><hasAddress>
          <country uri="http://publications.europa.eu/resource/authority/country/ESP"/>
        </hasAddress></hasLocation>
      </organization>
    </agentReferences>
    <awardingProcessReferences>
      <awardingProcess id="urn:epass:awardingProcess:1">
        <awardingBody idref="urn:epass:org:1"/>
      </awardingProcess>
    </awardingProcessReferences>
  </europassCredential>
</vp:verifiablePresentation>
"""


@pytest.mark.parametrize("format_name", ["elm", "elm-xml"])
def test_elm_xml_presentation(format_name: str) -> None:
    """ELM v2 XML: the specification of the first achievement, references by idref."""
    record = map_raw(RawInput(payload=ELM_XML, format=format_name, media_type="application/xml"))

    assert record.title == {"en": "Bridge design", "es": "Diseño de puentes"}
    assert record.url == "https://uni.example/bridges"
    assert record.identifiers == ["BD-101"]
    assert (record.workload.ects, record.workload.hours) == (6, 150)
    assert record.level.eqf == 7
    assert record.subject.isced == ["0732"]
    assert record.participation.model_dump() == {
        "mode": "online",
        "schedule": None,
        "languages": ["es"],
    }
    assert [outcome.model_dump() for outcome in record.learning_outcomes] == [
        {"text": {"en": "design bridges"}, "esco": ["http://data.europa.eu/esco/skill/123"]}
    ]
    assert record.assessment.model_dump() == {"type": "assessment", "text": {"en": "Oral exam"}}
    assert record.identity_verification == "Supervised with ID Verification"
    assert record.provider is not None
    assert record.provider.model_dump() == {
        "name": {"es": "Universidad Ejemplo"},
        "country": "ES",
        "identifiers": {"website": "https://uni.example"},
    }
    assert record.credential_format == "EDC"


def test_elm_xml_without_specification_is_refused() -> None:
    payload = '<europassCredential xmlns="http://data.europa.eu/snb"><title/></europassCredential>'
    with pytest.raises(MappingError, match="no <qualification>"):
        map_raw(RawInput(payload=payload, format="elm-xml"))


def test_reference_cycles_end() -> None:
    spec = _specification(isPartOf="http://example.org/spec/master")
    whole = {
        "id": "http://example.org/spec/master",
        "type": "Qualification",
        "title": {"en": "Master in Data Science"},
        "hasPart": spec["id"],
    }
    record = _map({**spec, "related": [whole]})
    assert [link.url for link in record.stackability.towards] == ["http://example.org/spec/master"]


def _read_in_three_walks(doc: Any) -> Any:
    from mappings.formats.elm import _index, _normalise, _resolve

    root = _normalise(doc)
    index: dict[str, dict[str, Any]] = {}
    _index(root, index)
    return _resolve(root, index)


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("elm3_*.json")))
def test_reading_in_one_walk_is_reading_in_three(name: str) -> None:
    """Normalising and indexing while parsing reads the payload as the separate walks do."""
    from mappings.formats.elm import _read

    payload = (SAMPLES / name).read_text()
    assert _read(payload, "elm") == _read_in_three_walks(json.loads(payload))


def test_keys_with_one_local_name_are_read_as_before() -> None:
    """Two keys of a node naming one element (``title``, ``elm:title``): the later wins."""
    from mappings.formats.elm import _read

    node = {
        "type": "Qualification",
        "id": "http://example.org/q/1",
        "title": {"id": "urn:x:1", "type": "Note", "noteLiteral": {"en": "First"}},
        "elm:title": {"en": "Second"},
        "part": {"id": "urn:x:1", "type": "Note", "noteLiteral": {"en": "First"}, "extra": 1},
    }
    assert _read(json.dumps(node), "elm") == _read_in_three_walks(node)
    assert _map(node).title == {"en": "Second"}


def _concept_note(node_id: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "Note", "noteLiteral": {"en": text}, **extra}


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(
            {
                "id": "urn:x:1",
                "type": "Qualification",
                "title": {"en": "Outer"},
                "hasPart": {
                    "id": "urn:x:1",
                    "type": "Qualification",
                    "title": {"en": "Inner"},
                    "note": "inner",
                },
            },
            id="one id described inside itself with as many keys: the outer one first",
        ),
        pytest.param(
            {
                "@context": {"title": {"@id": "http://purl.org/dc/terms/title", "x": 1}},
                "type": "Qualification",
                "title": {"en": "T"},
                "homepage": "http://purl.org/dc/terms/title",
            },
            id="an object in the context is no node",
        ),
        pytest.param(
            {
                "type": [{"id": "urn:x:2", "label": "odd"}],
                "title": {"en": "T"},
                "related": "urn:x:2",
            },
            id="an object in a type is no node",
        ),
        pytest.param(
            {
                "type": "Qualification",
                "title": {"en": "T"},
                "awardingOpportunity": [{"awardingBody": ["urn:x:3", {"id": "urn:x:4"}]}],
                "bodies": [_concept_note("urn:x:3", "Three"), _concept_note("urn:x:4", "Four")],
            },
            id="references in lists, by id string and by reference node",
        ),
        pytest.param(
            {
                "type": "Qualification",
                "title": {"en": "T"},
                "a": _concept_note("urn:x:5", "Same"),
                "b": [_concept_note("urn:x:5", "Same")],
            },
            id="one node nested twice in full",
        ),
        pytest.param(
            {
                "type": "Qualification",
                "a": _concept_note("urn:x:6", "Short"),
                "b": _concept_note("urn:x:6", "Long", extra=1),
            },
            id="a partial description and a fuller one",
        ),
    ],
)
def test_reading_while_parsing_is_reading_in_three_walks(doc: dict[str, Any]) -> None:
    """What the reader cannot settle while parsing (nesting of one id in itself, objects the
    walks do not read as nodes) and what it settles (references, repeated nodes) read as the
    walks read."""
    from mappings.formats.elm import _read

    assert _read(json.dumps(doc), "elm") == _read_in_three_walks(doc)


def test_uploadable_wrapper_with_more_than_the_credential() -> None:
    """Nodes beside the wrapped credential are not read as part of it."""
    from mappings.formats.elm import _read

    credential = {
        "type": "EuropeanDigitalCredential",
        "issuer": "urn:x:7",
        "credentialSubject": {"hasClaim": _concept_note("urn:x:8", "Claim")},
    }
    wrapped = {"credential": credential, "extra": _concept_note("urn:x:7", "Outside")}
    assert _read(json.dumps(wrapped), "elm") == _read_in_three_walks(credential)
    assert _read(json.dumps(wrapped), "elm")["issuer"] == "urn:x:7"


def _generated_node(rng: random.Random, depth: int) -> dict[str, Any]:
    """A node of the shapes ELM payloads take, with every key, id and value drawn from few:
    prefixed and IRI keys, repeated and nested ids, references, language maps, cycles."""
    keys = ["title", "elm:title", "name", "description", "awardingBody", "specifiedBy", "en"]
    keys += ["http://data.europa.eu/snb/model/elm/title", "credential", "notation", "hasPart"]
    ids = ["urn:a", "urn:b", "urn:c", "http://example.org/d", "_:b0"]
    node: dict[str, Any] = {}
    if rng.random() < 0.7:
        node[rng.choice(["id", "@id"])] = rng.choice(ids)
    if rng.random() < 0.6:
        node[rng.choice(["type", "@type"])] = rng.choice(
            ["Concept", ["Organisation", "elm:Note"], "http://example.org/Thing"]
        )
    for _ in range(rng.randint(0, 3)):
        node[rng.choice(keys)] = _generated_value(rng, depth + 1, ids)
    return node


def _generated_value(rng: random.Random, depth: int, ids: list[str]) -> Any:
    draw = rng.random()
    if depth > 4 or draw < 0.3:
        return rng.choice([*ids, "text", "en", 5, None, True])
    if draw < 0.45:
        return [_generated_value(rng, depth + 1, ids) for _ in range(rng.randint(0, 3))]
    if draw < 0.55:
        return {rng.choice(["en", "fr", "de-AT"]): rng.choice(["x", "y"])}
    return _generated_node(rng, depth)


def test_generated_payloads_are_read_as_in_three_walks() -> None:
    """Whatever the reader settles while parsing and whatever it leaves to the walks, it reads
    as they do (3,000 payloads drawn from one seed)."""
    from mappings.formats.elm import _read

    rng = random.Random(4)
    for _ in range(3000):
        doc = _generated_node(rng, 0)
        if isinstance(doc.get("credential"), dict):
            continue  # the uploadable wrapper: read by its own test
        assert _read(json.dumps(doc), "elm") == _read_in_three_walks(doc), doc
