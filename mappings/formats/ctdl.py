"""Credential Engine CTDL JSON-LD (``ceterms:``) onto ``Record``: learning opportunities
(``Course``, ``LearningProgram``, ``LearningOpportunityProfile``) and credentials
(``Certificate``, ``MicroCredential``, ``Badge``, ``MasterDegree``, ...).

A payload is a ``@graph`` document (the resource and the nodes it refers to: organisations,
blank nodes ``_:...`` for duration and value profiles, competencies), a single ("split")
resource, or a list of resources. The main resource is the first node of an offer or
credential type; references to other nodes (``"https://.../ce-..."``, ``{"@id": ...}``,
``"_:b0"``) are resolved within the payload, a registry URI also by its CTID (the registry
writes ``/resources/ce-...`` for a node and ``/graph/ce-...`` for references to it).
Property names are read without their prefix (``ceterms:name`` -> ``name``); texts are
strings or language maps (``{"en-US": ...}`` -> ``en``).

Decisions worth knowing:

- Credits: only ECTS (``creditUnit:ECTSCredit``, or a unit named ECTS) fill
  ``workload.ects``. US semester / quarter hours, degree and certificate credits are neither
  ECTS nor notional hours; they are not mapped (not even as keywords, which feed the subject
  search).
- Hours come from ``estimatedDuration`` only when it is a duration in hours (``PT40H``);
  ``P5D`` or ``P2W`` stays a ``duration``.
- Mode: ``deliveryType`` ``OnlineOnly`` / ``InPerson`` / ``BlendedDelivery``; a resource
  offered in several delivery types has no single mode (``None``). Without a delivery type,
  ``availableOnlineAt`` alone means online.
- Level: CTDL has no EQF. Degree audience levels and degree types map to QF-EHEA cycles
  (associate -> short, bachelor -> first, master -> second, doctoral -> third).
- Subjects: CIP (``instructionalProgramType``), SOC / O*NET (``occupationType``),
  ``subject`` and ``keyword`` are keywords; ISCED-F codes only where a framework says ISCED.
- Provider: ``offeredBy``, else ``ownedBy``; the owners that differ from it are the awarding
  bodies. An organisation outside the payload keeps its CTID (else its URI, ``uri``) as
  identifier, without a name.
  Its country comes from its address, else from the resource's ``availableAt``.
- ``teaches`` are learning outcomes, as are the competencies a credential ``requires``; every
  ``entryCondition`` and what a learning opportunity ``requires`` (publishers put admission
  requirements there) are prerequisites.
- ``accreditedBy`` on the resource is an external programme accreditation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mappings.base import Field, JsonMapping, first, parse_json
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    iso_duration,
    lang_text,
    language_code,
    parse_ects,
    parse_hours,
    parse_isced,
    parse_mode,
    parse_number,
)
from mappings.registry import MappingError, RawInput, register
from mappings.schema import AssessmentType, LangText, Mode, QaType, QfEhea, Stackability

_LEARNING_OPPORTUNITIES = (
    "Course",
    "LearningProgram",
    "LearningOpportunityProfile",
    "LearningOpportunity",
)
_CREDENTIAL = re.compile(
    r"(?:Credential|Certificate|Certification|Degree|Diploma|Doctorate|Badge|License)$"
)
_CTID = re.compile(
    r"(ce-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
)
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/")
_ECTS_UNIT = re.compile(r"ects", re.I)
_MAX_DEPTH = 8

DELIVERY_MODES = {
    "deliveryType:OnlineOnly": Mode.ONLINE,
    "deliveryType:InPerson": Mode.ONSITE,
    "deliveryType:BlendedDelivery": Mode.BLENDED,
}
_CYCLES = (
    (re.compile(r"associate", re.I), QfEhea.SHORT),
    (re.compile(r"bachelor", re.I), QfEhea.FIRST),
    (re.compile(r"master", re.I), QfEhea.SECOND),
    (re.compile(r"doctor", re.I), QfEhea.THIRD),
)
_SELF_PACED = "learnMethod:SelfPaced"


# --- reading JSON-LD ------------------------------------------------------------------------


def _local(key: str) -> str:
    """``ceterms:name`` -> ``name``; ``@id`` and ``@type`` stay."""
    return key if key.startswith("@") else key.rsplit(":", 1)[-1]


def is_language_map(value: Any) -> bool:
    """Whether ``value`` is a JSON-LD language map: ``{"en-US": "...", "es": [...]}``."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            isinstance(key, str)
            and _LANGUAGE_TAG.match(key)
            and (
                isinstance(text, str)
                or (isinstance(text, list) and all(isinstance(item, str) for item in text))
            )
            for key, text in value.items()
        )
    )


