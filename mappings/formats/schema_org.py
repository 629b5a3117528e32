"""schema.org learning opportunities (``Course``, ``CourseInstance``,
``EducationalOccupationalProgram``, ``EducationalOccupationalCredential``) onto ``Record``.

The payload is JSON-LD as a page publishes it or as extruct extracts it: one object, a list of
objects or a ``@graph``; property names plain (``name``), prefixed (``schema:name``) or full
IRIs (``http://schema.org/name``); values strings, lists, ``{"@value": .., "@language": ..}``
or references (``{"@id": ..}``) to other nodes of the payload. ``load`` brings all of these
to one shape (plain names, references inlined) before the declarations read it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mappings.base import Field, JsonMapping, LangTexts, Text, Texts, first, parse_json
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    iso_duration,
    lang_text,
    language_code,
    parse_date,
    parse_ects,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_mode,
    parse_number,
    parse_qf_ehea,
    parse_schedule,
)
from mappings.registry import MappingError, RawInput, register

_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
# The node a payload is about, best first.
_MAIN_TYPES = (
    "Course",
    "EducationalOccupationalProgram",
    "WorkBasedProgram",
    "EducationalOccupationalCredential",
    "CourseInstance",
    "LearningResource",
    "CreativeWork",
)
_ISCED_HINT = re.compile(r"isced", re.I)
_EQF_HINT = re.compile(r"\beqf\b|/eqf|european qualifications", re.I)
_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/")
_ECTS_UNIT = re.compile(r"ects|european credit", re.I)
_MAX_DEPTH = 8
_LEVEL_KEYS = ("educationalLevel", "educationalAlignment")
_SUBJECT_KEYS = ("about", "educationalAlignment", "teaches", "keywords", "occupationalCategory")


def _plain(key: str) -> str:
    for prefix in _SCHEMA_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _normalise(value: Any) -> Any:
    """Plain property and type names; extruct's microdata items as JSON-LD nodes."""
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "properties" in value and "type" in value and "@type" not in value:
        value = {"@type": value["type"], **value["properties"]}
    node: dict[str, Any] = {}
    for key, item in value.items():
        if key == "@context":
            continue
        if key == "@type":
            types = item if isinstance(item, list) else [item]
            node["@type"] = [_plain(str(kind)) for kind in types]
        else:
            node[_plain(key)] = _normalise(item)
    return node


def _nodes(doc: Any) -> list[dict[str, Any]]:
    """The top-level nodes of a payload: an object, a list or a ``@graph``."""
    if isinstance(doc, list):
        return [node for item in doc for node in _nodes(item)]
    if isinstance(doc, dict):
        graph = doc.get("@graph")
        if isinstance(graph, list):
            return _nodes(graph)
        return [doc]
    return []


def _inline(value: Any, index: dict[str, dict[str, Any]], depth: int = 0) -> Any:
    """Replace references (``{"@id": ..}`` alone) by the node they name, to a bounded depth."""
    if isinstance(value, list):
        return [_inline(item, index, depth) for item in value]
    if not isinstance(value, dict) or depth > _MAX_DEPTH:
        return value
    if set(value) == {"@id"} and value["@id"] in index:
        value = index[value["@id"]]
    return {key: _inline(item, index, depth + 1) for key, item in value.items()}


def _types(node: Any) -> list[str]:
    return node.get("@type", []) if isinstance(node, dict) else []


def _format_number(value: Any) -> str:
    number = parse_number(value)
    if number is None:
        return clean_text(value)
    return str(int(number)) if number == int(number) else str(number)


def _split_keywords(text: str) -> list[str]:
    # schema.org: "Multiple textual entries in a keywords list are typically delimited by commas."
    return [keyword for part in text.split(",") if (keyword := clean_text(part))]


