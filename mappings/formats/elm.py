"""Europass / European Learning Model (ELM v3 JSON-LD, v1 / v2 XML) onto ``Record``; Open
Badges 3 credentials too.

A payload is either a whole credential (a ``EuropeanDigitalCredential`` or an
``OpenBadgeCredential``, bare or wrapped as ``{"credential": ...}``) or one node of the model
that describes an offer: a ``LearningOpportunity``, a ``Qualification``, a
``LearningAchievementSpecification`` or a ``LearningActivitySpecification``. Whatever the
payload, the mapping reads the *specification* of what is offered, never the learner:

- ``opportunity``: the ``LearningOpportunity`` (dates, provider, price, home page), if any;
- ``spec``: its ``learningAchievementSpecification``, else the ``specifiedBy`` of the
  credential's first claim, else the payload node itself;
- ``claim``: the credential's first claim (``LearningAchievement`` / ``LearningActivity``),
  read only where the specification is silent (its title, description, awarding process).

ELM v3 writes texts as language maps (``{"en": "...", "fr": "..."}``), coded values as
``Concept`` nodes whose ``id`` is a Europass vocabulary URI (EQF, ISCED-F, modes, languages,
countries, credit systems) and nests nodes in full; references by id alone (``{"id": ...}``
or the bare id string) are resolved within the payload. Keys may carry a prefix
(``elm:title``) or be full IRIs; both are reduced to the local name.

ELM v1 / v2 XML (``europassCredential``, ``verifiablePresentation``, or one
``qualification`` / ``learningSpecification``) is mapped by :class:`ElmXmlMapping` (format
``elm-xml``); the ``elm`` format hands any payload that starts with ``<`` to it, so a feed of
Europass credentials needs one format name whatever their serialisation.

Decisions worth knowing:

- Provider is the organisation that provides the learning (``providedBy`` of the
  opportunity, else ``directedBy`` of the learning activity); awarding bodies are the
  ``awardingBody`` organisations that differ from it. Without a provider the first awarding
  body (else the issuer) is the provider.
- Only credit points in the ECTS framework (``.../education-credit/6fcec5c5af`` or a label
  naming ECTS) are ECTS; ECVET and other systems are not converted.
- ``nqfLevel`` is an NQF level URI (``http://data.europa.eu/snb/qdr/c_...``) or a concept
  labelled as in that vocabulary (``"MECU Level 7"``); the vocabulary gives the framework,
  hence the country (:func:`mappings.normalise.nqf_level`). No EQF level is derived from it.
- ``educationLevel`` gives the ISCED 2011 level only where it says ISCED (a URI or label
  naming it, ``"ISCED 2011 level 6"``); its EQF URIs give the EQF level.
- A credential whose claim is a ``LearningActivity`` and names no assessment is a certificate
  of participation: assessment type ``attendance``.
- Learner-specific data (the learner, grades, the dates of the learner's own activity,
  issuance dates) is never read.
- Open Badges 3: ``creditsAvailable`` is "credit hours" by the specification, neither ECTS
  nor notional hours, and is not mapped.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from mappings.base import (
    XML_LANG,
    Field,
    JsonMapping,
    LangTexts,
    Text,
    Texts,
    XmlMapping,
    children,
    first,
    inner_text,
    local_name,
    memoised,
    parse_xml,
)
from mappings.normalise import (
    clean_text,
    country_code,
    http_url,
    isced_2011_level,
    iso_duration,
    lang_text,
    language_code,
    nqf_level,
    parse_assessment,
    parse_ects,
    parse_eqf,
    parse_hours,
    parse_isced,
    parse_mode,
    parse_number,
    parse_schedule,
)
from mappings.registry import MappingError, RawInput, register
from mappings.schema import (
    UNDETERMINED,
    AssessmentType,
    LangText,
    Mode,
    QaType,
    Record,
    Stackability,
)
from mappings.vocab import uris

ECTS_FRAMEWORK = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/")
_ECTS_LABEL = re.compile(r"\bects\b|european credit transfer", re.I)
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Short property names that look like language tags.
_NOT_LANGUAGES = frozenset({"id", "url", "tag"})
_IRI_KEY = re.compile(r"^https?://.*[/#]([^/#]+)$")
_MAX_DEPTH = 12

# Node types, by local name (sets, for :func:`_is`).
_OPPORTUNITY = frozenset({"LearningOpportunity"})
_SPECIFICATIONS = frozenset(
    {
        "Qualification",
        "LearningAchievementSpecification",
        "LearningActivitySpecification",
        "LearningSpecification",
    }
)
_CLAIMS = frozenset(
    {"LearningAchievement", "LearningActivity", "LearningAssessment", "LearningEntitlement"}
)
_ACTIVITY = frozenset({"LearningActivity"})
_ACHIEVEMENT = frozenset({"Achievement"})
_EDC = frozenset({"EuropeanDigitalCredential"})
_ASSESSMENT_SPEC = "LearningAssessmentSpecification"
_CREDENTIALS = frozenset(
    {"EuropeanDigitalCredential", "VerifiableCredential", "OpenBadgeCredential"}
)
_OPEN_BADGE = frozenset({"OpenBadgeCredential", "AchievementCredential", "Achievement"})

# Identifier schemes Microcat knows (``Organisation.identifiers``), by words in a scheme name.
_SCHEMES = (
    ("erasmus", "erasmus"),
    ("schac", "schac"),
    ("deqar", "deqar"),
    ("eter", "eter"),
    ("orgreg", "eter"),
)


# --- reading JSON-LD ------------------------------------------------------------------------


_LOCAL_KEYS: dict[str, str] = {}
_MAX_LOCAL_KEYS = 20_000


def _local(key: str) -> str:
    """``elm:title`` and ``http://data.europa.eu/snb/model/elm/title`` -> ``title``."""
    name = _LOCAL_KEYS.get(key)
    if name is None:
        name = _local_name(key)
        if len(_LOCAL_KEYS) < _MAX_LOCAL_KEYS:
            _LOCAL_KEYS[key] = name
    return name


def _local_name(key: str) -> str:
    if key.startswith("@"):
        return {"@id": "id", "@type": "type"}.get(key, key)
    if match := _IRI_KEY.match(key):
        return match.group(1)
    return key.rsplit(":", 1)[-1] if ":" in key else key


# Whether a key is a language tag, by key: documents use few distinct keys, each many times.
# Bounded, as payloads are untrusted and may invent any number of keys.
_LANGUAGE_KEYS: dict[str, bool] = {}
_MAX_LANGUAGE_KEYS = 20_000


def _is_language_key(key: Any) -> bool:
    if not isinstance(key, str):
        return False
    known = _LANGUAGE_KEYS.get(key)
    if known is None:
        known = key not in _NOT_LANGUAGES and bool(_LANGUAGE_TAG.match(key))
        if len(_LANGUAGE_KEYS) < _MAX_LANGUAGE_KEYS:
            _LANGUAGE_KEYS[key] = known
    return known


def is_language_map(value: Any) -> bool:
    """Whether ``value`` is a JSON-LD language map: ``{"en": "...", "fr": ["...", ...]}``."""
    if not isinstance(value, dict) or not value:
        return False
    known = _LANGUAGE_KEYS.get  # _is_language_key, inlined for the keys met before
    for key, text in value.items():
        is_tag = known(key)
        if not (is_tag if is_tag is not None else _is_language_key(key)):
            return False
        if isinstance(text, str):
            continue
        if not (isinstance(text, list) and all(isinstance(item, str) for item in text)):
            return False
    return True


def _normalise(value: Any) -> Any:
    """Local key names and ``type`` always a list; language maps left as they are."""
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if not isinstance(value, dict) or is_language_map(value):
        return value
    node: dict[str, Any] = {}
    for key, item in value.items():
        name = _local(key)
        if name == "@context":
            continue
        if name == "type":
            types = item if isinstance(item, list) else [item]
            node["type"] = [_local(str(kind)) for kind in types]
        else:
            node[name] = _normalise(item)
    return node


def _index(value: Any, found: dict[str, dict[str, Any]]) -> None:
    """Every node with an id and more than a reference's keys, by id; where one id is
    described more than once, the fullest description."""
    if isinstance(value, list):
        for item in value:
            _index(item, found)
    elif isinstance(value, dict) and not is_language_map(value):
        node_id = value.get("id")
        if (
            isinstance(node_id, str)
            and set(value) - {"id", "type"}
            and len(value) > len(found.get(node_id, ()))
        ):
            found[node_id] = value
        for item in value.values():
            _index(item, found)


# Keys that are their own local name (``title``, ``type``), so that a node with no other keys is
# normalised where it is rather than copied. Bounded, as payloads are untrusted.
_OWN_NAMES: set[str] = set()
_MAX_OWN_NAMES = 20_000


def _local_types(kinds: Any) -> list[str]:
    """The ``type`` of a node as a list of local names."""
    known = _LOCAL_KEYS.get
    types = kinds if isinstance(kinds, list) else [kinds]
    return [
        known(kind) or _local(kind) if kind.__class__ is str else _local(str(kind))
        for kind in types
    ]


def _holds_object(value: Any) -> bool:
    """Whether a JSON value is or holds an object."""
    if isinstance(value, list):
        return any(
            isinstance(item, dict) or (isinstance(item, list) and _holds_object(item))
            for item in value
        )
    return isinstance(value, dict)


class _Reader:
    """Reads an ELM payload while :func:`json.loads` parses it (:meth:`node` is the
    ``object_hook``).

    The parser hands over each object once its members are made, so one call per object does
    what :func:`_normalise` and :func:`_index` do in two walks: the object is normalised (in
    place where its keys are local names already) and its id noted. What the hook cannot do
    as those walks would marks the payload ``irregular``, to be read by them instead:

    - two keys of one object with the same local name (the walks keep the later value);
    - an object in an ``@context`` or a ``type`` (the walks do not read them as nodes);
    - two different descriptions of one id with as many keys: the walks keep the first in
      document order, which the hook, meeting an object after the objects in it, cannot tell.

    It also gathers what tells whether :func:`_resolve` would change anything (most payloads
    nest every node in full and refer to none by id alone): the strings that may be references
    and whether any id is described in different ways.

    A node equal to the description of its id met before is replaced by that description: a
    credential nests its organisations and concepts in full wherever they are named (the
    issuer, the awarding body and the provider are often one), and as one object they are
    compared by identity when the nodes that hold them are (the comparison that tells whether
    an id is described in different ways), and read once (:meth:`ElmMapping._organisation`).
    Equal values, so nothing read changes; nothing changes the nodes read either.
    """

    __slots__ = ("described", "irregular", "last", "lists", "strings", "varies")

    def __init__(self) -> None:
        # The fullest description of each id (the first of equal ones).
        self.described: dict[str, dict[str, Any]] = {}
        self.strings: list[str] = []  # strings in nodes, but ids and types
        self.lists: list[list[Any]] = []  # lists in nodes, but types
        self.varies = False  # some id is described in different ways
        self.irregular = False
        self.last: dict[str, Any] = {}  # the object last made: the payload's own at the end

    def node(self, raw: dict[str, Any]) -> dict[str, Any]:
        """``raw`` normalised (``raw`` itself where it can be), its id noted."""
        self.last = raw
        if (
            "type" not in raw
            and "id" not in raw
            and "@type" not in raw
            and "@id" not in raw
            and is_language_map(raw)
        ):
            return raw
        if raw.keys() <= _OWN_NAMES:
            node = raw
        else:
            node = self._renamed(raw)
            if _is_language_map_node(node):
                return node
        strings = self.strings
        for key, value in node.items():
            kind = value.__class__
            if kind is str:
                if key != "id" and key != "type":
                    strings.append(value)
            elif kind is list and key != "type":
                self.lists.append(value)
        if "type" in node:
            kinds = node["type"]
            if kinds.__class__ is str:  # the common cases, without a call
                node["type"] = [_LOCAL_KEYS.get(kinds) or _local(kinds)]
            elif kinds.__class__ is list and len(kinds) == 1 and kinds[0].__class__ is str:
                kind = kinds[0]
                node["type"] = [_LOCAL_KEYS.get(kind) or _local(kind)]
            else:
                if _holds_object(kinds):
                    self.irregular = True
                node["type"] = _local_types(kinds)
        node_id = node.get("id")
        if node_id.__class__ is str:
            described = self.described
            known = described.get(node_id)
            if known is None:
                described[node_id] = node
            elif known != node:
                self.varies = True
                if len(node) > len(known):
                    described[node_id] = node
                elif len(node) == len(known):
                    self.irregular = True
            else:
                return known  # one object for equal descriptions (see the class docstring)
        return node

    def index(self) -> dict[str, dict[str, Any]]:
        """The nodes by id as :func:`_index` finds them: the fullest description of each id
        that says more than a reference."""
        return {
            node_id: node
            for node_id, node in self.described.items()
            if len(node) > 1 + ("type" in node)
        }

    def references(self, index: dict[str, dict[str, Any]]) -> bool:
        """Whether :func:`_resolve` would change the payload read: a string (not an id or a
        type) names an indexed node, or an id is described in different ways. (A node
        replaced by an equal one changes nothing.)"""
        if self.varies or any(text in index for text in self.strings):
            return True
        return any(_names_node(items, index) for items in self.lists)

    def _renamed(self, raw: dict[str, Any]) -> dict[str, Any]:
        """``raw`` with local key names, without ``@context``."""
        if "@context" in raw:
            # A payload's own object, whose other keys are most often local names already.
            node = dict(raw)
            context = node.pop("@context")
            if node.keys() <= _OWN_NAMES:
                self.irregular = self.irregular or _holds_object(context)
                return node
        node = {}
        known = _LOCAL_KEYS.get
        for key, item in raw.items():
            name = known(key) or _local(key)
            if name == "@context":
                self.irregular = self.irregular or _holds_object(item)
                continue
            if name in node:
                self.irregular = True
            elif name == key and len(_OWN_NAMES) < _MAX_OWN_NAMES:
                _OWN_NAMES.add(key)
            node[name] = item
        return node


