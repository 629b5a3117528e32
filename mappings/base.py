"""The declarative base of the format mappings.

A mapping declares, element by element, where a value comes from and which small processors
clean it, in the manner of Haystack's ``SearchIndex``::

    @register
    class OaiDcMapping(XmlMapping):
        format = "oai_dc"
        record_element = ("dc",)

        title = LangTexts("title", join=None)
        keywords = Texts("subject", to="subject.keywords", using=clean_text)
        provider = Field(to="provider")

        def prepare_provider(self, doc):
            ...  # real logic for one element

Each declaration names its target element of :class:`~mappings.schema.Record` with ``to``
(a dotted path; the attribute name by default). Where a ``prepare_<name>`` method exists it
replaces the declaration's own extraction, with the parsed document as argument. Values of
several declarations with one target are merged: lists are extended, texts per language
added, and for single values the first declaration that yields one wins.

A format base (:class:`XmlMapping`, :class:`JsonMapping`) knows how to ``load`` a payload,
``select`` nodes by path and read ``texts`` from a node; a mapping is pure and does no I/O.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from types import FunctionType
from typing import Any, ClassVar

from lxml import etree
from pydantic import BaseModel, ValidationError

from mappings.normalise import clean_text, lang_text
from mappings.registry import MappingError, RawInput
from mappings.schema import UNDETERMINED, LangText, Record

Node = Any
"""Whatever a format's ``select`` returns: an lxml element, a JSON value, ..."""

Processor = Callable[[Any], Any]


EMPTY: tuple[Any, ...] = (None, "", [], {})
"""Values that fill nothing (``value in EMPTY``: one test in C, for the hot loops too)."""


def _is_empty(value: Any) -> bool:
    return value in EMPTY


class Field:
    """One element of ``Record`` and where its value comes from.

    Args:
        path: where to look in the document, in the syntax of the mapping's ``select``;
            several paths are all read, in order. ``None`` for an element filled only by a
            ``prepare_<name>`` hook.
        to: the dotted ``Record`` element to fill (``"workload.ects"``); the attribute name
            when omitted.
        using: processor(s) applied in turn to each text found; a ``None`` result drops it.
    """

    def __init__(
        self,
        path: str | Sequence[str] | None = None,
        *,
        to: str | None = None,
        using: Processor | Sequence[Processor] = (),
    ) -> None:
        self.paths: tuple[str, ...] = (path,) if isinstance(path, str) else tuple(path or ())
        self.to = to
        self.processors: tuple[Processor, ...] = (using,) if callable(using) else tuple(using)
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        if self.to is None:
            self.to = name

    @property
    def target(self) -> str:
        return self.to or self.name

    def _pairs(self, mapping: DeclarativeMapping, doc: Node) -> Iterator[tuple[str | None, Any]]:
        """``(language, value)`` for every text found, after the processors; a generator, so
        that :class:`Text` stops at the first value."""
        processors = self.processors
        texts = mapping.texts
        for path in self.paths:
            for node in mapping.select(doc, path):
                for language, text in texts(node):
                    value: Any = text
                    for processor in processors:
                        value = processor(value)
                        if value in EMPTY:
                            break  # emptied by a processor: dropped
                    else:  # kept by every processor; without any, the text may be empty
                        if value not in EMPTY:
                            yield language, value

    def extract(self, mapping: DeclarativeMapping, doc: Node) -> Any:
        """The value of the element: by default every value found, as a list."""
        values: list[Any] = []
        for _, value in self._pairs(mapping, doc):
            for item in value if isinstance(value, list) else (value,):
                if item not in values:
                    values.append(item)
        return values


class Texts(Field):
    """A list: every value found, flattened, each once (the default extraction)."""


class Text(Field):
    """A single value: the first one found."""

    def extract(self, mapping: DeclarativeMapping, doc: Node) -> Any:
        for _, value in self._pairs(mapping, doc):
            return value[0] if isinstance(value, list) else value
        return None


class LangTexts(Field):
    """A ``LangText``: the texts found per language.

    Args:
        join: how several texts in one language are joined; ``None`` keeps the first.
    """

    def __init__(
        self,
        path: str | Sequence[str] | None = None,
        *,
        to: str | None = None,
        using: Processor | Sequence[Processor] = (),
        join: str | None = "\n\n",
    ) -> None:
        super().__init__(path, to=to, using=using)
        self.join = join

    def extract(self, mapping: DeclarativeMapping, doc: Node) -> LangText:
        return lang_text(self._pairs(mapping, doc), join=self.join)


