"""Normalisation of the values providers write into the common elements' codes and numbers.

Pure functions shared by every mapping: credits, hours and ISO 8601 durations, EQF and
QF-EHEA levels, ISCED-F codes, forms of participation, languages, countries, dates and text.
Each returns ``None`` (or an empty result) for what it cannot read; none raises on bad input.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from mappings import vocab
from mappings.schema import UNDETERMINED, AssessmentType, LangText, Mode, QfEhea
from mappings.vocab import country_code, fold, language_code

__all__ = [
    "clean_text",
    "country_code",
    "find_ects",
    "http_url",
    "is_iso_duration",
    "iso_duration",
    "iso_duration_hours",
    "lang_text",
    "language_code",
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
    text = str(value)
    # Twice: markup often arrives escaped once more than it should ("&lt;p&gt;" in XML text).
    for _ in range(2):
        if "<" in text:
            text = _TAG.sub(" ", text)
        if "&" in text:
            text = html.unescape(text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def lang_text(
    values: str | Mapping[str | None, Any] | Iterable[tuple[str | None, Any]] | None,
    *,
    join: str | None = "\n\n",
) -> LangText:
    """A ``LangText`` from text, ``{lang: text}`` or ``(lang, text)`` pairs.

    Language tags are normalised to ISO 639-1 (``"en-GB"`` -> ``en``, ``"fre"`` -> ``fr``);
    missing or unknown tags (``"x-none"``) become ``und``. Texts are cleaned and empty ones
    dropped. Several texts in one language are joined with ``join`` (identical ones once);
    with ``join=None`` the first one is kept.
    """
    if values is None:
        return {}
    if isinstance(values, str):
        pairs: Iterable[tuple[str | None, Any]] = [(None, values)]
    elif isinstance(values, Mapping):
        pairs = values.items()
    else:
        pairs = values
    result: dict[str, list[str]] = {}
    for language, text in pairs:
        cleaned = clean_text(text)
        if not cleaned:
            continue
        code = language_code(language) or UNDETERMINED
        texts = result.setdefault(code, [])
        if cleaned not in texts and (join is not None or not texts):
            texts.append(cleaned)
    return {code: (join or "").join(texts) for code, texts in result.items()}


_HTTP_URL = re.compile(r"^https?://[^\s<>\"]+$", re.I)


def http_url(value: Any) -> str | None:
    """``value`` stripped if it is an absolute http(s) URL, else ``None``."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if _HTTP_URL.match(text) else None


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


def find_ects(text: str | None) -> float | None:
    """ECTS stated inside running text (``"... worth 5 ECTS."``); the first statement wins."""
    if not text:
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
    number = parse_number(value)
    if number is not None or not isinstance(value, str):
        return number if number is None or number >= 0 else None
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
    text = value.strip()
    found = [cycle for cycle, pattern in _QF_EHEA_WORDS if pattern.search(text)]
    return found[0] if len(found) == 1 else None


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


def _isced_from_text(text: str) -> str | None:
    if match := _ISCED_IN_URI.search(text):
        return match.group(1)
    if by_label := vocab.isced_by_label(text):
        return by_label
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
    and analysis"``), URIs (``.../isced-f/0613``), exact English labels, numbers whose leading
    zero was lost (``613``) and lists of any of these. Anything else is ignored.
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
    if code := vocab.uris("schedule").get(value.strip()):
        return code
    found = _matches("schedule", value)
    return found[0] if len(found) == 1 else None


def parse_assessment(value: Any) -> AssessmentType | None:
    """DEQAR assessment type from words or Europass assessment-type URIs."""
    if not isinstance(value, str) or not value.strip():
        return None
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