def _names_node(items: list[Any], index: dict[str, dict[str, Any]]) -> bool:
    """Whether a list holds (in lists in it too) a string that names an indexed node."""
    return any(
        item in index
        if item.__class__ is str
        else item.__class__ is list and _names_node(item, index)
        for item in items
    )


def _read(payload: str | bytes, format_name: str) -> Any:
    """The payload parsed and normalised, references resolved (an uploadable wrapper's
    credential alone): ``_resolve(_normalise(doc), index)``, where the index is that of
    :func:`_index`.

    Raises:
        MappingError: the payload is not JSON, or nested too deeply to read.
    """
    reader = _Reader()
    try:
        doc = json.loads(payload, object_hook=reader.node)
    except (ValueError, TypeError) as error:
        raise MappingError(f"{format_name}: payload is not valid JSON: {error}") from error
    except RecursionError:
        raise MappingError(f"{format_name}: payload is nested too deeply to read") from None
    raw = reader.last
    wrapped = isinstance(doc, dict) and isinstance(raw.get("credential"), dict)
    if reader.irregular or (wrapped and len(raw) > 1):
        # Read again as the walks read (rare: the cost of a second parse does not matter).
        doc = json.loads(payload)
        if wrapped:
            doc = doc["credential"]
        root = _normalise(doc)
        index: dict[str, dict[str, Any]] = {}
        _index(root, index)
        return _resolve(root, index)
    if wrapped:
        doc = raw["credential"]
    index = reader.index()
    return _resolve(doc, index) if reader.references(index) else doc


def _resolve(
    value: Any,
    index: dict[str, dict[str, Any]],
    key: str = "",
    depth: int = 0,
    path: tuple[str, ...] = (),
) -> Any:
    """References (``{"id": x}`` or, for a node-valued key, the id string) and partial
    descriptions of a node replaced by its fullest description in the payload; a node is not
    expanded inside itself (``path`` holds the ids above), and depth is bounded.
    """
    if depth > _MAX_DEPTH:
        return value
    kind = value.__class__
    if kind is list:
        # Only containers and references call for a call: the rest stays as it is.
        reference_key = key != "id" and key != "type"
        items = [
            _resolve(item, index, key, depth, path)
            if item.__class__ is dict
            or item.__class__ is list
            or (reference_key and item.__class__ is str and item in index)
            else item
            for item in value
        ]
        return value if all(map(operator.is_, items, value)) else items
    if kind is str and key != "id" and key != "type" and value in index:
        if value in path:
            return value
        value = index[value]
    elif kind is not dict:
        return value
    if _is_language_map_node(value):
        return value
    node_id = value.get("id")
    if node_id.__class__ is str:
        fuller = index.get(node_id)
        if (
            fuller is not None
            and fuller is not value
            and value.keys() <= fuller.keys()
            and node_id not in path
        ):
            value = fuller
        path = (*path, node_id)
    depth += 1
    # Copied only where something in it is replaced: most nodes hold no reference, and
    # nothing changes the nodes read (so a node may well appear in two places). Language
    # maps, the list of types and values that are no reference are left as they are.
    resolved: dict[str, Any] | None = None
    for name, item in value.items():
        kind = item.__class__
        if kind is dict:
            if _is_language_map_node(item):
                continue
        elif kind is list:
            if name == "type":
                continue
        elif not (kind is str and name != "id" and name != "type" and item in index):
            continue
        new = _resolve(item, index, name, depth, path)
        if new is not item:
            if resolved is None:
                resolved = dict(value)
            resolved[name] = new
    return value if resolved is None else resolved


def _is_language_map_node(node: dict[str, Any]) -> bool:
    """:func:`is_language_map` of a normalised node: most have an ``id`` or a ``type``, which
    no language map has."""
    return "id" not in node and "type" not in node and is_language_map(node)


def _is_text_map(value: dict[str, Any]) -> bool:
    """Whether a dict is a language map of one text per language: :func:`is_language_map` with
    strings only, in one loop."""
    if not value:
        return False
    known = _LANGUAGE_KEYS.get
    for key, text in value.items():
        if text.__class__ is not str:
            return False
        is_tag = known(key)
        if not (is_tag if is_tag is not None else _is_language_key(key)):
            return False
    return True


def _is(node: Any, kinds: frozenset[str]) -> bool:
    """Whether ``node`` is a node of one of ``kinds`` (the ``type`` of a node read is a list of
    local names; ``isdisjoint`` walks it in C, where ``any`` over a generator costs a frame)."""
    return isinstance(node, dict) and not kinds.isdisjoint(node.get("type", ()))


def _get(node: Any, key: str) -> list[Any]:
    """The values of ``key`` in ``node``, as a list (a language map is one value)."""
    if not isinstance(node, dict):
        return []
    value = node.get(key)
    if value is None:
        return []
    if value.__class__ is list:
        return [item for item in value if item is not None] if None in value else list(value)
    return [value]


# The keys of each path the hooks read, split once.
_PATH_KEYS: dict[str, tuple[str, ...]] = {}


def _path(node: Any, path: str) -> list[Any]:
    """The values at a dotted ``path`` of ``node`` (lists met on the way walked through)."""
    keys = _PATH_KEYS.get(path)
    if keys is None:
        keys = _PATH_KEYS[path] = tuple(path.split("."))
    if len(keys) == 1:  # most paths are one key: no list of parents to walk
        return _get(node, path)
    nodes = [node]
    for key in keys:
        if not nodes:
            break
        nodes = (
            _get(nodes[0], key)
            if len(nodes) == 1
            else [value for parent in nodes for value in _get(parent, key)]
        )
    return nodes


def _ids(values: Iterable[Any]) -> list[str]:
    """The ids of concept nodes (or the strings themselves)."""
    found = []
    for value in values:
        node_id = value.get("id") if isinstance(value, dict) else value
        if isinstance(node_id, str) and node_id.strip():
            found.append(node_id.strip())
    return found


def _global_id(node_id: Any) -> str | None:
    """An id that means something outside the payload (not ``urn:epass:...`` or ``_:b0``)."""
    if not isinstance(node_id, str) or not node_id.strip():
        return None
    text = node_id.strip()
    return None if text.startswith(("urn:epass:", "_:")) else text


# --- the mapping ----------------------------------------------------------------------------


