"""``clean_text`` over the whole range of whitespace and control characters: text that looks
clean at a glance must be clean."""

from __future__ import annotations

import sys

from mappings.normalise import clean_text

WHITESPACE_AND_CONTROL = [
    chr(code)
    for code in range(sys.maxunicode + 1)
    if chr(code).isspace() or code < 0x20 or code == 0x7F
]


def test_no_whitespace_or_control_character_survives_but_single_spaces() -> None:
    for char in WHITESPACE_AND_CONTROL:
        assert clean_text(f"a{char}b") == "a b", repr(char)
        assert clean_text(f"{char}a b{char}") == "a b", repr(char)


def test_clean_text_is_a_fixed_point() -> None:
    for text in ["a\u200bb", "soft\u00adhyphen", "e\u0301", "x < 5 &amp; y", "plain words"]:
        cleaned = clean_text(text)
        assert clean_text(cleaned) == cleaned