def merge_value(data: dict[str, Any], target: str, value: Any) -> None:
    """Put ``value`` at dotted ``target`` in ``data``, merging with what is there."""
    *parents, key = target.split(".")
    _merge(data, parents, key, value)


def _merge(data: dict[str, Any], parents: Sequence[str], key: str, value: Any) -> None:
    """:func:`merge_value` with the target split: ``parents`` and the ``key`` in the last."""
    # (``in EMPTY``, not ``_is_empty``: every value of every record passes here.)
    if value in EMPTY:
        return
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_defaults=True)
        if value in EMPTY:
            return
    for parent in parents:
        data = data.setdefault(parent, {})
    current = data.get(key)
    if current in EMPTY:
        data[key] = value
    elif isinstance(current, list) and isinstance(value, list):
        current.extend(item for item in value if item not in current)
    elif isinstance(current, dict) and isinstance(value, dict):
        for sub_key, sub_value in value.items():
            if current.get(sub_key) in EMPTY:
                current[sub_key] = sub_value
    # A single value already there: the first declaration wins.


Hook = Callable[[Any, Any], Any]
"""A ``prepare_<name>`` hook as called: with the mapping and the parsed document."""


def _hook(cls: type, name: str) -> Hook | None:
    """The hook ``name`` of mapping class ``cls``, or ``None`` if it has none."""
    found = inspect.getattr_static(cls, name, None)
    if found is None:
        return None
    if isinstance(found, FunctionType):  # a plain method, the usual hook: called as it is
        return found
    return lambda mapping, doc: getattr(mapping, name)(doc)  # static, class, other descriptors


# Record elements holding text per language, for the language inference in ``finish``.
_LANG_TEXT_ELEMENTS = ("title", "description", "prerequisites")


