"""Normalisation of the values providers write into the common elements' codes and numbers.

Pure functions shared by every mapping: credits, hours and ISO 8601 durations, EQF, QF-EHEA,
NQF and ISCED 2011 levels, ISCED-F codes (from codes, URIs and names of fields in several
languages), forms of participation, languages, countries, dates and text. Each returns
``None`` (or an empty result) for what it cannot read; none raises on bad input.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from mappings import vocab
from mappings.schema import UNDETERMINED, AssessmentType, LangText, Mode, Nqf, QfEhea
from mappings.vocab import country_code, fold

__all__ = [
    "clean_text",
    "country_code",
    "doi_url",
    "find_ects",
    "handle_url",
    "http_url",
    "is_iso_duration",
    "isced_2011_level",
    "isced_by_name",
    "iso_duration",
    "iso_duration_hours",
    "lang_text",
    "language_code",
    "nqf_level",
    "parse_assessment",
    "parse_date",
    "parse_ects",
    "parse_eqf",
    "parse_hours",
    "parse_isced",
    "parse_mode",
    "parse_number",
    "parse_qf_ehea",
    "parse_schedule",
]

# --- text ---------------------------------------------------------------------------------

_TAG = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|</?[A-Za-z][^<>]*>", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any) -> str:
    """Plain text: markup stripped, entities decoded, whitespace collapsed, NFC.

    Tags are replaced by a space so that ``<p>a</p><p>b</p>`` reads ``"a b"``; a ``<`` that
    does not open a tag (``"x < 5"``) is kept. Markup escaped once (``&lt;p&gt;``) is
    stripped too.
    """
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # Most texts are clean already. ``str.isprintable`` is false for every control character
    # and every whitespace character ``str.split`` splits on but the space (and for a few
    # more, which the full cleaning then looks at): with it, no markup, no entity and single
    # spaces between words, only Unicode normalisation is left to check. (Plain ``str``
    # tests, which run at memory speed, where a pattern is tried at every position; here, not
    # in a function of their own, as every text of every record passes.)
    if (
        text.isprintable()
        and "<" not in text
        and "&" not in text
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    ):
        return text
    # Twice: markup often arrives escaped once more than it should ("&lt;p&gt;" in XML text).
    for _ in range(2):
        if "<" in text:
            text = _TAG.sub(" ", text)
        if "&" in text:
            text = html.unescape(text)
    text = " ".join(text.split())
    # Control characters are a space each: those ``split`` does not split on (most) are
    # replaced, then split on, where any is left. (Looked for only then: most texts that
    # need cleaning need it for their line breaks and indentation only.)
    if not text.isprintable():
        text = " ".join(_CONTROL.sub(" ", text).split())
    return unicodedata.normalize("NFC", text)


def language_code(text: str | None) -> str | None:
    """:func:`mappings.vocab.language_code`, remembered: every text of every record asks for
    its language tag's code, and records use a handful of tags."""
    return _language_code(text) if isinstance(text, str) else vocab.language_code(text)


_language_code = vocab.remembered(maxsize=4096)(vocab.language_code)


def lang_text(
    values: str | Mapping[str | None, Any] | Iterable[tuple[str | None, Any]] | None,
    *,
    join: str | None = "\n\n",
    clean: bool = True,
) -> LangText:
    """A ``LangText`` from text, ``{lang: text}`` or ``(lang, text)`` pairs.

    Language tags are normalised to ISO 639-1 (``"en-GB"`` -> ``en``, ``"fre"`` -> ``fr``);
    missing or unknown tags (``"x-none"``) become ``und``. Texts are cleaned (unless
    ``clean=False``: they are :func:`clean_text`'s output already) and empty ones dropped.
    Several texts in one language are joined with ``join`` (identical ones once); with
    ``join=None`` the first one is kept.
    """
    if values is None:
        return {}
    if isinstance(values, str):
        pairs: Iterable[tuple[str | None, Any]] = [(None, values)]
    elif isinstance(values, list | tuple):  # (the usual pairs, told without the ABC's check)
        if len(values) == 1:  # (one text, the most usual: no lists to gather texts in)
            language, text = values[0]
            cleaned = clean_text(text) if clean else text
            return {_code_of_tag(language): cleaned} if cleaned else {}
        pairs = values
    elif isinstance(values, Mapping):
        pairs = values.items()
    else:
        pairs = values
    result: dict[str, list[str]] = {}
    for language, text in pairs:
        cleaned = clean_text(text) if clean else text
        if not cleaned:
            continue
        texts = result.setdefault(_code_of_tag(language), [])
        if cleaned not in texts and (join is not None or not texts):
            texts.append(cleaned)
    return {code: (join or "").join(texts) for code, texts in result.items()}


