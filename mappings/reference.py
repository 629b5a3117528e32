"""Provider reference lists: match providers to ETER institutions and QA bodies to EQAR agencies.

The lists are read at run time from a folder the operator configures (they are not shipped:
the DEQAR/ETER data is GPL-3.0). Three CSV files, in the column layout of EQAR's
``DERIVED_*.csv`` exports:

- ``*eter_institutions*.csv`` (required): ``eter_id, name, name_english, acronym, country,
  website`` (ETER writes ``m`` / ``a`` for a missing / not applicable value), optionally
  ``deqar_id``;
- ``*eqar_agencies*.csv``: ``deqar_id, acronym_primary, name_primary, country`` (the ``pk`` of
  the countries file), ``website_link``;
- ``*countries*.csv``: ``pk, iso_3166_alpha2, ehea_is_member`` (EHEA membership and the
  agencies' countries; an institution's country is read as an ISO code, ETER's ``EL`` and
  ``UK`` too).

Matching prefers precision to recall: a wrong ETER id gives a learner a wrong QA label. A
provider matches an institution by its website (the host without ``www.`` or one of its
parents up to the registered domain; a sub-site such as ``univ-x.fr/espe`` only by that part),
else by one of its names in any language against the institution's name and English name
(case, diacritics, legal form, filler words and word order aside), by a near-exact spelling
(rapidfuzz proposes, :func:`near_exact` allows one typo in one long word) or, in its own
country only, by the institution's acronym. Countries must agree whenever both sides have one;
evidence that fits two institutions, or website and name pointing at different ones, matches
nothing.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from mappings.schema import Organisation, QaType, Record
from mappings.transparency import finalise
from mappings.vocab import REMEMBERED_LONGEST, country_code, strip_legal_forms, term_key

INSTITUTIONS_FILE = "*eter_institutions*.csv"
AGENCIES_FILE = "*eqar_agencies*.csv"
COUNTRIES_FILE = "*countries*.csv"

FUZZY_CUTOFF = 90.0
"""Least rapidfuzz ratio (0-100) of two name keys to be compared by :func:`near_exact`."""
FUZZY_MIN_LENGTH = 10
"""Shorter name keys must match exactly: one letter is a large part of a short name."""
TYPO_MIN_LENGTH = 6
"""Only a word this long may carry a typo; shorter words are often the distinguishing ones
("Hof", "Ulm", "Gedik" and "Gediz" are different institutions)."""

MEMO_SIZE = 100_000
"""Provider matches remembered (then forgotten all at once)."""

_MISSING = frozenset({"", "m", "a", "x", "n/a", "-"})
"""ETER's codes for a missing (``m``) or not applicable (``a``) value, and blanks."""


class ReferenceListError(ValueError):
    """The reference folder or one of its files cannot be used."""


@dataclass(frozen=True)
class Institution:
    """One higher-education institution of the ETER list."""

    eter_id: str
    name: str
    name_english: str | None = None
    acronym: str | None = None
    country: str | None = None
    website: str | None = None
    deqar_id: str | None = None


@dataclass(frozen=True)
class Agency:
    """One EQAR-registered quality assurance agency."""

    deqar_id: str
    acronym: str
    name: str
    country: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class ReferenceMatch:
    institution: Institution
    by: str
    """The evidence: ``website``, ``name``, ``similar name`` or ``acronym``."""


# --- normalisation --------------------------------------------------------------------------

_BRACKETS = re.compile(r"\(([^()]*)\)")
# Multi-word names of a kind of institution, written one way before single words are read.
_PHRASES = (
    ("technische universitat", "tu"),
    ("technische universitaet", "tu"),
    ("technical university", "tu"),
    ("university of technology", "tu"),
    ("degli studi", ""),
)


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as one string (easier to read and extend)."""
    return frozenset(text.split())


_UNIVERSITY = _words(
    "university universitat universitaet universite universita universidad universidade"
    " universiteit universitet universitetet uniwersytet univerzita univerza universitatea"
    " yliopisto egyetem univ uni"
)
_STOPWORDS = _words(
    "the of de di da do del della delle dei der die das des du la le les l d in at and und"
    " et y e i for fur voor van den zu im am a"
)


def name_key(name: str) -> str:
    """The matching form of an institution name: folded, brackets, legal form, filler words
    and word order aside, "university" in any language written ``univ``.

    >>> name_key("The Universität Musterstadt gGmbH (Priv. FH)")
    'musterstadt univ'
    """
    words = f" {term_key(_BRACKETS.sub(' ', name))} "
    for phrase, replacement in _PHRASES:
        words = words.replace(f" {phrase} ", f" {replacement} ")
    words = strip_legal_forms(words)
    tokens = ["univ" if word in _UNIVERSITY else word for word in words.split()]
    return " ".join(sorted(word for word in tokens if word not in _STOPWORDS))


def near_exact(a: str, b: str) -> bool:
    """Whether two name keys differ by one typo in one long word, and in nothing else.

    Measured on the ETER list, a whole-string similarity is not enough: distinct institutions
    often differ in one place name only ("Hochschule Augsburg" / "Hamburg", "Brandenburg" /
    "Neubrandenburg" score 94-96), so the words must be the same but for one, and that one
    may differ by a single edit (or swap) only.
    """
    if a == b:
        return True
    only_a = Counter(a.split()) - Counter(b.split())
    only_b = Counter(b.split()) - Counter(a.split())
    if sum(only_a.values()) != 1 or sum(only_b.values()) != 1:
        return False
    word_a, word_b = next(iter(only_a)), next(iter(only_b))
    return min(len(word_a), len(word_b)) >= TYPO_MIN_LENGTH and OSA.distance(word_a, word_b) <= 1


def compact(text: str) -> str:
    """An acronym's matching form: ``"TU Wien"`` -> ``"tuwien"``."""
    return term_key(text).replace(" ", "")


def bracketed_acronyms(name: str) -> list[str]:
    """Acronyms a name gives in brackets: ``"… Technologie (KIT)"`` -> ``["kit"]``."""
    return [compact(inner) for inner in _BRACKETS.findall(name) if inner.strip().isupper()]


_SECOND_LEVEL = _words("ac co com edu gov gv org net or ne sch nhs ltd plc")


def web_host(url: str | None) -> str | None:
    """The host of a website, without ``www.``: ``"http://www.univie.ac.at/x"`` ->
    ``"univie.ac.at"``."""
    if not url or url.strip().casefold() in _MISSING:
        return None
    text = url.split()[0]  # ETER has "www.a.edu.tr / www.b.edu.tr"
    try:
        host = urlsplit(text if "//" in text else f"//{text}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return re.sub(r"^www\d*\.", "", host.rstrip(".").lower())


# Path segments that lead to a home page, not to a part of a site: "/en/", "/index.php",
# "/english", "/site/". Any other first segment makes the website a sub-site ("/espe" of a
# university's host, "/site/aenmak" on sites.google.com).
_HOME_SEGMENTS = _words(
    "english engl eng enversion inenglish in-english in_english international home index"
    " startsida startseite frontpage accueil portal site sites web cms content public main"
    " pages sider sivut page default university"
)


def web_site(url: str | None) -> str | None:
    """A website as host plus the first path segment that names a part of the site, if any:
    ``"http://www.univ-orleans.fr/espe"`` -> ``"univ-orleans.fr/espe"``; ``"http://www.uio.no/
    english/"`` -> ``"uio.no"``."""
    host = web_host(url)
    if host is None or url is None:
        return None
    text = url.split()[0]
    path = urlsplit(text if "//" in text else f"//{text}").path
    for segment in path.lower().split("/"):
        if not segment or len(segment) <= 3 or segment in _HOME_SEGMENTS:
            continue
        if any(char in segment for char in ".?=#"):
            break  # a page of the home site ("index.html", "default.aspx")
        return f"{host}/{segment}"
    return host


def registrable_host(host: str) -> str:
    """The registered domain of a host: ``"moodle.uni-graz.at"`` -> ``"uni-graz.at"``,
    ``"www.ucl.ac.uk"`` -> ``"ucl.ac.uk"`` (a country's ``ac``, ``co``, … second level kept)."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _value(row: dict[str, str], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return None if value.casefold() in _MISSING else value


# --- the lists ------------------------------------------------------------------------------


@dataclass
class ProviderReference:
    """The reference lists and their indexes; build with :meth:`from_folder`.

    Attributes:
        institutions: ETER institutions.
        agencies: EQAR-registered agencies.
        ehea_members: ISO alpha-2 codes of EHEA member countries; None when no countries
            file was given (then every country counts).
        deqar_ids_given: the institutions file has a ``deqar_id`` column; only institutions
            with a DEQAR id then count as "in DEQAR".
    """

    institutions: list[Institution]
    agencies: list[Agency] = field(default_factory=list)
    ehea_members: frozenset[str] | None = None
    deqar_ids_given: bool = False
    _by_host: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _by_domain: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _by_name: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _by_acronym: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _choices: dict[str, tuple[list[str], list[int]]] = field(default_factory=dict, repr=False)
    _agency_by_acronym: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _agency_by_name: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _found: dict[tuple[Any, ...], ReferenceMatch | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_host: dict[str, set[int]] = defaultdict(set)
        by_domain: dict[str, set[int]] = defaultdict(set)
        by_name: dict[str, set[int]] = defaultdict(set)
        by_acronym: dict[str, set[int]] = defaultdict(set)
        # Name keys for near-exact matching, per country ("" for institutions without one)
        # and all together ("*").
        keys: dict[str, set[tuple[str, int]]] = defaultdict(set)
        for index, institution in enumerate(self.institutions):
            site = web_site(institution.website)
            if site:
                by_host[site].add(index)
                if "/" not in site:
                    # A sub-site does not speak for the whole host or domain.
                    by_domain[registrable_host(site)].add(index)
            for name in (institution.name, institution.name_english):
                key = name_key(name) if name else ""
                if key:
                    by_name[key].add(index)
                    keys[institution.country or ""].add((key, index))
                    keys["*"].add((key, index))
            if institution.acronym and len(compact(institution.acronym)) >= 2:
                by_acronym[compact(institution.acronym)].add(index)
        self._by_host, self._by_domain = dict(by_host), dict(by_domain)
        self._by_name, self._by_acronym = dict(by_name), dict(by_acronym)
        # The choices of a provider in a country: that country's institutions and those
        # without one (which may match a provider in any); of a provider without one: all.
        self._choices = {}
        anywhere = keys.get("", set())
        for country, own in keys.items():
            pairs = sorted(own if country in ("", "*") else own | anywhere)
            self._choices[country] = ([key for key, _ in pairs], [index for _, index in pairs])
        by_agency_acronym: dict[str, set[int]] = defaultdict(set)
        by_agency_name: dict[str, set[int]] = defaultdict(set)
        for index, agency in enumerate(self.agencies):
            by_agency_acronym[compact(agency.acronym)].add(index)
            by_agency_name[name_key(agency.name)].add(index)
        self._agency_by_acronym, self._agency_by_name = (
            dict(by_agency_acronym),
            dict(by_agency_name),
        )

    @classmethod
    def from_folder(cls, folder: str | Path) -> ProviderReference:
        """Read the lists from ``folder`` (see the module docstring for the files).

        Raises:
            ReferenceListError: no folder, no institutions file, a file matched twice, or a
                required column missing.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise ReferenceListError(f"reference folder {folder} does not exist")
        institutions_file = _one_file(folder, INSTITUTIONS_FILE, required=True)
        assert institutions_file is not None
        countries_file = _one_file(folder, COUNTRIES_FILE)
        agencies_file = _one_file(folder, AGENCIES_FILE)
        country_of_pk: dict[str, str] = {}
        ehea: frozenset[str] | None = None
        if countries_file:
            rows = _read(countries_file, ("pk", "iso_3166_alpha2", "ehea_is_member"))
            members = set()
            for row in rows:
                code = (row["iso_3166_alpha2"] or "").strip().upper()
                country_of_pk[row["pk"].strip()] = code
                if (row["ehea_is_member"] or "").strip().casefold() == "true":
                    members.add(code)
            ehea = frozenset(members)
        rows = _read(institutions_file, ("eter_id", "name", "country"))
        deqar_ids_given = "deqar_id" in (rows[0] if rows else {})
        institutions = []
        for row in rows:
            eter_id, name = _value(row, "eter_id"), _value(row, "name")
            if not eter_id or not name:
                continue
            institutions.append(
                Institution(
                    eter_id=eter_id,
                    name=name,
                    name_english=_value(row, "name_english"),
                    acronym=_value(row, "acronym"),
                    # ETER writes Greece EL and the United Kingdom UK (EU codes).
                    country=country_code(_value(row, "country")),
                    website=_value(row, "website"),
                    deqar_id=_value(row, "deqar_id"),
                )
            )
        agencies = []
        if agencies_file:
            for row in _read(agencies_file, ("deqar_id", "acronym_primary", "name_primary")):
                deqar_id, acronym = _value(row, "deqar_id"), _value(row, "acronym_primary")
                if deqar_id and acronym:
                    agencies.append(
                        Agency(
                            deqar_id=deqar_id,
                            acronym=acronym,
                            name=_value(row, "name_primary") or acronym,
                            country=country_of_pk.get((row.get("country") or "").strip()),
                            website=_value(row, "website_link"),
                        )
                    )
        return cls(institutions, agencies, ehea, deqar_ids_given)

    # -- institutions ------------------------------------------------------------------------

    def match(self, provider: Organisation) -> Institution | None:
        """The institution ``provider`` is, or None when the evidence is missing or unclear."""
        found = self.find(provider)
        return found.institution if found else None

    def find(self, provider: Organisation) -> ReferenceMatch | None:
        """Like :meth:`match`, saying which evidence matched."""
        # A feed names its few providers in thousands of records: match each once (names
        # of a usual length only, as payloads are untrusted; see ``vocab.remembered``).
        memo = (
            tuple(provider.name.values()),
            provider.country,
            provider.identifiers.get("website"),
        )
        if sum(len(name) for name in memo[0]) > REMEMBERED_LONGEST:
            return self._find(provider)
        if memo not in self._found:
            if len(self._found) >= MEMO_SIZE:
                self._found.clear()
            self._found[memo] = self._find(provider)
        return self._found[memo]

    def _find(self, provider: Organisation) -> ReferenceMatch | None:
        country = provider.country
        by_host = self._by_website(provider, country)
        by_name = self._by_names(list(provider.name.values()), country)
        if by_host is not None and by_name is not None and by_host != by_name[0]:
            return None  # the website and the name point at different institutions
        if by_host is not None:
            return ReferenceMatch(self.institutions[by_host], "website")
        if by_name is not None:
            return ReferenceMatch(self.institutions[by_name[0]], by_name[1])
        return None

    def in_deqar(self, institution: Institution) -> bool:
        """Whether the institution counts as listed in DEQAR (external QA in line with the
        ESG): in an EHEA country and, when the list gives DEQAR ids, with one."""
        if self.deqar_ids_given and not institution.deqar_id:
            return False
        if self.ehea_members is not None:
            return institution.country in self.ehea_members
        return True

    def _agreeing(self, candidates: Iterable[int], country: str | None) -> set[int]:
        return {
            index
            for index in candidates
            if not country
            or not self.institutions[index].country
            or self.institutions[index].country == country
        }

    def _by_website(self, provider: Organisation, country: str | None) -> int | None:
        website = provider.identifiers.get("website")
        site, host = web_site(website), web_host(website)
        if not site or not host:
            return None
        if site != host and site in self._by_host:
            agreeing = self._agreeing(self._by_host[site], country)
            return next(iter(agreeing)) if len(agreeing) == 1 else None
        # The host itself or a parent up to the registered domain ("moodle.uni.lodz.pl" is
        # "uni.lodz.pl"), else the one institution under that registered domain, if only one.
        domain = registrable_host(host)
        labels = host.split(".")
        parents = [".".join(labels[i:]) for i in range(len(labels) - domain.count("."))]
        candidates = next((self._by_host[h] for h in parents if h in self._by_host), None)
        if candidates is None:
            candidates = self._by_domain.get(domain, set())
        agreeing = self._agreeing(candidates, country)
        return next(iter(agreeing)) if len(agreeing) == 1 else None

    def _by_names(self, names: list[str], country: str | None) -> tuple[int, str] | None:
        keys = [key for key in dict.fromkeys(name_key(name) for name in names) if key]
        exact: set[int] = set()
        for key in keys:
            exact |= self._agreeing(self._by_name.get(key, ()), country)
        if exact:
            return (next(iter(exact)), "name") if len(exact) == 1 else None
        if country:
            acronyms = {compact(name) for name in names}
            acronyms |= {acronym for name in names for acronym in bracketed_acronyms(name)}
            found: set[int] = set()
            for acronym in acronyms:
                # An acronym is short and reused across countries: only within the country.
                found |= {
                    index
                    for index in self._by_acronym.get(acronym, ())
                    if self.institutions[index].country == country
                }
            if found:
                return (next(iter(found)), "acronym") if len(found) == 1 else None
        similar = {index for key in keys if (index := self._similar(key, country)) is not None}
        return (similar.pop(), "similar name") if len(similar) == 1 else None

    def _similar(self, key: str, country: str | None) -> int | None:
        """The one institution whose name key is near-exactly ``key``, if there is one."""
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        choices, indexes = self._choices.get(country or "*") or self._choices.get("", ([], []))
        scored = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        )
        found = {indexes[i] for choice, _, i in scored if near_exact(key, choice)}
        return found.pop() if len(found) == 1 else None

    # -- agencies ----------------------------------------------------------------------------

    def match_agency(self, body: str | None) -> Agency | None:
        """The EQAR-registered agency a QA body names (acronym or name), or None."""
        if not body:
            return None
        candidates: set[int] = set()
        for acronym in {compact(body), *bracketed_acronyms(body)}:
            candidates |= self._agency_by_acronym.get(acronym, set())
        candidates |= self._agency_by_name.get(name_key(body), set())
        if not candidates:
            key = name_key(body)
            if len(key) >= FUZZY_MIN_LENGTH:
                for name in self._agency_by_name:
                    if near_exact(key, name):
                        candidates |= self._agency_by_name[name]
        return self.agencies[next(iter(candidates))] if len(candidates) == 1 else None


