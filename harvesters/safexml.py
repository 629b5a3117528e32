"""Parsing XML from the network without trusting it."""

from __future__ import annotations

from lxml import etree


def safe_parser() -> etree.XMLParser:
    """An lxml parser that never expands entities, loads a DTD or touches the network.

    `huge_tree=False` keeps libxml2's limits on depth and text size, which stop entity and
    nesting bombs. `recover=False`: a control character, a byte sequence that is not in the
    declared encoding or a compressed body is an error, never silently repaired or dropped.
    A new parser per call: lxml parsers are not safe to share across threads.
    """
    return etree.XMLParser(
        recover=False,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


def parse_xml(body: bytes) -> etree._Element:
    """Parse a document and return its root element.

    Raises:
        etree.XMLSyntaxError: The document is not well-formed XML.
    """
    root = etree.fromstring(body, parser=safe_parser())
    if root is None:
        raise etree.XMLSyntaxError("empty document", None, 0, 0)
    return root


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace; "" for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname
