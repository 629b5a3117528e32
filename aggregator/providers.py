"""Provider identities: the many spellings of one institution grouped under one identity.

Sources name the same provider in its local language or in English, with or without "The", a
legal form ("GmbH", "e.V.", "S.p.A.", ", public body"), a campus suffix ("– Campus Lille"),
an acronym in brackets, shortened ("Univ. of", "Uni", "HS") or in capitals. A name is
reduced to its *core* (:func:`normalise_provider_name`): ASCII, case-folded, legal forms and
filler words dropped, the word for "university" (Universität, Université, Yliopisto, ...)
or for "university of applied sciences" (Hochschule, Hogeschool, ...) written one way (also
misspelt: "Univeristy"), and a town written one way ("München", "Munich": a data table).
Of a name with several comma-separated parts (a department, the institution, a campus, an
address, a country) the part naming the institution is kept (a part saying only "Research
Center" continues the one before it; a department written before the institution in the same
part is dropped), with the campus that follows a "University of X" or an acronym (never a
part with a house number: that is an address), or the town of a research centre or
laboratory (the first town after it, past addresses: each town is another *site*; a
company's town is only its address). Cores are then grouped
(:func:`provider_identities`): equal cores, names given together by one record, a bracketed
acronym used alone elsewhere, cores equal without words for the kind of unit ("AT&T Labs
Research", "AT&T Inc.") or for a department ("Nordland University Informatics Division"),
cores that rapidfuzz finds alike within blocks that share a rare token (complete link; a
name that only says less than another is no match, nor two words each used by several names:
"Kelmouth", "Kelmonth", nor two numbers, nor differing words that are no typos of each other),
a shorter name that says less than one provider only (or than one that only adds its kind:
"Kelvara", "Kelvara University"; a whole institution's name only when the longer adds a part
of it or a town, never a name of its own, another kind or a qualifier: "University of Oxford"
is not "Oxford Brookes University", "Universität Wien" not "Medizinische Universität Wien"),
a name without its campus joined to its main campus (or all its campuses when the bare name
is as common; a research name without its town to its main site only), a name with a town
joined to the sites in that town that say more ("NWK, Kelburg" and "NWK Research Center,
Kelburg"), and acronyms spelt out by another name ("UCLA", "UC Berkeley", "IIT Bombay", "AIL
Eastfield" after "Alpine Institute of Learning (AIL) Eastfield", "CLW, Amsterdam"). All
pairs are never compared. Measured on the Leipzig affiliations gold standard by
``benchmarks/dedup_providers.py`` and on the European institutions of the ETER list by
``benchmarks/provider_names_eter.py``.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import permutations
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from mappings.vocab import LEGAL_FORMS, remembered, strip_legal_forms, term_key


def _words(text: str) -> list[str]:
    """Words of a vocabulary written as one string (easier to read and extend)."""
    return text.split()


# Whole comma-separated parts that only state a legal status ("Universitetet i X, AS").
_STATUS_WORDS = frozenset(
    [
        "public",
        "body",
        "statutory",
        "institution",
        "instituto",
        "publico",
        "publica",
        "publiczna",
        "uczelnia",
        "offentlich",
        "rechtliche",
        "anstalt",
        "korperschaft",
        "des",
        "offentlichen",
        "rechts",
        "juristische",
        "person",
        "ente",
        "pubblico",
        "non",
        "economico",
        "openbare",
        "instelling",
        "rechtspersoon",
        "statlig",
        "myndighet",
        "forvaltningsorgan",
        "selvejende",
        "julkisoikeudellinen",
        "yliopisto",
        "javna",
        "ustanova",
        "javni",
        "zavod",
        "verejna",
        "verejna",
        "vysoka",
        "skola",
        "vysoka",
        "skola",
        "allami",
        "felsooktatasi",
        "intezmeny",
        "institutie",
        "avalik",
        "oiguslik",
        "ulikool",
        "atvasinata",
        "publiska",
        "persona",
        "viesoji",
        "istaiga",
        "epscp",
        "universidad",
        "publica",
        "npdd",
        "νπδδ",
    ]
)

# Multi-word names of a kind of institution, replaced before single words.
_PHRASES = (
    ("university of applied sciences", "uas"),
    ("universities of applied sciences", "uas"),
    ("fachhochschule", "uas"),
    ("hochschule fur angewandte wissenschaften", "uas"),
    ("haute ecole", "uas"),
    ("hogeschool", "uas"),
    ("escuela universitaria", "uas"),
    # "Instituto Politécnico", "Polytechnic Institute", "Institut ... polytechnique": alike.
    ("instituto politecnico", "institute uas"),
    ("akademia nauk stosowanych", "uas"),
    ("vysoka skola", "uas"),
    ("visoka sola", "uas"),
    ("τεχνολογικο εκπαιδευτικο ιδρυμα", "uas"),
    ("technische universitat", "tu"),
    ("technical university", "tu"),
    ("technische universiteit", "tu"),
    ("university of technology", "tu"),  # "Nordstadt University of Technology"
    ("universite de technologie", "tu"),
    ("teknik universitesi", "tu"),
    ("politechnika", "tu"),
    ("universita degli studi", "univ"),
    ("u of", "univ"),  # "U. of Nordland"; a lone "u" is otherwise a filler word
    ("massachusetts institute of technology", "mit"),
)
_WORDS = {
    # "university" in the languages of Europe, and its usual abbreviations.
    **dict.fromkeys(
        [
            "university",
            "universities",
            "universitat",
            "universite",
            "universidad",
            "universita",
            "universiteit",
            "uniwersytet",
            "universitetet",
            "universitet",
            "univerzita",
            "univerza",
            "universitatea",
            "universitas",
            "universidade",
            "universitate",
            "universitetas",
            "universiteti",
            "universitaet",
            "universitesi",
            "yliopisto",
            "yliopiston",
            "egyetem",
            "ulikool",
            "sveuciliste",
            "panepistimio",
            "πανεπιστημιο",
            "univ",
            "uni",
            "uniw",
        ],
        "univ",
    ),
    **dict.fromkeys(
        [
            "hochschule",
            "hs",
            "fh",  # Fachhochschule
            "uas",
            "amk",
            "ammattikorkeakoulu",
            "hogskolan",
            "hogskola",
            "hogskolen",
            "hoegskolen",
            "professionshojskolen",
            "foiskola",
            "veleuciliste",
            "augstskola",
            "kolegija",
            "rakenduskorgkool",
            "politecnico",
            "polytechnic",
            "polytechnique",
            "politecnica",
        ],
        "uas",
    ),
    "dept": "department",
    "div": "division",
    "comp": "computer",
    "engg": "engineering",
    "eng": "engineering",
    "dep": "department",
    "institut": "institute",
    "akademia": "academy",
    "akademie": "academy",
    "accademia": "academy",
    "academia": "academy",
    "instituto": "institute",
    "istituto": "institute",
    "lab": "laboratory",
    "labs": "laboratory",
    "laboratories": "laboratory",
    "ctr": "center",
    "centre": "center",
    "technologies": "technology",
    "sci": "science",
    "sciences": "science",
    "natl": "national",
    "nat": "national",  # "Nat'l"
    "intl": "international",
    "res": "research",
    "st": "saint",
    "pvt": "private",
}
_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "de",
        "di",
        "da",
        "do",
        "degli",
        "studi",
        "del",
        "della",
        "delle",
        "des",
        "du",
        "la",
        "le",
        "les",
        "l",
        "d",
        "i",
        "v",
        "u",
        "w",
        "in",
        "at",
        "ta",
        "din",
        "der",
        "die",
        "das",
        "den",
        "van",
        "voor",
        "for",
        "och",
        "pa",  # "Högskolan på Åland"
        "og",
        "and",
        "und",
        "et",
        "e",
        "y",
        "en",
        "z",
        "ze",
        "im",
        "am",
        "an",
        "zu",
        "zum",
        "zur",
        "fur",  # "für", folded
        "fuer",
    ]
)
# A part naming a campus or a branch is dropped: "X – Campus Lille", "X, Standort Y".
_CAMPUS = re.compile(
    r"\s*(?:[-–—,/]|\bat\b)\s*(?:campus|standort|site|sede|antenne|locatie|kampus)\b.*$",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")
_EMAIL = re.compile(r"\S+@\S+|e-?mail:?", re.IGNORECASE)
_DIGITS = re.compile(r"\b\d+\b")
# Numbers of three digits or more are house numbers, post boxes and codes; a short number
# may tell institutions apart ("Paris 8 University", "Université Rennes 2").
_LONG_NUMBERS = re.compile(r"\b\d{3,}\b")
# Roman numerals numbering universities ("Paris I", "Lyon II", "Toulouse III"): upper case
# only (a lone "i" is a word: "Universitetet i Bergen"), and a lone "I" only in a name not
# written in capitals, before a capitalised word or the end.
_ROMAN = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11,
          "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}  # fmt: skip
_ROMAN_NUMERAL = re.compile(r"\b(" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b")
_ROMAN_ONE = re.compile(r"(?<=[a-zé] )I(?=\s*(?:$|[-–,]|\s[A-ZÀ-Þ]))")
# Hints that a comma-separated part names the institution, strongest first.
_INSTITUTION_HINTS = (
    ("univ", "uas", "tu", "mit", "ucla", "ucsd"),
    ("institute", "college", "academy", "corporation", "research", "laboratory", "center"),
)
_UNIT_HINTS = ("department", "faculty", "school", "division", "group", "chair", "program")
# "U. C.", "K.I.L." and "K.I.L" (the last dot left out) are one word each.
_DOTTED = re.compile(r"\b[A-Za-z](?:\.[A-Za-z]){2,}\b(?!\.)|\b(?:[A-Za-z]\.\s?){2,}")
# "Nordwerk Research 12 Harbour Street Kelburg": a street address written inside a part ends
# the name before it (and the town follows it).
_STREET_ADDRESS = re.compile(
    r"\s(?:\d+[A-Za-z]?|One)\s+(?:[A-Z][\w.'-]*\s+){0,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Way|Drive|Dr|Lane|Boulevard|Blvd)\b\.?"
)
_AMPERSAND = re.compile(r"\b([A-Za-z]{1,3})\s*&\s*([A-Za-z])\b")


_SPELT_OUT = {"univ": "university", "inst": "institute", "tech": "technology",
              "technol": "technology"}  # fmt: skip
"""Abbreviations written out before phrases are matched ("Univ. of Technology")."""


_UMLAUT_SPELT_OUT = re.compile(r"(?<=[^\Wq])([aou])e(?=\w)")
"""An "ue" written for "ü" (and "oe", "ae"), as ASCII spells German and Nordic names:
"Saarbruecken" ("que" is French or Spanish: "Rocquencourt")."""


def _canonical_words(words: str) -> str:
    words = " ".join(
        _UMLAUT_SPELT_OUT.sub(r"\1", word) if len(word) > 4 else word for word in words.split()
    )
    padded = " ".join(["", *(_SPELT_OUT.get(word, word) for word in words.split()), ""])
    for phrase, replacement in _PHRASES:
        padded = padded.replace(f" {phrase} ", f" {replacement} ")
    out = []
    places = _place_names()
    for word in padded.split():
        word = _WORDS.get(word) or places.get(word) or _kind_word(word)
        if word not in _STOPWORDS:
            out.append(word)
    return " ".join(out)


@cache
def _place_names() -> dict[str, str]:
    """Town (and country) names in another language or an older spelling -> one spelling
    ("münchen" and "munich"): the town tells campuses and sites apart, and names the provider
    too."""
    text = resources.files(__package__).joinpath("data/place_names.csv").read_text("utf-8")
    return {row["name"]: row["canonical"] for row in csv.DictReader(text.splitlines())}


_KIND_SPELLINGS = _words("university institute laboratory research technology national")
"""Words for a kind of institution, which a typo must not turn into a distinctive word."""


@remembered(maxsize=1 << 16)
def _kind_word(word: str) -> str:
    """``word``, or the word for a kind of institution it misspells ("Univeristy",
    "Institiue"): a typo there would otherwise look like the name of another provider."""
    if len(word) < 7 or word in _KIND_SPELLINGS:
        return word
    allowed = 1 if len(word) < 9 else 2
    for kind in _KIND_SPELLINGS:
        if word[:2] == kind[:2] and OSA.distance(word, kind, score_cutoff=allowed) <= allowed:
            return _canonical_words(kind)
    return word


def _is_status(part: str) -> bool:
    words = term_key(part).split()
    if not words:
        return True
    if strip_legal_forms(" ".join(words)) == "" or " ".join(words) in LEGAL_FORMS:
        return True
    return all(word in _STATUS_WORDS for word in words)


def _pick_part(parts: list[str], companies: set[int] | None = None) -> str:
    """The comma-separated part that names the institution (not a unit, address or status);
    ``companies``: the parts that carried a legal form (as sure a sign as "corporation")."""
    if len(parts) == 1:
        return parts[0]
    scored = []
    for index, part in enumerate(parts):
        words = f" {part} "
        rank = next(
            (rank for rank, hints in enumerate(_INSTITUTION_HINTS)
             if any(f" {hint} " in words for hint in hints)),
            len(_INSTITUTION_HINTS),
        )  # fmt: skip
        if companies and index in companies:
            rank = min(rank, 1)
        # "Information Sciences Research Center, Nordwerk Labs": a part made of words for
        # units only names a unit of the next.
        unit = any(f" {hint} " in words for hint in _UNIT_HINTS) or not (
            set(part.split()) - _UNIT_WORDS - _GENERIC
        )
        scored.append((rank, unit, index))
    return parts[min(scored)[2]]


_COUNTRIES_AND_REGIONS = frozenset(
    [
        "usa",
        "us",
        "uk",
        "germany",
        "france",
        "italy",
        "spain",
        "netherlands",
        "belgium",
        "austria",
        "switzerland",
        "sweden",
        "norway",
        "denmark",
        "finland",
        "poland",
        "portugal",
        "greece",
        "ireland",
        "china",
        "japan",
        "india",
        "canada",
        "australia",
        "korea",
        "singapore",
        "brazil",
        "israel",
        "scotland",
        "england",
        "europe",
    ]
)


_ADDRESS_WORDS = frozenset(
    _words("street st avenue ave road rd drive dr box bldg building room floor way lane")
    + _words("blvd boulevard square place suite cedex po")
)


def _campus(part: str) -> str | None:
    """The place a part names, if it can be a campus: one to three words once state codes
    (two letters) and words for a unit ("Computer Science") are left out; not a country, an
    address or another institution."""
    words = [word for word in part.split() if len(word) > 2 and word not in _UNIT_WORDS]
    if (
        0 < len(words) <= 3
        and not any(word in _COUNTRIES_AND_REGIONS for word in words)
        and not any(word in _ADDRESS_WORDS for word in words)
        and not any(word in _NOT_PLACES for word in words)
    ):
        return " ".join(words)
    return None


_NOT_PLACES = frozenset(["univ", "uas", "tu", "institute", "technology"])
"""Words that make a part name an institution, not a town (words for a unit are left out:
"Kelburg Computer Science")."""


def _place_after(parts: list[str], start: int, numbered: set[int]) -> str | None:
    """The town given after the institution: the first part from ``start`` that can be one,
    past house numbers, post boxes and departments, not past a country."""
    for index in range(start, len(parts)):
        if any(word in _COUNTRIES_AND_REGIONS for word in parts[index].split()):
            return None
        place = None if index in numbered else _campus(parts[index])
        if place:
            return place
    return None


_SITE_WORDS = frozenset(["research", "laboratory", "center"])


def _is_site(core: str) -> bool:
    """A research centre or laboratory (not of a university): one site, so that the same
    name in another town is another site ("Nordwerk Research, Kelburg" and "Nordwerk
    Research, Almtal"), unlike a company ("Nordwerk AG, Kelburg", "Nordwerk AG, Almtal")."""
    words = set(core.split())
    return bool(words & _SITE_WORDS) and not words & _CAMPUS_KINDS


@dataclass(frozen=True)
class ProviderName:
    """A provider name reduced for matching."""

    core: str
    """Case-folded ASCII words, legal form, filler and campus removed."""
    acronym: str | None = None
    """An acronym the name gives in brackets (``"(KIT)"``) or is made of alone."""
    initials: tuple[tuple[str, str], ...] = ()
    """(acronym, words it stands for) the name spells out: the initials of its institution
    part in reading order (``"ucla"`` for "University of California, Los Angeles", and
    ``"uc"`` for its "University of California"), for names written as acronyms elsewhere."""
    base: str | None = None
    """The core without the campus or site, when the name gives one ("University of
    California, Irvine" -> ``"california univ"``)."""
    place: str | None = None
    """The town the name gives after its institution (its campus or site, or only its
    address: "Nordwerk AG, Kelburg" -> ``"kelburg"``)."""


@remembered(maxsize=1 << 16)
def normalise_provider_name(name: str) -> ProviderName:
    """The matching form of one provider name.

    >>> normalise_provider_name("The Universität Musterstadt gGmbH – Campus Nord").core
    'musterstadt univ'
    """
    # Feeds carry HTML entities ("Nordwerk&mdash;Research"), whose ";" is no separator.
    text = _EMAIL.sub(" ", html.unescape(name).replace("’", "'"))
    text = text.split(";", 1)[0]
    text = _ROMAN_NUMERAL.sub(lambda match: str(_ROMAN[match.group(1)]), text)
    if not text.isupper():
        text = _ROMAN_ONE.sub("1", text)
    # "AT&T", "U.C.", "I.I.T." are one word each.
    text = _AMPERSAND.sub(r"\1\2", text)
    text = _DOTTED.sub(lambda match: match.group(0).replace(".", "").replace(" ", "") + " ", text)
    acronym = None
    for inner in _BRACKETS.findall(text):
        if _ACRONYM.match(inner.strip()):
            acronym = term_key(inner).replace(" ", "")
            text = text.replace(f"({inner})", " ")
    text = _CAMPUS.sub("", text)
    text = _STREET_ADDRESS.sub(",", text)
    parts: list[str] = []
    companies: set[int] = set()
    numbered: set[int] = set()
    for raw in re.split(r"[,;/]", text):
        if _is_status(raw):
            continue
        plain = " ".join(_LONG_NUMBERS.sub(" ", term_key(raw)).split())
        stripped = strip_legal_forms(plain)
        words = _canonical_words(stripped)
        if words and parts and not set(words.split()) - _ORGANISATIONAL:
            # "Nordwerk Almtal, Research Center": a part that only says what kind of unit it is
            # continues the name before it.
            parts[-1] = f"{parts[-1]} {words}"
        elif words:
            if _DIGITS.search(raw):
                numbered.add(len(parts))  # "12 Harbour Mall": a house number, an address
            if stripped != plain:
                companies.add(len(parts))  # "Oracle Corporation": a legal form names a body
            parts.append(words)
    core = _pick_part(parts, companies) if parts else (term_key(name) or name.strip().casefold())
    following = parts.index(core) + 1 if parts else 0
    core = institution = _strip_trailing_country(_strip_leading_units(core))
    base = place = None
    if parts and (_is_acronym(core) or core.split()[0] in _CAMPUS_KINDS):
        # "University of California, Irvine": a campus written as the next part.
        place = (
            _campus(parts[following])
            if following < len(parts) and following not in numbered
            else None
        )
        if place:
            core = f"{core} {place}"
            base = " ".join(sorted(set(institution.split())))
    elif parts:
        place = _place_after(parts, following, numbered)
        if place and _is_site(institution):
            core = f"{core} {place}"
            base = " ".join(sorted(set(institution.split())))
    initials = tuple(
        (_initials(words), words)
        for words in dict.fromkeys([institution, core])
        if len(words.split()) >= 2
    )
    # Word order differs between languages ("Helsingin yliopisto", "University of Helsinki");
    # a word said twice ("University of Toronto, Toronto") counts once.
    core = " ".join(sorted(set(core.split())))
    if acronym is None and _ACRONYM.match(name.strip()) and " " not in name.strip():
        acronym = term_key(name).replace(" ", "")
    base = None if base == core else base
    return ProviderName(core, acronym, initials, base, place)


_COMPASS = frozenset(_words("north south east west northern southern eastern western central"))


def _strip_trailing_country(words: str) -> str:
    """``"nordwerk usa"`` -> ``"nordwerk"``: the country a company's branch adds to its name
    (kept when only generic words, qualifiers and points of the compass would be left,
    "Technical University of Denmark", "Open University of the Netherlands", "University of
    the West of Scotland", or for
    an acronym or a research centre, whose branches are told apart like campuses or sites:
    "NWK Canada", "Nordwerk Research Germany")."""
    tokens = words.split()
    if len(tokens) > 1 and tokens[-1] in _COUNTRIES_AND_REGIONS:
        rest = " ".join(tokens[:-1])
        branch = _is_acronym(rest) or _is_site(rest)
        if set(tokens[:-1]) - _GENERIC - _CANONICAL - _QUALIFIERS - _COMPASS and not branch:
            return rest
    return words


def _strip_leading_units(words: str) -> str:
    """``"department computer science univ nordland"`` -> ``"univ nordland"``: a department
    written in the same part before its provider (kept when only generic words would be
    left: "Information Sciences Institute")."""
    tokens = words.split()
    start = 0
    while start < len(tokens) and tokens[start] in _UNIT_WORDS:
        start += 1
    if 0 < start < len(tokens) and set(tokens[start:]) - _GENERIC - _CANONICAL:
        return " ".join(tokens[start:])
    return words


_CAMPUS_KINDS = frozenset(["univ", "uas", "tu", "institute", "college"])
"""Kinds of institution that, written first ("University of California, Irvine"), may be
followed by a campus; "X University, Town" and a company's next part are only an address
("Oracle, Nashua" and "Oracle, Redwood Shores" are one)."""


def _is_acronym(core: str) -> bool:
    """A name that is a short acronym alone ("CWI", "UC"): a campus may follow it."""
    return " " not in core and 2 <= len(core) <= 5 and core not in _CANONICAL


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split())


