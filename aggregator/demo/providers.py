"""Three fictional course catalogues served on 127.0.0.1, for the demo and for tests.

- an OAI-PMH 2.0 repository (``/oai``) disseminating IEEE LOM and ``oai_dc``, with datestamps,
  ``from``/``until``, resumption tokens and deleted records;
- a paginated JSON API (``/api/courses?page=N``), the richest of the three;
- an HTML site with ``/robots.txt``, ``/sitemap.xml``, ``/index.html`` and one page per course
  carrying schema.org ``Course`` markup as JSON-LD (or, on a few pages, as microdata).

The offers come from :mod:`aggregator.demo.catalogue`. Each is published by one of the three;
about one in ten by two of them under the same landing URL (and, in JSON and HTML, the same
identifier), so that exact deduplication by landing URL merges them.

Harvested text is untrusted: two offers carry markup-looking text (``<b>New:</b>``,
``<script>alert(1)</script>``). Every output here escapes it for its syntax (XML text, JSON
strings, HTML text and attributes, JSON-LD inside ``<script>``), so that a parser of each
format reads back exactly the offer's text, never markup.

Run ``python -m aggregator.demo.providers`` to serve them until interrupted.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from aggregator.demo import vocabulary
from aggregator.demo.catalogue import generate_offers, slugify

__all__ = [
    "HTML_FEED",
    "JSON_FEED",
    "OAI_FEED",
    "DemoFeed",
    "DemoOffer",
    "DemoProviders",
]

OAI_FEED = "demo-oai-pmh"
JSON_FEED = "demo-json-api"
HTML_FEED = "demo-html-site"
FEED_NAMES = (OAI_FEED, JSON_FEED, HTML_FEED)

OAI_PAGE_SIZE = 50
JSON_PAGE_SIZE = 40
SHARED_SHARE = 0.1
"""The share of offers published by two of the feeds."""
MICRODATA_EVERY = 8
"""Every n-th course page carries microdata instead of JSON-LD."""
DELETED_RECORDS = 2


@dataclass(frozen=True)
class DemoFeed:
    """A feed to register: ``microcat feeds add URL --protocol P --format F``."""

    name: str
    url: str
    protocol: str
    format: str


@dataclass
class DemoOffer:
    """An offer of the demo and the feeds that publish it."""

    record: dict[str, Any]
    """As generated: ``Record.model_dump(mode="json")`` shape."""
    truth: str
    variant: str
    feeds: tuple[str, ...]
    slug: str
    """The name of its page on the HTML site (``/courses/<slug>.html``)."""

    @property
    def remote_id(self) -> str:
        return self.record["remote_id"]


# --- text -----------------------------------------------------------------------------------


def _first(texts: dict[str, str]) -> tuple[str, str]:
    """(language, text) of the first text."""
    return next(iter(texts.items()))


def _number(value: float) -> int | float:
    """5.0 -> 5, 7.5 -> 7.5, as a provider would write it."""
    return int(value) if value == int(value) else value


def _hours(record: dict[str, Any]) -> float | None:
    """Notional learning hours: as stated, else 25 per ECTS."""
    workload = record["workload"]
    if workload["hours"] is not None:
        return workload["hours"]
    if workload["ects"] is not None:
        return workload["ects"] * 25
    return None


def _duration(hours: float) -> str:
    return f"PT{_number(hours)}H"


def _isced_label(code: str) -> str:
    return vocabulary.ISCED_F.get(code) or vocabulary.ISCED_F_NARROW.get(code, code)


def _vcard_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _organisation_name(organisation: dict[str, Any]) -> str:
    return _first(organisation["name"])[1]


# --- HTTP plumbing --------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes


def _text(status: int, text: str, content_type: str = "text/plain; charset=utf-8") -> Response:
    return Response(status, content_type, text.encode("utf-8"))


def _json(status: int, document: Any) -> Response:
    body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    return Response(status, "application/json; charset=utf-8", body)


class _Site:
    """One provider role: answers requests for paths below its server."""

    base_url = ""

    def respond(self, method: str, path: str, query: dict[str, list[str]]) -> Response:
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _answer(self, method: str, send_body: bool = True) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            for key, values in parse_qs(body, keep_blank_values=True).items():
                query.setdefault(key, []).extend(values)
        try:
            response = self.server.site.respond(method, parts.path, query)
        except Exception as error:  # a bug in the demo must not kill the server thread
            response = _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {error!r}\n")
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_HEAD(self) -> None:
        self._answer("GET", send_body=False)

    def do_POST(self) -> None:
        self._answer("POST")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests and the demo read their own logs


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: _Site) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site
        site.base_url = f"http://127.0.0.1:{self.server_port}"


# --- OAI-PMH --------------------------------------------------------------------------------

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REPOSITORY_ID = "repository.microcat-demo.example"

METADATA_FORMATS = {
    "lom": (LOM_NS, "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd"),
    "oai_dc": (OAI_DC_NS, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
}

_OAI_ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
"""Per verb: required and optional arguments (besides ``verb``)."""


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class _OaiItem:
    identifier: str
    datestamp: str
    record: dict[str, Any] | None
    """``None`` for a deleted record."""


def _parse_datestamp(value: str, *, end: bool) -> tuple[str, str]:
    """(normalised datestamp, granularity) of a ``from``/``until`` argument.

    Raises:
        OaiError: badArgument, for anything but ``YYYY-MM-DD`` and ``YYYY-MM-DDThh:mm:ssZ``.
    """
    try:
        if len(value) == 10:
            datetime.strptime(value, "%Y-%m-%d")
            return value + ("T23:59:59Z" if end else "T00:00:00Z"), "day"
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        return value, "seconds"
    except ValueError:
        raise OaiError("badArgument", f"not a valid datestamp: {value!r}") from None


def _oai_element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str):
    element = etree.SubElement(parent, f"{{{OAI_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


class OaiPmhRepository(_Site):
    """An OAI-PMH 2.0 repository of LOM and Dublin Core records."""

    def __init__(self, offers: list[DemoOffer], deleted: list[tuple[str, str]]) -> None:
        items = [
            _OaiItem(
                f"oai:{REPOSITORY_ID}:{offer.remote_id}", offer.record["updated"], offer.record
            )
            for offer in offers
        ]
        items += [_OaiItem(identifier, datestamp, None) for identifier, datestamp in deleted]
        self.items = sorted(items, key=lambda item: (item.datestamp, item.identifier))
        self.by_identifier = {item.identifier: item for item in self.items}

    def respond(self, method: str, path: str, query: dict[str, list[str]]) -> Response:
        if path.rstrip("/") != "/oai":
            return _text(HTTPStatus.NOT_FOUND, "not found\n")
        root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
        root.set(
            f"{{{XSI_NS}}}schemaLocation",
            f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
        )
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        _oai_element(root, "responseDate", now)
        request = _oai_element(root, "request", f"{self.base_url}/oai")
        try:
            arguments = self._arguments(query)
            for name, value in arguments.items():
                request.set(name, value)
            self._verb(root, arguments)
        except OaiError as error:
            if error.code in ("badVerb", "badArgument"):
                request.attrib.clear()  # the protocol: no attributes echoed on these errors
            _oai_element(root, "error", error.message, code=error.code)
        body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return Response(HTTPStatus.OK, "text/xml; charset=utf-8", body)

    # --- arguments --------------------------------------------------------------------

    @staticmethod
    def _arguments(query: dict[str, list[str]]) -> dict[str, str]:
        verbs = query.get("verb", [])
        if len(verbs) != 1 or verbs[0] not in _OAI_ARGUMENTS:
            raise OaiError("badVerb", "missing, repeated or illegal verb")
        verb = verbs[0]
        repeated = [name for name, values in query.items() if len(values) > 1]
        if repeated:
            raise OaiError("badArgument", f"repeated argument: {', '.join(sorted(repeated))}")
        arguments = {name: values[0] for name, values in query.items()}
        given = set(arguments) - {"verb"}
        required, optional = _OAI_ARGUMENTS[verb]
        if verb in ("ListIdentifiers", "ListRecords") and "resumptionToken" in given:
            if given != {"resumptionToken"}:
                raise OaiError("badArgument", "resumptionToken is an exclusive argument")
            return arguments
        if missing := required - given:
            raise OaiError("badArgument", f"missing argument: {', '.join(sorted(missing))}")
        if illegal := given - required - optional:
            raise OaiError("badArgument", f"illegal argument: {', '.join(sorted(illegal))}")
        return arguments

    def _verb(self, root: etree._Element, arguments: dict[str, str]) -> None:
        verb = arguments["verb"]
        if verb == "Identify":
            self._identify(_oai_element(root, "Identify"))
        elif verb == "ListMetadataFormats":
            identifier = arguments.get("identifier")
            if identifier is not None and identifier not in self.by_identifier:
                raise OaiError("idDoesNotExist", f"no record {identifier!r}")
            element = _oai_element(root, "ListMetadataFormats")
            for prefix, (namespace, schema) in METADATA_FORMATS.items():
                format_element = _oai_element(element, "metadataFormat")
                _oai_element(format_element, "metadataPrefix", prefix)
                _oai_element(format_element, "schema", schema)
                _oai_element(format_element, "metadataNamespace", namespace)
        elif verb == "ListSets":
            if "resumptionToken" in arguments:
                raise OaiError("badResumptionToken", "this repository issues no set tokens")
            raise OaiError("noSetHierarchy", "this repository does not support sets")
        elif verb == "GetRecord":
            prefix = self._prefix(arguments["metadataPrefix"])
            item = self.by_identifier.get(arguments["identifier"])
            if item is None:
                raise OaiError("idDoesNotExist", f"no record {arguments['identifier']!r}")
            self._record(_oai_element(root, "GetRecord"), item, prefix)
        else:
            self._list(root, verb, arguments)

    @staticmethod
    def _prefix(prefix: str) -> str:
        if prefix not in METADATA_FORMATS:
            raise OaiError("cannotDisseminateFormat", f"unknown metadataPrefix {prefix!r}")
        return prefix

    # --- verbs ------------------------------------------------------------------------

    def _identify(self, element: etree._Element) -> None:
        _oai_element(element, "repositoryName", "Microcat demo repository of micro-credentials")
        _oai_element(element, "baseURL", f"{self.base_url}/oai")
        _oai_element(element, "protocolVersion", "2.0")
        _oai_element(element, "adminEmail", "oai-admin@microcat-demo.example")
        earliest = self.items[0].datestamp if self.items else "2024-01-01T00:00:00Z"
        _oai_element(element, "earliestDatestamp", earliest)
        _oai_element(element, "deletedRecord", "persistent")
        _oai_element(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")

    def _list(self, root: etree._Element, verb: str, arguments: dict[str, str]) -> None:
        if "resumptionToken" in arguments:
            state = self._read_token(arguments["resumptionToken"], verb)
        else:
            if "set" in arguments:
                raise OaiError("noSetHierarchy", "this repository does not support sets")
            state = {"verb": verb, "prefix": self._prefix(arguments["metadataPrefix"]), "offset": 0}
            granularities = set()
            for name in ("from", "until"):
                if name in arguments:
                    state[name], granularity = _parse_datestamp(
                        arguments[name], end=name == "until"
                    )
                    granularities.add(granularity)
            if len(granularities) > 1:
                raise OaiError("badArgument", "from and until have different granularities")
            if state.get("from", "") > state.get("until", "9999"):
                raise OaiError("badArgument", "from is later than until")
        matching = [
            item
            for item in self.items
            if state.get("from", "") <= item.datestamp <= state.get("until", "9999")
        ]
        if not matching:
            raise OaiError("noRecordsMatch", "no records match the arguments")
        offset = state["offset"]
        if offset >= len(matching):
            raise OaiError("badResumptionToken", "the resumption token is out of range")
        element = _oai_element(root, verb)
        for item in matching[offset : offset + OAI_PAGE_SIZE]:
            if verb == "ListRecords":
                self._record(element, item, state["prefix"])
            else:
                self._header(element, item)
        following = offset + OAI_PAGE_SIZE
        if offset == 0 and following >= len(matching):
            return  # a complete list in one response needs no token
        token = _oai_element(
            element, "resumptionToken", completeListSize=str(len(matching)), cursor=str(offset)
        )
        if following < len(matching):
            token.text = self._write_token({**state, "offset": following})

    @staticmethod
    def _write_token(state: dict[str, Any]) -> str:
        raw = json.dumps(state, sort_keys=True, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @staticmethod
    def _read_token(token: str, verb: str) -> dict[str, Any]:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            state = json.loads(raw)
            valid = (
                isinstance(state, dict)
                and state.get("verb") == verb
                and state.get("prefix") in METADATA_FORMATS
                and isinstance(state.get("offset"), int)
                and state["offset"] > 0
            )
        except (ValueError, binascii.Error):
            valid = False
        if not valid:
            raise OaiError("badResumptionToken", "the resumption token is invalid")
        return state

    def _header(self, parent: etree._Element, item: _OaiItem) -> None:
        header = _oai_element(parent, "header")
        if item.record is None:
            header.set("status", "deleted")
        _oai_element(header, "identifier", item.identifier)
        _oai_element(header, "datestamp", item.datestamp)

    def _record(self, parent: etree._Element, item: _OaiItem, prefix: str) -> None:
        element = _oai_element(parent, "record")
        self._header(element, item)
        if item.record is not None:
            metadata = _oai_element(element, "metadata")
            metadata.append(lom(item.record) if prefix == "lom" else oai_dc(item.record))


def _lang_strings(parent: etree._Element, tag: str, texts: dict[str, str]) -> etree._Element:
    """A LOM LangString element: ``<tag><string language="..">..</string>...</tag>``."""
    element = etree.SubElement(parent, f"{{{LOM_NS}}}{tag}")
    for language, text in texts.items():
        string = etree.SubElement(element, f"{{{LOM_NS}}}string", language=language)
        string.text = text
    return element


def _lom(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{LOM_NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _vocabulary(parent: etree._Element, tag: str, value: str) -> None:
    element = _lom(parent, tag)
    _lom(element, "source", "LOMv1.0")
    _lom(element, "value", value)


def _vcard(organisation: dict[str, Any]) -> str:
    name = _vcard_escape(_organisation_name(organisation))
    country = organisation.get("country") or ""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"ORG:{name}", f"ADR:;;;;;;{country}"]
    if website := organisation["identifiers"].get("website"):
        lines.append(f"URL:{website}")
    lines.append("END:VCARD")
    return "\n".join(lines)


def _summary(record: dict[str, Any]) -> str:
    """The English line of facts LOM has no element for: "Workload: 5 ECTS. Mode: online."."""
    parts = []
    if (ects := record["workload"]["ects"]) is not None:
        parts.append(f"Workload: {_number(ects)} ECTS.")
    if mode := record["participation"]["mode"]:
        parts.append(f"Mode: {mode}.")
    assessment = record["assessment"]
    if texts := assessment["text"]:
        parts.append(f"Assessment: {texts.get('en') or _first(texts)[1]}.")
    elif assessment["type"]:
        parts.append(f"Assessment: {assessment['type']}.")
    quality = record["quality_assurance"]
    if quality["type"]:
        body = f" ({quality['body']})" if quality["body"] else ""
        parts.append(f"Quality assurance: {quality['type'].replace('-', ' ')}{body}.")
    return " ".join(parts)


def lom(record: dict[str, Any]) -> etree._Element:
    """The IEEE LOM record of an offer."""
    root = etree.Element(f"{{{LOM_NS}}}lom", nsmap={None: LOM_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{LOM_NS} {METADATA_FORMATS['lom'][1]}")
    general = _lom(root, "general")
    for catalog, entry in [("URI", identifier) for identifier in record["identifiers"]] + [
        (REPOSITORY_ID, record["remote_id"])
    ]:
        identifier = _lom(general, "identifier")
        _lom(identifier, "catalog", catalog)
        _lom(identifier, "entry", entry)
    _lang_strings(general, "title", record["title"])
    for language in record["participation"]["languages"]:
        _lom(general, "language", language)
    if record["description"]:
        _lang_strings(general, "description", record["description"])
    keyword_language = _first(record["title"])[0]
    for keyword in record["subject"]["keywords"]:
        _lang_strings(general, "keyword", {keyword_language: keyword})

    life_cycle = _lom(root, "lifeCycle")
    contributors = [("publisher", record["provider"])] if record["provider"] else []
    contributors += [("content provider", body) for body in record["awarding_bodies"]]
    for role, organisation in contributors:
        contribute = _lom(life_cycle, "contribute")
        _vocabulary(contribute, "role", role)
        _lom(contribute, "entity", _vcard(organisation))
        _lom(_lom(contribute, "date"), "dateTime", record["updated"])

    technical = _lom(root, "technical")
    _lom(technical, "format", "text/html")
    _lom(technical, "location", record["url"])

    educational = _lom(root, "educational")
    if (hours := _hours(record)) is not None:
        _lom(_lom(educational, "typicalLearningTime"), "duration", _duration(hours))
    if summary := _summary(record):
        _lang_strings(educational, "description", {"en": summary})
    for language in record["participation"]["languages"]:
        _lom(educational, "language", language)

    if record["price"]:
        rights = _lom(root, "rights")
        _vocabulary(rights, "cost", "no" if record["price"] == "free" else "yes")
        _lang_strings(rights, "description", {"en": f"Price: {record['price']}"})

    for code in record["subject"]["isced"]:
        _taxon(root, "discipline", "ISCED-F 2013", [(code, {"en": _isced_label(code)})])
    level = record["level"]
    if level["eqf"] is not None:
        eqf = level["eqf"]
        paths = [("EQF", [(f"EQF {eqf}", {"en": f"Level {eqf}"})])]
        if level["qf_ehea"]:
            cycle = level["qf_ehea"]
            paths.append(("QF-EHEA", [(cycle, {"en": f"{cycle.capitalize()} cycle"})]))
        classification = _taxon(root, "educational level", *paths[0])
        for source, taxa in paths[1:]:
            _taxon_path(classification, source, taxa)
    if record["learning_outcomes"]:
        outcomes = [
            (f"LO{number}", outcome["text"])
            for number, outcome in enumerate(record["learning_outcomes"], start=1)
        ]
        _taxon(root, "educational objective", "Learning outcomes", outcomes)
    if record["prerequisites"]:
        _taxon(root, "prerequisite", "Prerequisites", [("P1", record["prerequisites"])])
    return root


def _taxon(
    root: etree._Element, purpose: str, source: str, taxa: list[tuple[str, dict[str, str]]]
) -> etree._Element:
    """A classification with one taxon path of (id, entry per language) taxa."""
    classification = _lom(root, "classification")
    _vocabulary(classification, "purpose", purpose)
    _taxon_path(classification, source, taxa)
    return classification


def _taxon_path(
    classification: etree._Element, source: str, taxa: list[tuple[str, dict[str, str]]]
) -> None:
    path = _lom(classification, "taxonPath")
    _lang_strings(path, "source", {"en": source})
    for taxon_id, entry in taxa:
        taxon = _lom(path, "taxon")
        _lom(taxon, "id", taxon_id)
        _lang_strings(taxon, "entry", entry)


def oai_dc(record: dict[str, Any]) -> etree._Element:
    """The simple Dublin Core record of an offer."""
    root = etree.Element(
        f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {METADATA_FORMATS['oai_dc'][1]}")

    def dc(tag: str, text: str, language: str | None = None) -> None:
        element = etree.SubElement(root, f"{{{DC_NS}}}{tag}")
        element.text = text
        if language:
            element.set(XML_LANG, language)

    for language, text in record["title"].items():
        dc("title", text, language)
    if record["provider"]:
        dc("publisher", _organisation_name(record["provider"]))
    for code in record["subject"]["isced"]:
        dc("subject", f"{code} {_isced_label(code)}")
    for keyword in record["subject"]["keywords"]:
        dc("subject", keyword)
    for language, text in record["description"].items():
        dc("description", text, language)
    if summary := _summary(record):
        dc("description", summary, "en")
    dc("date", record["updated"][:10])
    dc("type", "Course")
    dc("format", "text/html")
    dc("identifier", record["url"])
    for identifier in record["identifiers"]:
        dc("identifier", identifier)
    for language in record["participation"]["languages"]:
        dc("language", language)
    if record["provider"] and record["provider"]["country"]:
        dc("coverage", record["provider"]["country"])
    return root


# --- JSON API -------------------------------------------------------------------------------


def course_json(record: dict[str, Any]) -> dict[str, Any]:
    """An offer as the JSON API's course object."""

    def organisation(body: dict[str, Any] | None) -> dict[str, Any] | None:
        if body is None:
            return None
        identifiers = dict(body["identifiers"])
        return {
            "name": dict(body["name"]),
            "country": body["country"],
            "website": identifiers.pop("website", None),
            "identifiers": identifiers,
        }

    workload = record["workload"]
    level = record["level"]
    quality = record["quality_assurance"]
    stackability = record["stackability"]
    option = stackability["option"]
    return {
        "id": record["remote_id"],
        "identifiers": record["identifiers"],
        "title": dict(record["title"]),
        "summary": dict(record["description"]),
        "keywords": list(record["subject"]["keywords"]),
        "provider": organisation(record["provider"]),
        "awardingBodies": [organisation(body) for body in record["awarding_bodies"]],
        "credits": {"value": _number(workload["ects"]), "system": "ECTS"}
        if workload["ects"] is not None
        else None,
        "workloadHours": None if workload["hours"] is None else _number(workload["hours"]),
        "eqfLevel": level["eqf"],
        "qfEheaCycle": level["qf_ehea"],
        "nqf": level["nqf"],
        "isced2011Level": level["isced_2011"],
        "iscedF": record["subject"]["isced"],
        "learningOutcomes": [dict(outcome["text"]) for outcome in record["learning_outcomes"]],
        "mode": record["participation"]["mode"],
        "schedule": record["participation"]["schedule"],
        "languages": record["participation"]["languages"],
        "assessment": {
            "type": record["assessment"]["type"],
            "description": dict(record["assessment"]["text"]),
        },
        "qualityAssurance": {
            "type": quality["type"],
            "body": quality["body"],
            "reportUrl": quality["report_url"],
        },
        "prerequisites": dict(record["prerequisites"]),
        "stackable": None if option is None else option == "stackable",
        "integrated": option == "integrated",
        "stackableTowards": [
            {"title": dict(link["title"]), "url": link["url"]} for link in stackability["towards"]
        ],
        "credentialFormat": record["credential_format"],
        "identityVerification": record["identity_verification"],
        "startDate": record["start_date"],
        "endDate": record["end_date"],
        "duration": record["duration"],
        "price": record["price"],
        "enrolmentUrl": record["enrolment_url"],
        "url": record["url"],
        "updatedAt": record["updated"],
    }


class JsonCourseApi(_Site):
    """A provider's course API: ``/api/courses?page=N`` and ``/api/courses/<id>``."""

    def __init__(self, offers: list[DemoOffer]) -> None:
        self.courses = [course_json(offer.record) for offer in offers]
        self.by_id = {course["id"]: course for course in self.courses}

    @staticmethod
    def _error(status: HTTPStatus, detail: str) -> Response:
        return _json(
            status,
            {"errors": [{"status": str(int(status)), "title": status.phrase, "detail": detail}]},
        )

    def respond(self, method: str, path: str, query: dict[str, list[str]]) -> Response:
        path = path.rstrip("/")
        if path == "/api/courses":
            return self._page(query)
        if path.startswith("/api/courses/"):
            course = self.by_id.get(path.removeprefix("/api/courses/"))
            if course is None:
                return self._error(HTTPStatus.NOT_FOUND, "no such course")
            return _json(HTTPStatus.OK, {"data": course})
        return self._error(HTTPStatus.NOT_FOUND, "no such resource")

    def _page(self, query: dict[str, list[str]]) -> Response:
        raw = query.get("page", ["1"])[-1]
        if not raw.isdigit() or int(raw) < 1:
            return self._error(HTTPStatus.BAD_REQUEST, "page must be a positive integer")
        page = int(raw)
        start = (page - 1) * JSON_PAGE_SIZE
        data = self.courses[start : start + JSON_PAGE_SIZE]
        more = start + JSON_PAGE_SIZE < len(self.courses)
        base = f"{self.base_url}/api/courses"
        return _json(
            HTTPStatus.OK,
            {
                "data": data,
                "meta": {"total": len(self.courses), "page": page, "pageSize": JSON_PAGE_SIZE},
                "links": {
                    "self": f"{base}?page={page}",
                    "next": f"{base}?page={page + 1}" if more else None,
                },
            },
        )


# --- HTML site ------------------------------------------------------------------------------


def _jsonld_text(texts: dict[str, str]) -> str | list[dict[str, str]] | None:
    """A schema.org text: a string in one language, language-tagged values in several."""
    if not texts:
        return None
    if len(texts) == 1:
        return _first(texts)[1]
    return [{"@language": language, "@value": text} for language, text in texts.items()]


def course_jsonld(record: dict[str, Any], *, credential_awarded: bool = False) -> dict[str, Any]:
    """An offer as a schema.org ``Course`` in JSON-LD; with ``credential_awarded``, its
    credits are stated as ``educationalCredentialAwarded`` text (as some sites do) instead of
    ``numberOfCredits``."""
    provider = record["provider"]
    page_language = _first(record["title"])[0]
    course: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": record["url"],
        "name": _jsonld_text(record["title"]),
        "description": _jsonld_text(record["description"]),
        "inLanguage": record["participation"]["languages"] or page_language,
        "url": record["url"],
        "courseCode": record["remote_id"],
        "dateModified": record["updated"],
    }
    if record["identifiers"]:
        course["identifier"] = record["identifiers"][0]
    if provider:
        organisation: dict[str, Any] = {
            "@type": "CollegeOrUniversity",
            "name": _organisation_name(provider),
            "url": provider["identifiers"].get("website"),
        }
        if provider["country"]:
            organisation["address"] = {
                "@type": "PostalAddress",
                "addressCountry": provider["country"],
            }
        course["provider"] = organisation
    if (eqf := record["level"]["eqf"]) is not None:
        course["educationalLevel"] = f"EQF {eqf}"
        if cycle := record["level"]["qf_ehea"]:
            course["educationalLevel"] = [f"EQF {eqf}", f"QF-EHEA {cycle} cycle"]
    if (ects := record["workload"]["ects"]) is not None:
        if credential_awarded:
            course["educationalCredentialAwarded"] = f"Micro-credential ({_number(ects)} ECTS)"
        elif ects == int(ects):
            course["numberOfCredits"] = int(ects)
        else:
            course["numberOfCredits"] = {
                "@type": "StructuredValue",
                "value": ects,
                "unitText": "ECTS",
            }
    if (hours := _hours(record)) is not None:
        course["timeRequired"] = _duration(hours)
    if record["learning_outcomes"]:
        course["teaches"] = [
            outcome["text"].get(page_language) or _first(outcome["text"])[1]
            for outcome in record["learning_outcomes"]
        ]
    course["about"] = [
        {
            "@type": "DefinedTerm",
            "termCode": code,
            "name": _isced_label(code),
            "inDefinedTermSet": "ISCED-F 2013",
        }
        for code in record["subject"]["isced"]
    ]
    if record["subject"]["keywords"]:
        course["keywords"] = ", ".join(record["subject"]["keywords"])
    instance: dict[str, Any] = {"@type": "CourseInstance"}
    if mode := record["participation"]["mode"]:
        instance["courseMode"] = mode
    if hours is not None:
        instance["courseWorkload"] = _duration(hours)
    if record["start_date"]:
        instance["startDate"] = record["start_date"]
        instance["endDate"] = record["end_date"]
    if len(instance) > 1:
        course["hasCourseInstance"] = instance
    if record["prerequisites"]:
        course["coursePrerequisites"] = (
            record["prerequisites"].get(page_language) or _first(record["prerequisites"])[1]
        )
    if price := record["price"]:
        amount = "0" if price == "free" else price.removeprefix("EUR ")
        course["offers"] = {
            "@type": "Offer",
            "price": amount,
            "priceCurrency": "EUR",
            "category": "Free" if price == "free" else "Paid",
        }
    return {key: value for key, value in course.items() if value is not None}