class DeclarativeMapping:
    """Base of the mappings: collects the declared fields and runs them over a document.

    A field whose class defines or inherits a ``prepare_<name>`` method gets its value from
    that hook instead of its declaration. Hooks are looked up once, when the class is made:
    one set later on the class or on an instance is not seen, and ``prepare_<name> = None``
    in a subclass means "no hook".
    """

    format: str
    fields: ClassVar[dict[str, Field]] = {}
    _declarations: ClassVar[tuple[tuple[Field, Hook | None, tuple[str, ...], str], ...]] = ()
    """Per field: the field, its hook (``None`` if none), its target split into the parent
    elements and the key in the last."""
    infer_text_language: ClassVar[bool] = True
    """Tag texts without a language with the language of instruction when there is exactly one."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, Field] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    fields[name] = value
        cls.fields = fields
        # The hooks, looked up once: ``getattr`` of a missing name costs an exception, and of
        # a present one a bound method per call.
        cls._declarations = tuple(
            (
                field,
                _hook(cls, f"prepare_{name}"),
                tuple(field.target.split(".")[:-1]),
                field.target.split(".")[-1],
            )
            for name, field in fields.items()
        )

    # --- to be provided by a format base ---------------------------------------------

    def load(self, raw: RawInput) -> Node:
        """The parsed payload (the record's own node).

        Raises:
            MappingError: the payload cannot be read.
        """
        raise NotImplementedError

    def select(self, node: Node, path: str) -> list[Node]:
        """The nodes at ``path`` below ``node``."""
        raise NotImplementedError

    def texts(self, node: Node) -> list[tuple[str | None, str]]:
        """The texts of a node with their language tags (``None`` where not given)."""
        raise NotImplementedError

    # --- the run ---------------------------------------------------------------------

    def extract(self, name: str, doc: Node) -> Any:
        """The value of declared field ``name`` by its declaration (for use in hooks)."""
        return self.fields[name].extract(self, doc)

    def values(self, doc: Node) -> dict[str, Any]:
        """The nested element values of a parsed document, before validation."""
        data: dict[str, Any] = {}
        for field, hook, parents, key in self._declarations:
            value = hook(self, doc) if hook is not None else field.extract(self, doc)
            if value in EMPTY:  # most fields of most records find nothing
                continue
            _merge(data, parents, key, value)
        return data

    def map(self, raw: RawInput) -> Record:
        doc = self.load(raw)
        try:
            record = Record.model_validate(self.values(doc))
        except ValidationError as error:
            raise MappingError(f"{self.format}: mapped values are invalid: {error}") from error
        return self.finish(record, doc)

    def finish(self, record: Record, doc: Node) -> Record:
        """Last adjustments of a mapped record; by default the language inference."""
        if self.infer_text_language and len(record.participation.languages) == 1:
            language = record.participation.languages[0]
            texts = [getattr(record, element) for element in _LANG_TEXT_ELEMENTS]
            texts += [outcome.text for outcome in record.learning_outcomes]
            texts.append(record.assessment.text)
            for text in texts:
                if UNDETERMINED in text and language not in text:
                    text[language] = text.pop(UNDETERMINED)
        return record


# --- XML ------------------------------------------------------------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xml_parser(*, keep_blank_text: bool = True) -> etree.XMLParser:
    """A parser that never fetches, never expands entities and never loads a DTD.

    :func:`parse_xml` reuses one per thread (an lxml parser must not be shared by threads
    that parse at the same time); this makes a new one.

    Args:
        keep_blank_text: keep the whitespace between elements. Without it, libxml2 leaves
            out whitespace-only text in element-only content (the indentation of a record,
            ~40% of its nodes), but also between two child elements that open an element's
            mixed content (``<p><b>a</b> <i>b</i></p>`` reads ``"ab"``): only for formats
            whose texts never hold elements.
    """
    return etree.XMLParser(
        remove_blank_text=not keep_blank_text,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,  # (no look-up by xml:id: the table is work for nothing)
    )


_PARSERS = threading.local()


def _thread_parser(keep_blank_text: bool) -> etree.XMLParser:
    name = "parser" if keep_blank_text else "parser_without_blanks"
    parser = getattr(_PARSERS, name, None)
    if parser is None:
        parser = xml_parser(keep_blank_text=keep_blank_text)
        setattr(_PARSERS, name, parser)
    return parser


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.I)
_ENTITY_DECLARATION_BYTES = re.compile(rb"<!ENTITY", re.I)


def parse_xml(
    payload: str | bytes, format_name: str, *, keep_blank_text: bool = True
) -> etree._Element:
    """The root element of an XML payload (``keep_blank_text``: see :func:`xml_parser`).

    Raises:
        MappingError: the payload is empty or not well-formed XML.
    """
    # Text is decoded already; its declaration's encoding no longer applies. (``match``, not
    # ``sub``: ``sub`` tries the anchored pattern at every position of the payload.)
    if isinstance(payload, str) and (declaration := _XML_DECLARATION.match(payload)):
        payload = payload[declaration.end() :]
    if not payload or payload.isspace():  # (``isspace``, not ``strip``: no copy)
        raise MappingError(f"{format_name}: empty payload")
    # Without a "!" there is no declaration: a cheap first look (one character is searched
    # for in C at memory speed), as most payloads have none.
    declares_entities = (
        ("!" in payload and _ENTITY_DECLARATION.search(payload))
        if isinstance(payload, str)
        else (b"!" in payload and _ENTITY_DECLARATION_BYTES.search(payload))
    )
    if declares_entities:
        # Metadata records never need their own entities; refusing them is simpler than
        # reasoning about what a parser expands.
        raise MappingError(f"{format_name}: payload declares XML entities, which are refused")
    if isinstance(payload, str) and not payload.isascii():
        # libxml2 reads UTF-8 itself; other text lxml hands over in a wider form, which costs
        # a sixth more to parse. (A lone surrogate cannot be encoded: such text is parsed as
        # it is, and refused there.)
        with contextlib.suppress(UnicodeEncodeError):
            payload = payload.encode()
    try:
        return etree.fromstring(payload, _thread_parser(keep_blank_text))
    except (etree.XMLSyntaxError, ValueError) as error:
        raise MappingError(f"{format_name}: payload is not well-formed XML: {error}") from error


# Local names by tag (``"{ns}lifeCycle"`` -> ``"lifecycle"``): mappings ask for them for every
# child they walk past. Bounded, as payloads are untrusted and may invent any number of tags.
_LOCAL_NAMES: dict[str, str] = {}
_MAX_LOCAL_NAMES = 20_000


known_local_name = _LOCAL_NAMES.get
"""The local name of a tag met before (``known_local_name(element.tag)``), else ``None``: for
the loops that look at every child, where a call of :func:`local_name` per child costs more
than the look-up (``known_local_name(child.tag) or local_name(child)``)."""


def local_name(element: etree._Element) -> str:
    """The tag without namespace, lower-cased (IMS LOM writes ``lifecycle``, IEEE ``lifeCycle``);
    ``""`` for comments and processing instructions."""
    tag = element.tag
    if type(tag) is not str:
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2].lower()
        if len(_LOCAL_NAMES) < _MAX_LOCAL_NAMES:
            _LOCAL_NAMES[tag] = name
    return name


def inner_text(element: etree._Element) -> str:
    """The text in an element, its descendants' included: ``"".join(element.itertext())``.

    Most elements a mapping reads hold text only; for them ``.text`` is read directly, which
    costs a fraction of making an ``itertext`` iterator.
    """
    if len(element):
        return "".join(element.itertext())
    return element.text or ""


@lru_cache(maxsize=1024)
def _path_steps(path: str) -> tuple[tuple[str | None, frozenset[str], str | None], ...]:
    """``(attribute, local names, the name if just one)`` per step of an :class:`XmlMapping`
    path, parsed once."""
    steps: list[tuple[str | None, frozenset[str], str | None]] = []
    for step in path.strip("/").split("/"):
        if step.startswith("@"):
            steps.append((step[1:], frozenset(), None))
            break
        names = frozenset(step.lower().split("|"))
        steps.append((None, names, next(iter(names)) if len(names) == 1 else None))
    return tuple(steps)


class _RecordMemo:
    """Every element's children by local name, and what ``memoised`` computed, while one
    payload is mapped: declarations and hooks walk the same elements many times over.

    Keyed by the elements themselves (lxml elements hash by identity, and an element kept as a
    key stays the same object for the whole mapping).
    """

    __slots__ = ("children", "found")

    def __init__(self) -> None:
        self.children: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self.found: dict[tuple[Any, str], Any] = {}


_MEMO: ContextVar[_RecordMemo | None] = ContextVar("xml_memo", default=None)
_MISSING = object()


def memoised(node: Any, key: str, compute: Callable[[Any], Any]) -> Any:
    """``compute(node)``, computed once per node and ``key`` while one payload is mapped (by
    :class:`XmlMapping`; each time otherwise)."""
    memo = _MEMO.get()
    if memo is None:
        return compute(node)
    memo_key = (node, key)
    value = memo.found.get(memo_key, _MISSING)
    if value is _MISSING:  # (not ``try``/``except KeyError``: most keys are asked for once)
        value = memo.found[memo_key] = compute(node)
    return value


# The children's index of an element without children; shared, so never to be changed.
_NO_CHILDREN: dict[str, list[etree._Element]] = {}


def _child_index(
    element: etree._Element, memo: _RecordMemo | None
) -> dict[str, list[etree._Element]]:
    """The child elements of ``element`` by local name, in document order."""
    if memo is not None and (index := memo.children.get(element)) is not None:
        return index
    if not len(element):  # most elements a mapping reads hold text only
        return _NO_CHILDREN
    index = {}
    known = known_local_name  # (a local: this loop meets every element of a record)
    for child in element[:]:  # (a slice is made in one go, an iterator step by step)
        name = known(child.tag) or local_name(child)
        if not name:  # a comment or processing instruction
            continue
        if (named := index.get(name)) is None:
            index[name] = [child]
        else:
            named.append(child)
    if memo is not None:
        memo.children[element] = index
    return index


class XmlMapping(DeclarativeMapping):
    """Base of XML formats. Paths are ``/``-separated local names, matched without namespace
    and case (``"general/title"``); a step may list alternatives (``"duration|datetime"``)
    or be ``*``. A path starting with ``@`` (or ending in ``/@name``) reads an attribute.
    """

    record_element: ClassVar[tuple[str, ...]] = ()
    """Local names (lower case) of the record element; the payload may wrap it."""
    keep_blank_text: ClassVar[bool] = True
    """Keep whitespace-only text between elements (see :func:`xml_parser`); a format whose
    texts never hold elements leaves it out, which makes parsing and walking cheaper."""

    def map(self, raw: RawInput) -> Record:
        token = _MEMO.set(_RecordMemo())
        try:
            return super().map(raw)
        finally:
            _MEMO.reset(token)

    def load(self, raw: RawInput) -> etree._Element:
        root = parse_xml(raw.payload, self.format, keep_blank_text=self.keep_blank_text)
        if not self.record_element or local_name(root) in self.record_element:
            return root
        for element in root.iter():
            if local_name(element) in self.record_element:
                return element
        wanted = " or ".join(f"<{name}>" for name in self.record_element)
        raise MappingError(f"{self.format}: no {wanted} element in the payload")

    def select(self, node: etree._Element, path: str) -> list[Any]:
        # The children's indexes make a walk cheap: what it found is not kept.
        return list(self._walk(node, path, _MEMO.get()))  # a copy: it may be an index's list

    @staticmethod
    def _walk(
        node: etree._Element,
        path: str,
        memo: _RecordMemo | None,
    ) -> list[Any]:
        nodes: list[Any] = [node]
        known_children = memo.children.get if memo is not None else None
        for attribute, names, name in _path_steps(path):
            if attribute is not None:
                return [value for n in nodes if (value := n.get(attribute)) is not None]
            if name is not None and name != "*":
                # The common step, one name: straight from the children's index.
                if len(nodes) == 1:
                    index = known_children(nodes[0]) if known_children is not None else None
                    if index is None:
                        index = _child_index(nodes[0], memo)
                    nodes = index.get(name, [])
                else:
                    nodes = [
                        child
                        for parent in nodes
                        for child in _child_index(parent, memo).get(name, ())
                    ]
            elif "*" in names:
                nodes = [child for parent in nodes for child in parent if local_name(child)]
            else:
                nodes = [
                    child for parent in nodes for child in _named_children(parent, names, memo)
                ]
            if not nodes:
                return []
        # May be a list of a children's index: ``select`` hands out copies only.
        return nodes

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        if isinstance(node, str):
            return [(None, node)]
        text = clean_text(inner_text(node))
        return [(node.get(XML_LANG), text)] if text else []


def _named_children(
    element: etree._Element,
    names: Iterable[str],
    memo: _RecordMemo | None = None,
) -> list[etree._Element]:
    """Child elements with one of the local ``names``, in document order."""
    index = _child_index(element, memo if memo is not None else _MEMO.get())
    if not index:
        return []
    present = [index[name] for name in names if name in index]
    if len(present) == 1:
        return list(present[0])
    if not present:
        return []
    return [child for child in element if local_name(child) in names]


def children(element: etree._Element, *names: str) -> list[etree._Element]:
    """Child elements with one of the given local names (lower case)."""
    return _named_children(element, names)


def child_text(element: etree._Element, *names: str) -> str:
    """Cleaned text of the first child with one of the given local names, or ``""``."""
    for child in children(element, *names):
        return clean_text(inner_text(child))
    return ""


# --- JSON -----------------------------------------------------------------------------------


def parse_json(payload: str | bytes, format_name: str) -> Any:
    """The parsed JSON payload.

    Raises:
        MappingError: the payload is not JSON, or nested too deeply to read.
    """
    try:
        return json.loads(payload)
    except (ValueError, TypeError) as error:
        raise MappingError(f"{format_name}: payload is not valid JSON: {error}") from error
    except RecursionError:
        raise MappingError(f"{format_name}: payload is nested too deeply to read") from None


class JsonMapping(DeclarativeMapping):
    """Base of JSON formats. Paths are ``.``-separated keys (``"provider.name"``); lists met on
    the way are walked through.
    """

    def load(self, raw: RawInput) -> Any:
        doc = parse_json(raw.payload, self.format)
        if not isinstance(doc, dict):
            raise MappingError(f"{self.format}: expected a JSON object, got {type(doc).__name__}")
        return doc

    def get(self, node: Any, key: str) -> list[Any]:
        """The values of ``key`` in ``node``, as a list."""
        if not isinstance(node, dict) or node.get(key) is None:
            return []
        value = node[key]
        return [item for item in value if item is not None] if isinstance(value, list) else [value]

    def select(self, node: Any, path: str) -> list[Any]:
        nodes = [node]
        for key in path.split("."):
            nodes = [value for parent in nodes for value in self.get(parent, key)]
        return nodes

    def texts(self, node: Any) -> list[tuple[str | None, str]]:
        if isinstance(node, bool) or node is None:
            return []
        if isinstance(node, str | int | float):
            text = clean_text(node)
            return [(None, text)] if text else []
        if isinstance(node, list):
            return [pair for item in node for pair in self.texts(item)]
        return []


def first(values: Iterable[Any]) -> Any:
    """The first value that is not empty, or ``None``."""
    for value in values:
        if not _is_empty(value):
            return value
    return None