class ElmDocument:
    """The parts of an ELM JSON-LD payload the declarations read (see the module docstring),
    and what several declarations read, found once per payload.

    Attributes:
        root: the payload's node (an uploadable wrapper's credential).
        opportunity, spec, claim, badge: the parts; any may be ``None``.
        specs: the opportunity and the specification there are, in that order.
        activity: the claim if it is a ``LearningActivity``, else the first it was
            ``influencedBy``.
        found: values at paths of ``specs``, by paths (:meth:`ElmMapping._values`).
        organisations: what :meth:`ElmMapping._organisation` made of a node, by the node's
            ``id()`` (the nodes live as long as ``root``).
        provider, awarding_bodies: as :meth:`ElmMapping._organisations` found them
            (``awarding_bodies`` is ``None`` until then).
    """

    __slots__ = (
        "activity",
        "awarding_bodies",
        "badge",
        "claim",
        "found",
        "opportunity",
        "organisations",
        "provider",
        "root",
        "spec",
        "specs",
    )

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.opportunity: dict[str, Any] | None = None
        self.spec: dict[str, Any] | None = None
        self.claim: dict[str, Any] | None = None
        self.badge: dict[str, Any] | None = None
        self.specs: list[dict[str, Any]] = []
        self.activity: dict[str, Any] | None = None
        self.found: dict[tuple[str, ...], list[Any]] = {}
        self.organisations: dict[int, dict[str, Any] | None] = {}
        self.provider: dict[str, Any] | None = None
        self.awarding_bodies: list[dict[str, Any]] | None = None  # None: not found yet


