"""Dublin Core (``oai_dc``, and DC-based records such as NSDL's ``nsdl_dc``) onto ``Record``.

Simple DC says little about a learning opportunity; the DCMI education terms
(``dcterms:educationLevel``, ``instructionalMethod``, ``extent``) and LRMI's
``typicalLearningTime`` are read when present. Elements are matched by local name, so the
``dc:`` and ``dcterms:`` namespaces are read alike.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml import etree

from mappings.base import Field, LangTexts, Text, Texts, XmlMapping
from mappings.normalise import (
    clean_text,
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
    parse_qf_ehea,
)
from mappings.registry import register

# "[s.n.]" (sine nomine) and its variants: the publisher is not known.
_NO_NAME = re.compile(r"^\[?\s*s\.\s*n\.?\s*\??\s*\]?(?:\s*\(.*\))?$", re.I)


def _keyword(text: str) -> str | None:
    # A subject that is an ISCED-F code goes to subject.isced, not to the free keywords.
    return None if parse_isced(text) else clean_text(text)


@register
class OaiDcMapping(XmlMapping):
    """Dublin Core records (``<oai_dc:dc>``)."""

    format = "oai_dc"
    # OAI metadataPrefixes whose records are Dublin Core too.
    aliases = ("nsdl_dc", "qdc", "dcterms")
    record_element = ("dc", "nsdl_dc", "qualifieddc")

    title = LangTexts("title", join=None)
    description = LangTexts(("description", "abstract"))
    provider = Field()
    url = Text("identifier", using=http_url)
    identifiers = Texts("identifier")
    keywords = Texts("subject", to="subject.keywords", using=_keyword)
    isced = Texts("subject", to="subject.isced", using=parse_isced)
    languages = Texts("language", to="participation.languages", using=language_code)
    updated = Field()
    # DCMI education terms and LRMI.
    eqf = Text("educationLevel", to="level.eqf", using=parse_eqf)
    qf_ehea = Text("educationLevel", to="level.qf_ehea", using=parse_qf_ehea)
    mode = Text("instructionalMethod", to="participation.mode", using=parse_mode)
    ects = Text("extent", to="workload.ects", using=parse_ects)
    hours = Text(("typicalLearningTime", "extent"), to="workload.hours", using=parse_hours)
    duration = Text(("typicalLearningTime", "extent"), using=iso_duration)

    def prepare_provider(self, doc: etree._Element) -> dict[str, Any] | None:
        """The publisher, else the first creator (DC has no separate provider element)."""
        for element in ("publisher", "creator"):
            names = [
                (language, text)
                for node in self.select(doc, element)
                for language, text in self.texts(node)
                if not _NO_NAME.match(text)
            ]
            if names:
                return {"name": lang_text(names[:1])}
        return None

    def prepare_identifiers(self, doc: etree._Element) -> list[str]:
        """Every identifier but the one taken as the landing page."""
        url = self.extract("url", doc)
        return [value for value in self.extract("identifiers", doc) if value != url]

    def prepare_updated(self, doc: etree._Element) -> datetime | None:
        """The latest of ``dcterms:modified``, else of the ``dc:date`` values."""
        for element in ("modified", "date"):
            dates = [
                parsed
                for node in self.select(doc, element)
                for _, text in self.texts(node)
                if (parsed := parse_date(text)) is not None
            ]
            if dates:
                return max(dates)
        return None