def _script_json(document: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, no ``<!--``, no entity to resolve."""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {provider}</title>
<link rel="canonical" href="{url}">
{head}</head>
<body>
<header><a href="/index.html">{provider}</a> · <a href="/index.html">All courses</a></header>
{main}
<footer><p>{provider} · <a href="/sitemap.xml">Sitemap</a></p></footer>
</body>
</html>
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _facts(record: dict[str, Any]) -> list[tuple[str, str]]:
    facts = []
    if (ects := record["workload"]["ects"]) is not None:
        facts.append(("Credits", f"{_number(ects)} ECTS"))
    if (eqf := record["level"]["eqf"]) is not None:
        facts.append(("Level", f"EQF {eqf}"))
    if mode := record["participation"]["mode"]:
        facts.append(("Mode", mode))
    if record["participation"]["languages"]:
        facts.append(("Languages", ", ".join(record["participation"]["languages"])))
    if record["price"]:
        facts.append(("Price", record["price"]))
    return facts


def course_page(
    record: dict[str, Any], *, microdata: bool = False, credential_awarded: bool = False
) -> str:
    """The HTML page of an offer, with schema.org markup as JSON-LD or as microdata."""
    language, title = _first(record["title"])
    description = record["description"].get(language) or (
        _first(record["description"])[1] if record["description"] else ""
    )
    provider = _organisation_name(record["provider"]) if record["provider"] else ""
    facts = "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in _facts(record))
    outcomes = "".join(
        f"<li>{_e(outcome['text'].get(language) or _first(outcome['text'])[1])}</li>"
        for outcome in record["learning_outcomes"]
    )
    if not microdata:
        jsonld = _script_json(course_jsonld(record, credential_awarded=credential_awarded))
        head = f'<script type="application/ld+json">\n{jsonld}\n</script>\n'
        main = (
            f'<main>\n<h1>{_e(title)}</h1>\n<p class="summary">{_e(description)}</p>\n'
            f"<dl>{facts}</dl>\n"
            + (f"<h2>Learning outcomes</h2>\n<ul>{outcomes}</ul>\n" if outcomes else "")
            + f'<p><a href="{_e(record["url"])}">Enrol</a></p>\n</main>'
        )
        return _PAGE.format(
            lang=_e(language), title=_e(title), provider=_e(provider), url=_e(record["url"]),
            head=head, main=main,
        )  # fmt: skip
    return _PAGE.format(
        lang=_e(language), title=_e(title), provider=_e(provider), url=_e(record["url"]),
        head="", main=_microdata_main(record, language, title, description, facts),
    )  # fmt: skip


def _microdata_main(
    record: dict[str, Any], language: str, title: str, description: str, facts: str
) -> str:
    parts = [
        '<main itemscope itemtype="https://schema.org/Course">',
        f'<h1 itemprop="name">{_e(title)}</h1>',
        f'<p itemprop="description">{_e(description)}</p>' if description else "",
        f'<link itemprop="url" href="{_e(record["url"])}">',
        f'<meta itemprop="courseCode" content="{_e(record["remote_id"])}">',
    ]
    for taught in record["participation"]["languages"] or [language]:
        parts.append(f'<meta itemprop="inLanguage" content="{_e(taught)}">')
    if record["subject"]["keywords"]:
        keywords = ", ".join(record["subject"]["keywords"])
        parts.append(f'<meta itemprop="keywords" content="{_e(keywords)}">')
    if provider := record["provider"]:
        parts.append(
            '<div itemprop="provider" itemscope itemtype="https://schema.org/CollegeOrUniversity">'
            f'Offered by <span itemprop="name">{_e(_organisation_name(provider))}</span>'
        )
        if website := provider["identifiers"].get("website"):
            parts.append(f'<link itemprop="url" href="{_e(website)}">')
        if provider["country"]:
            parts.append(
                '<span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
                f'<meta itemprop="addressCountry" content="{_e(provider["country"])}"></span>'
            )
        parts.append("</div>")
    parts.append(f"<dl>{facts}</dl>")
    if (eqf := record["level"]["eqf"]) is not None:
        parts.append(f'<meta itemprop="educationalLevel" content="EQF {eqf}">')
    if (ects := record["workload"]["ects"]) is not None:
        parts.append(f'<meta itemprop="numberOfCredits" content="{_number(ects)}">')
    if (hours := _hours(record)) is not None:
        parts.append(f'<meta itemprop="timeRequired" content="{_duration(hours)}">')
    for code in record["subject"]["isced"]:
        parts.append(
            '<div itemprop="about" itemscope itemtype="https://schema.org/DefinedTerm">'
            f'Subject: <span itemprop="name">{_e(_isced_label(code))}</span>'
            f' (<span itemprop="termCode">{_e(code)}</span>)'
            '<meta itemprop="inDefinedTermSet" content="ISCED-F 2013"></div>'
        )
    if record["learning_outcomes"]:
        parts.append("<h2>Learning outcomes</h2><ul>")
        for outcome in record["learning_outcomes"]:
            text = outcome["text"].get(language) or _first(outcome["text"])[1]
            parts.append(f'<li itemprop="teaches">{_e(text)}</li>')
        parts.append("</ul>")
    if mode := record["participation"]["mode"]:
        parts.append(
            '<div itemprop="hasCourseInstance" itemscope '
            'itemtype="https://schema.org/CourseInstance">'
            f'<meta itemprop="courseMode" content="{_e(mode)}"></div>'
        )
    if record["prerequisites"]:
        text = record["prerequisites"].get(language) or _first(record["prerequisites"])[1]
        parts.append(
            f'<p>Prerequisites: <span itemprop="coursePrerequisites">{_e(text)}</span></p>'
        )
    parts.append("</main>")
    return "\n".join(part for part in parts if part)


class HtmlCourseSite(_Site):
    """A provider's website: robots.txt, a sitemap, an index and one page per course."""

    def __init__(self, offers: list[DemoOffer]) -> None:
        self.offers = offers
        self.by_slug = {offer.slug: offer for offer in offers}
        self.microdata = {
            offer.slug
            for position, offer in enumerate(offers)
            if position % MICRODATA_EVERY == MICRODATA_EVERY - 1
        }
        self.credential_awarded = {
            offer.slug for position, offer in enumerate(offers) if position % 7 == 3
        }

    def respond(self, method: str, path: str, query: dict[str, list[str]]) -> Response:
        if path == "/robots.txt":
            return _text(
                HTTPStatus.OK, f"User-agent: *\nAllow: /\nSitemap: {self.base_url}/sitemap.xml\n"
            )
        if path == "/sitemap.xml":
            return Response(HTTPStatus.OK, "application/xml; charset=utf-8", self._sitemap())
        if path in ("/", "/index.html"):
            return _text(HTTPStatus.OK, self._index(), "text/html; charset=utf-8")
        if path.startswith("/courses/") and path.endswith(".html"):
            offer = self.by_slug.get(path.removeprefix("/courses/").removesuffix(".html"))
            if offer is not None:
                page = course_page(
                    offer.record,
                    microdata=offer.slug in self.microdata,
                    credential_awarded=offer.slug in self.credential_awarded,
                )
                return _text(HTTPStatus.OK, page, "text/html; charset=utf-8")
        return _text(HTTPStatus.NOT_FOUND, "<!DOCTYPE html><title>Not found</title>", "text/html")

    def page_url(self, offer: DemoOffer) -> str:
        return f"{self.base_url}/courses/{offer.slug}.html"

    def _sitemap(self) -> bytes:
        namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
        urlset = etree.Element(f"{{{namespace}}}urlset", nsmap={None: namespace})
        for offer in self.offers:
            url = etree.SubElement(urlset, f"{{{namespace}}}url")
            etree.SubElement(url, f"{{{namespace}}}loc").text = self.page_url(offer)
            etree.SubElement(url, f"{{{namespace}}}lastmod").text = offer.record["updated"][:10]
        return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def _index(self) -> str:
        items = "\n".join(
            f'<li><a href="/courses/{_e(offer.slug)}.html">{_e(_first(offer.record["title"])[1])}'
            "</a></li>"
            for offer in self.offers
        )
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
            "<title>Courses | Microcat demo site</title></head>\n<body>\n<h1>Courses</h1>\n"
            f"<ul>\n{items}\n</ul>\n</body>\n</html>\n"
        )


