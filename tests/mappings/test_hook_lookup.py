"""``prepare_<name>`` hooks are looked up once per mapping class: plain methods are called as
they are, other kinds of attribute through ``getattr``; all give the same values."""

from __future__ import annotations

from typing import Any

from mappings.base import Field, JsonMapping, LangTexts
from mappings.registry import RawInput


class HookKindsJson(JsonMapping):
    format = "test-hook-kinds"

    title = Field()
    description = Field()
    keywords = Field(to="subject.keywords")
    url = Field()

    def prepare_title(self, doc: dict[str, Any]) -> dict[str, str]:
        return {"en": doc["name"]}

    @staticmethod
    def prepare_description(doc: dict[str, Any]) -> dict[str, str]:
        return {"en": doc["summary"]}

    @classmethod
    def prepare_keywords(cls, doc: dict[str, Any]) -> list[str]:
        return [cls.format, *doc["tags"]]


class InheritedHooksJson(HookKindsJson):
    format = "test-hook-kinds-inherited"

    def prepare_title(self, doc: dict[str, Any]) -> dict[str, str]:
        return {"de": doc["name"]}


PAYLOAD = '{"name": "Anatomy", "summary": "The body.", "tags": ["a", "b"]}'


def test_every_kind_of_hook_is_called() -> None:
    record = HookKindsJson().map(RawInput(payload=PAYLOAD, format="test-hook-kinds"))
    assert record.title == {"en": "Anatomy"}
    assert record.description == {"en": "The body."}
    assert record.subject.keywords == ["test-hook-kinds", "a", "b"]
    assert record.url is None


def test_a_subclass_calls_its_own_hooks() -> None:
    record = InheritedHooksJson().map(RawInput(payload=PAYLOAD, format="x"))
    assert record.title == {"de": "Anatomy"}
    assert record.subject.keywords == ["test-hook-kinds-inherited", "a", "b"]


class NoTitleHookJson(HookKindsJson):
    format = "test-hook-kinds-none"

    title = LangTexts("title")
    prepare_title = None  # type: ignore[assignment]


def test_a_hook_set_to_none_gives_the_declared_value_back() -> None:
    payload = '{"title": "Declared", "name": "Hooked", "summary": "s", "tags": []}'
    record = NoTitleHookJson().map(RawInput(payload=payload, format="x"))
    assert record.title == {"und": "Declared"}
