"""Build the vocabulary data files of ``mappings/vocab`` from the shared reference data.

Run from the repository root::

    python -m mappings.vocab.build [--reference ../shared/data/reference]

The outputs are committed; the loader (``mappings.vocab``) only reads them. Lists that are
public facts but have no clean machine-readable source here (QF-EHEA cycles, mode words, ISO
639-2/T codes, the EU's own country codes) are written out below, next to the code that
emits them, so that each vocabulary has one obvious place.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parents[1] / ".." / "shared" / "data" / "reference"

ELM_CSV = Path("elm-vocabularies/DERIVED_csv")
ISO_3166_CSV = Path("iso-3166/all.csv")
ISO_3166_LICENCE = Path("iso-3166/LICENSE.md")
DEQAR_LANGUAGES = Path("deqar-eter/fixtures_head/lists_fixtures_language.yaml")

ELM_SOURCE = (
    "european-commission-empl/European-Learning-Model @ 9d7c5d22002237c3afeb1750b7038e6fe2cdd371"
    " : xsd/loq/cv/*.xsd (flattened to CSV in ../shared/data/reference/elm-vocabularies)"
)
ISO_3166_SOURCE = (
    "lukes/ISO-3166-Countries-with-Regional-Codes @ 145f1ad3caff212ed25f42b0ee2c8b92a75af895"
    " : all/all.csv"
)
DEQAR_SOURCE = (
    "EQAR/eqar_backend @ 0e1cc0cb4cae5a530479542fc0e990ff60a33ff2"
    " : lists/fixtures/language.yaml (only the ISO 639 codes and English names are taken)"
)

# --- written-out vocabularies ------------------------------------------------------------

QF_EHEA = [
    # code, label, EQF level the cycle corresponds to (QF-EHEA / EQF compatibility).
    ("short", "Short cycle", 5),
    ("first", "First cycle (bachelor)", 6),
    ("second", "Second cycle (master)", 7),
    ("third", "Third cycle (doctorate)", 8),
]

QA_TYPES = [
    ("external-institutional", "External quality assurance of the provider (ESG)"),
    ("external-programme", "External accreditation or evaluation of the programme"),
    ("internal", "Internal quality assurance only"),
    ("none-stated", "No quality assurance stated"),
]

TRANSPARENCY = [
    ("green", "Green", "All nine Annex I elements are given."),
    (
        "amber",
        "Amber",
        "Title, awarding body and country, and at least three other Annex I elements.",
    ),
    ("red", "Red", "Fewer elements than amber."),
]

# Words that mean a form of participation, by language. Matched (after case- and
# accent-folding) at the start of a word, so "Präsenz" also finds "Präsenzstudium".
MODES: dict[str, dict[str, Any]] = {
    "online": {
        "label": "Online",
        "uris": ["http://data.europa.eu/snb/learning-assessment/920fbb3cbe"],
        "words": {
            "en": [
                "online",
                "on-line",
                "e-learning",
                "elearning",
                "distance",
                "remote",
                "virtual",
                "web-based",
                "mooc",
                "self-study online",
            ],
            "de": ["Fernstudium", "Fernunterricht", "Fernlehre", "digital", "virtuell"],
            "fr": ["en ligne", "à distance", "distanciel", "formation ouverte et à distance"],
            "nl": ["afstandsonderwijs", "afstandsleren", "op afstand", "digitaal"],
            "es": ["en línea", "a distancia", "virtual", "no presencial"],
            "it": ["a distanza", "in linea", "telematic"],
            "pt": ["a distância", "em linha", "ensino à distância"],
            "pl": ["zdaln", "na odległość", "internetow"],
            "fi": ["verkko", "etäopetus", "etäopiskelu", "etänä"],
            "sv": ["distans", "på nätet", "nätbaserad"],
            "da": ["fjernundervisning"],
            "no": ["nettbasert", "fjernundervisning"],
            "cs": ["distanční", "dálkov"],
            "sk": ["dištančn"],
            "hu": ["távoktatás"],
            "ro": ["la distanță"],
            "sl": ["na daljavo"],
            "hr": ["na daljinu"],
            "el": ["εξ αποστάσεως", "διαδικτυακ"],
        },
    },
    "onsite": {
        "label": "On site",
        "uris": ["http://data.europa.eu/snb/learning-assessment/9191af2ed9"],
        "words": {
            "en": [
                "onsite",
                "on-site",
                "on site",
                "on campus",
                "on-campus",
                "in person",
                "in-person",
                "face-to-face",
                "face to face",
                "classroom",
                "presential",
                "residential",
                "attendance-based",
            ],
            "de": ["Präsenz", "vor Ort"],
            "fr": ["présentiel", "en présence", "sur site", "sur place"],
            "nl": ["op locatie", "op de campus", "contactonderwijs", "fysiek"],
            "es": ["presencial"],
            "it": ["in presenza", "presenziale"],
            "pt": ["presencial"],
            "pl": ["stacjonarn"],
            "fi": ["lähiopetus", "lähiopiskelu", "kampuksella"],
            "sv": ["på plats", "campus"],
            "da": ["fremmøde", "tilstedeværelse"],
            "cs": ["prezenční"],
            "sk": ["prezenčn"],
            "hu": ["jelenléti"],
            "ro": ["cu frecvență", "față în față"],
            "sl": ["v živo"],
            "hr": ["uživo"],
            "el": ["δια ζώσης"],
        },
    },
    "blended": {
        "label": "Blended",
        "uris": ["http://data.europa.eu/snb/learning-assessment/e92d221e4d"],
        "words": {
            "en": ["blended", "hybrid", "mixed mode", "mixed-mode", "partly online"],
            "de": ["gemischt", "hybrid", "Blended Learning"],
            "fr": ["hybride", "mixte", "comodal"],
            "nl": ["hybride", "gemengd"],
            "es": ["semipresencial", "híbrid", "mixta", "b-learning"],
            "it": ["misto", "mista", "ibrid", "blended"],
            "pt": ["semipresencial", "híbrid", "b-learning", "misto"],
            "pl": ["hybrydow", "mieszan"],
            "fi": ["monimuoto", "hybridi"],
            "sv": ["blandat", "hybrid"],
            "cs": ["kombinovan"],
            "sk": ["kombinovan"],
            "hu": ["vegyes"],
            "el": ["μικτ", "υβριδικ"],
        },
    },
}

SCHEDULES: dict[str, dict[str, Any]] = {
    "full-time": {
        "label": "Full time",
        "uris": ["http://data.europa.eu/snb/learning-schedule/72a0ab92fa"],
        "words": {
            "en": ["full-time", "full time", "fulltime"],
            "de": ["Vollzeit"],
            "fr": ["temps plein"],
            "nl": ["voltijd"],
            "es": ["tiempo completo"],
            "it": ["tempo pieno"],
            "pt": ["tempo integral", "tempo inteiro"],
        },
    },
    "part-time": {
        "label": "Part time",
        "uris": [
            "http://data.europa.eu/snb/learning-schedule/67395e6b5a",
            "http://data.europa.eu/snb/learning-schedule/f230bae523",
        ],
        "words": {
            "en": ["part-time", "part time", "parttime", "evenings", "weekends"],
            "de": ["Teilzeit", "berufsbegleitend"],
            "fr": ["temps partiel"],
            "nl": ["deeltijd"],
            "es": ["tiempo parcial"],
            "it": ["tempo parziale", "part time"],
            "pt": ["tempo parcial"],
        },
    },
    "self-paced": {
        "label": "Self-paced",
        "uris": [],
        "words": {
            "en": ["self-paced", "self paced", "on demand", "on-demand", "at your own pace"],
            "de": ["im eigenen Tempo", "selbstgesteuert"],
            "fr": ["à votre rythme", "à son rythme"],
            "nl": ["in eigen tempo"],
            "es": ["a tu ritmo", "a su ritmo"],
        },
    },
}

# DEQAR's assessment types for micro-credentials; the Europass assessment types (ELM) are
# all assessment-based except "level of attendance".
ASSESSMENT: dict[str, dict[str, Any]] = {
    "attendance": {
        "label": "Attendance certificate",
        "uris": ["http://data.europa.eu/snb/assessment/7331eb4762"],
        "words": {
            "en": ["attendance", "participation certificate", "certificate of participation"],
            "de": ["Teilnahmebescheinigung", "Teilnahmebestätigung", "Teilnahmezertifikat"],
            "fr": ["attestation de présence", "attestation de participation"],
            "nl": ["bewijs van deelname", "deelnamecertificaat", "certificaat van deelname"],
            "es": ["certificado de asistencia", "certificado de participación"],
            "it": ["attestato di partecipazione", "attestato di frequenza"],
        },
    },
    "assessment": {
        "label": "Assessment-based certificate",
        "uris": [],  # filled from the Europass assessment types below
        "words": {
            "en": [
                "assessment",
                "exam",
                "examination",
                "test",
                "quiz",
                "graded",
                "assignment",
                "portfolio",
                "project work",
                "peer review",
            ],
            "de": ["Prüfung", "Klausur", "Leistungsnachweis", "benotet"],
            "fr": ["examen", "évaluation", "contrôle continu"],
            "nl": ["toets", "tentamen", "examen", "beoordeling"],
            "es": ["examen", "evaluación"],
            "it": ["esame", "valutazione", "verifica"],
        },
    },
    "none": {
        "label": "No assessment and no certificate",
        "uris": [],
        "words": {
            "en": ["no assessment", "not assessed", "without assessment", "no certificate"],
            "de": ["keine Prüfung", "ohne Prüfung"],
            "fr": ["sans évaluation", "sans examen"],
            "nl": ["geen toets", "zonder toets"],
        },
    },
}

# ISO 639-2 has two three-letter codes for twenty languages: the bibliographic one (which the
# DEQAR list carries) and the terminology one (which most locales and ISO 639-3 use).
ISO_639_2_TERMINOLOGY = {
    "alb": "sqi",
    "arm": "hye",
    "baq": "eus",
    "bur": "mya",
    "chi": "zho",
    "cze": "ces",
    "dut": "nld",
    "fre": "fra",
    "geo": "kat",
    "ger": "deu",
    "gre": "ell",
    "ice": "isl",
    "mac": "mkd",
    "mao": "mri",
    "may": "msa",
    "per": "fas",
    "rum": "ron",
    "slo": "slk",
    "tib": "bod",
    "wel": "cym",
}

# Display names where the ISO reference name is a list or carries a qualifier, and repairs
# of names that reached the source mis-encoded.
LANGUAGE_NAMES = {
    "el": "Greek",
    "nb": "Norwegian Bokmål",
    "nn": "Norwegian Nynorsk",
    "oc": "Occitan",
    "ia": "Interlingua",
    "nd": "North Ndebele",
    "nr": "South Ndebele",
    "st": "Southern Sotho",
    "to": "Tongan",
}

# Names of the languages of Europe in themselves, so "Deutsch" or "français" resolve.
LANGUAGE_ENDONYMS = {
    "bg": ["български"],
    "ca": ["català"],
    "cs": ["čeština", "česky"],
    "cy": ["Cymraeg"],
    "da": ["dansk"],
    "de": ["Deutsch"],
    "el": ["ελληνικά", "Modern Greek"],
    "es": ["español", "castellano"],
    "et": ["eesti", "eesti keel"],
    "eu": ["euskara"],
    "fi": ["suomi"],
    "fr": ["français", "francais"],
    "ga": ["Gaeilge"],
    "gl": ["galego"],
    "hr": ["hrvatski"],
    "hu": ["magyar"],
    "is": ["íslenska"],
    "it": ["italiano"],
    "lb": ["Lëtzebuergesch"],
    "lt": ["lietuvių"],
    "lv": ["latviešu"],
    "mk": ["македонски"],
    "mt": ["Malti"],
    "nl": ["Nederlands", "Vlaams"],
    "no": ["norsk"],
    "pl": ["polski"],
    "pt": ["português", "portugues"],
    "ro": ["română", "romana"],
    "ru": ["русский"],
    "sk": ["slovenčina"],
    "sl": ["slovenščina"],
    "sq": ["shqip"],
    "sr": ["српски", "srpski"],
    "sv": ["svenska"],
    "tr": ["Türkçe"],
    "uk": ["українська"],
}

# Country names and codes met in feeds besides ISO's: the EU's own codes (EL, UK, and the
# EU authority table's 1A0 for Kosovo), common English short names and the names of the
# countries of the EHEA in their own languages.
COUNTRY_ALIASES = {
    "AD": ["Andorra"],
    "AL": ["Shqipëria"],
    "AM": ["Հայաստան"],
    "AT": ["Österreich"],
    "AZ": ["Azərbaycan"],
    "BA": ["Bosna i Hercegovina"],
    "BE": ["België", "Belgique", "Belgien"],
    "BG": ["България"],
    "BY": ["Беларусь"],
    "CH": ["Schweiz", "Suisse", "Svizzera", "Switzerland"],
    "CY": ["Κύπρος", "Kıbrıs"],
    "CZ": ["Czech Republic", "Česko", "Česká republika"],
    "DE": ["Deutschland"],
    "DK": ["Danmark"],
    "EE": ["Eesti"],
    "ES": ["España"],
    "FI": ["Suomi"],
    "GB": ["UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "GE": ["საქართველო"],
    "GR": ["EL", "Ελλάδα", "Hellas"],
    "HR": ["Hrvatska"],
    "HU": ["Magyarország"],
    "IE": ["Éire"],
    "IS": ["Ísland"],
    "IT": ["Italia"],
    "KZ": ["Қазақстан"],
    "LI": ["Liechtenstein"],
    "LT": ["Lietuva"],
    "LU": ["Lëtzebuerg", "Luxemburg"],
    "LV": ["Latvija"],
    "MD": ["Republica Moldova"],
    "ME": ["Crna Gora"],
    "MK": ["North Macedonia", "Северна Македонија"],
    "MT": ["Malta"],
    "NL": ["The Netherlands", "Nederland", "Holland"],
    "NO": ["Norge", "Noreg"],
    "PL": ["Polska"],
    "PT": ["Portugal"],
    "RO": ["România"],
    "RS": ["Srbija", "Србија"],
    "RU": ["Россия"],
    "SE": ["Sverige"],
    "SI": ["Slovenija"],
    "SK": ["Slovensko", "Slovak Republic"],
    "SM": ["San Marino"],
    "TR": ["Turkey", "Türkiye"],
    "UA": ["Україна"],
    "US": ["USA", "United States"],
    "VA": ["Vatican", "Holy See"],
    "XK": ["1A0"],
}

# Kosovo has no ISO 3166 code; the EU, Erasmus+ and ETER use the user-assigned XK / XKX.
EXTRA_COUNTRIES = [("XK", "XKX", "Kosovo")]


# --- builders ----------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _join(values: Iterable[str]) -> str:
    unique: list[str] = []
    for value in values:
        if value and value not in unique:
            unique.append(value)
    return "|".join(unique)


def build_isced(reference: Path, out: Path) -> None:
    rows = _read_csv(reference / ELM_CSV / "isced-f.csv")
    rows.sort(key=lambda row: row["code"])
    _write_csv(
        out / "isced_f.csv",
        ("code", "level", "label"),
        ((row["code"], row["level"], row["label"]) for row in rows),
    )


def build_eqf(reference: Path, out: Path) -> None:
    rows = _read_csv(reference / ELM_CSV / "eqf.csv")
    _write_csv(
        out / "eqf.csv",
        ("code", "label", "uri"),
        ((row["code"], f"EQF {row['code']}", row["uri"]) for row in rows),
    )


def build_countries(reference: Path, out: Path) -> None:
    eu_labels = {
        row["code"]: row["label"] for row in _read_csv(reference / ELM_CSV / "country.csv")
    }
    rows = []
    for row in _read_csv(reference / ISO_3166_CSV):
        alpha2, alpha3, name = row["alpha-2"], row["alpha-3"], row["name"]
        label = eu_labels.get(alpha3, name).replace("’", "'")
        rows.append((alpha2, alpha3, name, label, _join([label, *COUNTRY_ALIASES.get(alpha2, [])])))
    for alpha2, alpha3, name in EXTRA_COUNTRIES:
        rows.append((alpha2, alpha3, name, name, _join(COUNTRY_ALIASES.get(alpha2, []))))
    rows.sort()
    _write_csv(out / "countries.csv", ("alpha2", "alpha3", "name", "label", "aliases"), rows)
    shutil.copyfile(reference / ISO_3166_LICENCE, out / "LICENSE.iso-3166-countries.md")


_YAML_FIELD = re.compile(r"^\s+(language_name_en|iso_639_1|iso_639_2):\s*(.*?)\s*$")


def _read_deqar_languages(path: Path) -> list[dict[str, str]]:
    # The fixture is flat YAML; read it as text so that "no" (Norwegian) stays a string.
    entries: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- model:"):
            entries.append({})
        elif match := _YAML_FIELD.match(line):
            entries[-1][match.group(1)] = match.group(2).strip("'\"")
    return entries


def build_languages(reference: Path, out: Path) -> None:
    rows = []
    for entry in _read_deqar_languages(reference / DEQAR_LANGUAGES):
        code, bibliographic = entry["iso_639_1"], entry["iso_639_2"]
        names = [name.strip() for name in entry["language_name_en"].split(";")]
        names = [name for name in names if "√" not in name]  # mis-encoded in the source
        name = LANGUAGE_NAMES.get(code, names[0] if names else code)
        terminology = ISO_639_2_TERMINOLOGY.get(bibliographic, bibliographic)
        aliases = _join([*names, *LANGUAGE_ENDONYMS.get(code, [])])
        rows.append((code, bibliographic, terminology, name, aliases))
    rows.sort()
    _write_csv(out / "languages.csv", ("code", "alpha3_b", "alpha3_t", "name", "aliases"), rows)


def build_written(reference: Path, out: Path) -> None:
    _write_csv(out / "qf_ehea.csv", ("code", "label", "eqf"), QF_EHEA)
    _write_csv(out / "qa.csv", ("code", "label"), QA_TYPES)
    _write_csv(out / "transparency.csv", ("code", "label", "description"), TRANSPARENCY)
    _write_json(out / "modes.json", MODES)
    _write_json(out / "schedules.json", SCHEDULES)
    assessment = json.loads(json.dumps(ASSESSMENT))
    attendance = set(assessment["attendance"]["uris"])
    assessment["assessment"]["uris"] = [
        row["uri"]
        for row in _read_csv(reference / ELM_CSV / "europass-learning-assessment-types.csv")
        if row["uri"] not in attendance
    ]
    _write_json(out / "assessment.json", assessment)


SOURCES = [
    ("isced_f.csv", "ISCED-F 2013 fields of education and training", ELM_SOURCE, "EUPL-1.2"),
    ("eqf.csv", "European Qualifications Framework levels", ELM_SOURCE, "EUPL-1.2"),
    (
        "countries.csv",
        "ISO 3166-1 countries; short labels from the EU authority table, aliases written out",
        f"{ISO_3166_SOURCE}; labels: {ELM_SOURCE}",
        "CC BY-SA 4.0 (see LICENSE.iso-3166-countries.md); labels EUPL-1.2",
    ),
    (
        "languages.csv",
        "ISO 639-1 languages with ISO 639-2/B and /T codes and English names",
        f"ISO 639 code tables (public facts), read from {DEQAR_SOURCE}; /T codes, display"
        " names and endonyms written out in build.py",
        "ISO 639 codes and names (facts, not copyrightable); no DEQAR text is copied",
    ),
    (
        "qf_ehea.csv",
        "QF-EHEA cycles and their EQF equivalents",
        "Bologna Process QF-EHEA (Bergen 2005); written out in build.py",
        "facts",
    ),
    (
        "qa.csv",
        "Quality assurance types",
        "Microcat DESIGN.md; written out in build.py",
        "EUPL-1.2",
    ),
    (
        "transparency.csv",
        "Transparency traffic light",
        "Microcat DESIGN.md (after MICROBOL / E-evaluate); written out in build.py",
        "EUPL-1.2",
    ),
    (
        "modes.json",
        "Forms of participation and words that mean them in European languages",
        f"written out in build.py; URIs: {ELM_SOURCE} (europass-modes)",
        "EUPL-1.2",
    ),
    (
        "schedules.json",
        "Learning schedules and words that mean them",
        f"written out in build.py; URIs: {ELM_SOURCE} (europass-learning-schedule-types)",
        "EUPL-1.2",
    ),
    (
        "assessment.json",
        "DEQAR micro-credential assessment types, with the Europass assessment type URIs",
        f"DEQAR list of assessment types (names only); URIs: {ELM_SOURCE}"
        " (europass-learning-assessment-types); words written out in build.py",
        "EUPL-1.2",
    ),
]


def build_sources(out: Path) -> None:
    _write_json(
        out / "sources.json",
        [
            {"file": file, "content": content, "source": source, "licence": licence}
            for file, content, source, licence in SOURCES
        ],
    )
    lines = [
        "# Vocabulary data: sources and licences",
        "",
        "Generated by `python -m mappings.vocab.build` from `../shared/data/reference`;",
        "do not edit the CSV/JSON files by hand, edit `build.py` and rebuild.",
        "",
    ]
    for file, content, source, licence in SOURCES:
        lines += [f"## {file}", "", f"- content: {content}", f"- source: {source}"]
        lines += [f"- licence: {licence}", ""]
    (out / "SOURCES.md").write_text("\n".join(lines), encoding="utf-8")


def build(reference: Path, out: Path = HERE) -> None:
    """Write every vocabulary file into ``out``."""
    reference = reference.resolve()
    if not reference.is_dir():
        raise SystemExit(f"reference data not found: {reference}")
    build_isced(reference, out)
    build_eqf(reference, out)
    build_countries(reference, out)
    build_languages(reference, out)
    build_written(reference, out)
    build_sources(out)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    build(args.reference, args.out)


if __name__ == "__main__":
    main()