# --- the demo -------------------------------------------------------------------------------


def _slug(text: str, taken: set[str]) -> str:
    stem = slugify(text)[:60].strip("-") or "course"
    slug, number = stem, 1
    while slug in taken:
        number += 1
        slug = f"{stem}-{number}"
    taken.add(slug)
    return slug


class DemoProviders:
    """Three demo feeds on 127.0.0.1, each on its own ephemeral port.

    Use as a context manager, or call :meth:`start` and :meth:`stop`::

        with DemoProviders(offers=300) as demo:
            for feed in demo.feeds:
                print(feed.name, feed.url, feed.protocol, feed.format)

    The content is decided at construction (deterministic from ``seed``), before any server
    starts: :attr:`offers` says what each feed publishes.
    """

    def __init__(self, offers: int = 300, seed: int = 7) -> None:
        if offers < 1:
            raise ValueError("offers must be at least 1")
        generated = list(generate_offers(offers + DELETED_RECORDS, seed))
        live, withdrawn = generated[:offers], generated[offers:]
        rnd = random.Random(f"demo:{seed}")
        slugs: set[str] = set()
        self.offers: list[DemoOffer] = []
        for synthetic in live:
            feeds = [FEED_NAMES[rnd.randrange(len(FEED_NAMES))]]
            if rnd.random() < SHARED_SHARE:
                feeds.append(rnd.choice([name for name in FEED_NAMES if name != feeds[0]]))
            record = synthetic.record
            if len(feeds) > 1 and not record["identifiers"]:
                record["identifiers"] = [f"urn:microcat-demo:course:{synthetic.truth}"]
            title = record["title"].get("en") or _first(record["title"])[1]
            self.offers.append(
                DemoOffer(
                    record=record,
                    truth=synthetic.truth,
                    variant=synthetic.variant,
                    feeds=tuple(sorted(feeds, key=FEED_NAMES.index)),
                    slug=_slug(title, slugs),
                )
            )
        self.deleted: list[tuple[str, str]] = [
            (f"oai:{REPOSITORY_ID}:{offer.record['remote_id']}", "2025-12-01T08:00:00Z")
            for offer in withdrawn
        ]
        """(OAI identifier, datestamp) of the records the repository reports as deleted."""
        self._servers: list[tuple[DemoFeed, _Server, threading.Thread]] = []

    def published(self, feed: str) -> list[DemoOffer]:
        """The offers ``feed`` publishes (live ones; see :attr:`deleted` for the others)."""
        return [offer for offer in self.offers if feed in offer.feeds]

    @property
    def feeds(self) -> list[DemoFeed]:
        return [feed for feed, _, _ in self._servers]

    @property
    def fetch_allowlist(self) -> str:
        """``host:port`` of the running servers, for ``MICROCAT_FETCH_ALLOWLIST``."""
        return ",".join(f"127.0.0.1:{server.server_port}" for _, server, _ in self._servers)

    def start(self) -> list[DemoFeed]:
        """Start the three servers; returns the feeds to register."""
        if self._servers:
            return self.feeds
        sites: list[tuple[str, _Site, Callable[[str], str], str, str]] = [
            (OAI_FEED, OaiPmhRepository(self.published(OAI_FEED), self.deleted),
             lambda base: f"{base}/oai", "oai-pmh", "lom"),
            (JSON_FEED, JsonCourseApi(self.published(JSON_FEED)),
             lambda base: f"{base}/api/courses", "json", "demo_json"),
            (HTML_FEED, HtmlCourseSite(self.published(HTML_FEED)),
             lambda base: f"{base}/sitemap.xml", "html", "schema.org"),
        ]  # fmt: skip
        try:
            for name, site, entry, protocol, format_name in sites:
                server = _Server(site)
                thread = threading.Thread(
                    target=server.serve_forever, name=f"{name}-server", daemon=True
                )
                thread.start()
                feed = DemoFeed(name, entry(site.base_url), protocol, format_name)
                self._servers.append((feed, server, thread))
        except BaseException:
            self.stop()
            raise
        return self.feeds

    def stop(self) -> None:
        """Shut the servers down and release their ports."""
        servers, self._servers = self._servers, []
        for _, server, thread in servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    def __enter__(self) -> DemoProviders:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main(argv: Iterable[str] | None = None) -> None:
    """Serve the demo feeds until interrupted: ``python -m aggregator.demo.providers [N]``."""
    import sys
    import time

    arguments = list(sys.argv[1:] if argv is None else argv)
    offers = int(arguments[0]) if arguments else 300
    with DemoProviders(offers=offers) as demo:
        for feed in demo.feeds:
            print(f"{feed.name:16} {feed.protocol:8} {feed.format:11} {feed.url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
