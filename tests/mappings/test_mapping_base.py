"""The declarative mapping base: declarations, hooks, merging, safe XML and JSON reading."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from mappings.base import (
    DeclarativeMapping,
    Field,
    JsonMapping,
    LangTexts,
    Text,
    Texts,
    XmlMapping,
    merge_value,
    parse_xml,
    xml_parser,
)
from mappings.base import children as base_children
from mappings.normalise import parse_ects
from mappings.registry import MappingError, RawInput, map_raw


class CourseJson(JsonMapping):
    format = "test-json"

    title = LangTexts("name", join=None)
    description = LangTexts("summary")
    ects = Text("credits", to="workload.ects", using=parse_ects)
    keywords = Texts(("tags", "topics.label"), to="subject.keywords")
    extra_keywords = Field(to="subject.keywords")
    provider = Field()

    def prepare_extra_keywords(self, doc: dict[str, Any]) -> list[str]:
        return ["from-hook", "python"]

    def prepare_provider(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        name = doc.get("org")
        return {"name": {"und": name}, "country": "nl"} if name else None


class ShortCourseJson(CourseJson):
    format = "test-json-short"

    title = LangTexts("short_name", join=None)  # overrides the inherited declaration


def _raw(payload: str, format_name: str = "test-json") -> RawInput:
    return RawInput(payload=payload, format=format_name)


def test_declarations_are_collected_in_order_with_their_targets() -> None:
    assert list(CourseJson.fields) == [
        "title",
        "description",
        "ects",
        "keywords",
        "extra_keywords",
        "provider",
    ]
    assert CourseJson.fields["ects"].target == "workload.ects"
    assert CourseJson.fields["title"].target == "title"


def test_a_subclass_overrides_one_declaration_and_keeps_the_rest() -> None:
    assert list(ShortCourseJson.fields) == list(CourseJson.fields)
    record = ShortCourseJson().map(
        _raw('{"name": "Long name", "short_name": "Short", "credits": "5 ECTS"}', "x")
    )
    assert record.title == {"und": "Short"}
    assert record.workload.ects == 5.0


def test_map_runs_paths_processors_hooks_and_merges_lists() -> None:
    record = CourseJson().map(
        _raw(
            """{"name": "Python", "summary": "<p>Learn &amp; code</p>", "credits": "7,5 ECTS",
                "tags": ["python", "programming"], "topics": [{"label": "code"}, {"label": null}],
                "org": "TU Delft"}"""
        )
    )
    assert record.title == {"und": "Python"}
    assert record.description == {"und": "Learn & code"}
    assert record.workload.ects == 7.5
    assert record.subject.keywords == ["python", "programming", "code", "from-hook"]
    assert record.provider is not None
    assert record.provider.name == {"und": "TU Delft"}
    assert record.provider.country == "NL"
    assert record.transparency is None  # map() leaves the derived elements to finalise()


def test_a_processor_returning_none_drops_the_value() -> None:
    record = CourseJson().map(_raw('{"name": "x", "credits": "forty hours"}'))
    assert record.workload.ects is None


def test_merge_value() -> None:
    data: dict[str, Any] = {}
    merge_value(data, "subject.keywords", ["a", "b"])
    merge_value(data, "subject.keywords", ["b", "c"])
    merge_value(data, "title", {"en": "First"})
    merge_value(data, "title", {"en": "Second", "nl": "Tweede"})
    merge_value(data, "level.eqf", 6)
    merge_value(data, "level.eqf", 7)
    merge_value(data, "url", None)
    merge_value(data, "identifiers", [])
    assert data == {
        "subject": {"keywords": ["a", "b", "c"]},
        "title": {"en": "First", "nl": "Tweede"},
        "level": {"eqf": 6},
    }


def test_invalid_values_become_a_mapping_error() -> None:
    class Broken(JsonMapping):
        format = "broken"
        eqf = Text("level", to="level.eqf")

    with pytest.raises(MappingError, match="broken: mapped values are invalid"):
        Broken().map(_raw('{"level": "twelve"}'))


@pytest.mark.parametrize("payload", ["", "{", "not json", "[1, 2]", '"text"'])
def test_json_payloads_that_are_not_objects_are_refused(payload: str) -> None:
    with pytest.raises(MappingError, match="test-json"):
        CourseJson().map(_raw(payload))


_DEEP_JSON = '{"a": ' * 100_000 + "1" + "}" * 100_000
"""Nested deeper than Python's JSON decoder can follow: a hostile or broken payload."""


@pytest.mark.parametrize(
    "format_name", ["ctdl", "demo_json", "elm", "moochub", "ooapi", "sharekit"]
)
def test_json_nested_too_deeply_is_a_mapping_error_not_a_crash(format_name: str) -> None:
    # A RecursionError would escape the harvest's per-record error handling and stop the run.
    raw = RawInput(payload=_DEEP_JSON, format=format_name, media_type="application/json")
    with pytest.raises(MappingError, match="nested too deeply"):
        map_raw(raw)


class DcLike(XmlMapping):
    format = "test-xml"
    record_element = ("dc",)

    title = LangTexts("title", join=None)
    languages = Texts("language", to="participation.languages")
    kind = Text("title/@kind", to="credential_format")