def name_similarity(a: str, b: str) -> float:
    """How alike two provider cores are, 0-100 (token set, guarded by the whole string)."""
    if a == b:
        return 100.0
    # token_set_ratio alone calls "univ x" and "univ x medical school" the same; taking the
    # lower of it and WRatio keeps subsets that add a distinguishing word apart.
    return min(fuzz.token_set_ratio(a, b), fuzz.WRatio(a, b))


@dataclass
class ProviderIdentities:
    """The result of :func:`provider_identities`.

    It is computed again over every name known whenever names come or go (it runs over
    distinct names, not records): an incremental refresh then groups names as a full one.
    """

    of_name: dict[str, str] = field(default_factory=dict)
    """Provider name as given -> identity id (the smallest core of its group)."""

    def identity(self, names: Iterable[str]) -> str | None:
        for name in names:
            found = self.of_name.get(name)
            if found is not None:
                return found
        return None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        parent = self.parent
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


# Words that make a university another one than the university of the same place: "Vrije
# Universiteit Amsterdam" is not the "Universiteit van Amsterdam", nor "Medizinische
# Universität Wien" the "Universität Wien". A name that adds one never joins a shorter name
# that lacks it (folded spellings, as cores hold them).
_QUALIFIERS = frozenset(
    _words(
        """
        free vrije freie libre libera nova neue nueva nouvelle nuova
        medical medizinische medicine medicina medica medizin lekarski
        economics business wirtschaft wirtschaftsuniversitat economia economie economica
        commerce ekonomiczny
        catholic katholieke katholische catolica cattolica catholique pontificia pontifical
        agricultural agrarian agraria agronomia veterinary veterinarmedizinische veterinaria
        arts kunste kunst music musik musica performing sport sports
        pedagogical padagogische paedagogische pedagogica
        open aberta abierta offene
        """
    )
)


def _adds_qualifier(shorter: frozenset[str], longer: frozenset[str]) -> bool:
    """Whether the longer name's words add one that makes it another university."""
    return not (longer - shorter).isdisjoint(_QUALIFIERS)


_GENERIC = frozenset({"univ", "uas", "tu", "institute", "department", "science", "technology",
                      "research", "laboratory", "center", "college", "school", "national",
                      "computer", "engineering", "faculty"})  # fmt: skip


def provider_identities(
    name_groups: Iterable[Sequence[str]],
    threshold: float = 90.0,
    max_block: int = 200,
) -> ProviderIdentities:
    """Group provider names into identities.

    Args:
        name_groups: the names each record gives its provider (all languages of one record
            name one provider, so they are grouped together).
        threshold: the least :func:`name_similarity` for two cores to be one provider.
        max_block: a rare-token block larger than this is not compared pairwise.
    """
    union = _UnionFind()
    core_of: dict[str, ProviderName] = {}
    acronym_cores: dict[str, set[str]] = defaultdict(set)
    for names in name_groups:
        cores = []
        for name in names:
            if name not in core_of:
                core_of[name] = normalise_provider_name(name)
            normal = core_of[name]
            cores.append(normal.core)
            union.find(normal.core)
            if normal.acronym and normal.acronym != normal.core.replace(" ", ""):
                acronym_cores[normal.acronym].add(normal.core)
        for core in cores[1:]:
            union.union(cores[0], core)
    # A bracketed acronym that stands for one provider only also names it when used alone.
    for acronym, named in acronym_cores.items():
        if acronym in union.parent and len({union.find(c) for c in named}) == 1:
            union.union(acronym, next(iter(named)))
    _key_links(union)
    _unit_links(union)
    base_of = {name.core: name.base for name in core_of.values() if name.base}
    mentions = Counter(name.core for name in core_of.values())
    _fuzzy_links(union, list(union.parent), threshold, max_block, base_of, mentions)
    towns = frozenset(word for n in core_of.values() if n.place for word in n.place.split())
    _subset_links(union, base_of, towns - _GENERIC - _INSTITUTION_KINDS)
    _campus_links(union, core_of.values())
    _site_links(union, set(core_of.values()))
    _acronym_links(union, core_of.values())
    roots: dict[str, str] = {}
    for core in union.parent:
        root = union.find(core)
        roots[root] = min(roots.get(root, core), core)
    return ProviderIdentities({name: roots[union.find(n.core)] for name, n in core_of.items()})


TYPO_LIKENESS = 81.0
"""The least rapidfuzz ratio between the words two alike names do not share for them to be
typos of each other."""


def _typo_like(only_a: set[str], only_b: set[str]) -> bool:
    """Whether the words two names do not share may be one spelling misspelt, shortened or
    split: "Micorsoft", "Learn" and "Learning", "Skills Build" and "SkillsBuild"."""
    return any(_one_spelling(a, b) for a in _spellings(only_a) for b in _spellings(only_b))


def _spellings(words: set[str]) -> list[str]:
    """The words written as one, in every order (of up to three words: cores are sorted, the
    name's own order is lost)."""
    orders = permutations(sorted(words)) if len(words) <= 3 else [sorted(words)]
    return ["".join(order) for order in orders]


def _one_spelling(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    return fuzz.ratio(a, b) >= TYPO_LIKENESS


ESTABLISHED = 2
"""Names a word appears in for it to count as a word of its own, not a typo."""


def _fuzzy_links(
    union: _UnionFind,
    cores: list[str],
    threshold: float,
    max_block: int,
    base_of: Mapping[str, str] | None = None,
    mentions: Mapping[str, int] | None = None,
) -> None:
    """Join groups whose cores rapidfuzz finds alike, best pairs first, without chaining.

    Two groups are joined only when *every* pair of their cores is at least ``threshold - 10``
    alike (complete link): "univ x" ~ "univ x y" ~ "univ y" does not put x and y together.
    A name with a campus (``base_of``: core -> its core without the campus) is joined only to
    one with the same campus and an institution alike: two campuses of one institution never
    ("Eastfield" is no typo of "Westfield"), nor "UCLA, Los Angeles" and "USC, Los Angeles".
    """
    base_of = base_of or {}
    frequency: dict[str, int] = defaultdict(int)
    tokens_of = {core: sorted(set(core.split())) for core in cores}
    used: dict[str, int] = defaultdict(int)  # names using a word (``mentions``: per core)
    for core, tokens in tokens_of.items():
        for token in tokens:
            frequency[token] += 1
            used[token] += mentions.get(core, 1) if mentions else 1
    blocks: dict[str, list[str]] = defaultdict(list)
    for core, tokens in tokens_of.items():
        distinctive = [t for t in tokens if t not in _GENERIC and len(t) > 1] or tokens
        # The two rarest distinctive tokens (a misspelt one is rare too, so take two), and
        # their first letters, which survive most typos.
        for token in sorted(distinctive, key=lambda t: (frequency[t], t))[:2]:
            blocks[token].append(core)
            if len(token) > 5:
                blocks[f"{token[:4]}…"].append(core)
    scores: dict[tuple[str, str], float] = {}
    for members in blocks.values():
        if len(members) < 2 or len(members) > max_block:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair not in scores:
                    scores[pair] = name_similarity(a, b)
    floor = threshold - 10

    def similarity(a: str, b: str) -> float:
        pair = (a, b) if a < b else (b, a)
        found = scores.get(pair)
        if found is None:
            found = scores[pair] = name_similarity(a, b)
        return found

    refused: set[tuple[str, int, str, int]] = set()
    members_of: dict[str, list[str]] = defaultdict(list)
    for core in cores:
        members_of[union.find(core)].append(core)
    for (a, b), score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if score < threshold:
            break
        base_a, base_b = base_of.get(a), base_of.get(b)
        if base_a is not None or base_b is not None:
            # Names with a campus look alike by their campus ("UCLA, Los Angeles", "USC, Los
            # Angeles"): the institution must look alike and the campus be the same.
            if base_a is None:
                # One name gives its campus as a part of its own ("University of X at
                # Y"): compare the institutions once the campus is left out of both.
                (a, base_a), (b, base_b) = (b, base_b), (a, base_a)
            if base_a is None or base_a == base_b:
                continue
            campus_a = set(tokens_of[a]) - set(base_a.split())
            if base_b is None:
                rest = set(tokens_of[b]) - campus_a
                if not campus_a <= set(tokens_of[b]) or rest <= set(base_a.split()):
                    continue
                if rest >= set(base_a.split()):
                    continue  # "University of Southern X, Y" says more than "X, Y"
                base_b = " ".join(sorted(rest))
            elif campus_a != set(tokens_of[b]) - set(base_b.split()):
                continue
            if name_similarity(base_a, base_b) < threshold:
                continue
        only_a = set(tokens_of[a]) - set(tokens_of[b])
        only_b = set(tokens_of[b]) - set(tokens_of[a])
        if any(token.isdigit() for token in only_a | only_b):
            continue  # "Paris 8 University" and "Paris 13 University": numbered apart
        if only_a and only_b and min(used[t] for t in only_a | only_b) >= ESTABLISHED:
            # Words each used by other names too are not typos of each other:
            # "Kelmouth" and "Kelmonth" are two names, "Kelmoutth" is a typo.
            continue
        if tokens_of[a] != tokens_of[b] and (
            set(tokens_of[a]) <= set(tokens_of[b]) or set(tokens_of[b]) <= set(tokens_of[a])
        ):
            # One name says less than the other ("univ california" and "univ california
            # davis"): not evidence of one provider; campus and acronym rules decide.
            continue
        root_a, root_b = union.find(a), union.find(b)
        if root_a == root_b:
            continue
        # (Last of the checks: it compares spellings, the others look words up.)
        if only_a and only_b and not _typo_like(only_a, only_b):
            # Alike as wholes, but what differs is not a typo: "State School in Koszalin"
            # and "State School in Krosno" (while "Micorsoft" is "Microsoft").
            continue
        group_a, group_b = members_of[root_a], members_of[root_b]
        attempt = (root_a, len(group_a), root_b, len(group_b))
        if attempt in refused:
            continue  # the same two groups, already found not alike throughout
        if all(similarity(x, y) >= floor for x in group_a for y in group_b):
            union.union(a, b)
            root = union.find(a)
            merged = group_a + group_b
            members_of.pop(root_a), members_of.pop(root_b)
            members_of[root] = merged
        else:
            refused.add(attempt)


_ORGANISATIONAL = frozenset({"research", "laboratory", "center", "corporation", "inc", "company",
                             "group", "division", "headquarters", "hq"})  # fmt: skip
"""Words that say what kind of unit a company is, not which one ("AT&T Labs Research")."""


def _key(core: str) -> str:
    """A core without organisational words: what tells the provider apart."""
    return " ".join(word for word in core.split() if word not in _ORGANISATIONAL)


def _key_links(union: _UnionFind) -> None:
    """Cores equal once the kind of unit is left out name one provider: "AT&T Labs Research",
    "AT&T Labs" and "AT&T Inc." (never down to nothing or a generic word)."""
    first: dict[str, str] = {}
    for core in list(union.parent):
        key = _key(core)
        if not key or key in _GENERIC:
            continue
        if key in first:
            union.union(first[key], core)
        else:
            first[key] = core


_UNIT_WORDS = _ORGANISATIONAL | frozenset(
    _words("department faculty school division group chair program computer computing science")
    + _words("engineering electrical eecs cs information informatics mathematics development")
    + _words("software")
)
"""Words naming a department of a provider, written in the same part as the provider."""


def _unit_links(union: _UnionFind) -> None:
    """A name that is another name plus words for a department joins it: "Nordland
    University Computer Science Department" and "Nordland University" (never when what is
    left is only generic: "univ" alone names no provider)."""
    for core in list(union.parent):
        tokens = core.split()
        rest = [token for token in tokens if token not in _UNIT_WORDS]
        if len(rest) == len(tokens) or not set(rest) - _GENERIC - _CANONICAL:
            continue
        reduced = " ".join(rest)
        if reduced in union.parent:
            union.union(core, reduced)


_UNIT_MARKERS = frozenset(
    _words(
        """
        faculty fakultat faculte facultad faculdade facolta faculteit fakulta fakulteta wydzial
        department departement departamento dipartimento extension weiterbildung
        continuing avoin
        """
    )
)
"""Words that make a longer name a part of the institution it names: a faculty, a department, a
continuing-education unit ("TU Delft Extension School", "Universität Zürich Weiterbildung")."""
_INSTITUTION_KINDS = _CAMPUS_KINDS | {"school", "academy"}
"""Words that make a name a whole institution's ("University of Kelburg"), not a fragment."""


def _says_more_of_it(
    shorter: frozenset[str], longer: frozenset[str], towns: frozenset[str]
) -> bool:
    """Whether ``longer`` (a superset of ``shorter``) can name the provider ``shorter`` names.

    A fragment ("Almaden") may be any longer name's. A whole institution's name ("University
    of Oxford", "Universität Wien") is not another's that adds a name of its own ("Oxford
    Brookes University"), another kind ("University College Oxford"), a field ("Kelburg
    University of Science and Technology") or a qualifier ("Medizinische Universität Wien"):
    only one that adds a faculty, department or continuing-education unit of it, or its
    town: a word of ``towns`` ("Purdue University West Lafayette" beside "Purdue University,
    West Lafayette"). (Departments and campuses given in parts of their own are not in
    cores.)
    """
    if not shorter & _INSTITUTION_KINDS:
        return True
    added = longer - shorter
    if added & _UNIT_MARKERS:
        return True  # a part of it: "University of Kelburg Faculty of Law"
    return not _adds_qualifier(shorter, longer) and added <= towns


def _subset_links(
    union: _UnionFind,
    base_of: Mapping[str, str] | None = None,
    towns: frozenset[str] = frozenset(),
) -> None:
    """A shorter name joins the one provider whose names all say more ("Almaden" and "IBM
    Almaden Research Center") when no other provider's name says more of it; a whole
    institution's name only a name that says more of that one (``_says_more_of_it``;
    ``towns``: the words names give as their town, kinds and generic words left out).

    The shorter names one group takes must say less than each other in turn ("x" and "x y"
    may both join "x y z"; "x" and "y" may not both join "x y"), so groups never chain
    through a longer name. Names with a campus (``base_of``) are left to
    :func:`_campus_links`: "University of California, Los Angeles" says less than
    "University of Southern California, Los Angeles" and is another university.
    """
    keys: dict[str, frozenset[str]] = {}
    base_of = base_of or {}
    for core in union.parent:
        key = frozenset(_key(core).split())
        if key - _GENERIC - _CANONICAL:
            keys[core] = key
    by_token: dict[str, set[str]] = defaultdict(set)
    for core, key in keys.items():
        for token in key:
            by_token[token].add(core)
    taken: dict[str, list[frozenset[str]]] = defaultdict(list)
    joins: list[tuple[str, str]] = []
    for core, key in sorted(keys.items(), key=lambda item: (len(item[1]), item[0])):
        rarest = min(key, key=lambda token: (len(by_token[token]), token))
        supersets = [other for other in by_token[rarest] if key < keys[other]]
        groups = {union.find(other) for other in supersets}
        if union.find(core) in groups:
            continue  # already one with a longer name: another would make two providers one
        if len(groups) > 1:
            # "Nordland" may be "Nordland University" and "Nordland Ferries": when one
            # only adds nothing but the kind of provider, the bare name is that one.
            groups = {
                union.find(other) for other in supersets if not keys[other] - key - _GENERIC
            } - {union.find(core)}
        if core in base_of or any(
            other in base_of and not frozenset(base_of[other].split()) < key for other in supersets
        ):
            continue
        if len(groups) == 1:
            target = groups.pop()
            if all(
                _says_more_of_it(key, keys[other], towns)
                for other in supersets
                if union.find(other) == target
            ):
                taken[target].append(key)
                joins.append((core, target))
    for core, target in joins:
        nested = sorted(taken[target], key=len)
        if all(a <= b for a, b in zip(nested, nested[1:], strict=False)):
            union.union(core, target)


MAIN_CAMPUS = 0.8
"""The share of a name's campus-qualified mentions one campus needs to be its main campus."""
MAIN_SITE = 2 / 3
"""The same for the sites of a research centre or laboratory: its other sites are named as
sites, rarely as mere addresses, so a smaller majority tells."""


def _campus_links(union: _UnionFind, names: Iterable[ProviderName]) -> None:
    """Names with and without a campus. When the bare name is used at least as often as
    any campus, the campuses are only addresses: all join it ("Chinese University of Hong
    Kong" and its "..., Shatin", "..., Sha Tin"). Otherwise the bare name joins the campus
    it stands for: "University of Michigan" joins "University of Michigan, Ann Arbor" when
    other campuses are named rarely (the bare name means the main campus), while "University
    of California" stays alone beside Berkeley, San Diego, Irvine, ...

    Sites of a research centre or laboratory are never only addresses, and are counted
    together whatever kind of unit they say they are ("Nordwerk Labs", "Nordwerk Research,
    Kelburg", "Nordwerk Laboratories, Almtal").

    A campus saying part of one other campus only is that campus: "University of Nordland,
    Eastfield" and "..., Eastfield-Heights" (not "..., Santa" beside "Santa Ana" and "Santa
    Rosa")."""
    names = list(names)
    towns: dict[tuple[str, bool], dict[frozenset[str], str]] = defaultdict(dict)
    for name in names:
        if name.base is not None and name.place:
            words = frozenset(name.place.split())
            towns[_campus_of(name.base)].setdefault(words, name.core)
    for found in towns.values():
        for words, core in found.items():
            wider = {union.find(other) for more, other in found.items() if words < more}
            if len(wider) == 1:
                union.union(core, wider.pop())
    campuses: dict[tuple[str, bool], Counter[str]] = defaultdict(Counter)
    bare: Counter[tuple[str, bool]] = Counter()
    named: dict[tuple[str, bool], str] = {}  # a bare name of each
    for name in names:
        # The bare name of a site may be its company's: "Nordwerk AG", "Nordwerk Research".
        for key in ((name.core, False), (_key(name.core), True)):
            bare[key] += 1
            named.setdefault(key, name.core)
        if name.base is not None:
            campuses[_campus_of(name.base)][union.find(name.core)] += 1
    for (base, site), groups in campuses.items():
        bare_name = named.get((base, site))
        if bare_name is None or not set(base.split()) - _GENERIC:
            continue  # "University of Applied Sciences" alone names none of its campuses
        (main, count), total = groups.most_common(1)[0], sum(groups.values())
        if bare[base, site] >= count and not site:
            for group in groups:
                union.union(bare_name, group)
        elif count >= (MAIN_SITE if site else MAIN_CAMPUS) * total:
            union.union(bare_name, main)


def _campus_of(base: str) -> tuple[str, bool]:
    """What the campuses or sites of one provider share (the sites of a research centre
    whatever kind of unit they say they are), and whether they are sites."""
    site = _is_site(base)
    return (_key(base) if site else base), site


def _site_links(union: _UnionFind, names: Iterable[ProviderName]) -> None:
    """A name with a town joins the sites in that town whose names say as much or more: the
    organisation ("NWK, Kelburg" joins "NWK Research, Kelburg" and "NWK Materials Lab,
    Kelburg") and a unit saying less ("Nordwerk Research, Kelburg" joins "Nordwerk Clark
    Research Center, Kelburg"); the same names elsewhere are other sites. A company's name
    is one provider in every town it is given with ("Nordwerk AG, Almtal"), so it joins the
    sites of its main town only, as a bare name joins its main site."""
    placed = [(name, name.place) for name in names if name.place]
    sites_at: dict[str, list[tuple[frozenset[str], str]]] = defaultdict(list)
    towns: dict[str, Counter[str]] = defaultdict(Counter)  # of a company, by its name
    for name, place in placed:
        if name.base is not None and _is_site(name.base):
            sites_at[place].append((frozenset(_key(name.base).split()), name.core))
        elif name.base is None:
            towns[name.core][place] += 1
    for name, place in placed:
        if name.base is None:
            (place, count), total = towns[name.core].most_common(1)[0], towns[name.core].total()
            if count < MAIN_SITE * total:
                continue
        own = frozenset(_key(name.base or name.core).split())
        if not own - _GENERIC - _CANONICAL:
            continue
        for key, core in sites_at.get(place, ()):
            if own <= key:
                union.union(name.core, core)


def _acronym_links(union: _UnionFind, names: Iterable[ProviderName]) -> None:
    """Join a name written with an acronym to the name it abbreviates: "UCLA" to "University
    of California, Los Angeles", "UC Berkeley" to "University of California, Berkeley", "IIT
    Bombay" to "Indian Institute of Technology, Bombay" — when, of all the names the acronym
    may stand for (initials are ambiguous across a large list), one only is known."""
    names = list(names)
    base_of = {name.core: name.base for name in names if name.base}
    bases = set(base_of.values())
    spelled: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for initials, words in name.initials:
            spelled[initials].add(" ".join(sorted(set(words.split()))))
        if name.acronym and name.acronym not in name.core.split():
            # "Swiss Institute of Nordland (SIN)": "SIN Eastfield" may be written too.
            spelled[name.acronym].add(name.base or name.core)
    for core in list(union.parent):
        tokens = core.split()
        for token in tokens:
            if len(token) < 2 or token in _GENERIC or token in _CANONICAL:
                continue
            expansions = set()
            for meaning in spelled.get(token, ()):
                meant = meaning.split()
                if token not in meant:
                    expanded = " ".join(sorted({*tokens, *meant} - {token}))
                    if expanded in union.parent:
                        expansions.add(union.find(expanded))
            if not expansions and core in base_of and token in base_of[core].split():
                # "CLW, Amsterdam": the acronym's campus, where the spelt-out name is given
                # without it (and is no name with campuses of its own).
                rest = set(base_of[core].split()) - {token}
                for meaning in spelled.get(token, ()):
                    expanded = " ".join(sorted(rest | set(meaning.split())))
                    known = expanded in union.parent and expanded not in bases
                    if known and token not in meaning.split():
                        expansions.add(union.find(expanded))
            if len(expansions) == 1:
                union.union(core, expansions.pop())


_CANONICAL = frozenset(_WORDS.values()) | {replacement for _, replacement in _PHRASES}


def names_of(record: Mapping[str, Any]) -> list[str]:
    """The names a mapped record gives its provider, in every language."""
    provider = record.get("provider")
    if not isinstance(provider, Mapping):
        return []
    names = provider.get("name")
    if not isinstance(names, Mapping):
        return []
    return [str(value) for value in names.values() if value]


def identity_of(record: Mapping[str, Any], identities: ProviderIdentities) -> str | None:
    """The provider identity of a mapped record, or None."""
    return identities.identity(names_of(record))
