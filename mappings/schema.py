"""The common elements: the target of every mapping.

Source: EU Council Recommendation on micro-credentials (2022/C 243/02, Annex I), the MICROBOL
framework and DEQAR's definition of a micro-credential. See ``../shared/DESIGN.md``.

Text that a provider gives in several languages is kept per language (``LangText``: ISO 639-1
code -> text, ``"und"`` where the language is not known) and never collapsed.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

LangText = dict[str, str]
"""Text per language: ISO 639-1 code (or ``und``) -> text."""

UNDETERMINED = "und"


class Mode(StrEnum):
    """Form of participation."""

    ONLINE = "online"
    ONSITE = "onsite"
    BLENDED = "blended"


class QfEhea(StrEnum):
    """Cycles of the Qualifications Framework of the European Higher Education Area."""

    SHORT = "short"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"


class QaType(StrEnum):
    """How the quality of the offer is assured."""

    EXTERNAL_INSTITUTIONAL = "external-institutional"
    EXTERNAL_PROGRAMME = "external-programme"
    INTERNAL = "internal"
    NONE_STATED = "none-stated"


class AssessmentType(StrEnum):
    """DEQAR's assessment types for micro-credentials."""

    ATTENDANCE = "attendance"
    ASSESSMENT = "assessment"
    NONE = "none"


class Stackability(StrEnum):
    STAND_ALONE = "stand-alone"
    INTEGRATED = "integrated"
    STACKABLE = "stackable"


class Transparency(StrEnum):
    """The traffic light of Annex I completeness."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Organisation(_Model):
    """A provider or awarding body."""

    name: LangText = Field(default_factory=dict, description="Name per language.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    identifiers: dict[str, str] = Field(
        default_factory=dict,
        description="Identifiers by scheme: deqar, eter, erasmus, schac, website, ...",
    )
    derived: list[str] = Field(
        default_factory=list,
        # Left out of the JSON when empty, so records the reference lists did not touch read
        # as before.
        exclude_if=lambda value: not value,
        description=(
            "What was filled from the reference lists (ETER, DEQAR), not stated by the source:"
            " country, identifiers.eter, identifiers.deqar, identifiers.website."
        ),
    )

    @field_validator("country")
    @classmethod
    def _upper_country(cls, value: str | None) -> str | None:
        return value.upper() if value else value


class LearningOutcome(_Model):
    text: LangText = Field(default_factory=dict)
    esco: list[str] = Field(default_factory=list, description="ESCO skill URIs.")


class Workload(_Model):
    ects: float | None = Field(None, ge=0, description="Credits in ECTS.")
    ects_derived: bool = Field(
        False, description="True when ECTS was computed (from hours or CATS), not stated."
    )
    hours: float | None = Field(None, ge=0, description="Notional learning hours.")


class Nqf(_Model):
    country: str
    level: str


class Level(_Model):
    eqf: int | None = Field(None, ge=1, le=8)
    qf_ehea: QfEhea | None = None
    nqf: Nqf | None = None
    isced_2011: int | None = Field(None, ge=0, le=8)


class Subject(_Model):
    isced: list[str] = Field(default_factory=list, description="ISCED-F 2013 codes.")
    keywords: list[str] = Field(default_factory=list, description="Free keywords as given.")


class Assessment(_Model):
    type: AssessmentType | None = None
    text: LangText = Field(default_factory=dict)


class Participation(_Model):
    mode: Mode | None = None
    schedule: str | None = Field(None, description="full-time, part-time, self-paced, ...")
    languages: list[str] = Field(
        default_factory=list, description="ISO 639-1 languages of instruction."
    )


class QualityAssurance(_Model):
    type: QaType | None = None
    type_derived: bool = Field(
        False,
        exclude_if=lambda value: not value,
        description=(
            "True when the type was inferred, not stated: the provider is a higher-education"
            " institution in the reference lists (external institutional QA, ESG)."
        ),
    )
    body: str | None = Field(None, description="Name of the QA body.")
    body_deqar_id: str | None = Field(
        None,
        exclude_if=lambda value: value is None,
        description="DEQAR id of the QA body when it is an EQAR-registered agency.",
    )
    report_url: str | None = None


class Link(_Model):
    title: LangText = Field(default_factory=dict)
    url: str | None = None


class StackabilityInfo(_Model):
    option: Stackability | None = None
    towards: list[Link] = Field(default_factory=list)


class Source(_Model):
    """One place that lists the offer."""

    feed_id: int
    feed_name: str | None = None
    remote_id: str
    url: str | None = None
    kind: str = Field("provider", description="provider | catalogue | platform")


class Record(_Model):
    """One micro-credential offer in the common elements."""

    id: str | None = Field(None, description="Microcat's stable record (or cluster) id.")
    remote_id: str | None = Field(None, description="The identifier in the source.")
    url: str | None = Field(None, description="Landing page of the offer.")
    identifiers: list[str] = Field(
        default_factory=list, description="Other identifiers of the offer (URIs, codes)."
    )
    title: LangText = Field(default_factory=dict)
    description: LangText = Field(default_factory=dict)
    provider: Organisation | None = None
    awarding_bodies: list[Organisation] = Field(default_factory=list)
    learning_outcomes: list[LearningOutcome] = Field(default_factory=list)
    workload: Workload = Field(default_factory=Workload)
    level: Level = Field(default_factory=Level)
    subject: Subject = Field(default_factory=Subject)
    assessment: Assessment = Field(default_factory=Assessment)
    participation: Participation = Field(default_factory=Participation)
    quality_assurance: QualityAssurance = Field(default_factory=QualityAssurance)
    stackability: StackabilityInfo = Field(default_factory=StackabilityInfo)
    prerequisites: LangText = Field(default_factory=dict)
    # Optional elements.
    credential_format: str | None = Field(None, description="EDC, Open Badges, ...")
    identity_verification: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    duration: str | None = Field(None, description="ISO 8601 duration as given.")
    price: str | None = None
    enrolment_url: str | None = None
    updated: datetime | None = None
    # Derived.
    is_microcredential: bool | None = None
    transparency: Transparency | None = None
    missing: list[str] = Field(default_factory=list, description="Missing Annex I elements.")
    sources: list[Source] = Field(default_factory=list)
    provenance: dict[str, int] = Field(
        default_factory=dict, description="Element -> feed id the merged value came from."
    )

    def best_text(self, field: str, prefer: str = "en") -> str:
        """The value of a ``LangText`` element in ``prefer`` or else any language."""
        return pick_text(getattr(self, field), prefer)


def pick_text(text: LangText | None, prefer: str = "en") -> str:
    """One string from a ``LangText``: the preferred language, else the first given."""
    if not text:
        return ""
    if prefer in text:
        return text[prefer]
    return next(iter(text.values()))


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of the common elements, as published at ``/api/schema``."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Microcat micro-credential record"
    return schema