DC = """<?xml version="1.0" encoding="ISO-8859-1"?>
<record xmlns="http://www.openarchives.org/OAI/2.0/"><metadata>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title xml:lang="de" kind="x">Grundlagen</dc:title>
  <dc:TITLE xml:lang="en">Basics</dc:TITLE>
  <dc:language>de</dc:language>
</oai_dc:dc></metadata></record>"""


def test_xml_paths_match_local_names_without_namespace_or_case() -> None:
    record = DcLike().map(RawInput(payload=DC, format="test-xml"))
    assert record.title == {"de": "Grundlagen", "en": "Basics"}
    assert record.participation.languages == ["de"]
    assert record.credential_format == "x"


class ReorderingDc(DcLike):
    """Hooks that change what ``select`` and ``children`` give them, then ask again."""

    keywords = Field(to="subject.keywords")
    description = LangTexts("language|title")

    def prepare_keywords(self, doc: etree._Element) -> list[str]:
        base_children(doc, "title").clear()
        titles = self.select(doc, "title")
        titles.reverse()
        titles.append(doc)
        again = self.select(doc, "title") + base_children(doc, "title")
        return [text for node in again for _, text in self.texts(node)]


def test_what_select_gives_within_a_mapping_is_a_copy_and_alternatives_keep_their_order() -> None:
    record = ReorderingDc().map(RawInput(payload=DC, format="test-xml"))
    assert record.subject.keywords == ["Grundlagen", "Basics"] * 2
    assert record.title == {"de": "Grundlagen", "en": "Basics"}
    # "language|title": the elements in document order, not grouped by name.
    assert record.description == {"de": "Grundlagen", "en": "Basics", "und": "de"}
    assert list(record.description) == ["de", "en", "und"]


def test_the_record_element_is_found_inside_a_wrapper() -> None:
    doc = DcLike().load(RawInput(payload=DC, format="test-xml"))
    assert etree.QName(doc).localname == "dc"


def test_a_payload_without_the_record_element_is_refused() -> None:
    with pytest.raises(MappingError, match="no <dc> element"):
        DcLike().map(RawInput(payload="<lom/>", format="test-xml"))


@pytest.mark.parametrize("payload", ["", "   ", "<dc>", "not xml", "<a></b>"])
def test_unparseable_xml_is_a_clear_mapping_error(payload: str) -> None:
    with pytest.raises(MappingError, match="test-xml: (empty payload|payload is not well-formed)"):
        DcLike().map(RawInput(payload=payload, format="test-xml"))


def test_xml_entity_declarations_are_refused(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = f'<!DOCTYPE dc [<!ENTITY xxe SYSTEM "file://{secret}">]><dc><title>&xxe;</title></dc>'
    lol = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(9)
    )
    bomb = f"<!DOCTYPE dc [{lol}]><dc><title>&l8;</title></dc>"
    for payload in (xxe, bomb, xxe.encode()):
        with pytest.raises(MappingError, match="declares XML entities"):
            DcLike().map(RawInput(payload=payload, format="test-xml"))  # type: ignore[arg-type]


def test_the_parser_itself_neither_fetches_nor_expands(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    payload = f'<!DOCTYPE t [<!ENTITY x SYSTEM "file://{secret}">]><t>&x;</t>'
    root = etree.fromstring(payload, xml_parser())
    assert "TOP SECRET" not in etree.tostring(root, encoding="unicode")


def test_parse_xml_accepts_bytes_with_their_declared_encoding() -> None:
    root = parse_xml('<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>'.encode("latin-1"), "t")
    assert root.text == "é"


@pytest.mark.parametrize(
    "payload",
    [
        '<?xml version="1.0" encoding="ISO-8859-1"?><t a="ł">Zwölf €, 十二 and 😀</t>',
        '<t a="ł">Zwölf €, 十二 and 😀</t>',
    ],
)
def test_text_payloads_beyond_ascii_read_as_written_whatever_their_declaration(
    payload: str,
) -> None:
    # (Text arrives decoded: a declared encoding no longer applies to it.)
    root = parse_xml(payload, "t")
    assert (root.text, root.get("a")) == ("Zwölf €, 十二 and 😀", "ł")


def test_a_lone_surrogate_in_a_text_payload_is_a_mapping_error() -> None:
    with pytest.raises(MappingError, match="not well-formed"):
        parse_xml("<t>\ud800 Zwölf</t>", "t")


def test_the_base_has_no_format_of_its_own() -> None:
    with pytest.raises(NotImplementedError):
        DeclarativeMapping().load(RawInput(payload="", format="none"))


def test_blank_text_between_elements_is_kept_unless_a_format_leaves_it_out() -> None:
    # Mixed content: the space between two elements is text, kept by default...
    mixed = "<p><b>one</b> <i>two</i></p>"
    assert "".join(parse_xml(mixed, "t").itertext()) == "one two"
    # ...and only a format whose texts never hold elements (LOM) leaves it out.
    assert "".join(parse_xml(mixed, "t", keep_blank_text=False).itertext()) == "onetwo"
    indented = "<r>\n  <a>  </a>\n  <b>x</b>\n</r>"
    root = parse_xml(indented, "t", keep_blank_text=False)
    assert root.text is None and root[0].tail is None  # the indentation is gone
    assert root[0].text == "  "  # an element's own whitespace stays