@register
class ElmMapping(JsonMapping):
    """ELM v3 learning opportunities, specifications and credentials; Open Badges 3."""

    format = "elm"

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
    eqf = Field(to="level.eqf")
    nqf = Field(to="level.nqf")
    isced_2011 = Field(to="level.isced_2011")
    isced = Field(to="subject.isced")
    keywords = Field(to="subject.keywords")
    mode = Field(to="participation.mode")
    schedule = Field(to="participation.schedule")
    languages = Field(to="participation.languages")
    assessment = Field()
    quality_assurance = Field()
    stackability = Field()
    prerequisites = Field()
    identity_verification = Field()
    credential_format = Field()
    start_date = Field()
    end_date = Field()
    price = Field()

    # --- reading the payload -----------------------------------------------------------

    def map(self, raw: RawInput) -> Record:
        """JSON-LD here; an ELM XML payload (it starts with ``<``) by :class:`ElmXmlMapping`."""
        if raw.payload.lstrip()[:1] == "<":
            return ElmXmlMapping().map(raw)
        return super().map(raw)

    def load(self, raw: RawInput) -> ElmDocument:
        """The parts of the payload the declarations read.

        Raises:
            MappingError: not JSON, or no node that describes learning.
        """
        root = _read(raw.payload, self.format)
        if not isinstance(root, dict):
            raise MappingError(f"{self.format}: expected a JSON object, got {type(root).__name__}")
        doc = ElmDocument(root)
        if _is(root, _OPPORTUNITY):
            doc.opportunity = root
            doc.spec = first(
                node
                for node in _get(root, "learningAchievementSpecification")
                + _get(root, "learningSpecification")
                if isinstance(node, dict)
            )
        elif _is(root, _SPECIFICATIONS):
            doc.spec = root
        elif _is(root, _CLAIMS):
            doc.claim = root
        elif _is(root, _ACHIEVEMENT):
            doc.badge = root
        elif _is(root, _CREDENTIALS) or "credentialSubject" in root:
            for subject in _get(root, "credentialSubject"):
                badge = first(
                    node for node in _get(subject, "achievement") if isinstance(node, dict)
                )
                claim = first(
                    node
                    for key in ("hasClaim", "achieved", "claim")
                    for node in _get(subject, key)
                    if isinstance(node, dict)
                )
                doc.badge = doc.badge or badge
                doc.claim = doc.claim or claim
        if doc.claim is not None and doc.spec is None:
            doc.spec = first(
                node for node in _get(doc.claim, "specifiedBy") if isinstance(node, dict)
            )
        if not (doc.opportunity or doc.spec or doc.claim or doc.badge):
            raise MappingError(
                f"{self.format}: no learning opportunity, specification, claim or achievement "
                "in the payload"
            )
        doc.specs = [node for node in (doc.opportunity, doc.spec) if node]
        claim = doc.claim
        doc.activity = (
            claim
            if _is(claim, _ACTIVITY)
            else first(node for node in _get(claim, "influencedBy") if _is(node, _ACTIVITY))
        )
        return doc

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """Language maps, ``@value`` objects, strings; of a node its note, label or name."""
        if node.__class__ is str:  # as ``JsonMapping.texts`` reads a string, without its tests
            text = clean_text(node)
            return [(None, text)] if text else []
        if isinstance(node, dict):
            if _is_language_map_node(node):
                # (A loop rather than a comprehension over a list made for each language:
                # most languages have one text.)
                pairs = []
                for language, value in node.items():
                    if value.__class__ is str:
                        if clean_text(value):
                            pairs.append((language, value))
                    else:  # a list of texts (a language map holds nothing else)
                        pairs += [(language, text) for text in value if clean_text(text)]
                return pairs
            if "@value" in node:
                text = clean_text(node["@value"])
                return [(node.get("@language"), text)] if text else []
            for key in ("noteLiteral", "legalName", "prefLabel", "title", "name", "targetName"):
                if node.get(key) is not None:
                    return self.texts(node[key])
            return []
        if isinstance(node, list):
            return [pair for item in node for pair in self.texts(item)]
        return super().texts(node)

    def _lang(self, values: list[Any], join: str | None = "\n\n") -> LangText:
        if not values:  # most elements a payload may have, it has not
            return {}
        if len(values) == 1:
            value = values[0]
            if value.__class__ is str and clean_text(value) is value:
                # One text that is clean already (``clean_text`` gives back the very string),
                # as Open Badges write names and descriptions: what ``lang_text`` would make
                # of it, without the pairs (cleaning it again gives it back again).
                return {UNDETERMINED: value} if value else {}
            # The common case, one language map of one text per language: read as it is
            # (its empty texts are dropped there as here).
            if (
                isinstance(value, dict)
                and "id" not in value
                and "type" not in value
                and _is_text_map(value)
            ):
                return lang_text(value, join=join)
        return lang_text([pair for value in values for pair in self.texts(value)], join=join)

    def _candidates(self, concept: Any) -> Iterator[str]:
        """A concept's id, then its labels: made only as far as they are read (most concepts
        are known by their vocabulary URI, and their labels need not be cleaned)."""
        yield from _ids([concept])
        for _, text in self.texts(concept):
            yield text

    def _first_lang(self, *sources: list[Any], join: str | None = "\n\n") -> LangText:
        """The texts of the first source that has any."""
        for values in sources:
            if values and (text := self._lang(values, join=join)):
                return text
        return {}

    @staticmethod
    def _values(doc: ElmDocument, *paths: str) -> list[Any]:
        """Values at ``paths`` of the opportunity, then of the specification (a list shared
        by the declarations that ask for them: not to be changed)."""
        found = doc.found.get(paths)
        if found is None:
            specs = doc.specs
            if len(specs) == 1 and len(paths) == 1:  # the common case: a list of its own
                found = _path(specs[0], paths[0])
            else:
                found = [value for node in specs for path in paths for value in _path(node, path)]
            doc.found[paths] = found
        return found

    # --- title, description, links -----------------------------------------------------

    def prepare_title(self, doc: ElmDocument) -> LangText:
        badge = doc.badge
        return self._first_lang(
            _get(doc.opportunity, "title"),
            _get(doc.spec, "title"),
            _get(doc.claim, "title"),
            _get(badge, "name"),
            _get(doc.root, "name") if badge else [],
            join=None,
        )

    def prepare_description(self, doc: ElmDocument) -> LangText:
        """The opportunity's or specification's description; else the claim's (or its
        learning activity's), which describes what was learnt."""
        activity = doc.activity
        return self._first_lang(
            _get(doc.opportunity, "description"),
            _get(doc.spec, "description"),
            _get(doc.claim, "description"),
            _get(activity, "description") if activity is not doc.claim else [],
            _get(doc.badge, "description"),
        )

    def prepare_url(self, doc: ElmDocument) -> str | None:
        """The home page of the opportunity or specification."""
        homepages = self._values(doc, "homepage")
        links = [
            value
            for homepage in homepages
            for value in (
                _get(homepage, "contentURL") if isinstance(homepage, dict) else [homepage]
            )
        ]
        return first(http_url(link) for link in links)

    def prepare_identifiers(self, doc: ElmDocument) -> list[str]:
        """Global ids of the opportunity and specification, their ``identifier`` notations,
        an Open Badge's id and ``humanCode``."""
        found: list[str] = []
        nodes = [*doc.specs, doc.badge]
        for node in nodes:
            candidates = [_global_id(node.get("id"))] if isinstance(node, dict) else []
            for identifier in _get(node, "identifier"):
                notation = (
                    identifier.get("notation") if isinstance(identifier, dict) else identifier
                )
                candidates.append(clean_text(notation) or None)
            candidates += [clean_text(code) for code in _get(node, "humanCode")]
            found += [value for value in candidates if value and value not in found]
        url = self.prepare_url(doc)
        return [value for value in found if value != url]

    # --- organisations -----------------------------------------------------------------

    def _organisation(self, doc: ElmDocument, node: Any) -> dict[str, Any] | None:
        """An organisation node as ``Organisation`` values, once per node (``None`` without a
        name); not to be changed, as it may be the value of several elements."""
        if not isinstance(node, dict):
            return None
        key = id(node)
        if key in doc.organisations:
            return doc.organisations[key]
        organisation = doc.organisations[key] = self._read_organisation(node)
        return organisation

    def _read_organisation(self, node: dict[str, Any]) -> dict[str, Any] | None:
        name = self._first_lang(
            _get(node, "legalName"), _get(node, "prefLabel"), _get(node, "name"), join=None
        )
        if not name:
            return None
        organisation: dict[str, Any] = {"name": name}
        if country := first(country_code(text) for text in self._countries(node)):
            organisation["country"] = country
        identifiers: dict[str, str] = {}
        for identifier in _get(node, "identifier"):
            if not isinstance(identifier, dict):
                continue
            scheme_name = " ".join(
                text for _, text in self.texts(_get(identifier, "schemeName"))
            ).lower()
            scheme = first(code for word, code in _SCHEMES if word in scheme_name)
            notation = clean_text(identifier.get("notation"))
            if scheme and notation:
                identifiers.setdefault(scheme, notation)
        homepages = [
            value
            for homepage in _get(node, "homepage")
            for value in (
                _get(homepage, "contentURL") if isinstance(homepage, dict) else [homepage]
            )
        ]
        if website := first(http_url(value) for value in homepages + _get(node, "url")):
            identifiers["website"] = website
        if identifiers:
            organisation["identifiers"] = identifiers
        return organisation

    def _countries(self, node: dict[str, Any]) -> Iterable[str]:
        """Where an organisation says it is, in order of trust (read as far as needed)."""
        yield from _ids(_path(node, "location.address.countryCode"))
        for value in _path(node, "address.addressCountry"):
            for _, text in self.texts(value):
                yield text
        for path in ("registration.spatial", "eIDASIdentifier.spatial", "vatIdentifier.spatial"):
            yield from _ids(_path(node, path))

    def _organisations(self, doc: ElmDocument) -> None:
        """Find ``doc.provider`` and ``doc.awarding_bodies``."""
        activity = doc.activity
        providers = [
            organisation
            for nodes in (
                _get(doc.opportunity, "providedBy"),
                _get(activity, "directedBy"),
                _get(doc.badge, "creator"),
            )
            for node in nodes
            if (organisation := self._organisation(doc, node))
        ]
        bodies: list[dict[str, Any]] = []
        for nodes in (
            self._values(doc, "awardingOpportunity.awardingBody"),
            _path(doc.claim, "awardedBy.awardingBody"),
        ):
            for node in nodes:
                organisation = self._organisation(doc, node)
                if organisation and organisation not in bodies:
                    bodies.append(organisation)
        doc.provider = first(providers + bodies) or first(
            self._organisation(doc, node) for node in _get(doc.root, "issuer")
        )
        doc.awarding_bodies = bodies

    def prepare_provider(self, doc: ElmDocument) -> dict[str, Any] | None:
        """Who provides the learning; else the first awarding body; else the issuer."""
        if doc.awarding_bodies is None:
            self._organisations(doc)
        return doc.provider

    def prepare_awarding_bodies(self, doc: ElmDocument) -> list[dict[str, Any]]:
        """The awarding bodies that are not the provider."""
        if doc.awarding_bodies is None:
            self._organisations(doc)
        return [body for body in doc.awarding_bodies or () if body != doc.provider]

    # --- outcomes, workload, level, subject --------------------------------------------

    def prepare_learning_outcomes(self, doc: ElmDocument) -> list[dict[str, Any]]:
        """``learningOutcome`` nodes (title, else description) with their ESCO skills; else
        the ``learningOutcomeSummary``; of an Open Badge its ``alignment`` targets."""
        outcomes: list[dict[str, Any]] = []
        for node in self._values(doc, "learningOutcome"):
            text = (
                self._first_lang(
                    _get(node, "title"), _get(node, "definition"), _get(node, "description")
                )
                if isinstance(node, dict)
                else self._lang([node])
            )
            esco = [
                uri
                for uri in _ids(_get(node, "relatedESCOSkill") + _get(node, "relatedSkill"))
                if _ESCO.match(uri)
            ]
            outcome: dict[str, Any] = {"text": text}
            if esco:
                outcome["esco"] = list(dict.fromkeys(esco))
            if text and outcome not in outcomes:
                outcomes.append(outcome)
        if not outcomes:
            summary = self._lang(self._values(doc, "learningOutcomeSummary"))
            if summary:
                outcomes.append({"text": summary})
        for alignment in _get(doc.badge, "alignment"):
            text = self._lang(_get(alignment, "targetName"))
            target = first(http_url(url) for url in _get(alignment, "targetUrl"))
            outcome = {"text": text}
            if target and _ESCO.match(target):
                outcome["esco"] = [target]
            if text and outcome not in outcomes:
                outcomes.append(outcome)
        return outcomes

    def prepare_ects(self, doc: ElmDocument) -> float | None:
        """``creditPoint`` in the ECTS framework (by URI or label)."""
        for credit in self._values(doc, "creditPoint"):
            frameworks = _get(credit, "framework")
            if ECTS_FRAMEWORK in _ids(frameworks) or _ECTS_LABEL.search(
                " ".join(text for _, text in self.texts(frameworks))
            ):
                for point in _get(credit, "point"):
                    if (ects := parse_ects(point)) is not None:
                        return ects
        return None

    def prepare_hours(self, doc: ElmDocument) -> float | None:
        """``volumeOfLearning`` of the specification (ISO duration); else the learning
        activity's ``workload``. Durations in days or months are not hours of learning."""
        values = self._values(doc, "volumeOfLearning") + _get(doc.activity, "workload")
        return first(parse_hours(value) for value in values if isinstance(value, str))

    def prepare_duration(self, doc: ElmDocument) -> str | None:
        return first(
            iso_duration(value) for value in self._values(doc, "duration", "maximumDuration")
        )

    def prepare_eqf(self, doc: ElmDocument) -> int | None:
        """``eqfLevel`` by URI, else by label (``"Level 6"``); an ``educationLevel`` by an EQF
        URI only (its labels may be of another framework)."""
        for concept in self._values(doc, "eqfLevel"):
            if level := first(parse_eqf(text) for text in self._candidates(concept)):
                return level
        for node_id in _ids(self._values(doc, "educationLevel")):
            if "/eqf/" in node_id and (level := parse_eqf(node_id)):
                return level
        return None

    def prepare_nqf(self, doc: ElmDocument) -> dict[str, str] | None:
        """``nqfLevel`` by vocabulary URI, else by its label (``"RQF Level 6"``)."""
        for concept in self._values(doc, "nqfLevel"):
            if level := first(nqf_level(text) for text in self._candidates(concept)):
                return level.model_dump()
        return None

    def prepare_isced_2011(self, doc: ElmDocument) -> int | None:
        """``educationLevel`` where its URI or label says it is an ISCED (2011) level."""
        for concept in self._values(doc, "educationLevel"):
            for text in self._candidates(concept):
                if "isced" in text.lower() and (level := isced_2011_level(text)) is not None:
                    return level
        return None

    def _subjects(self, doc: ElmDocument) -> list[Any]:
        return self._values(doc, "thematicArea", "educationSubject")

    def prepare_isced(self, doc: ElmDocument) -> list[str]:
        """ISCED-F codes of ``thematicArea`` / ``educationSubject`` concept URIs."""
        codes: list[str] = []
        for concept in self._subjects(doc):
            for code in parse_isced(_ids([concept])):
                if code not in codes:
                    codes.append(code)
        return codes

    def prepare_keywords(self, doc: ElmDocument) -> list[str]:
        """Subjects that are not ISCED-F (by label); an Open Badge's tags, field of study and
        specialisation (comma-separated)."""
        keywords: list[str] = []
        for concept in self._subjects(doc):
            if not parse_isced(_ids([concept])):
                label = pick_label(self.texts(concept))
                if label and label not in keywords:
                    keywords.append(label)
        badge = doc.badge
        for key in ("tag", "fieldOfStudy", "specialization"):
            for value in _get(badge, key):
                for _, text in self.texts(value):
                    # (Each part stripped first: the space after a comma would send every
                    # part but the first through the whole of ``clean_text``, which ends in
                    # stripping it.)
                    words = (
                        [clean_text(part.strip()) for part in text.split(",")]
                        if key != "tag"
                        else [text]
                    )
                    keywords += [word for word in words if word and word not in keywords]
        return keywords

    # --- participation -----------------------------------------------------------------

    def _mode_of(self, concepts: list[Any]) -> Mode | None:
        modes = {
            mode
            for concept in concepts
            if (
                mode := first(parse_mode(uri) for uri in _ids([concept]))
                or parse_mode([text for _, text in self.texts(concept)])
            )
        }
        if len(modes) == 1:
            return modes.pop()
        return Mode.BLENDED if modes else None

    def prepare_mode(self, doc: ElmDocument) -> str | None:
        """``mode`` of the opportunity or specification (several modes are blended); else of
        the learning activity's specification."""
        activity = doc.activity
        for concepts in (
            self._values(doc, "mode"),
            _path(activity, "specifiedBy.mode"),
        ):
            if mode := self._mode_of(concepts):
                return mode.value
        return None

    def prepare_schedule(self, doc: ElmDocument) -> str | None:
        for concept in self._values(doc, "learningSchedule"):
            schedule = first(parse_schedule(uri) for uri in _ids([concept])) or parse_schedule(
                [text for _, text in self.texts(concept)]
            )
            if schedule:
                return schedule
        return None

    def prepare_languages(self, doc: ElmDocument) -> list[str]:
        """``language`` (EU authority URIs) of the specification, the opportunity's
        ``defaultLanguage``, an Open Badge's ``inLanguage``."""
        values = self._values(doc, "language", "defaultLanguage") + _get(doc.badge, "inLanguage")
        found: list[str] = []
        for value in values:
            code = first(language_code(text) for text in self._candidates(value))
            if code and code not in found:
                found.append(code)
        return found

    # --- assessment, quality, stackability ---------------------------------------------

    def _assessment_specs(self, doc: ElmDocument) -> list[dict[str, Any]]:
        specs = self._values(doc, "provenBy") + [
            spec for node in _get(doc.claim, "provenBy") for spec in _get(node, "specifiedBy")
        ]
        return [spec for spec in specs if isinstance(spec, dict)]

    def prepare_assessment(self, doc: ElmDocument) -> dict[str, Any] | None:
        """The assessment specification: its type (Europass assessment-type URI, else its
        words) and its title and description; an Open Badge's criteria."""
        specs = self._assessment_specs(doc)
        text = self._lang(
            [
                value
                for spec in specs
                for key in ("title", "description")
                for value in _get(spec, key)
            ]
        )
        text = text or self._lang(_path(doc.badge, "criteria.narrative"))
        kind: AssessmentType | None = None
        assessment_uris = uris("assessment")
        for spec in specs:
            for concept in _get(spec, "dcType"):
                kind = kind or first(
                    AssessmentType(assessment_uris[uri])
                    for uri in _ids([concept])
                    if uri in assessment_uris
                )
                kind = kind or first(parse_assessment(label) for _, label in self.texts(concept))
        if kind is None and specs:
            kind = AssessmentType.ASSESSMENT  # an assessment is specified, of a kind not named
        if kind is None and text:
            kind = first(parse_assessment(value) for value in text.values())
        if kind is None and _is(doc.claim, _ACTIVITY) and doc.root is not doc.claim:
            kind = AssessmentType.ATTENDANCE
        result: dict[str, Any] = {}
        if kind:
            result["type"] = kind.value
        if text:
            result["text"] = text
        return result or None

    def prepare_identity_verification(self, doc: ElmDocument) -> str | None:
        """The label of the assessment's ``idVerification`` (supervision and ID check)."""
        assessments = _get(doc.claim, "provenBy") + self._assessment_specs(doc)
        for node in assessments:
            for concept in _get(node, "idVerification") + _get(node, "supervisedBy"):
                if label := pick_label(self.texts(concept)):
                    return label
        return None

    def prepare_quality_assurance(self, doc: ElmDocument) -> dict[str, Any] | None:
        """An ``accreditation`` of the specification: external programme accreditation."""
        for accreditation in self._values(doc, "accreditation"):
            if not isinstance(accreditation, dict):
                continue
            result: dict[str, Any] = {"type": QaType.EXTERNAL_PROGRAMME.value}
            agent = first(
                self._organisation(doc, node) for node in _get(accreditation, "accreditingAgent")
            )
            if agent:
                result["body"] = pick_label(agent["name"].items())
            reports = [
                value
                for report in _get(accreditation, "report")
                for value in (_get(report, "contentURL") if isinstance(report, dict) else [report])
            ]
            if report_url := first(http_url(value) for value in reports):
                result["report_url"] = report_url
            return result
        return None

    def prepare_stackability(self, doc: ElmDocument) -> dict[str, Any] | None:
        """``isPartOf``: stackable towards the larger specification."""
        towards = []
        for whole in self._values(doc, "isPartOf"):
            title = self._lang(_get(whole, "title"), join=None) if isinstance(whole, dict) else {}
            links = [
                *(
                    value
                    for homepage in _get(whole, "homepage")
                    for value in (
                        _get(homepage, "contentURL") if isinstance(homepage, dict) else [homepage]
                    )
                ),
                *_ids([whole]),
            ]
            link: dict[str, Any] = {"title": title}
            if url := first(http_url(value) for value in links):
                link["url"] = url
            if title or "url" in link:
                towards.append(link)
        if not towards:
            return None
        return {"option": Stackability.STACKABLE.value, "towards": towards}

    def prepare_prerequisites(self, doc: ElmDocument) -> LangText:
        """``entryRequirement`` notes."""
        return self._lang(self._values(doc, "entryRequirement"))

    # --- credential, dates, price ------------------------------------------------------

    def prepare_credential_format(self, doc: ElmDocument) -> str | None:
        root = doc.root
        if _is(root, _OPEN_BADGE) or doc.badge:
            return "Open Badges"
        if _is(root, _EDC):
            return "EDC"
        return None

    def _period(self, doc: ElmDocument, key: str) -> str | None:
        return (
            first(clean_text(value) for value in _path(doc.opportunity, f"temporal.{key}")) or None
        )

    def prepare_start_date(self, doc: ElmDocument) -> str | None:
        """The opportunity's period (a learner's own activity dates are not the offer's)."""
        return self._period(doc, "startDate")

    def prepare_end_date(self, doc: ElmDocument) -> str | None:
        return self._period(doc, "endDate")

    def prepare_price(self, doc: ElmDocument) -> str | None:
        """The first ``priceDetail`` amount with its currency code (``"150 EUR"``)."""
        for detail in _get(doc.opportunity, "priceDetail"):
            amount = first(parse_number(value) for value in _get(detail, "amount"))
            if amount is None:
                continue
            number = str(int(amount)) if amount == int(amount) else str(amount)
            currency = first(
                uri.rstrip("/").rsplit("/", 1)[-1] for uri in _ids(_get(detail, "unit"))
            )
            return f"{number} {currency}" if currency else number
        return None