def _one_file(folder: Path, pattern: str, *, required: bool = False) -> Path | None:
    found = sorted(folder.glob(pattern))
    if len(found) > 1:
        names = ", ".join(path.name for path in found)
        raise ReferenceListError(f"{folder}: several files match {pattern}: {names}")
    if not found and required:
        raise ReferenceListError(f"{folder}: no file matches {pattern}")
    return found[0] if found else None


def _read(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceListError(f"{path}: missing column(s) {', '.join(missing)}")
        return list(reader)


# --- enrichment -----------------------------------------------------------------------------

_UNSTATED_QA = (None, QaType.NONE_STATED.value)


def enrich(record: Record, reference: ProviderReference) -> Record:
    """Fill what the reference lists know and the record does not say (in place).

    The provider and each awarding body get their country, ETER id, DEQAR id and website when
    missing (listed in the organisation's ``derived``). A provider that is an institution in
    DEQAR gives a record that states no QA type the type ``external-institutional``
    (``type_derived``). A QA body that names an EQAR-registered agency gets its DEQAR id.
    Nothing the record states is replaced; an organisation whose stated ETER id differs from
    the match is left alone. The derived elements (transparency) are computed again when
    anything was filled.
    """
    institution, changed = (
        _enrich_organisation(record.provider, reference) if record.provider else (None, False)
    )
    for body in record.awarding_bodies:
        changed = _enrich_organisation(body, reference)[1] or changed
    quality = record.quality_assurance
    if institution is not None and quality.type in _UNSTATED_QA and reference.in_deqar(institution):
        quality.type = QaType.EXTERNAL_INSTITUTIONAL
        quality.type_derived = changed = True
    if quality.body and quality.body_deqar_id is None:
        agency = reference.match_agency(quality.body)
        if agency is not None:
            quality.body_deqar_id = agency.deqar_id
            changed = True
    return finalise(record) if changed else record


def _enrich_organisation(
    organisation: Organisation, reference: ProviderReference
) -> tuple[Institution | None, bool]:
    """The institution ``organisation`` is, and whether anything was filled from it."""
    institution = reference.match(organisation)
    if institution is None:
        return None, False
    stated = organisation.identifiers.get("eter")
    if stated and stated.strip().upper() != institution.eter_id.upper():
        return None, False  # the record names another institution
    filled = []
    if not organisation.country and institution.country:
        organisation.country = institution.country
        filled.append("country")
    for scheme, value in (
        ("eter", institution.eter_id),
        ("deqar", institution.deqar_id),
        ("website", institution.website),
    ):
        if value and not organisation.identifiers.get(scheme):
            organisation.identifiers[scheme] = value
            filled.append(f"identifiers.{scheme}")
    organisation.derived = [
        *organisation.derived,
        *(f for f in filled if f not in organisation.derived),
    ]
    return institution, bool(filled)
