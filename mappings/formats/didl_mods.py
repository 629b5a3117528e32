"""MODS records, bare or wrapped in an MPEG-21 DIDL document (``didl_mods``), onto ``Record``.

Dutch higher-education repositories (the HBO Kennisbank, HAN, Greeni, ...) serve their items
over OAI-PMH as DIDL (metadataPrefix ``didl`` or ``nl_didl``): a top-level ``didl:Item`` whose
descriptors hold the persistent identifier (``dii:Identifier``, a URN:NBN) and the date of the
last change (``dcterms:modified``), and whose sub-items are typed by an ``rdf:type`` statement:
``info:eu-repo/semantics/descriptiveMetadata`` carries the MODS record, ``objectFile`` a full
text, ``humanStartPage`` the landing page. MODS elements are matched by local name, without
namespace and case: repositories mix the prefixed and the default MODS namespace in one record.

Decisions worth knowing:

- Title: the primary and the translated ``titleInfo`` (``nonSort`` + ``title``, then
  ``subTitle`` after ": ", then ``partNumber`` / ``partName``); an ``alternative`` title only
  when there is no other. A ``relatedItem``'s title (the host journal) is never read.
- Texts are tagged with ``xml:lang`` or MODS's own ``lang`` (ISO 639-2/B); the languages of
  ``language/languageTerm`` are the languages of participation, so an untagged title of a
  record in one language gets that language, as in the LOM mapping.
- Landing page: the ``humanStartPage`` resource; else a MODS ``location/url``
  (``object in context`` first); else the top-level item's own resource (a handle); else a
  ``uri``, ``hdl`` or ``doi`` identifier. ``objectFile`` resources are full texts, never the
  landing page.
- Identifiers: the DIDL identifier, the record's MODS identifiers (not those of a
  ``relatedItem``: a journal's ISSN is not the item's) and ``recordInfo/recordIdentifier``;
  DOIs and handles as ``https://doi.org/..`` and ``https://hdl.handle.net/..`` (the forms
  the Sharekit mapping writes), an ISBN as ``urn:isbn:..``, other typed values as
  ``<type>:<value>``; a value equal to the landing page is left out.
- Provider: the organisation of the HBO extension (``hbo:namePart type="organisation"``);
  else a corporate ``name`` in the role host institution (``his``), degree-granting
  institution (``dgg``) or publisher (``pbl``); else ``originInfo/publisher`` (the place
  before " : " and "[s.n.]" dropped); else ``recordInfo/recordContentSource``, the
  repository that catalogued the item. Persons and their ``affiliation`` are never read:
  real feeds write job titles there ("Lector", "Student"). A commissioning body (``cli``) is
  not the provider. Degree-granting bodies other than the provider are awarding bodies.
- Keywords: ``subject`` topics, geographic and temporal terms, names and genres, and the
  labels of ``classification`` values; a classification under an ISCED authority gives
  ISCED-F codes instead.
- ECTS only where the abstract or a note states them ("5 ECTS"); hours from a
  ``physicalDescription/extent`` that states hours (pages are not hours).
- Updated: the DIDL's ``dcterms:modified``, else ``recordInfo/recordChangeDate``.
- Not mapped, for want of an element in ``Record``: ``genre`` and ``typeOfResource`` (the
  kind of resource), ``originInfo/dateIssued`` (a publication date is neither an offer's
  start nor its end), ``accessCondition`` / ``dcterms:accessRights`` (open access says
  nothing about a price), persons, lectorates and departments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree

from mappings.base import (
    XML_LANG,
    Field,
    LangTexts,
    Text,
    Texts,
    XmlMapping,
    child_text,
    children,
    first,
    inner_text,
    local_name,
    memoised,
    parse_xml,
)
from mappings.normalise import (
    clean_text,
    doi_url,
    find_ects,
    handle_url,
    http_url,
    lang_text,
    language_code,
    parse_date,
    parse_hours,
    parse_isced,
)
from mappings.registry import MappingError, RawInput, register
from mappings.schema import LangText

RDF_RESOURCE = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}resource"
HUMAN_START_PAGE = "info:eu-repo/semantics/humanStartPage"
DESCRIPTIVE_METADATA = "info:eu-repo/semantics/descriptiveMetadata"

# MARC relator codes (and their terms) of corporate names that offer the item, best first.
_PROVIDER_ROLES = (
    ("his", "host institution"),
    ("dgg", "degree granting institution", "degree-granting institution"),
    ("pbl", "publisher"),
)
_AWARDING_ROLES = _PROVIDER_ROLES[1]
_SUBJECT_TERMS = ("topic", "geographic", "temporal", "genre", "occupation")
_TITLE_END = re.compile(r"[.:;!?]$")
# "[s.n.]" (sine nomine), "[S.l. : s.n.]", "-": no publisher named.
_NO_NAME = re.compile(r"^[\[(]?\s*(?:s\.\s*l\.\s*:?\s*)?s\.\s*n\.?\s*[\])]?$|^[\W_]*$", re.I)
_HANDLE_URL = re.compile(r"^https?://hdl\.handle\.net/", re.I)
_URI_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:\S", re.I)
_CODE = re.compile(r"^[\d.\s/-]+$")


def publisher_name(text: str) -> str | None:
    """The publisher of an ISBD-style statement: ``"Arnhem : HAN Press"`` -> ``"HAN Press"``;
    ``None`` where no publisher is named (``"[S.l. : s.n.]"``, ``"Nijmegen : [S.n.]"``)."""
    cleaned = clean_text(text)
    if _NO_NAME.match(cleaned):
        return None
    name = cleaned.rsplit(" : ", 1)[-1].strip(" ,;")
    return None if _NO_NAME.match(name) else name


def normalise_identifier(kind: str, value: str) -> str | None:
    """One identifier in the form Microcat compares across sources (see the module notes)."""
    text = clean_text(value)
    kind = clean_text(kind).lower()
    if not text:
        return None
    doi = doi_url(text)
    if kind == "doi" or (kind in ("uri", "") and doi and "doi" in text.lower()):
        return doi or text
    if kind in ("hdl", "handle") or (kind == "uri" and _HANDLE_URL.match(text)):
        return handle_url(text) or text
    if kind == "isbn":
        return f"urn:isbn:{text.replace('-', '').replace(' ', '')}"
    if _URI_SCHEME.match(text) or not kind:
        return text
    return f"{kind}:{text}"


@dataclass(frozen=True)
class DidlModsDocument:
    """A parsed payload: the MODS record and, when it came wrapped, the DIDL document."""

    mods: etree._Element
    didl: etree._Element | None = None
    top_item: etree._Element | None = None
    """The DIDL's top-level ``Item`` (the one describing the whole object)."""
    start_pages: tuple[str, ...] = ()
    """The resources of the items typed ``humanStartPage``."""


