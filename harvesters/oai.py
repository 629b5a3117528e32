"""OAI-PMH 2.0 responses: parsing, error codes and request URLs, without any I/O.

The spider (`harvesters.spiders.oai_pmh`) does the fetching; everything here works on the
bytes of one response, so it can be run and tested alone. As in oaipmh-scythe, every error
code of the protocol has its own exception class named after it, an empty
`<resumptionToken/>` ends a list, and a deleted header is a tombstone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from lxml import etree

from harvesters.safexml import local_name, parse_xml

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_NS = {"oai": OAI_NS}


class MalformedResponse(Exception):
    """The response is not well-formed XML, or not an OAI-PMH document."""


class OAIPMHException(Exception):
    """An `<error>` returned by the repository; subclasses are named after the codes."""

    code: str = ""

    def __init__(self, message: str = "", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        text = f"OAI-PMH error {self.code}"
        return f"{text}: {self.message}" if self.message else text


class BadArgument(OAIPMHException):
    code = "badArgument"


class BadResumptionToken(OAIPMHException):
    code = "badResumptionToken"


class BadVerb(OAIPMHException):
    code = "badVerb"


class CannotDisseminateFormat(OAIPMHException):
    code = "cannotDisseminateFormat"


class IdDoesNotExist(OAIPMHException):
    code = "idDoesNotExist"


class NoMetadataFormats(OAIPMHException):
    code = "noMetadataFormats"


class NoRecordsMatch(OAIPMHException):
    """Not a failure for a list: the selective harvest is simply empty."""

    code = "noRecordsMatch"


class NoSetHierarchy(OAIPMHException):
    code = "noSetHierarchy"


class UndefinedError(OAIPMHException):
    """A code the protocol does not define; `code` keeps the code the repository sent."""

    code = "undefinedError"


ERRORS_BY_CODE: dict[str, type[OAIPMHException]] = {
    cls.code: cls
    for cls in (
        BadArgument,
        BadResumptionToken,
        BadVerb,
        CannotDisseminateFormat,
        IdDoesNotExist,
        NoMetadataFormats,
        NoRecordsMatch,
        NoSetHierarchy,
    )
}


@dataclass(frozen=True, slots=True)
class OaiRecord:
    """One `<record>` of a ListRecords response.

    Attributes:
        identifier: The header's identifier; None when the header has none.
        datestamp: The header's datestamp as written.
        deleted: The header has `status="deleted"`.
        metadata: The `<metadata>` child element serialized with its namespaces; None for
            a deleted record or a record without metadata.
    """

    identifier: str | None
    datestamp: str | None
    deleted: bool
    metadata: str | None


@dataclass(frozen=True, slots=True)
class ListRecordsPage:
    """One page of a ListRecords (or ListIdentifiers) list.

    Attributes:
        records: The page's records, in document order (ListIdentifiers: headers only,
            `metadata` None).
        resumption_token: The token to ask for the next page, exactly as given; None when
            the element is absent or empty, which ends the list.
        complete_list_size: The `completeListSize` the repository advertised on this
            page's token, when it did in ASCII digits (at most 18); None otherwise.
        response_date: The `<responseDate>` of the response, as written.
    """

    records: list[OaiRecord]
    resumption_token: str | None
    complete_list_size: int | None = None
    response_date: str | None = None


DAY_GRANULARITY = "YYYY-MM-DD"
SECONDS_GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"


@dataclass(frozen=True, slots=True)
class Identify:
    """What an Identify response says about the repository.

    Attributes:
        granularity: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`; None when missing or unknown.
        deleted_record: `no`, `transient` or `persistent`, as declared (None when missing).
        earliest_datestamp: As written.
        response_date: The `<responseDate>` of the response, as written.
    """

    granularity: str | None
    deleted_record: str | None
    earliest_datestamp: str | None
    response_date: str | None


@dataclass(frozen=True, slots=True)
class OaiSet:
    """One `<set>` of a ListSets response."""

    spec: str
    name: str | None


def parse_response(body: bytes) -> etree._Element:
    """Parse an OAI-PMH response and raise the repository's error, if it sent one.

    Raises:
        MalformedResponse: Not well-formed XML, or not an `OAI-PMH` document.
        OAIPMHException: The subclass named after the first `<error>` code.
    """
    try:
        root = parse_xml(body)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"not well-formed XML: {exc}") from exc
    if root.tag != f"{{{OAI_NS}}}OAI-PMH":
        raise MalformedResponse(f"not an OAI-PMH response (root element {local_name(root)!r})")
    errors = root.findall("oai:error", _NS)
    if errors:
        code = errors[0].get("code") or "undefinedError"
        messages = [" ".join((error.text or "").split()) for error in errors]
        message = "; ".join(m for m in messages if m)
        cls = ERRORS_BY_CODE.get(code)
        if cls is None:
            raise UndefinedError(message, code=code)
        raise cls(message)
    return root


def parse_list_records(body: bytes) -> ListRecordsPage:
    """Parse a ListRecords response.

    Raises:
        MalformedResponse: See `parse_response`; also when `<ListRecords>` is missing.
        OAIPMHException: See `parse_response`.
    """
    root = parse_response(body)
    container = _container(root, "ListRecords")
    records = [_parse_record(element) for element in container.iterfind("oai:record", _NS)]
    return _page(root, container, records)


def parse_list_identifiers(body: bytes) -> ListRecordsPage:
    """Parse a ListIdentifiers response: one `OaiRecord` without metadata per header.

    Raises:
        MalformedResponse: See `parse_response`; also when `<ListIdentifiers>` is missing.
        OAIPMHException: See `parse_response`.
    """
    root = parse_response(body)
    container = _container(root, "ListIdentifiers")
    records = [_parse_header(header) for header in container.iterfind("oai:header", _NS)]
    return _page(root, container, records)


def parse_list_sets(body: bytes) -> tuple[list[OaiSet], str | None]:
    """Parse a ListSets response: the sets and the resumption token (None ends the list).

    Raises:
        MalformedResponse: See `parse_response`; also when `<ListSets>` is missing.
        OAIPMHException: See `parse_response` (`noSetHierarchy` for a repository without sets).
    """
    root = parse_response(body)
    container = _container(root, "ListSets")
    sets = []
    for element in container.iterfind("oai:set", _NS):
        spec = _text(element.find("oai:setSpec", _NS))
        if spec:
            sets.append(OaiSet(spec, _text(element.find("oai:setName", _NS))))
    return sets, _page(root, container, []).resumption_token


def parse_identify(body: bytes) -> Identify:
    """Parse an Identify response.

    Raises:
        MalformedResponse: See `parse_response`; also when `<Identify>` is missing.
        OAIPMHException: See `parse_response`.
    """
    root = parse_response(body)
    container = _container(root, "Identify")
    granularity = _text(container.find("oai:granularity", _NS))
    if granularity not in (DAY_GRANULARITY, SECONDS_GRANULARITY):
        granularity = None
    return Identify(
        granularity=granularity,
        deleted_record=_text(container.find("oai:deletedRecord", _NS)),
        earliest_datestamp=_text(container.find("oai:earliestDatestamp", _NS)),
        response_date=_text(root.find("oai:responseDate", _NS)),
    )


def datestamp_in_granularity(datestamp: str, granularity: str | None) -> str:
    """A `from`/`until` datestamp written in the repository's granularity.

    A day-granularity repository gets the day of a seconds datestamp (an earlier bound,
    so nothing is missed); a seconds-granularity repository gets a day as its first second.
    With an unknown granularity the datestamp is sent as given.
    """
    if granularity == DAY_GRANULARITY:
        return datestamp[:10]
    if granularity == SECONDS_GRANULARITY and len(datestamp) == 10:
        return f"{datestamp}T00:00:00Z"
    return datestamp


def _container(root: etree._Element, verb: str) -> etree._Element:
    container = root.find(f"oai:{verb}", _NS)
    if container is None:
        raise MalformedResponse(f"no {verb} element")
    return container


# A completeListSize is read in ASCII digits, few enough for int() (which refuses more than
# 4,300); str.isdigit() would take "²", which int() refuses. Anything else: size unknown.
_LIST_SIZE = re.compile(r"[0-9]{1,18}")


def _page(
    root: etree._Element, container: etree._Element, records: list[OaiRecord]
) -> ListRecordsPage:
    token_element = container.find("oai:resumptionToken", _NS)
    token = None
    size = None
    if token_element is not None:
        token = token_element.text
        raw_size = (token_element.get("completeListSize") or "").strip()
        size = int(raw_size) if _LIST_SIZE.fullmatch(raw_size) else None
    return ListRecordsPage(
        records,
        token if token and token.strip() else None,
        size,
        _text(root.find("oai:responseDate", _NS)),
    )


def _parse_header(header: etree._Element) -> OaiRecord:
    return OaiRecord(
        _text(header.find("oai:identifier", _NS)),
        _text(header.find("oai:datestamp", _NS)),
        header.get("status") == "deleted",
        None,
    )


def _parse_record(element: etree._Element) -> OaiRecord:
    header = element.find("oai:header", _NS)
    if header is None:
        return OaiRecord(None, None, False, None)
    head = _parse_header(header)
    identifier, datestamp, deleted = head.identifier, head.datestamp, head.deleted
    metadata = None
    if not deleted:
        container = element.find("oai:metadata", _NS)
        if container is not None:
            child = next((c for c in container if isinstance(c.tag, str)), None)
            if child is not None:
                metadata = etree.tostring(child, encoding="unicode", with_tail=False)
    return OaiRecord(identifier, datestamp, deleted, metadata)


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def parse_metadata_formats(body: bytes) -> list[str]:
    """The metadataPrefix values of a ListMetadataFormats response, in document order.

    Raises:
        MalformedResponse: See `parse_response`.
        OAIPMHException: See `parse_response`.
    """
    root = parse_response(body)
    return [
        prefix
        for element in root.iterfind(
            "oai:ListMetadataFormats/oai:metadataFormat/oai:metadataPrefix", _NS
        )
        if (prefix := _text(element))
    ]


def is_lom_prefix(prefix: str) -> bool:
    """Whether a metadataPrefix names IEEE LOM or a profile of it (`lom`, `nl_lom`, `lom*`)."""
    return prefix == "nl_lom" or prefix.startswith("lom")


# metadataPrefixes of MODS wrapped in DIDL (Dutch HBO repositories: `didl`, `nl_didl`).
_DIDL_PREFIXES = frozenset({"didl", "nl_didl"})


def canonical_format(prefix: str) -> str:
    """The format name a record carries: `lom` for the LOM family, `didl_mods` for DIDL,
    otherwise the prefix."""
    if is_lom_prefix(prefix):
        return "lom"
    return "didl_mods" if prefix in _DIDL_PREFIXES else prefix


def choose_metadata_prefix(prefixes: list[str]) -> str | None:
    """The richest prefix offered that Microcat maps: `lom`, else `nl_lom`, else another
    `lom*`, else MODS in DIDL (`nl_didl`, `didl`), else `oai_dc`. Bare `mods` (library
    catalogues) is harvested only when asked for: its profiles vary more than DC."""
    for wanted in ("lom", "nl_lom"):
        if wanted in prefixes:
            return wanted
    lom = [p for p in prefixes if is_lom_prefix(p)]
    if lom:
        return lom[0]
    return next((p for p in ("nl_didl", "didl", "oai_dc") if p in prefixes), None)


def request_url(base_url: str, **params: str) -> str:
    """A request URL: the base URL with `params` URL-encoded once and appended.

    Values are sent exactly as given, so a resumption token full of `|`, `/` or `!`
    reaches the repository unchanged after the server decodes the query.
    """
    separator = "&" if "?" in base_url else "?"
    if base_url.endswith(("?", "&")):
        separator = ""
    return f"{base_url}{separator}{urlencode(params)}"