def pick_label(pairs: Iterable[tuple[str | None, str]], prefer: str = "en") -> str | None:
    """One label from ``(language, text)`` pairs: the preferred language, else the first."""
    pairs = list(pairs)
    for language, text in pairs:
        if language and language_code(language) == prefer and clean_text(text):
            return clean_text(text)
    return first(clean_text(text) for _, text in pairs)


# --- ELM v1 / v2 XML ------------------------------------------------------------------------


@dataclass(frozen=True)
class ElmXmlDocument:
    """The parts of an ELM XML payload: the specification, the claim, elements by ``id``."""

    spec: etree._Element
    claim: etree._Element | None = None
    root: etree._Element | None = None
    index: dict[str, etree._Element] = field(default_factory=dict)

    def ref(self, element: etree._Element | None) -> etree._Element | None:
        """The element an ``idref`` points to (or the element itself when it has content)."""
        if element is None:
            return None
        idref = element.get("idref")
        return self.index.get(idref.strip()) if idref else element


_XML_SPECIFICATIONS = ("qualification", "learningspecification")
_XML_CREDENTIALS = ("europasscredential", "verifiablepresentation")
# The ``id`` attributes of an element and of the elements in it, each of which knows its
# element (``getparent``): the cheapest way to the elements with an id that lxml offers.
_XML_IDS = etree.XPath("descendant-or-self::*/@id")


