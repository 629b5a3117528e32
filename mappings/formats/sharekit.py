"""SURF Sharekit repository items (JSON:API ``repoItem``) onto ``Record``.

One payload is one item, ``{"type": "repoItem", "id": "<uuid>", "attributes": {..}}``, as the
JSON spider emits each item of ``data`` of a ``/api/jsonapi/channel/v1/<channel>/repoItems``
page; a whole page with a single item under ``data`` is accepted too. A deleted item
(``"meta": {"status": "deleted"}``, empty attributes) cannot be mapped.

Decisions:

- Identifiers: the item ``id`` as ``urn:uuid:<uuid>`` (lower case), the very form the LOM
  mapping reads from the NL-LOM catalog entry of the same item in Edurep's OAI-PMH feed, so
  exact deduplication matches the two; then ``doi`` as ``https://doi.org/10..``, ``handle``
  as ``https://hdl.handle.net/..`` and ``urn:nbn`` as given. ``remote_id`` is the bare id.
- Title and abstract are tagged with the item's ``language`` (ISO 639-1); ``language`` is
  also the language of participation, as in the LOM mapping (``general.language``).
- URL: the first file with a URL and a media type, else the first link; that is the order of
  SURF's own extraction (search-portal) and of ``technical.location`` in Edurep's LOM.
- Provider: ``owner`` (newer API versions), else ``institutes``, else ``publishers``, but
  never ``SURFnet``: the operator of Sharekit is written as publisher of whole channels and
  says nothing about who offers the material. Authors are persons, never providers.
- Keywords: ``keywords`` and the terms of the ``vocabularies`` (the LOM mapping reads the
  same terms from the idea classifications). ``themesLearningMaterial`` slugs
  (``"exact_informatica"``) are Sharekit's own codes, not ISCED-F, and are not read.
- Level: ``educationalLevels`` values are school types of the Dutch context vocabulary
  (``HBO``, ``WO``), which span several cycles and give no QF-EHEA cycle or EQF level; a
  value that names a cycle (``"WO - Master"``) gives the cycle.
- Learning outcomes: the bullet lines under a "Learning objective(s):" / "Leerdoel(en):"
  heading in the abstract (one outcome per bullet; a heading with text after its colon is one
  outcome). The abstract stays the description as it is.
- ECTS only where an abstract or keyword states them ("5 ECTS"); no hours or mode are given.
- Price: ``cost.value`` ``no`` (LOM's rights.cost) is ``"0"``; anything else is not read.
- Updated: ``modifiedAt``, else ``publishedAt`` unless it is the 1970-01-01 placeholder.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from mappings.base import Field, JsonMapping, Texts, first
from mappings.normalise import (
    clean_text,
    doi_url,
    find_ects,
    handle_url,
    http_url,
    lang_text,
    language_code,
    parse_date,
    parse_qf_ehea,
)
from mappings.registry import MappingError, RawInput, register

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_PLATFORM_PUBLISHERS = frozenset({"surfnet", "surf"})
_PLACEHOLDER_DATE = datetime(1970, 1, 1, tzinfo=UTC)

_OBJECTIVES_HEADING = re.compile(
    r"^\s*(?:learning\s+(?:objectives?|outcomes?|goals?)|leerdoel(?:en)?|leeruitkomst(?:en)?)"
    r"\s*:\s*(?P<rest>.*)$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+(?P<text>\S.*)$")


def sharekit_identifiers(item: dict[str, Any]) -> list[str]:
    """``urn:uuid:`` of the item id, then DOI, handle and URN:NBN in their resolvable forms."""
    found: list[str] = []
    item_id = clean_text(item.get("id"))
    if _UUID.match(item_id):
        found.append(f"urn:uuid:{item_id.lower()}")
    attributes = item.get("attributes") or {}
    if doi := doi_url(clean_text(attributes.get("doi"))):
        found.append(doi)
    if handle := handle_url(clean_text(attributes.get("handle"))):
        found.append(handle)
    if urn := clean_text(attributes.get("urn:nbn")):
        found.append(urn)
    return [value for index, value in enumerate(found) if value not in found[:index]]


def learning_objectives(abstract: Any) -> list[str]:
    """Objectives listed under a learning-objective heading of an abstract, one per bullet."""
    if not isinstance(abstract, str):
        return []
    objectives: list[str] = []
    in_list = False
    for line in abstract.splitlines():
        if heading := _OBJECTIVES_HEADING.match(line):
            in_list = True
            if rest := clean_text(heading.group("rest")):
                objectives.append(rest)
                in_list = False
            continue
        if not in_list:
            continue
        if bullet := _BULLET.match(line):
            objectives.append(clean_text(bullet.group("text")))
        elif line.strip():
            in_list = False  # running text ends the list (or shows there is none)
    return [
        text for index, text in enumerate(objectives) if text and text not in objectives[:index]
    ]


@register
class SharekitMapping(JsonMapping):
    """SURF Sharekit ``repoItem`` resources."""

    format = "sharekit"

    remote_id = Field()
    identifiers = Field()
    url = Field()
    title = Field()
    description = Field()
    languages = Texts("attributes.language", to="participation.languages", using=language_code)
    provider = Field()
    keywords = Texts("attributes.keywords", to="subject.keywords", using=clean_text)
    vocabulary_keywords = Field(to="subject.keywords")
    qf_ehea = Field(to="level.qf_ehea")
    learning_outcomes = Field()
    ects = Field(to="workload.ects")
    price = Field()
    updated = Field()

    def load(self, raw: RawInput) -> dict[str, Any]:
        doc = super().load(raw)
        data = doc.get("data")
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        if isinstance(data, dict):
            doc = data
        meta = doc.get("meta")
        if isinstance(meta, dict) and meta.get("status") == "deleted":
            raise MappingError(f"{self.format}: item {doc.get('id')} is deleted")
        if not isinstance(doc.get("attributes"), dict):
            raise MappingError(f"{self.format}: no JSON:API repoItem with attributes")
        return doc

    def _attributes(self, doc: dict[str, Any]) -> dict[str, Any]:
        return doc["attributes"]

    def _language(self, doc: dict[str, Any]) -> str | None:
        return language_code(self._attributes(doc).get("language"))

    def prepare_remote_id(self, doc: dict[str, Any]) -> str | None:
        return clean_text(doc.get("id")) or None

    def prepare_identifiers(self, doc: dict[str, Any]) -> list[str]:
        return sharekit_identifiers(doc)

    def prepare_url(self, doc: dict[str, Any]) -> str | None:
        attributes = self._attributes(doc)
        files = [
            http_url(item.get("url"))
            for item in self.get(attributes, "files")
            if isinstance(item, dict) and item.get("resourceMimeType")
        ]
        links = [
            http_url(item.get("url"))
            for item in self.get(attributes, "links")
            if isinstance(item, dict)
        ]
        return first(files + links)

    def prepare_title(self, doc: dict[str, Any]) -> dict[str, str]:
        return lang_text([(self._language(doc), self._attributes(doc).get("title"))], join=None)

    def prepare_description(self, doc: dict[str, Any]) -> dict[str, str]:
        return lang_text([(self._language(doc), self._attributes(doc).get("abstract"))])

    # --- provider ----------------------------------------------------------------------

    def _names(self, value: Any) -> list[str]:
        """Names of a string, an object with ``name`` or ``title``, or a list of these."""
        if isinstance(value, list):
            return [name for item in value for name in self._names(item)]
        if isinstance(value, dict):
            value = first(value.get(key) for key in ("name", "title"))
        name = clean_text(value) if isinstance(value, str) else ""
        return [name] if name else []

    def prepare_provider(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        attributes = self._attributes(doc)
        candidates = self._names(attributes.get("owner")) + self._names(
            attributes.get("institutes")
        )
        candidates += [
            name
            for name in self._names(attributes.get("publishers"))
            if name.lower() not in _PLATFORM_PUBLISHERS
        ]
        name = first(candidates)
        return {"name": lang_text(name)} if name else None

    # --- subject, level, outcomes, workload ----------------------------------------------

    def prepare_vocabulary_keywords(self, doc: dict[str, Any]) -> list[str]:
        vocabularies = self._attributes(doc).get("vocabularies")
        if not isinstance(vocabularies, dict):
            return []
        terms: list[str] = []
        for vocabulary in vocabularies.values():
            for term in vocabulary if isinstance(vocabulary, list) else []:
                value = clean_text(term.get("value")) if isinstance(term, dict) else ""
                if value and value not in terms:
                    terms.append(value)
        return terms

    def prepare_qf_ehea(self, doc: dict[str, Any]) -> str | None:
        cycles = {
            cycle
            for level in self.get(self._attributes(doc), "educationalLevels")
            if isinstance(level, dict) and (cycle := parse_qf_ehea(level.get("value")))
        }
        return cycles.pop() if len(cycles) == 1 else None

    def prepare_learning_outcomes(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        language = self._language(doc)
        objectives = learning_objectives(self._attributes(doc).get("abstract"))
        return [{"text": lang_text([(language, text)])} for text in objectives]

    def prepare_ects(self, doc: dict[str, Any]) -> float | None:
        attributes = self._attributes(doc)
        texts = [*self.get(attributes, "keywords"), attributes.get("abstract")]
        return first(find_ects(clean_text(text)) for text in texts if isinstance(text, str))

    # --- price, dates --------------------------------------------------------------------

    def prepare_price(self, doc: dict[str, Any]) -> str | None:
        cost = self._attributes(doc).get("cost")
        value = cost.get("value") if isinstance(cost, dict) else cost
        return "0" if clean_text(value).lower() == "no" else None

    def prepare_updated(self, doc: dict[str, Any]) -> datetime | None:
        attributes = self._attributes(doc)
        modified = parse_date(attributes.get("modifiedAt"))
        if modified is not None:
            return modified
        published = parse_date(attributes.get("publishedAt"))
        return published if published != _PLACEHOLDER_DATE else None