def _items(didl: etree._Element) -> list[etree._Element]:
    """Every ``Item`` of a DIDL document, top-level first; resources (MODS) are not entered."""
    found: list[etree._Element] = []
    level = children(didl, "container") + [didl]
    while level:
        items = [item for parent in level for item in children(parent, "item")]
        found += items
        level = items
    return found


def _item_types(item: etree._Element) -> list[str]:
    """The ``rdf:type`` URIs stated by an item's descriptors."""
    return [
        (node.get(RDF_RESOURCE) or clean_text(node.text)).strip()
        for descriptor in children(item, "descriptor")
        for statement in children(descriptor, "statement")
        for node in children(statement, "type")
    ]


def _statements(item: etree._Element, name: str) -> list[str]:
    """Texts of the ``name`` elements stated by an item's own descriptors."""
    return [
        text
        for descriptor in children(item, "descriptor")
        for statement in children(descriptor, "statement")
        for node in children(statement, name)
        if (text := clean_text(inner_text(node)))
    ]


def _mods_of(item: etree._Element) -> etree._Element | None:
    """The MODS record (or first record of a collection) in an item's own resources."""
    for component in children(item, "component"):
        for resource in children(component, "resource"):
            for element in resource:
                name = local_name(element)
                if name == "mods":
                    return element
                if name == "modscollection":
                    return first(children(element, "mods"))
    return None


def _resource_refs(item: etree._Element) -> list[str]:
    """The ``ref`` of the resources of an item's own components."""
    return [
        ref
        for component in children(item, "component")
        for resource in children(component, "resource")
        if (ref := (resource.get("ref") or "").strip())
    ]