# The code of each language tag met (``None``: no tag), for ``lang_text``: every text of every
# record asks, and one look-up here costs a third of :func:`language_code`'s calls. Bounded, as
# payloads are untrusted and may invent any number of tags.
_TAG_CODES: dict[str | None, str] = {}
_MAX_TAG_CODES = 4096
_LONGEST_TAG = 64


def _code_of_tag(language: Any) -> str:
    """The code of a text's language tag, ``und`` where there is none or it is unknown."""
    kept = language is None or (language.__class__ is str and len(language) <= _LONGEST_TAG)
    if kept and (code := _TAG_CODES.get(language)) is not None:
        return code
    code = language_code(language) or UNDETERMINED
    if kept and len(_TAG_CODES) < _MAX_TAG_CODES:
        _TAG_CODES[language] = code
    return code


_HTTP_URL = re.compile(r"^https?://[^\s<>\"]+$", re.I)


def http_url(value: Any) -> str | None:
    """``value`` stripped if it is an absolute http(s) URL, else ``None``."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if _HTTP_URL.match(text) else None


_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.I)
_HANDLE = re.compile(r"^(?:https?://hdl\.handle\.net/|hdl:\s*)?(\d[\w.]*/\S+)$", re.I)


def doi_url(text: str) -> str | None:
    """A DOI in its resolvable form, ``https://doi.org/10...``, from the bare DOI, ``doi:``
    or a ``doi.org`` URL; ``None`` when ``text`` is none of these. (Sources write one DOI
    in all these ways: one form lets them be compared.)"""
    match = _DOI.match(text.strip())
    return f"https://doi.org/{match.group(1)}" if match else None


def handle_url(text: str) -> str | None:
    """A Handle in its resolvable form, ``https://hdl.handle.net/...``, from the bare handle,
    ``hdl:`` or an ``hdl.handle.net`` URL; ``None`` when ``text`` is none of these."""
    match = _HANDLE.match(text.strip())
    return f"https://hdl.handle.net/{match.group(1)}" if match else None


# --- numbers, credits, hours --------------------------------------------------------------

_NUMBER = r"(\d+(?:[.,]\d+)?)"


def parse_number(value: Any) -> float | None:
    """A number from ``5``, ``"5"``, ``"7,5"`` or ``"7.5"``; ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*" + _NUMBER + r"\s*", value)
        if match:
            return float(match.group(1).replace(",", "."))
    return None


# Units that mean ECTS credits: ECTS, EC (nl), credits, op / opintopiste (fi), hp (sv),
# sp / studiepoeng (no), LP / Leistungspunkte (de), CFU (it), créditos / crédits.
_ECTS_UNITS = (
    r"(?:ects(?:[- ]?(?:credits?|punkte|points?|pts|cr))?|ec|credits?|cr|op|opintopiste\w*"
    r"|hp|högskolepoäng|sp|studiepoeng|studiepunten|lp|leistungspunkte|cfu|crediti"
    r"|cr[ée]dits?(?: ects)?|cr[ée]ditos?(?: ects)?|kredyt\w*|punkty ects)"
)
_ECTS_VALUE = re.compile(
    r"^\s*(?:ects(?:[- ]credits?)?\s*[:=]?\s*)?" + _NUMBER + r"\s*(?:" + _ECTS_UNITS + r")?\.?\s*$",
    re.I,
)
# In running text a number only counts with a unit that cannot mean anything else.
_ECTS_IN_TEXT = re.compile(
    r"(?<![\d.,])" + _NUMBER + r"\s*(?:(?i:ECTS)\b|EC\b|[Ss]tudiepunten\b|[Oo]pintopiste|"
    r"[Ll]eistungspunkte\b|CFU\b|[Ss]tudiepoeng\b|[Hh]ögskolepoäng\b)"
    r"|\b(?i:ECTS)(?:[- ]credits?)?\s*[:=]\s*" + _NUMBER,
)
_MAX_ECTS = 600  # a long doctorate; anything larger is not an ECTS value