@register
class SchemaOrgMapping(JsonMapping):
    """schema.org ``Course`` and related JSON-LD nodes."""

    format = "schema.org"

    title = LangTexts("name", join=None)
    description = LangTexts("description")
    url = Text(("url", "@id"), using=http_url)
    identifiers = Texts(("courseCode", "programCode", "identifier"))
    provider = Field()
    languages = Texts(
        ("inLanguage", "hasCourseInstance.inLanguage"),
        to="participation.languages",
        using=language_code,
    )
    mode = Field(to="participation.mode")
    schedule = Field(to="participation.schedule")
    ects = Field(to="workload.ects")
    hours = Text("timeRequired", to="workload.hours", using=parse_hours)
    duration = Text(
        ("timeToComplete", "timeRequired", "hasCourseInstance.duration"), using=iso_duration
    )
    eqf = Field(to="level.eqf")
    qf_ehea = Field(to="level.qf_ehea")
    isced = Field(to="subject.isced")
    keywords = Field(to="subject.keywords")
    learning_outcomes = Field()
    prerequisites = Field()
    credential_format = Field()
    price = Field()
    enrolment_url = Field()
    start_date = Field()
    end_date = Field()
    updated = Text("dateModified", using=parse_date)

    # --- reading the payload -----------------------------------------------------------

    def load(self, raw: RawInput) -> dict[str, Any]:
        nodes = _nodes(_normalise(parse_json(raw.payload, self.format)))
        index = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        nodes = [_inline(node, index) for node in nodes]
        for kind in _MAIN_TYPES:
            for node in nodes:
                if kind in _types(node):
                    return node
        named = [node for node in nodes if node.get("name")]
        if named:
            return named[0]
        raise MappingError(f"{self.format}: no schema.org node with a name in the payload")

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """Strings; ``@value`` with its ``@language``; of a node its name (or target name,
        credential category, value, else its ``@id``), so that a property reads alike whether
        it holds a text or a node.
        """
        if isinstance(node, dict):
            if "@value" in node:
                text = clean_text(node["@value"]) if node["@value"] is not None else ""
                return [(node.get("@language"), text)] if text else []
            for key in ("name", "targetName", "credentialCategory", "value"):
                if node.get(key) is not None:
                    return self.texts(node[key])
            node_id = node.get("@id")
            # A blank node's id ("_:b0") names nothing outside the payload.
            return self.texts(node_id) if node_id and not str(node_id).startswith("_:") else []
        return super().texts(node)

    def _all(self, node: dict[str, Any], *keys: str) -> list[Any]:
        return [value for key in keys for value in self.select(node, key)]

    def _instances(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        return [item for item in self.get(node, "hasCourseInstance") if isinstance(item, dict)]

    def _primary(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        """The node, then the instance that starts first (else the first listed): where the
        dates and the offer of the record are read. RDFa and microdata do not keep the order
        of instances, so the earliest start is the one stable choice.
        """
        instances = self._instances(node)
        dated = [
            (start, position)
            for position, instance in enumerate(instances)
            if (start := first(self._strings(self.get(instance, "startDate"))))
        ]
        if dated:
            instances = [instances[min(dated)[1]]]
        return [node, *instances[:1]]

    def _agreed(self, node: dict[str, Any], parse: Callable[[list[str]], Any], *keys: str) -> Any:
        """The value every offering that states one agrees on (``None`` if they differ): a
        course run full-time on one campus and part-time on another is neither."""
        found = {
            value
            for offering in [node, *self._instances(node)]
            if (value := parse(self._strings(self._all(offering, *keys))))
        }
        return found.pop() if len(found) == 1 else None

    def _strings(self, values: list[Any]) -> list[str]:
        return [text for value in values for _, text in self.texts(value)]

    # --- provider ----------------------------------------------------------------------

    def prepare_provider(self, node: dict[str, Any]) -> dict[str, Any] | None:
        """``provider``, else ``offeredBy``, else the instances' ``organizer``."""
        for key in ("provider", "offeredBy", "hasCourseInstance.organizer"):
            for organisation in self.select(node, key):
                found = self._organisation(organisation)
                if found:
                    return found
        return None

    def _organisation(self, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            name = lang_text(self.texts(value))
            return {"name": name} if name else None
        name = lang_text([pair for item in self.get(value, "name") for pair in self.texts(item)])
        if not name:
            return None
        organisation: dict[str, Any] = {"name": name}
        countries = self._strings(
            self._all(value, "address.addressCountry", "location.address.addressCountry")
        )
        country = first(country_code(text) for text in countries)
        if country:
            organisation["country"] = country
        identifiers: dict[str, str] = {}
        for identifier in self.get(value, "identifier"):
            if not isinstance(identifier, dict):
                continue
            scheme = first(self._strings(self.get(identifier, "propertyID")))
            code = first(self._strings(self.get(identifier, "value")))
            if scheme and code:
                identifiers[scheme.lower()] = code
        website = first(http_url(text) for text in self._strings(self.get(value, "url")))
        if website:
            identifiers["website"] = website
        if identifiers:
            organisation["identifiers"] = identifiers
        return organisation

    # --- participation, workload -------------------------------------------------------

    def prepare_mode(self, node: dict[str, Any]) -> str | None:
        """``courseMode`` (``educationalProgramMode``) of the node and instances, if they agree."""
        return self._agreed(node, parse_mode, "courseMode", "educationalProgramMode")

    def prepare_schedule(self, node: dict[str, Any]) -> str | None:
        """Full- or part-time from ``educationalProgramMode`` or ``courseMode``, when they agree."""
        return self._agreed(node, parse_schedule, "educationalProgramMode", "courseMode")

    def prepare_identifiers(self, node: dict[str, Any]) -> list[str]:
        url = self.extract("url", node)
        return [value for value in self.extract("identifiers", node) if value != url]

    def prepare_ects(self, node: dict[str, Any]) -> float | None:
        """``numberOfCredits``: a number, a text, or a ``StructuredValue`` in ECTS.

        A structured value in another unit ("CATS", "US credits") is not ECTS.
        """
        for credits in self.get(node, "numberOfCredits"):
            if isinstance(credits, dict) and "@value" not in credits:
                unit = " ".join(self._strings(self._all(credits, "unitText", "unitCode")))
                if unit and not _ECTS_UNIT.search(unit):
                    continue
                values = self.get(credits, "value")
            else:
                values = [credits]
            for value in values:
                raw = value.get("@value") if isinstance(value, dict) else value
                ects = parse_ects(raw)
                if ects is not None:
                    return ects
        return None

    # --- level and subject -------------------------------------------------------------

    def _term(self, value: Any) -> tuple[str, list[str]]:
        """``(scheme, values)`` of a term: the scheme is its defined term set or alignment
        framework, the values its code, URIs and names to try."""
        if not isinstance(value, dict):
            return "", self._strings([value])
        term_sets = self.get(value, "inDefinedTermSet")
        scheme = self._strings(self.get(value, "educationalFramework") + term_sets)
        scheme += [
            str(item["@id"]) for item in term_sets if isinstance(item, dict) and "@id" in item
        ]
        keys = ("termCode", "@id", "targetUrl", "url", "name", "targetName")
        return " ".join(scheme), self._strings(self._all(value, *keys))

    def _terms(self, node: dict[str, Any], *keys: str) -> list[tuple[str, list[str]]]:
        return [self._term(value) for value in self._all(node, *keys)]

    def prepare_eqf(self, node: dict[str, Any]) -> int | None:
        """``educationalLevel`` / ``educationalAlignment`` terms of the EQF.

        Only EQF terms count: "SCQF Level 7" or a bare "Level 6" may be another framework.
        """
        for scheme, values in self._terms(node, *_LEVEL_KEYS):
            for value in values:
                if _EQF_HINT.search(scheme) or _EQF_HINT.search(value):
                    level = parse_eqf(value)
                    if level:
                        return level
        return None

    def prepare_qf_ehea(self, node: dict[str, Any]) -> str | None:
        """A QF-EHEA cycle named by ``educationalLevel``."""
        for _, values in self._terms(node, "educationalLevel"):
            cycle = first(parse_qf_ehea(value) for value in values)
            if cycle:
                return cycle
        return None

    def _isced(self, scheme: str, values: list[str]) -> list[str]:
        if _ISCED_HINT.search(scheme):
            # In an ISCED-F term set a bare term code ("10") is a code.
            return (
                first(parse_isced(f"ISCED {value}") or parse_isced(value) for value in values) or []
            )
        return first(parse_isced(value) for value in values if "isced" in value.lower()) or []

    def prepare_isced(self, node: dict[str, Any]) -> list[str]:
        """ISCED-F codes among ``about``, ``educationalAlignment``, ``teaches``, ``keywords``."""
        codes: list[str] = []
        for scheme, values in self._terms(node, *_SUBJECT_KEYS):
            codes += [code for code in self._isced(scheme, values) if code not in codes]
        return codes

    def prepare_keywords(self, node: dict[str, Any]) -> list[str]:
        """``keywords`` (comma-separated or repeated) and ``about`` terms that are not ISCED-F."""
        keywords: list[str] = []
        for value in self.get(node, "keywords"):
            if self._isced(*self._term(value)):
                continue
            for text in self._strings([value]):
                keywords += [word for word in _split_keywords(text) if word not in keywords]
        for value in self.get(node, "about"):
            if not self._isced(*self._term(value)):
                name = first(self._strings([value]))
                if name and name not in keywords:
                    keywords.append(name)
        return keywords

    # --- outcomes, prerequisites, credential ------------------------------------------

    def prepare_learning_outcomes(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        """``teaches`` and ``competencyRequired`` (what a credential's holder has shown)."""
        outcomes: list[dict[str, Any]] = []
        for value in self._all(node, "teaches", "competencyRequired"):
            scheme, values = self._term(value)
            if self._isced(scheme, values):
                continue
            outcome: dict[str, Any] = {"text": lang_text(self.texts(value))}
            esco = [uri for uri in values if _ESCO.match(uri)]
            if esco:
                outcome["esco"] = esco[:1]
            if outcome["text"] and outcome not in outcomes:
                outcomes.append(outcome)
        return outcomes

    def prepare_prerequisites(self, node: dict[str, Any]) -> dict[str, str]:
        """``coursePrerequisites`` / ``programPrerequisites`` texts, joined per language."""
        pairs = [
            pair
            for value in self._all(node, "coursePrerequisites", "programPrerequisites")
            for pair in self.texts(value)
        ]
        return lang_text(pairs, join="; ")

    def prepare_credential_format(self, node: dict[str, Any]) -> str | None:
        """Open Badges or EDC when the awarded credential says it is one."""
        values = self._all(
            node, "educationalCredentialAwarded", "occupationalCredentialAwarded", "hasCredential"
        )
        text = " ".join(
            self._strings(values) + [kind for value in values for kind in _types(value)]
        ).lower()
        if "open badge" in text or "openbadge" in text:
            return "Open Badges"
        if (
            "europass" in text
            or "european digital credential" in text
            or re.search(r"\bedc\b", text)
        ):
            return "EDC"
        return None

    # --- offers and dates --------------------------------------------------------------

    def _offers(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            offer
            for offering in self._primary(node)
            for offer in self.get(offering, "offers")
            if isinstance(offer, dict)
        ]

    def prepare_price(self, node: dict[str, Any]) -> str | None:
        """The first offer's price with its currency (``"395 GBP"``)."""
        for offer in self._offers(node):
            for source in [offer, *self.get(offer, "priceSpecification")]:
                if not isinstance(source, dict):
                    continue
                price = first(self._strings(self.get(source, "price")))
                if price is not None:
                    currency = first(self._strings(self.get(source, "priceCurrency")))
                    amount = _format_number(price)
                    return f"{amount} {currency}" if currency else amount
        return None

    def prepare_enrolment_url(self, node: dict[str, Any]) -> str | None:
        """The first offer's ``url``."""
        for offer in self._offers(node):
            url = first(http_url(text) for text in self._strings(self.get(offer, "url")))
            if url:
                return url
        return None

    def _date(self, node: dict[str, Any], key: str) -> str | None:
        for offering in self._primary(node):
            value = first(self._strings(self.get(offering, key)))
            if value:
                return value
        return None

    def prepare_start_date(self, node: dict[str, Any]) -> str | None:
        """``startDate`` of the node, else of the instance that starts first."""
        return self._date(node, "startDate")

    def prepare_end_date(self, node: dict[str, Any]) -> str | None:
        return self._date(node, "endDate")