@register
class DidlModsMapping(XmlMapping):
    """MODS records (``<mods>``), bare or in a DIDL document (``<didl:DIDL>``)."""

    format = "didl_mods"
    # OAI metadataPrefixes and names under which the same records come.
    aliases = ("didl", "nl_didl", "didl-mods", "mods")

    title = Field()
    description = LangTexts("abstract")
    url = Field()
    identifiers = Field()
    provider = Field()
    awarding_bodies = Field()
    languages = Texts("language/languageTerm", to="participation.languages", using=language_code)
    keywords = Field(to="subject.keywords")
    isced = Field(to="subject.isced")
    ects = Field(to="workload.ects")
    hours = Text("physicalDescription/extent", to="workload.hours", using=parse_hours)
    updated = Field()

    # --- reading the payload -----------------------------------------------------------

    def load(self, raw: RawInput) -> DidlModsDocument:  # type: ignore[override]
        """The MODS record of the payload and the DIDL around it, if any.

        Raises:
            MappingError: not well-formed XML, or no ``<mods>`` record in it.
        """
        root = parse_xml(raw.payload, self.format)
        name = local_name(root)
        if name == "mods":
            return DidlModsDocument(mods=root)
        if name != "didl":
            mods = first(element for element in root.iter() if local_name(element) == "mods")
            if mods is None:
                raise MappingError(f"{self.format}: no <mods> record in the <{name}> payload")
            return DidlModsDocument(mods=mods)
        items = _items(root)
        typed = [(item, _item_types(item)) for item in items]
        mods = first(_mods_of(item) for item, types in typed if DESCRIPTIVE_METADATA in types)
        if mods is None:  # no item typed as descriptive metadata: the first MODS in an item
            mods = first(_mods_of(item) for item in items)
        if mods is None:
            raise MappingError(f"{self.format}: no <mods> record in the <{name}> payload")
        start_pages = [
            ref
            for item, types in typed
            if HUMAN_START_PAGE in types
            for ref in _resource_refs(item)
        ]
        top = first(children(root, "item"))
        return DidlModsDocument(mods, root, top, tuple(start_pages))

    def select(self, node: Any, path: str) -> list[Any]:
        if isinstance(node, DidlModsDocument):
            node = node.mods
        return super().select(node, path)

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        """The text with ``xml:lang``, else MODS's ``lang`` attribute (ISO 639-2/B)."""
        if isinstance(node, str):
            return [(None, node)]
        text = clean_text(inner_text(node))
        return [(node.get(XML_LANG) or node.get("lang"), text)] if text else []

    # --- title -------------------------------------------------------------------------

    @staticmethod
    def _title(title_info: etree._Element) -> str:
        title = child_text(title_info, "title")
        if not title:
            return ""
        non_sort = child_text(title_info, "nonsort")
        if non_sort:
            title = non_sort + ("" if non_sort.endswith(("'", "’")) else " ") + title
        subtitle = child_text(title_info, "subtitle")
        if subtitle:
            title += (" " if _TITLE_END.search(title) else ": ") + subtitle
        part = ", ".join(
            text
            for text in (child_text(title_info, name) for name in ("partnumber", "partname"))
            if text
        )
        return f"{title}. {part}" if part else title

    def prepare_title(self, doc: DidlModsDocument) -> LangText:
        """Primary and translated titles per language; alternatives only without them."""
        main: list[tuple[str | None, str]] = []
        other: list[tuple[str | None, str]] = []
        for title_info in self.select(doc, "titleInfo"):
            kind = (title_info.get("type") or "").lower()
            text = self._title(title_info)
            if not text or kind in ("abbreviated", "uniform"):
                continue
            language = first(
                node.get(XML_LANG) or node.get("lang")
                for node in (title_info, *children(title_info, "title"))
            )
            (other if kind == "alternative" else main).append((language, text))
        return lang_text(main or other, join=None)

    # --- where it is, what it is called elsewhere ---------------------------------------

    def prepare_url(self, doc: DidlModsDocument) -> str | None:
        """The landing page, in the order of the module notes (identifiers leave it out)."""
        return memoised(doc.mods, "didl:url", lambda _: self._landing_page(doc))

    def _landing_page(self, doc: DidlModsDocument) -> str | None:
        candidates = list(doc.start_pages)
        locations = self.select(doc, "location/url")
        locations.sort(key=lambda node: (node.get("access") or "") != "object in context")
        candidates += [clean_text(node.text) for node in locations]
        if doc.top_item is not None:
            candidates += _resource_refs(doc.top_item)
        for node in self.select(doc, "identifier"):
            if (node.get("type") or "").lower() in ("uri", "hdl", "handle", "doi"):
                value = normalise_identifier(node.get("type") or "", node.text or "")
                candidates.append(value or "")
        return first(http_url(candidate) for candidate in candidates)

    def prepare_identifiers(self, doc: DidlModsDocument) -> list[str]:
        """DIDL identifier, MODS identifiers and record identifier, normalised, but the URL."""
        pairs: list[tuple[str, str]] = []
        if doc.top_item is not None:
            pairs += [("", text) for text in _statements(doc.top_item, "identifier")]
        if doc.didl is not None and doc.didl.get("DIDLDocumentId"):
            pairs.append(("", doc.didl.get("DIDLDocumentId") or ""))
        for node in self.select(doc, "identifier"):
            if (node.get("invalid") or "").lower() != "yes":
                pairs.append((node.get("type") or "", inner_text(node)))
        pairs += [("", node.text or "") for node in self.select(doc, "recordInfo/recordIdentifier")]
        url = self.prepare_url(doc)
        found: list[str] = []
        for kind, value in pairs:
            identifier = normalise_identifier(kind, value)
            if identifier and identifier != url and identifier not in found:
                found.append(identifier)
        return found

    # --- organisations -----------------------------------------------------------------

    def _corporate_names(self, doc: DidlModsDocument, roles: tuple[str, ...]) -> list[str]:
        """Names of the record's corporate ``name`` elements in one of ``roles``."""
        names = []
        for name in self.select(doc, "name"):
            if (name.get("type") or "").lower() != "corporate":
                continue
            terms = {clean_text(term.text).lower() for term in self.select(name, "role/roleTerm")}
            if terms & set(roles):
                text = ", ".join(
                    part for node in children(name, "namepart") if (part := clean_text(node.text))
                )
                if text and text not in names:
                    names.append(text)
        return names

    def _provider_names(self, doc: DidlModsDocument) -> list[str]:
        """The organisations that may be the provider, best first (the provider's name and
        the awarding bodies other than it need them)."""
        return memoised(doc.mods, "didl:providers", lambda _: self._find_provider_names(doc))

    def _find_provider_names(self, doc: DidlModsDocument) -> list[str]:
        names = [
            text
            for node in self.select(doc, "extension/hbo/name/namePart")
            if (node.get("type") or "").lower() == "organisation"
            and (text := clean_text(node.text))
        ]
        for roles in _PROVIDER_ROLES:
            names += self._corporate_names(doc, roles)
        names += [
            name
            for node in self.select(doc, "originInfo/publisher")
            if (name := publisher_name(node.text or ""))
        ]
        names += [
            text
            for node in self.select(doc, "recordInfo/recordContentSource")
            if (text := clean_text(node.text))
        ]
        return names

    def prepare_provider(self, doc: DidlModsDocument) -> dict[str, Any] | None:
        """The first organisation in the order of the module notes."""
        name = first(self._provider_names(doc))
        return {"name": lang_text(name)} if name else None

    def prepare_awarding_bodies(self, doc: DidlModsDocument) -> list[dict[str, Any]]:
        """Degree-granting bodies other than the provider."""
        provider = first(self._provider_names(doc))
        return [
            {"name": lang_text(name)}
            for name in self._corporate_names(doc, _AWARDING_ROLES)
            if name != provider
        ]

    # --- subject -----------------------------------------------------------------------

    def _classifications(self, doc: DidlModsDocument) -> list[tuple[bool, etree._Element]]:
        """``(is ISCED, element)`` of every classification of the record."""
        found = []
        for node in self.select(doc, "classification"):
            authority = " ".join(
                node.get(attribute) or "" for attribute in ("authority", "authorityURI")
            )
            found.append(("isced" in authority.lower(), node))
        return found

    def prepare_isced(self, doc: DidlModsDocument) -> list[str]:
        codes: list[str] = []
        for is_isced, node in self._classifications(doc):
            if is_isced:
                text = clean_text(node.text)
                found = parse_isced(f"ISCED {text}") if _CODE.match(text) else parse_isced(text)
                codes += [code for code in found if code not in codes]
        return codes

    def prepare_keywords(self, doc: DidlModsDocument) -> list[str]:
        """Subject terms, subject names, and the labels of non-ISCED classifications."""
        terms: list[str] = []
        for subject in self.select(doc, "subject"):
            for node in subject:
                name = local_name(node)
                if name in _SUBJECT_TERMS:
                    text = clean_text(inner_text(node))
                elif name == "name":
                    text = ", ".join(
                        part
                        for part in (clean_text(n.text) for n in children(node, "namepart"))
                        if part
                    )
                else:
                    continue
                if text and text not in terms:
                    terms.append(text)
        for is_isced, node in self._classifications(doc):
            if is_isced:
                continue
            label = clean_text(node.get("displayLabel"))
            text = label or clean_text(node.text)
            if text and not _CODE.match(text) and text not in terms:
                terms.append(text)
        return terms

    # --- workload, dates ---------------------------------------------------------------

    def prepare_ects(self, doc: DidlModsDocument) -> float | None:
        """ECTS stated in the abstract or a note ("5 ECTS"); MODS has no element for it."""
        for path in ("abstract", "note"):
            for node in self.select(doc, path):
                for _, text in self.texts(node):
                    if (ects := find_ects(text)) is not None:
                        return ects
        return None

    def prepare_updated(self, doc: DidlModsDocument) -> datetime | None:
        """The DIDL's ``dcterms:modified``, else the MODS record's change date."""
        top = doc.top_item
        dates = _statements(top, "modified") if top is not None else []
        dates += [clean_text(node.text) for node in self.select(doc, "recordInfo/recordChangeDate")]
        return first(parse_date(text) for text in dates)