def _ects(number: float | None) -> float | None:
    if number is None or number < 0 or number > _MAX_ECTS:
        return None
    return number


def parse_ects(value: Any) -> float | None:
    """ECTS credits from a value meant to hold them.

    Reads numbers and ``"7,5 ECTS"``, ``"5 credits"``, ``"6 op"``, ``"ECTS: 6"``, ``"5.0"``.
    Another unit (``"40 hours"``) or several numbers (``"5-10 ECTS"``) give ``None``.
    """
    number = parse_number(value)
    if number is not None or not isinstance(value, str):
        return _ects(number)
    match = _ECTS_VALUE.match(value)
    return _ects(float(match.group(1).replace(",", "."))) if match else None


def _may_state_ects(text: str) -> bool:
    # Every statement ``_ECTS_IN_TEXT`` finds contains one of these (its unit), which plain
    # substring tests find far faster than the pattern, which cannot be anchored. (One by one,
    # not by ``any`` over a tuple: every keyword and description of a record is asked.)
    if "EC" in text or "CFU" in text or "\u017f" in text:  # "ſ" matches "s" ignoring case
        return True
    lowered = text.lower()
    return (
        "ects" in lowered
        or "studiepunten" in lowered
        or "opintopiste" in lowered
        or "leistungspunkte" in lowered
        or "studiepoeng" in lowered
        or "högskolepoäng" in lowered
    )


def find_ects(text: str | None) -> float | None:
    """ECTS stated inside running text (``"... worth 5 ECTS."``); the first statement wins."""
    if not text or not _may_state_ects(text):
        return None
    match = _ECTS_IN_TEXT.search(text)
    if not match:
        return None
    return _ects(float((match.group(1) or match.group(2)).replace(",", ".")))


_HOUR_UNITS = (
    r"(?:h|hrs?|hours?|stunden|std\.?|uur|heures?|horas?|ore|ora|tuntia?|timer|timmar"
    r"|godzin\w*|hodin\w*|órá\w*)"
)
_HOURS_VALUE = re.compile(r"^\s*" + _NUMBER + r"\s*" + _HOUR_UNITS + r"?\.?\s*$", re.I)
_ISO_DURATION = re.compile(
    r"^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?"
    r"(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?"
    r"(?:(\d+(?:[.,]\d+)?)S)?)?$",
    re.I,
)


def is_iso_duration(value: Any) -> bool:
    """Whether ``value`` is an ISO 8601 duration (``"PT40H"``, ``"P4Y"``)."""
    return isinstance(value, str) and bool(_ISO_DURATION.match(value.strip()))


def iso_duration(value: Any) -> str | None:
    """``value`` stripped if it is an ISO 8601 duration, else ``None`` (for ``Record.duration``)."""
    return value.strip() if is_iso_duration(value) else None


def iso_duration_hours(value: Any, *, time_only: bool = False) -> float | None:
    """Hours of an ISO 8601 duration: ``"PT2H30M"`` -> 2.5, ``"P1DT2H"`` -> 26.

    Years and months have no fixed length in hours, so durations with them give ``None``;
    so do days and weeks when ``time_only`` is set (for learning time, ``"P2D"`` means two
    calendar days, not 48 hours of study).
    """
    if not isinstance(value, str):
        return None
    match = _ISO_DURATION.match(value.strip())
    if not match:
        return None
    years, months, weeks, days, hours, minutes, seconds = (
        float(part.replace(",", ".")) if part else 0.0 for part in match.groups()
    )
    if years or months or (time_only and (weeks or days)):
        return None
    total = (weeks * 7 + days) * 24 + hours + minutes / 60 + seconds / 3600
    return round(total, 4)


def parse_hours(value: Any) -> float | None:
    """Notional learning hours from ``40``, ``"40 hours"``, ``"40 h"``, ``"40 Stunden"``,
    ``"PT40H"``; durations in days or longer give ``None`` (see :func:`iso_duration_hours`).
    """
    if isinstance(value, str):
        return _hours_in_text(value)
    number = parse_number(value)
    return number if number is None or number >= 0 else None


@vocab.remembered(maxsize=4096)  # (a feed's records repeat a few workloads: "PT45H", "40 h")
def _hours_in_text(value: str) -> float | None:
    number = parse_number(value)
    if number is not None:
        return number if number >= 0 else None
    if is_iso_duration(value):
        return iso_duration_hours(value, time_only=True)
    match = _HOURS_VALUE.match(value)
    return float(match.group(1).replace(",", ".")) if match else None