def _uri(element: etree._Element) -> str:
    return (element.get("uri") or "").strip()


def _nqf(uri: str) -> dict[str, str] | None:
    level = nqf_level(uri)
    return level.model_dump() if level else None


@register
class ElmXmlMapping(XmlMapping):
    """ELM v1 / v2 XML (``http://data.europa.eu/snb``): a ``europassCredential`` (bare or in a
    ``verifiablePresentation``) or one ``qualification`` / ``learningSpecification``.

    Specifications, organisations, outcomes and awarding processes sit in reference sections
    and are pointed to by ``idref``. The specification mapped is the one the first learning
    achievement is ``specifiedBy`` (one record per payload: the other achievements of a
    diploma supplement are not mapped), else the first in the document. The decisions of
    :class:`ElmMapping` apply; ``hasECTSCreditPoints`` is ECTS by definition.
    """

    format = "elm-xml"

    title = LangTexts("title", join=None)
    description = LangTexts("description")
    url = Text("homepage/@uri", using=http_url)
    identifiers = Texts("identifier", using=clean_text)
    ects = Text("hasECTSCreditPoints", to="workload.ects", using=parse_ects)
    hours = Text("volumeOfLearning", to="workload.hours", using=parse_hours)
    duration = Text("duration", using=iso_duration)
    eqf = Text("eqfLevel/@uri", to="level.eqf", using=parse_eqf)
    nqf = Text("nqfLevel/@uri", to="level.nqf", using=_nqf)
    isced = Texts("hasISCED-FCode/@uri", to="subject.isced", using=parse_isced)
    languages = Texts("language/@uri", to="participation.languages", using=language_code)
    prerequisites = LangTexts("entryRequirementsNote")
    mode = Field(to="participation.mode")
    learning_outcomes = Field()
    provider = Field()
    awarding_bodies = Field()
    assessment = Field()
    identity_verification = Field()
    credential_format = Field()

    def load(self, raw: RawInput) -> ElmXmlDocument:  # type: ignore[override]
        root = parse_xml(raw.payload, self.format)
        # The elements with an id, in document order; found by libxml2 rather than by a walk
        # through every element in Python (a credential has some 800).
        identified = [(value.strip(), value.getparent()) for value in _XML_IDS(root) if value != ""]
        index = dict(identified)
        if local_name(root) in _XML_SPECIFICATIONS:
            return ElmXmlDocument(spec=root, root=root, index=index)
        claim = first(
            element for _, element in identified if local_name(element) == "learningachievement"
        )
        document = ElmXmlDocument(spec=root, claim=claim, root=root, index=index)
        spec = (
            first(document.ref(element) for element in children(claim, "specifiedby"))
            if (claim is not None)
            else None
        )
        if spec is None or local_name(spec) not in _XML_SPECIFICATIONS:
            spec = first(
                element for element in root.iter() if local_name(element) in _XML_SPECIFICATIONS
            )
        if spec is None:
            raise MappingError(f"{self.format}: no <qualification> or <learningSpecification>")
        return ElmXmlDocument(spec=spec, claim=claim, root=root, index=index)

    def select(self, node: Any, path: str) -> list[Any]:
        if isinstance(node, ElmXmlDocument):
            node = node.spec
        return super().select(node, path)

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """The ``<text lang="..">`` children of an element (a concept's ``targetName``)."""
        if isinstance(node, str):
            return [(None, node)]
        texts = children(node, "text")  # (looked up once, where it is the holder)
        if not texts:
            holder = first(children(node, "targetname"))
            if holder is None:
                return super().texts(node)
            texts = children(holder, "text")
        return [
            (text.get("lang") or text.get(XML_LANG), cleaned)
            for text in texts
            if (cleaned := clean_text(inner_text(text)))
        ]

    def _refs(self, doc: ElmXmlDocument, element: Any, path: str) -> list[etree._Element]:
        if element is None:
            return []
        return [
            found for node in self.select(element, path) if (found := doc.ref(node)) is not None
        ]

    def prepare_mode(self, doc: ElmXmlDocument) -> str | None:
        modes = {mode for node in self.select(doc, "mode") if (mode := parse_mode(_uri(node)))}
        if len(modes) > 1:
            return Mode.BLENDED.value
        return modes.pop().value if modes else None

    def prepare_learning_outcomes(self, doc: ElmXmlDocument) -> list[dict[str, Any]]:
        """The referenced ``learningOutcome`` elements: label (else description), ESCO skills."""
        outcomes: list[dict[str, Any]] = []
        for outcome in self._refs(doc, doc.spec, "learningOutcomes/learningOutcome"):
            text = first(
                lang_text(self.texts(node), join=None)
                for node in children(outcome, "preflabel", "title", "description")
            )
            esco = [
                uri
                for node in children(outcome, "relatedescoskill")
                if _ESCO.match(uri := _uri(node))
            ]
            found: dict[str, Any] = {"text": text or {}}
            if esco:
                found["esco"] = esco
            if text and found not in outcomes:
                outcomes.append(found)
        return outcomes

    def _organisation(self, element: etree._Element | None) -> dict[str, Any] | None:
        """An organisation element as ``Organisation`` values, once per element (``None``
        without a name); not to be changed, as it may be the value of several elements."""
        if element is None:
            return None
        return memoised(element, "elm:organisation", self._read_organisation)

    def _read_organisation(self, element: etree._Element) -> dict[str, Any] | None:
        name = first(
            lang_text(self.texts(node), join=None) for node in children(element, "preflabel")
        )
        if not name:
            return None
        organisation: dict[str, Any] = {"name": name}
        countries = [_uri(node) for node in self.select(element, "hasLocation/hasAddress/country")]
        if country := first(country_code(uri) for uri in countries):
            organisation["country"] = country
        if website := first(http_url(_uri(node)) for node in children(element, "homepage")):
            organisation["identifiers"] = {"website": website}
        return organisation

    def _awarding_bodies(self, doc: ElmXmlDocument) -> list[dict[str, Any]]:
        """The awarding bodies, once per payload (a list not to be changed)."""
        return memoised(doc.spec, "elm:awarding-bodies", lambda _: self._find_awarding_bodies(doc))

    def _find_awarding_bodies(self, doc: ElmXmlDocument) -> list[dict[str, Any]]:
        bodies = self._refs(doc, doc.spec, "awardingOpportunities/awardingOpportunity/awardingBody")
        for process in self._refs(doc, doc.claim, "wasAwardedBy"):
            bodies += self._refs(doc, process, "awardingBody")
        found: list[dict[str, Any]] = []
        for body in bodies:
            organisation = self._organisation(body)
            if organisation and organisation not in found:
                found.append(organisation)
        return found

    def prepare_provider(self, doc: ElmXmlDocument) -> dict[str, Any] | None:
        """The learning activity's ``directedBy``; else the first awarding body; else the
        issuer."""
        return memoised(doc.spec, "elm:provider", lambda _: self._find_provider(doc))

    def _find_provider(self, doc: ElmXmlDocument) -> dict[str, Any] | None:
        directors = self._refs(doc, doc.claim, "wasInfluencedBy/directedBy")
        providers = [org for node in directors if (org := self._organisation(node))]
        if provider := first(providers + self._awarding_bodies(doc)):
            return provider
        issuers = self._refs(doc, doc.root, "issuer") + self._refs(
            doc, doc.root, "europassCredential/issuer"
        )
        return first(self._organisation(node) for node in issuers)

    def prepare_awarding_bodies(self, doc: ElmXmlDocument) -> list[dict[str, Any]]:
        provider = self.prepare_provider(doc)
        return [body for body in self._awarding_bodies(doc) if body != provider]

    def prepare_assessment(self, doc: ElmXmlDocument) -> dict[str, Any] | None:
        """The assessment the achievement ``wasDerivedFrom``: its specification's type URI
        and title."""
        specs = [
            spec
            for assessment in self._refs(doc, doc.claim, "wasDerivedFrom")
            for spec in self._refs(doc, assessment, "specifiedBy")
        ]
        if not specs:
            return None
        assessment_uris = uris("assessment")
        kind = first(
            assessment_uris.get(_uri(node)) for spec in specs for node in children(spec, "type")
        )
        text = first(
            lang_text(self.texts(node), join=None)
            for spec in specs
            for node in children(spec, "title")
        )
        result: dict[str, Any] = {"type": kind or AssessmentType.ASSESSMENT.value}
        if text:
            result["text"] = text
        return result

    def prepare_identity_verification(self, doc: ElmXmlDocument) -> str | None:
        for assessment in self._refs(doc, doc.claim, "wasDerivedFrom"):
            for node in children(assessment, "idverificationmethod"):
                if label := pick_label(self.texts(node)):
                    return label
        return None

    def prepare_credential_format(self, doc: ElmXmlDocument) -> str | None:
        return "EDC" if doc.root is not None and local_name(doc.root) in _XML_CREDENTIALS else None