def _normalise(value: Any) -> Any:
    """Unprefixed property names, ``@type`` as a list of unprefixed names."""
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if not isinstance(value, dict) or is_language_map(value):
        return value
    node: dict[str, Any] = {}
    for key, item in value.items():
        if key == "@context":
            continue
        if key == "@type":
            types = item if isinstance(item, list) else [item]
            node["@type"] = [_local(str(kind)) for kind in types]
        else:
            node[_local(key)] = _normalise(item)
    return node


def _ctid(value: Any) -> str | None:
    """The CTID in a string (``ce-...`` or a registry URI ending in one)."""
    if not isinstance(value, str):
        return None
    match = _CTID.search(value)
    return match.group(1) if match else None


class _Graph:
    """The nodes of a payload by ``@id`` and by CTID, and reference resolution."""

    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_ctid: dict[str, dict[str, Any]] = {}
        for node in nodes:
            self._add(node)

    def _add(self, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                self._add(item)
            return
        if not isinstance(value, dict) or is_language_map(value):
            return
        if set(value) - {"@id", "@type"}:
            if isinstance(value.get("@id"), str):
                self.by_id.setdefault(value["@id"], value)
            ctid = _ctid(value.get("ctid")) or _ctid(value.get("@id"))
            if ctid and "ctid" in value:
                self.by_ctid.setdefault(ctid.lower(), value)
        for item in value.values():
            self._add(item)

    def node(self, reference: Any) -> dict[str, Any] | None:
        """The node a reference (``{"@id": ..}``, an id string) names, if in the payload."""
        if isinstance(reference, dict):
            if set(reference) - {"@id", "@type"}:
                return reference
            reference = reference.get("@id")
        if not isinstance(reference, str):
            return None
        found = self.by_id.get(reference)
        if found is None and (ctid := _ctid(reference)):
            found = self.by_ctid.get(ctid.lower())
        return found

    def resolve(self, value: Any, depth: int = 0, path: frozenset[str] = frozenset()) -> Any:
        """``value`` with references (and id strings of nodes in the payload) inlined; a node
        is not inlined inside itself (``path`` holds the ids above), and depth is bounded."""
        if depth > _MAX_DEPTH:
            return value
        if isinstance(value, list):
            return [self.resolve(item, depth, path) for item in value]
        if isinstance(value, str):
            found = self.node(value) if value.startswith(("_:", "http")) else None
            if found is None or found.get("@id") in path:
                return value
            return self.resolve(found, depth + 1, path)
        if not isinstance(value, dict) or is_language_map(value):
            return value
        if not set(value) - {"@id", "@type"} and (found := self.node(value)) is not None:
            if found.get("@id") in path:
                return value
            value = found
        if isinstance(value.get("@id"), str):
            path = path | {value["@id"]}
        return {
            key: item if key in ("@id", "ctid") else self.resolve(item, depth + 1, path)
            for key, item in value.items()
        }


def _nodes(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, list):
        return [node for item in doc for node in _nodes(item)]
    if isinstance(doc, dict):
        graph = doc.get("@graph")
        return _nodes(graph) if isinstance(graph, list) else [doc]
    return []


def _types(node: Any) -> list[str]:
    return node.get("@type", []) if isinstance(node, dict) else []


def _is_learning_opportunity(node: Any) -> bool:
    return any(kind in _LEARNING_OPPORTUNITIES for kind in _types(node))


def _is_credential(node: Any) -> bool:
    return any(_CREDENTIAL.search(kind) for kind in _types(node))


def _get(node: Any, key: str) -> list[Any]:
    if not isinstance(node, dict) or node.get(key) is None:
        return []
    value = node[key]
    return [item for item in value if item is not None] if isinstance(value, list) else [value]


def _path(node: Any, path: str) -> list[Any]:
    nodes = [node]
    for key in path.split("."):
        nodes = [value for parent in nodes for value in _get(parent, key)]
    return nodes


# --- the mapping ----------------------------------------------------------------------------


@register
class CtdlMapping(JsonMapping):
    """CTDL learning opportunities and credentials."""

    format = "ctdl"

    title = Field()
    description = Field()
    url = Field()
    identifiers = Field()
    provider = Field()
    awarding_bodies = Field()
    learning_outcomes = Field()
    ects = Field(to="workload.ects")
    hours = Field(to="workload.hours")
    duration = Field()
    qf_ehea = Field(to="level.qf_ehea")
    isced = Field(to="subject.isced")
    keywords = Field(to="subject.keywords")
    mode = Field(to="participation.mode")
    schedule = Field(to="participation.schedule")
    languages = Field(to="participation.languages")
    assessment = Field()
    quality_assurance = Field()
    stackability = Field()
    prerequisites = Field()
    credential_format = Field()
    price = Field()
    enrolment_url = Field()

    # --- reading the payload -----------------------------------------------------------

    def load(self, raw: RawInput) -> dict[str, Any]:
        """The main resource, references resolved.

        Raises:
            MappingError: not JSON, or no learning opportunity or credential in it.
        """
        nodes = _nodes(_normalise(parse_json(raw.payload, self.format)))
        graph = _Graph(nodes)
        main = first(
            node for node in nodes if _is_learning_opportunity(node) or _is_credential(node)
        )
        if main is None:
            raise MappingError(f"{self.format}: no learning opportunity or credential node")
        resolved: dict[str, Any] = graph.resolve(main)
        return resolved

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """Strings, language maps, ``@value`` objects; of a node its name (an alignment's
        ``targetNodeName``, a competency's text), else nothing."""
        if isinstance(node, list):
            return [pair for item in node for pair in self.texts(item)]
        if is_language_map(node):
            return [
                (language, text)
                for language, value in node.items()
                for text in (value if isinstance(value, list) else [value])
                if clean_text(text)
            ]
        if isinstance(node, dict):
            if "@value" in node:
                text = clean_text(node["@value"])
                return [(node.get("@language"), text)] if text else []
            for key in ("name", "targetNodeName", "competencyText", "competencyLabel"):
                if node.get(key) is not None:
                    return self.texts(node[key])
            return []
        if isinstance(node, str) and node.startswith("_:"):
            return []  # an unresolved blank node names nothing
        return super().texts(node)

    def _lang(self, values: Iterable[Any], join: str | None = "\n\n") -> LangText:
        return lang_text([pair for value in values for pair in self.texts(value)], join=join)

    def _strings(self, values: Iterable[Any]) -> list[str]:
        return [text for value in values for _, text in self.texts(value)]

    # --- title, description, links -----------------------------------------------------

    def prepare_title(self, node: dict[str, Any]) -> LangText:
        return self._lang(_get(node, "name"), join=None)

    def prepare_description(self, node: dict[str, Any]) -> LangText:
        return self._lang(_get(node, "description"))

    def prepare_url(self, node: dict[str, Any]) -> str | None:
        return first(http_url(value) for value in _get(node, "subjectWebpage"))

    def prepare_identifiers(self, node: dict[str, Any]) -> list[str]:
        """The CTID, the registry URI (``@id``) and any ``codedNotation`` of the resource."""
        url = self.prepare_url(node)
        found: list[str] = []
        for value in [*_get(node, "ctid"), node.get("@id"), *_get(node, "codedNotation")]:
            text = clean_text(value) if isinstance(value, str | int) else ""
            if text and not text.startswith("_:") and text != url and text not in found:
                found.append(text)
        return found

    # --- organisations -----------------------------------------------------------------

    def _organisation(self, value: Any) -> dict[str, Any] | None:
        """An organisation node; of one outside the payload its CTID, else its URI."""
        if not isinstance(value, dict):
            if ctid := _ctid(value):
                return {"identifiers": {"ctid": ctid}}
            uri = http_url(value)
            return {"identifiers": {"uri": uri}} if uri else None
        organisation: dict[str, Any] = {}
        name = self._lang(_get(value, "name"), join=None)
        if name:
            organisation["name"] = name
        countries = self._strings(_path(value, "address.addressCountry"))
        if country := first(country_code(text) for text in countries):
            organisation["country"] = country
        identifiers: dict[str, str] = {}
        if ctid := _ctid(first(_get(value, "ctid")) or value.get("@id")):
            identifiers["ctid"] = ctid
        if website := first(http_url(url) for url in _get(value, "subjectWebpage")):
            identifiers["website"] = website
        if identifiers:
            organisation["identifiers"] = identifiers
        return organisation or None

    def _organisations(self, node: dict[str, Any], key: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for value in _get(node, key):
            organisation = self._organisation(value)
            if organisation and organisation not in found:
                found.append(organisation)
        return found

    def prepare_provider(self, node: dict[str, Any]) -> dict[str, Any] | None:
        """``offeredBy``, else ``ownedBy``; without a country of its own, the country where
        the resource is ``availableAt``."""
        provider = first(
            self._organisations(node, "offeredBy") + self._organisations(node, "ownedBy")
        )
        if provider and "country" not in provider:
            places = _get(node, "availableAt")
            countries = self._strings(
                [country for place in places for country in _get(place, "addressCountry")]
                + _path(node, "availableAt.address.addressCountry")
            )
            if country := first(country_code(text) for text in countries):
                provider = {**provider, "country": country}
        return provider

    def prepare_awarding_bodies(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        """The owners (``ownedBy``) that are not the provider."""
        provider = self.prepare_provider(node) or {}
        provider_ctid = provider.get("identifiers", {}).get("ctid")
        return [
            owner
            for owner in self._organisations(node, "ownedBy")
            if owner != provider
            and not (provider_ctid and owner.get("identifiers", {}).get("ctid") == provider_ctid)
        ]

    # --- outcomes, prerequisites -------------------------------------------------------

    def _competency(self, value: Any) -> dict[str, Any] | None:
        text = self._lang([value])
        if not text:
            return None
        outcome: dict[str, Any] = {"text": text}
        targets = (
            [*_get(value, "targetNode"), *_get(value, "@id")] if isinstance(value, dict) else []
        )
        esco = [target for target in targets if isinstance(target, str) and _ESCO.match(target)]
        if esco:
            outcome["esco"] = esco[:1]
        return outcome

    def _competencies(self, values: Iterable[Any]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for value in values:
            outcome = self._competency(value)
            if outcome and outcome not in found:
                found.append(outcome)
        return found

    def prepare_learning_outcomes(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        """``teaches``; of a credential also the competencies it ``requires``."""
        values = _get(node, "teaches")
        if _is_credential(node) and not _is_learning_opportunity(node):
            values += _path(node, "requires.targetCompetency")
        return self._competencies(values)

    def prepare_prerequisites(self, node: dict[str, Any]) -> LangText:
        """``entryCondition`` (and, of a learning opportunity, ``requires``) condition profiles:
        their descriptions, conditions and target competencies."""
        conditions = _get(node, "entryCondition")
        if _is_learning_opportunity(node):
            # What a learning opportunity requires is mostly what it takes to be admitted
            # ("Admission Requirements"); a credential's requirements are what earns it.
            conditions += _get(node, "requires")
        values = [
            value
            for condition in conditions
            for key in ("description", "condition", "targetCompetency")
            for value in _get(condition, key)
        ]
        return self._lang(values, join="; ")

    # --- workload, level, subject ------------------------------------------------------

    def _credit_values(self, node: dict[str, Any]) -> list[tuple[list[Any], list[Any]]]:
        """``(unit alignments, values)`` of ``creditValue`` profiles and of the older
        ``creditUnitType`` / ``creditUnitValue`` pair, on the resource and its conditions."""
        holders = [node, *_get(node, "requires")]
        found: list[tuple[list[Any], list[Any]]] = []
        for holder in holders:
            for profile in _get(holder, "creditValue"):
                if isinstance(profile, dict):
                    values = _get(profile, "value") or _get(profile, "maxValue")
                    found.append((_get(profile, "creditUnitType"), values))
            if _get(holder, "creditUnitValue"):
                found.append((_get(holder, "creditUnitType"), _get(holder, "creditUnitValue")))
        return found

    def prepare_ects(self, node: dict[str, Any]) -> float | None:
        """Credits whose unit is ECTS (``creditUnit:ECTSCredit``); other units are not ECTS."""
        for units, values in self._credit_values(node):
            names = [
                str(item)
                for unit in units
                for item in (
                    _get(unit, "targetNode") + self._strings([unit])
                    if isinstance(unit, dict)
                    else [unit]
                )
            ]
            if any(_ECTS_UNIT.search(name) for name in names):
                ects = first(parse_ects(value) for value in values)
                if ects is not None:
                    return ects
        return None

    def _durations(self, node: dict[str, Any]) -> list[str]:
        return [
            value
            for profile in _get(node, "estimatedDuration")
            for key in ("exactDuration", "maximumDuration", "minimumDuration")
            for value in _get(profile, key)
            if isinstance(value, str)
        ]

    def prepare_hours(self, node: dict[str, Any]) -> float | None:
        """``estimatedDuration`` in hours (``PT40H``); days, weeks and years are not hours."""
        return first(parse_hours(value) for value in self._durations(node))

    def prepare_duration(self, node: dict[str, Any]) -> str | None:
        return first(iso_duration(value) for value in self._durations(node))

    def prepare_qf_ehea(self, node: dict[str, Any]) -> str | None:
        """The cycle of a degree audience level or degree type, when only one is named."""
        names = [
            str(value)
            for alignment in _get(node, "audienceLevelType")
            for value in (
                _get(alignment, "targetNode") if isinstance(alignment, dict) else [alignment]
            )
        ]
        names += [kind for kind in _types(node) if kind.endswith(("Degree", "Doctorate"))]
        cycles = {cycle for name in names for pattern, cycle in _CYCLES if pattern.search(name)}
        return cycles.pop().value if len(cycles) == 1 else None

    def _alignments(self, node: dict[str, Any]) -> list[Any]:
        return [
            value
            for key in ("subject", "instructionalProgramType", "occupationType", "keyword")
            for value in _get(node, key)
        ]

    def _isced(self, alignment: Any) -> list[str]:
        if not isinstance(alignment, dict):
            return []
        framework = " ".join(
            self._strings(_get(alignment, "frameworkName"))
            + [str(v) for v in _get(alignment, "framework")]
        )
        if "isced" not in framework.lower():
            return []
        codes = [
            str(value) for value in _get(alignment, "codedNotation") + _get(alignment, "targetNode")
        ]
        return first(parse_isced(f"ISCED {code}") or parse_isced(code) for code in codes) or []

    def prepare_isced(self, node: dict[str, Any]) -> list[str]:
        """ISCED-F codes of alignments in an ISCED framework (CIP codes are not ISCED)."""
        codes: list[str] = []
        for alignment in self._alignments(node):
            codes += [code for code in self._isced(alignment) if code not in codes]
        return codes

    def prepare_keywords(self, node: dict[str, Any]) -> list[str]:
        """Names of subjects, instructional programmes (CIP), occupations and keywords."""
        keywords: list[str] = []
        for alignment in self._alignments(node):
            if self._isced(alignment):
                continue
            if isinstance(alignment, dict) and not is_language_map(alignment):
                name = first(self._strings([alignment])) or first(
                    clean_text(code) for code in _get(alignment, "codedNotation")
                )
                names = [name] if name else []
            else:  # keywords: a string or a language map of several
                names = self._strings([alignment])
            keywords += [name for name in names if name not in keywords]
        return keywords

    # --- participation -----------------------------------------------------------------

    def prepare_mode(self, node: dict[str, Any]) -> str | None:
        """The one ``deliveryType``; else online when only ``availableOnlineAt`` is given."""
        modes: set[Mode] = set()
        for alignment in _get(node, "deliveryType"):
            targets = _get(alignment, "targetNode") if isinstance(alignment, dict) else [alignment]
            mode = first(DELIVERY_MODES.get(str(target)) for target in targets)
            mode = mode or parse_mode(self._strings([alignment]))
            if mode:
                modes.add(mode)
        if modes:
            return modes.pop().value if len(modes) == 1 else None
        if _get(node, "availableOnlineAt") and not _get(node, "availableAt"):
            return Mode.ONLINE.value
        return None

    def prepare_schedule(self, node: dict[str, Any]) -> str | None:
        """Self-paced when ``learningMethodType`` says so."""
        targets = _path(node, "learningMethodType.targetNode")
        return "self-paced" if _SELF_PACED in targets else None

    def prepare_languages(self, node: dict[str, Any]) -> list[str]:
        found: list[str] = []
        for value in _get(node, "inLanguage"):
            for text in self._strings([value]):
                code = language_code(text)
                if code and code not in found:
                    found.append(code)
        return found

    # --- assessment, quality, stackability ---------------------------------------------

    def prepare_assessment(self, node: dict[str, Any]) -> dict[str, Any] | None:
        """``assessmentMethodType`` or an assessment the resource ``requires``: assessment-based;
        the method's description, else the names of the required assessments."""
        result: dict[str, Any] = {}
        if _get(node, "assessmentMethodType") or _path(node, "requires.targetAssessment"):
            result["type"] = AssessmentType.ASSESSMENT.value
        text = self._lang(_get(node, "assessmentMethodDescription")) or self._lang(
            _path(node, "requires.targetAssessment"), join="; "
        )
        if text:
            result["text"] = text
        return result or None

    def prepare_quality_assurance(self, node: dict[str, Any]) -> dict[str, Any] | None:
        """``accreditedBy`` the resource: external programme accreditation by that body."""
        agents = _get(node, "accreditedBy")
        if not agents:
            return None
        result: dict[str, Any] = {"type": QaType.EXTERNAL_PROGRAMME.value}
        names = [
            name
            for agent in agents
            if isinstance(agent, dict)
            for name in [first(self._strings(_get(agent, "name")))]
            if name
        ]
        if names:
            result["body"] = names[0]
        return result

    def prepare_stackability(self, node: dict[str, Any]) -> dict[str, Any] | None:
        """``isPartOf`` a larger resource: stackable towards it."""
        towards = []
        for whole in _get(node, "isPartOf"):
            link: dict[str, Any] = {}
            if isinstance(whole, dict):
                link["title"] = self._lang(_get(whole, "name"), join=None)
                url = first(
                    http_url(value) for value in _get(whole, "subjectWebpage") + _get(whole, "@id")
                )
            else:
                url = http_url(whole)
            if url:
                link["url"] = url
            if link.get("title") or link.get("url"):
                towards.append(link)
        return {"option": Stackability.STACKABLE.value, "towards": towards} if towards else None

    # --- credential, price, enrolment --------------------------------------------------

    def prepare_credential_format(self, node: dict[str, Any]) -> str | None:
        return "Open Badges" if any("Badge" in kind for kind in _types(node)) else None

    def prepare_price(self, node: dict[str, Any]) -> str | None:
        """The first ``estimatedCost`` with a price, with its currency as given."""
        for cost in _get(node, "estimatedCost"):
            price = first(parse_number(value) for value in _get(cost, "price"))
            if price is None:
                continue
            amount = str(int(price)) if price == int(price) else str(price)
            currency = first(self._strings(_get(cost, "currency")))
            return f"{amount} {currency}" if currency else amount
        return None

    def prepare_enrolment_url(self, node: dict[str, Any]) -> str | None:
        """``availabilityListing``: where the resource can be pursued (enrolment)."""
        return first(http_url(value) for value in _get(node, "availabilityListing"))