# --- levels -------------------------------------------------------------------------------

_EQF_URI = re.compile(r"/eqf/([1-8])/?$")
_EQF_NAMED = re.compile(
    r"\b(?:EQF|EKR|EQR|CEC|QEQ|European Qualifications? Framework)\b[\s:-]*"
    r"(?:level|niveau|stufe|nivel|livello|poziom|taso|tase)?[\s:-]*([1-8])\b",
    re.I,
)
_LEVEL_ONLY = re.compile(
    r"^\s*(?:level|niveau|stufe|nivel|livello|poziom|taso|tase)?[\s:-]*([1-8])\s*$", re.I
)


def parse_eqf(value: Any) -> int | None:
    """EQF level 1-8 from ``6``, ``"6"``, ``"Level 6"``, ``"EQF 7"``, ``"EQF level 7"`` or
    ``http://data.europa.eu/snb/eqf/6``.

    A level of another framework (``"SCQF Level 7"``, ``"NLQF 6"``) is not an EQF level and
    gives ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if value == int(value) and 1 <= value <= 8 else None
    if not isinstance(value, str):
        return None
    return _eqf_in_text(value)


@vocab.remembered(maxsize=4096)
def _eqf_in_text(value: str) -> int | None:
    # Remembered: level terms and URIs are a small vocabulary that a feed's records repeat.
    if match := _EQF_URI.search(value):
        return int(match.group(1))
    if match := _EQF_NAMED.search(value):
        return int(match.group(1))
    if match := _LEVEL_ONLY.match(value):
        return int(match.group(1))
    return None


_QF_EHEA_WORDS: list[tuple[QfEhea, re.Pattern[str]]] = [
    (
        QfEhea.SHORT,
        re.compile(
            r"\bshort[- ]cycle\b|^short$|\bassociate degree\b|\bkorte cyclus\b"
            r"|\bcycle court\b|\bciclo corto\b",
            re.I,
        ),
    ),
    (
        QfEhea.FIRST,
        re.compile(
            r"\bfirst[- ]cycle\b|\b1st cycle\b|^first$|\bbachelor(?:'?s)?\b|\bundergraduate\b"
            r"|\bpremier cycle\b|\bprimer ciclo\b|\blaurea triennale\b",
            re.I,
        ),
    ),
    (
        QfEhea.SECOND,
        re.compile(
            r"\bsecond[- ]cycle\b|\b2nd cycle\b|^second$|\bmaster(?:'?s)?\b"
            r"|\bdeuxième cycle\b|\bsegundo ciclo\b|\blaurea magistrale\b",
            re.I,
        ),
    ),
    (
        QfEhea.THIRD,
        re.compile(
            r"\bthird[- ]cycle\b|\b3rd cycle\b|^third$|\bdoctora(?:l|te)\b|\bph\.?\s?d\b"
            r"|\bdoctoraat\b|\bdottorato\b|\bdoctorado\b|\bdoktorat\b|\btroisième cycle\b",
            re.I,
        ),
    ),
]


def parse_qf_ehea(value: Any) -> QfEhea | None:
    """QF-EHEA cycle from ``"short cycle"``, ``"first cycle"``, ``"Bachelor"``,
    ``"WO - Master"``, ``"PhD"`` and the like; a value naming two cycles gives ``None``.
    """
    if not isinstance(value, str):
        return None
    return _qf_ehea_cycle(value.strip())


@vocab.remembered(maxsize=4096)
def _qf_ehea_cycle(text: str) -> QfEhea | None:
    # Remembered: level terms are a small vocabulary that a feed's records repeat.
    found = [cycle for cycle, pattern in _QF_EHEA_WORDS if pattern.search(text)]
    return found[0] if len(found) == 1 else None


# National qualifications frameworks. A level is read from a vocabulary URI or label, from a
# framework's name and a level ("DQR 6", "Stufe 6 DQR", "SCQF level 9") or, given the country,
# from a level alone ("NQF 6", "niveau 6", "6").
_NQF_URI = re.compile(r"^https?://data\.europa\.eu/snb/qdr/c_[0-9a-f]+/?$")
_NQF_SEPARATORS = re.compile(r"[:()\[\]/;,_]|(?<=[a-z])-|-(?=[a-z])")
# Words around a level that name no framework and no level.
_NQF_FILLER = frozenset(
    {
        *("nqf", "nfq", "national", "qualifications", "qualification", "framework", "of"),
        *("the", "level", "levels", "niveau", "niveaux", "stufe", "nivel", "niveles"),
        *("livello", "poziom", "taso", "tase", "nivå", "qualifikationsrahmen"),
    }
)
_NQF_PLAIN_LEVEL = re.compile(r"^(\d{1,2})(?:\.\d)?[a-c]?\+?$")


def _nqf_words(text: str) -> list[str]:
    return _NQF_SEPARATORS.sub(" ", vocab.fold(text)).split()


def _nqf_framework(words: list[str]) -> tuple[str | None, list[str]]:
    """The framework named in ``words`` (longest name first) and the words left."""
    frameworks = vocab.nqf_frameworks()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            name = " ".join(words[start : start + size])
            if name in frameworks:
                return frameworks[name], words[:start] + words[start + size :]
    return None, words


def _nqf(row: dict[str, str]) -> Nqf:
    return Nqf(country=row["country"], level=row["level"])


def nqf_level(value: Any, country: str | None = None) -> Nqf | None:
    """The level in a national qualifications framework, with the framework's country.

    Reads ELM NQF vocabulary URIs (``http://data.europa.eu/snb/qdr/c_c392e7a2``) and labels
    (``"RQF Level 6"``): the vocabulary knows their framework, hence the country. A
    framework's acronym or usual name with a level gives its country too: ``"DQR 6"``,
    ``"Stufe 6 DQR"`` (DE), ``"NLQF 6"`` (NL), ``"NFQ level 8"`` (IE); Scotland's SCQF,
    Wales' CQFW and England's RQF are frameworks of the United Kingdom (GB). A level alone
    (``"NQF 6"``, ``"niveau 6"``, ``6``) needs ``country`` (a code or a name).

    A level the named framework does not have (``"DQR 9"``) gives ``None``; so does a level
    alone above every level of the country's frameworks. Levels are kept as the framework
    writes them (``"4+"``, ``"5 A"``, ``"IV"``). An EQF level (``"EQF 6"``) is not an NQF
    level. The vocabulary does not say which EQF level an NQF level is referenced to, so no
    EQF level is ever derived from an NQF level.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if value != int(value):
            return None
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None
    return _nqf_from_text(value.strip(), country)


@vocab.remembered(maxsize=4096)
def _nqf_from_text(text: str, country: str | None) -> Nqf | None:
    if _NQF_URI.match(text):
        row = vocab.nqf_levels().get(text.rstrip("/"))
        return _nqf(row) if row else None
    if row := vocab.nqf_by_label(text):
        return _nqf(row)
    framework, words = _nqf_framework(_nqf_words(text))
    level = vocab.level_key(" ".join(word for word in words if word not in _NQF_FILLER))
    if not level:
        return None
    if framework is not None:
        row = vocab.nqf_framework_levels(framework).get(level)
        return _nqf(row) if row else None
    code = country_code(country)
    if code is None:
        return None
    if row := vocab.nqf_country_levels(code).get(level):
        return _nqf(row)
    match = _NQF_PLAIN_LEVEL.match(level)
    if not match:
        return None
    numbers = [
        int(found.group(1))
        for key in vocab.nqf_country_levels(code)
        if (found := _NQF_PLAIN_LEVEL.match(key))
    ]
    if numbers and int(match.group(1)) > max(numbers):
        return None
    return Nqf(country=code, level=level.upper() if level.isalpha() else level)


# ISCED 2011 levels of education: only from what says it is one ("ISCED 6", "ISCED 2011
# level 7", an ISCED-P / ISCED-A programme or attainment code, a URI), never from EQF.
_ISCED_2011_URI = re.compile(
    r"/isced-2011/(?:level)?([0-8])/?$|/kim/educationalLevel/level_([0-8])/?$", re.I
)
_ISCED_2011_TEXT = re.compile(
    r"^(?:isced(?P<qualifier>[- ]?(?:2011|p|a)\b)?(?:[\s,:-]*(?:level|niveau|stufe|nivel"
    r"|livello|poziom))?[\s:-]*)?(?P<code>\d{1,3})$",
    re.I,
)


def isced_2011_level(value: Any) -> int | None:
    """ISCED 2011 level 0-8 from a value meant to hold one.

    Reads ``6``, ``"6"``, ``"ISCED 6"``, ``"ISCED 2011 level 7"``, ``"ISCED 2011, Level 6"``,
    the level names (``"Bachelor's or equivalent level"``), ISCED-P / ISCED-A codes by their
    first digit (``"ISCED-P 655"`` -> 6; three digits only with the ``-P`` / ``-A`` / ``2011``
    qualifier, since ``"ISCED 061"`` is an ISCED-F field) and URIs (``.../isced-2011/level6``,
    ``https://w3id.org/kim/educationalLevel/level_6``). ISCED 1997 levels (``"ISCED 5A"``,
    ``"ISCED 97 level 5"``) and level 9 (not classified) give ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if value == int(value) and 0 <= value <= 8 else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if match := _ISCED_2011_URI.search(text):
        return int(match.group(1) or match.group(2))
    for code in vocab.codes("isced_2011"):
        if vocab.fold(vocab.label("isced_2011", code)) == vocab.fold(text):
            return int(code)
    match = _ISCED_2011_TEXT.match(text)
    if not match:
        return None
    code = match.group("code")
    if len(code) == 3 and match.group("qualifier"):
        return int(code[0]) if code[0] != "9" else None
    return int(code) if len(code) == 1 and code != "9" else None


# --- subjects -----------------------------------------------------------------------------

_ISCED_IN_URI = re.compile(r"/isced-f/(\d{2,4})/?$")
_ISCED_CODE = re.compile(
    r"^(?P<prefix>isced(?:[- ]?f)?(?:[- ]2013)?\s*[:-]?\s*)?(?P<code>\d{2,4})"
    r"(?:\s*[-:–]?\s+(?P<label>\D.*))?$",
    re.I,
)


def _isced_from_int(number: int) -> str | None:
    text = str(number)
    for candidate in (text, "0" + text):  # leading zeros are lost in numbers: 613 is 0613
        if vocab.is_isced(candidate):
            return candidate
    return None


# Names of fields are matched exactly first, then by similarity: rapidfuzz's ``ratio`` (an
# edit-distance similarity of the whole name, not a partial or token-subset match, so "Law"
# never matches "Lawn care" and "Introduction to law" is no name of a field) at 93 or more,
# which admits inflections and spelling variants ("Rechtswissenschaft" / "...en", "computer
# sciences") but not neighbouring words ("Environmental" / "Environment" scores 92). Short
# names (under 8 characters) and names with digits are matched exactly only.
_FUZZY_CUTOFF = 93
_FUZZY_MIN_LENGTH = 8


@cache
def _isced_names() -> list[str]:
    # The most specific codes first, so that a tie goes to them.
    terms = vocab.isced_terms()
    return sorted(terms, key=lambda term: -len(terms[term]))


@vocab.remembered(maxsize=65536)
def isced_by_name(text: str) -> str | None:
    """The ISCED-F code of the field ``text`` names, in any of the major European languages.

    ``"Law"``, ``"Droit"``, ``"Rechtswissenschaften"``, ``"Informatik"``, ``"informatique"``,
    ``"computer sciences"``, ``"Betriebswirtschaft"`` all resolve (the names are
    ``mappings/vocab/isced_f_terms.csv``); case, accents and punctuation do not matter, and a
    name close enough to a known one (see ``_FUZZY_CUTOFF``) counts. Where fields share a
    name, the most specific code wins. Anything else (``"Introduction"``, ``"Summer school"``)
    gives ``None``: a free keyword, not a subject code.
    """
    key = vocab.term_key(text)
    if not key:
        return None
    terms = vocab.isced_terms()
    if code := terms.get(key):
        return code
    if len(key) < _FUZZY_MIN_LENGTH or any(char.isdigit() for char in key):
        return None
    match = process.extractOne(key, _isced_names(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    return terms[match[0]] if match else None


@vocab.remembered(maxsize=4096)  # (a feed's records repeat a few subject terms and URIs)
def _isced_from_text(text: str) -> str | None:
    if match := _ISCED_IN_URI.search(text):
        return match.group(1)
    if by_name := isced_by_name(text):
        return by_name
    match = _ISCED_CODE.match(text)
    if not match:
        return None
    code = str(match.group("code"))
    if not vocab.is_isced(code):
        return None
    if match.group("label") is not None:
        # "0613 Software and ..." counts only when the words are the code's own label.
        return code if fold(match.group("label")) == fold(vocab.label("isced", code)) else None
    # A bare number is a code only when it cannot well be anything else: four digits or a
    # leading zero ("0613", "06"); "10" or "101" need the ISCED prefix.
    if match.group("prefix") or len(code) == 4 or code.startswith("0"):
        return code
    return None


def parse_isced(value: Any) -> list[str]:
    """ISCED-F 2013 codes in ``value``, validated against the vocabulary, in order, once each.

    Reads codes (``"0613"``, ``"ISCED-F 0613"``, ``"0613 Software and applications development
    and analysis"``), URIs (ELM's and ESCO's ``.../isced-f/0613``), names of fields in several
    languages (:func:`isced_by_name`), numbers whose leading zero was lost (``613``) and lists
    of any of these. Anything else is ignored.
    """
    found: list[str] = []
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        code: str | None = None
        if isinstance(item, int) and not isinstance(item, bool):
            code = _isced_from_int(item)
        elif isinstance(item, str) and item.strip():
            code = _isced_from_text(item.strip())
        if code and vocab.is_isced(code) and code not in found:
            found.append(code)
    return found


# --- participation, assessment ------------------------------------------------------------


@cache
def _word_patterns(kind: str) -> dict[str, re.Pattern[str]]:
    patterns = {}
    for code, code_words in vocab.words(kind).items():
        alternatives = sorted({re.escape(fold(word)) for word in code_words}, key=len, reverse=True)
        # A word matches at the start of a word: "Präsenz" finds "Präsenzstudium".
        patterns[code] = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")")
    return patterns


def _matches(kind: str, text: str) -> list[str]:
    folded = fold(text)
    return [code for code, pattern in _word_patterns(kind).items() if pattern.search(folded)]


def parse_mode(value: Any) -> Mode | None:
    """Form of participation from words in the major European languages or ELM URIs.

    ``"distance learning"``, ``"e-learning"``, ``"en ligne"`` -> online; ``"face-to-face"``,
    ``"Präsenz"``, ``"presencial"`` -> onsite; ``"hybrid"``, ``"semipresencial"`` or words of
    both -> blended. A list is read as one description.
    """
    if isinstance(value, list | tuple):
        value = " ; ".join(str(item) for item in value if item)
    if not isinstance(value, str) or not value.strip():
        return None
    return _mode_in_text(value)


@vocab.remembered(maxsize=4096)
def _mode_in_text(value: str) -> Mode | None:
    # Remembered: mode terms and URIs are a small vocabulary that a feed's records repeat.
    if code := vocab.uris("mode").get(value.strip()):
        return Mode(code)
    found = _matches("mode", value)
    if "blended" in found or {"online", "onsite"} <= set(found):
        return Mode.BLENDED
    return Mode(found[0]) if found else None


def parse_schedule(value: Any) -> str | None:
    """``"full-time"``, ``"part-time"`` or ``"self-paced"`` from words or ELM URIs."""
    if isinstance(value, list | tuple):
        value = " ; ".join(str(item) for item in value if item)
    if not isinstance(value, str) or not value.strip():
        return None
    return _schedule_in_text(value)


@vocab.remembered(maxsize=4096)
def _schedule_in_text(value: str) -> str | None:
    if code := vocab.uris("schedule").get(value.strip()):
        return code
    found = _matches("schedule", value)
    return found[0] if len(found) == 1 else None


def parse_assessment(value: Any) -> AssessmentType | None:
    """DEQAR assessment type from words or Europass assessment-type URIs."""
    if not isinstance(value, str) or not value.strip():
        return None
    return _assessment_in_text(value)


@vocab.remembered(maxsize=4096)  # (assessment terms and URIs, and a course's own narrative)
def _assessment_in_text(value: str) -> AssessmentType | None:
    if code := vocab.uris("assessment").get(value.strip()):
        return AssessmentType(code)
    found = _matches("assessment", value)
    if "none" in found:
        return AssessmentType.NONE
    return AssessmentType(found[0]) if found else None


# --- dates --------------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 dates and datetimes (``"2009-06-18T02:49:30Z"``,
    ``"2010-06-09"``, ``"1889-04"``); times without zone are taken as UTC.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        text = value.strip()
        if match := _PARTIAL_DATE.match(text):
            year, month, day = (int(part) if part else 1 for part in match.groups())
            try:
                return datetime(year, month, day, tzinfo=UTC)
            except ValueError:
                return None
        try:
            parsed = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
