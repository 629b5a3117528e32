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


# The national qualifications frameworks of the ELM NQF vocabulary (``nqf.csv``: one URI per
# framework and per level, labelled "<acronym> Level <level>"). The vocabulary names each
# framework but gives neither its country nor the EQF level its levels are referenced to, so
# the country of each acronym is written out here (public facts: the framework's owner). The
# frameworks of Scotland, Wales and England / Northern Ireland are the United Kingdom's (GB),
# the three Belgian communities' Belgium's. Aliases are other names providers write.
NQF_FRAMEWORKS: dict[str, tuple[str, list[str]]] = {
    # vocabulary prefix: (country, aliases)
    "AQF": ("AL", []),  # Albanian Qualifications Framework
    "AT: NQF": ("AT", ["NQR", "AT NQF"]),
    "BH NQF": ("BA", ["BA NQF"]),
    "BQF": ("BG", []),
    "CFC": ("BE", []),  # Cadre francophone des certifications (French Community)
    "CLQ": ("LU", []),  # Cadre luxembourgeois des qualifications
    "CQFW": ("GB", []),  # Wales
    "CROQF": ("HR", ["HKO"]),
    "CyQF": ("CY", []),
    "DK NQF": ("DK", []),
    "DQR": ("DE", []),
    "EstQF": ("EE", []),
    "FQF": ("BE", ["VKS"]),  # Flemish Qualifications Framework
    "FiNQF": ("FI", []),
    "HQF": ("GR", []),  # Hellenic
    "HuQF": ("HU", ["MKKR"]),
    "IE NQF": ("IE", ["NFQ"]),
    "ISQF": ("IS", []),
    "IT NQF": ("IT", []),
    "KS NQF": ("XK", ["XK NQF"]),
    "LQF": ("LV", []),  # Latvian
    "LTQF": ("LT", []),
    "ME NQF": ("ME", []),
    "MECU": ("ES", []),  # Marco Español de Cualificaciones
    "MQF": ("MT", []),
    "NKR": ("NO", []),  # Norway
    "NLQF": ("NL", []),
    "NNMQF": ("MK", []),  # North Macedonia
    "NQF RNCP": ("FR", ["RNCP"]),
    "NQF VPET": ("CH", []),  # Swiss vocational and professional education and training
    "NQFL": ("LI", []),
    "NQFS": ("RS", []),
    "NSK": ("CZ", []),
    "PQF": ("PL", ["PRK"]),
    "QDG": ("BE", []),  # German-speaking Community of Belgium
    "QNQ": ("PT", []),
    "ROQF": ("RO", ["CNC"]),
    "RQF": ("GB", []),  # England and Northern Ireland
    "SCQF": ("GB", []),  # Scotland
    "SKKR": ("SK", []),
    "SQF": ("SI", ["SOK"]),  # Slovenian
    "SeQF": ("SE", []),
    "TQF": ("TR", []),
}

_NQF_LEVEL_LABEL = re.compile(r"^(?P<prefix>.+?)\s+(?P<level>(?:Level|Entry)\b.*)$")


def nqf_level_text(written: str) -> str:
    """The level of a vocabulary label as the framework writes it: ``"Level 6"`` -> ``"6"``,
    ``"Entry Levels 1-2"`` -> ``"Entry 1-2"``, ``"Level 5 A"`` -> ``"5 A"``."""
    return " ".join(word for word in written.split() if word not in ("Level", "Levels"))


# ISCED 2011 levels of education (UNESCO Institute for Statistics): code and English name.
ISCED_2011 = [
    (0, "Early childhood education"),
    (1, "Primary education"),
    (2, "Lower secondary education"),
    (3, "Upper secondary education"),
    (4, "Post-secondary non-tertiary education"),
    (5, "Short-cycle tertiary education"),
    (6, "Bachelor's or equivalent level"),
    (7, "Master's or equivalent level"),
    (8, "Doctoral or equivalent level"),
]

# Names of ISCED-F 2013 fields in the major European languages, besides the English labels
# of the ELM vocabulary (which has English only): the usual names of subjects and degree
# fields that fall wholly inside one field (ISCED-F 2013 detailed field descriptions). A name
# that spans fields ("Design", "Geography", "Wirtschaftswissenschaften") or that is also a
# language or a generic word ("English", "IT", "Film") is left out on purpose: a wrong
# subject filter misleads learners, a missing one only leaves a keyword.
ISCED_F_TERMS: dict[str, dict[str, list[str]]] = {
    "011": {
        "en": ["teacher training", "teacher education"],
        "de": ["Lehrerbildung", "Lehramt", "Lehrerausbildung"],
        "fr": ["formation des enseignants"],
        "nl": ["lerarenopleiding"],
        "es": ["formación del profesorado"],
        "it": ["formazione degli insegnanti"],
    },
    "0111": {
        "en": ["educational science", "educational sciences", "pedagogy"],
        "de": ["Erziehungswissenschaft", "Erziehungswissenschaften", "Pädagogik"],
        "fr": ["sciences de l'éducation", "pédagogie"],
        "nl": ["pedagogiek", "onderwijskunde", "pedagogische wetenschappen"],
        "es": ["pedagogía", "ciencias de la educación"],
        "it": ["pedagogia", "scienze dell'educazione", "scienze della formazione"],
        "pt": ["ciências da educação"],
        "pl": ["pedagogika"],
        "fi": ["kasvatustiede"],
    },
    "0112": {
        "en": ["early childhood education and care"],
        "de": ["Frühpädagogik", "Kindheitspädagogik"],
        "fr": ["éducation de la petite enfance"],
    },
    "021": {
        "en": ["art", "arts"],
        "de": ["Kunst", "Künste"],
        "fr": ["arts"],
        "nl": ["kunst", "kunsten"],
        "es": ["artes"],
        "it": ["arti"],
    },
    "0211": {
        "en": ["media production", "photography", "film production"],
        "de": ["Medienproduktion", "Mediengestaltung", "Fotografie", "Filmproduktion"],
        "fr": ["photographie", "production audiovisuelle"],
        "nl": ["fotografie", "mediaproductie"],
        "es": ["fotografía", "producción audiovisual"],
        "it": ["fotografia"],
    },
    "0212": {
        "en": ["fashion design", "interior design", "industrial design", "product design"],
        "de": ["Modedesign", "Innenarchitektur", "Industriedesign", "Produktdesign"],
        "fr": ["design de mode", "design d'intérieur", "design industriel"],
        "nl": ["modeontwerp", "interieurontwerp", "industrieel ontwerpen"],
        "es": ["diseño de moda", "diseño de interiores", "diseño industrial"],
        "it": ["design della moda", "design degli interni", "disegno industriale"],
    },
    "0213": {
        "en": ["fine art", "painting", "sculpture"],
        "de": ["Bildende Kunst", "Bildende Künste", "Malerei", "Bildhauerei"],
        "fr": ["beaux-arts", "arts plastiques", "peinture", "sculpture"],
        "nl": ["beeldende kunst", "beeldende kunsten", "schilderkunst", "beeldhouwkunst"],
        "es": ["bellas artes", "pintura", "escultura"],
        "it": ["belle arti", "pittura", "scultura"],
        "pt": ["belas-artes", "artes plásticas"],
    },
    "0214": {
        "en": ["crafts", "arts and crafts"],
        "de": ["Kunsthandwerk"],
        "fr": ["artisanat d'art"],
        "es": ["artesanía"],
        "it": ["artigianato"],
    },
    "0215": {
        "en": ["music", "performing arts", "theatre", "theater", "dance", "drama", "acting"],
        "de": [
            "Musik",
            "Darstellende Kunst",
            "Darstellende Künste",
            "Theater",
            "Tanz",
            "Schauspiel",
        ],
        "fr": ["musique", "arts du spectacle", "arts de la scène", "théâtre", "danse"],
        "nl": ["muziek", "podiumkunsten", "toneel", "dans"],
        "es": ["música", "artes escénicas", "teatro", "danza"],
        "it": ["musica", "arti dello spettacolo", "teatro", "danza"],
        "pt": ["música", "artes performativas"],
        "pl": ["muzyka"],
    },
    "022": {
        "en": ["humanities"],
        "de": ["Geisteswissenschaften"],
        "nl": ["geesteswetenschappen"],
        "es": ["humanidades"],
        "it": ["scienze umane", "discipline umanistiche"],
        "fi": ["humanistiset tieteet"],
    },
    "0221": {
        "en": ["theology", "religion", "religious studies"],
        "de": ["Theologie", "Religionswissenschaft", "Religionswissenschaften"],
        "fr": ["théologie", "sciences religieuses", "sciences des religions"],
        "nl": ["theologie", "godgeleerdheid", "religiewetenschappen"],
        "es": ["teología", "ciencias de la religión"],
        "it": ["teologia", "scienze religiose"],
        "pl": ["teologia"],
    },
    "0222": {
        "en": ["history", "archaeology", "archeology"],
        "de": ["Geschichte", "Geschichtswissenschaft", "Geschichtswissenschaften", "Archäologie"],
        "fr": ["histoire", "archéologie"],
        "nl": ["geschiedenis", "archeologie"],
        "es": ["historia", "arqueología"],
        "it": ["storia", "archeologia"],
        "pt": ["história", "arqueologia"],
        "pl": ["historia", "archeologia"],
        "fi": ["historia", "arkeologia"],
    },
    "0223": {
        "en": ["philosophy", "ethics"],
        "de": ["Philosophie", "Ethik"],
        "fr": ["philosophie", "éthique"],
        "nl": ["filosofie", "wijsbegeerte", "ethiek"],
        "es": ["filosofía", "ética"],
        "it": ["filosofia", "etica"],
        "pt": ["filosofia", "ética"],
        "pl": ["filozofia", "etyka"],
        "fi": ["filosofia"],
    },
    "023": {
        "en": ["languages", "modern languages"],
        "de": ["Sprachen"],
        "fr": ["langues", "langues vivantes"],
        "nl": ["talen", "moderne talen"],
        "es": ["idiomas", "lenguas"],
        "it": ["lingue", "lingue straniere"],
    },
    "0231": {
        "en": ["foreign languages", "language learning"],
        "de": ["Fremdsprachen"],
        "fr": ["langues étrangères"],
        "nl": ["vreemde talen"],
        "es": ["lenguas extranjeras", "idiomas extranjeros"],
    },
    "0232": {
        "en": ["linguistics", "literature", "philology", "literary studies"],
        "de": [
            "Linguistik",
            "Sprachwissenschaft",
            "Sprachwissenschaften",
            "Literaturwissenschaft",
            "Germanistik",
            "Anglistik",
            "Romanistik",
            "Philologie",
        ],
        "fr": ["linguistique", "littérature", "sciences du langage", "philologie"],
        "nl": ["taalkunde", "taalwetenschap", "letterkunde", "literatuurwetenschap"],
        "es": ["lingüística", "literatura", "filología"],
        "it": ["linguistica", "letteratura", "filologia"],
        "pt": ["linguística", "literatura"],
        "pl": ["językoznawstwo", "filologia"],
    },
    "031": {
        "en": ["social sciences", "behavioural sciences"],
        "de": ["Sozialwissenschaften", "Sozialwissenschaft"],
        "fr": ["sciences sociales"],
        "nl": ["sociale wetenschappen", "gedragswetenschappen"],
        "es": ["ciencias sociales"],
        "it": ["scienze sociali"],
        "pt": ["ciências sociais"],
        "pl": ["nauki społeczne"],
    },
    "0311": {
        "en": ["economics", "economic sciences"],
        "de": ["Volkswirtschaftslehre", "Volkswirtschaft", "VWL", "Ökonomie"],
        "fr": ["économie", "sciences économiques"],
        "nl": ["economie", "economische wetenschappen"],
        "es": ["economía", "ciencias económicas"],
        "it": ["economia politica", "scienze economiche"],
        "pt": ["economia"],
        "pl": ["ekonomia"],
        "fi": ["taloustiede", "kansantaloustiede"],
        "sv": ["nationalekonomi"],
    },
    "0312": {
        "en": ["political science", "politics", "international relations"],
        "de": ["Politikwissenschaft", "Politologie", "Internationale Beziehungen"],
        "fr": ["science politique", "sciences politiques", "relations internationales"],
        "nl": ["politicologie", "politieke wetenschappen", "internationale betrekkingen"],
        "es": ["ciencia política", "ciencias políticas", "relaciones internacionales"],
        "it": ["scienze politiche", "scienza politica", "relazioni internazionali"],
        "pt": ["ciência política", "relações internacionais"],
        "pl": ["politologia", "stosunki międzynarodowe"],
    },
    "0313": {
        "en": ["psychology"],
        "de": ["Psychologie"],
        "fr": ["psychologie"],
        "nl": ["psychologie"],
        "es": ["psicología"],
        "it": ["psicologia"],
        "pt": ["psicologia"],
        "pl": ["psychologia"],
        "fi": ["psykologia"],
        "sv": ["psykologi"],
    },
    "0314": {
        "en": ["sociology", "cultural studies", "anthropology", "ethnology", "gender studies"],
        "de": [
            "Soziologie",
            "Kulturwissenschaft",
            "Kulturwissenschaften",
            "Ethnologie",
            "Anthropologie",
        ],
        "fr": ["sociologie", "anthropologie", "ethnologie"],
        "nl": ["sociologie", "antropologie", "culturele antropologie"],
        "es": ["sociología", "antropología"],
        "it": ["sociologia", "antropologia"],
        "pt": ["sociologia", "antropologia"],
        "pl": ["socjologia", "kulturoznawstwo"],
        "fi": ["sosiologia"],
    },
    "0321": {
        "en": ["journalism"],
        "de": ["Journalismus", "Journalistik"],
        "fr": ["journalisme"],
        "nl": ["journalistiek"],
        "es": ["periodismo"],
        "it": ["giornalismo"],
        "pt": ["jornalismo"],
        "pl": ["dziennikarstwo"],
    },
    "0322": {
        "en": ["library science", "archival science", "archival studies"],
        "de": ["Bibliothekswissenschaft", "Archivwissenschaft"],
        "fr": ["bibliothéconomie", "archivistique"],
        "es": ["biblioteconomía", "archivística"],
        "it": ["biblioteconomia", "archivistica"],
    },
    "0411": {
        "en": ["accounting", "accountancy", "taxation"],
        "de": ["Rechnungswesen", "Buchhaltung", "Buchführung"],
        "fr": ["comptabilité", "fiscalité"],
        "nl": ["accountancy", "boekhouden"],
        "es": ["contabilidad"],
        "it": ["contabilità", "ragioneria"],
        "pt": ["contabilidade"],
        "pl": ["rachunkowość"],
    },
    "0412": {
        "en": ["finance", "banking", "insurance", "banking and finance"],
        "de": ["Finanzwesen", "Finanzen", "Bankwesen", "Versicherungswesen"],
        "fr": ["banque", "assurance", "banque et finance"],
        "nl": ["financiën", "bankwezen", "verzekeringen"],
        "es": ["finanzas", "banca", "seguros"],
        "it": ["finanza", "banca e finanza"],
        "pt": ["finanças"],
        "pl": ["finanse", "bankowość"],
    },
    "0413": {
        "en": [
            "management",
            "business administration",
            "business management",
            "public administration",
            "human resource management",
            "human resources",
            "project management",
        ],
        "de": [
            "Betriebswirtschaftslehre",
            "Betriebswirtschaft",
            "BWL",
            "Unternehmensführung",
            "Verwaltungswissenschaft",
            "Verwaltungswissenschaften",
            "Personalmanagement",
            "Projektmanagement",
        ],
        "fr": [
            "gestion",
            "administration des affaires",
            "gestion des entreprises",
            "administration publique",
            "gestion des ressources humaines",
            "gestion de projet",
        ],
        "nl": ["bedrijfskunde", "bestuurskunde", "bedrijfsbeheer", "projectmanagement"],
        "es": [
            "administración de empresas",
            "gestión",
            "administración pública",
            "dirección de empresas",
            "gestión de proyectos",
        ],
        "it": [
            "economia aziendale",
            "gestione aziendale",
            "amministrazione pubblica",
            "gestione dei progetti",
        ],
        "pt": ["administração", "gestão", "gestão de empresas", "administração pública"],
        "pl": ["zarządzanie", "administracja"],
        "fi": ["liiketalous", "johtaminen"],
    },
    "0414": {
        "en": ["marketing", "advertising", "public relations"],
        "de": ["Werbung", "Öffentlichkeitsarbeit"],
        "fr": ["publicité", "mercatique"],
        "nl": ["reclame"],
        "es": ["publicidad", "mercadotecnia"],
        "it": ["pubblicità"],
        "pt": ["publicidade"],
    },
    "0415": {
        "en": ["secretarial studies", "office administration"],
        "de": ["Büromanagement", "Sekretariat"],
        "fr": ["secrétariat", "bureautique"],
    },
    "0416": {
        "en": ["retail", "sales", "retail management"],
        "de": ["Einzelhandel", "Vertrieb", "Verkauf"],
        "fr": ["vente", "commerce de détail"],
        "nl": ["detailhandel", "verkoop"],
        "es": ["ventas", "comercio minorista"],
    },
    "0421": {
        "en": ["law", "legal studies", "laws", "jurisprudence"],
        "de": ["Recht", "Rechtswissenschaft", "Rechtswissenschaften", "Jura", "Jus"],
        "fr": ["droit", "sciences juridiques"],
        "nl": ["rechten", "rechtsgeleerdheid", "recht"],
        "es": ["derecho", "ciencias jurídicas"],
        "it": ["giurisprudenza", "diritto", "scienze giuridiche"],
        "pt": ["direito"],
        "pl": ["prawo"],
        "fi": ["oikeustiede"],
        "sv": ["juridik", "rättsvetenskap"],
    },
    "05": {
        "en": ["natural sciences"],
        "de": ["Naturwissenschaften"],
        "fr": ["sciences naturelles", "sciences de la nature"],
        "nl": ["natuurwetenschappen"],
        "es": ["ciencias naturales"],
        "it": ["scienze naturali"],
        "pt": ["ciências naturais"],
    },
    "0511": {
        "en": ["biology", "biological sciences", "life sciences"],
        "de": ["Biologie", "Biowissenschaften"],
        "fr": ["biologie", "sciences de la vie"],
        "nl": ["biologie", "levenswetenschappen"],
        "es": ["biología", "ciencias biológicas"],
        "it": ["biologia", "scienze biologiche"],
        "pt": ["biologia"],
        "pl": ["biologia"],
        "fi": ["biologia"],
        "sv": ["biologi"],
    },
    "0512": {
        "en": ["biochemistry"],
        "de": ["Biochemie"],
        "fr": ["biochimie"],
        "nl": ["biochemie"],
        "es": ["bioquímica"],
        "it": ["biochimica"],
        "pt": ["bioquímica"],
        "pl": ["biochemia"],
    },
    "0521": {
        "en": ["environmental science", "environmental studies"],
        "de": ["Umweltwissenschaften", "Umweltwissenschaft"],
        "fr": ["sciences de l'environnement", "sciences environnementales"],
        "nl": ["milieuwetenschappen"],
        "es": ["ciencias ambientales"],
        "it": ["scienze ambientali"],
        "pt": ["ciências do ambiente", "ciências ambientais"],
    },
    "0522": {
        "en": ["nature conservation", "wildlife conservation"],
        "de": ["Naturschutz"],
        "fr": ["protection de la nature"],
        "nl": ["natuurbeheer"],
    },
    "0531": {
        "en": ["chemistry"],
        "de": ["Chemie"],
        "fr": ["chimie"],
        "nl": ["scheikunde", "chemie"],
        "es": ["química"],
        "it": ["chimica"],
        "pt": ["química"],
        "pl": ["chemia"],
        "fi": ["kemia"],
        "sv": ["kemi"],
    },
    "0532": {
        "en": ["geology", "geosciences", "geoscience", "meteorology", "oceanography"],
        "de": ["Geowissenschaften", "Geologie", "Meteorologie"],
        "fr": ["géologie", "sciences de la terre", "géosciences", "météorologie"],
        "nl": ["geologie", "aardwetenschappen"],
        "es": ["geología", "ciencias de la tierra"],
        "it": ["geologia", "scienze della terra"],
        "pt": ["geologia", "ciências da terra"],
        "pl": ["geologia"],
    },
    "0533": {
        "en": ["physics", "astronomy", "astrophysics"],
        "de": ["Physik", "Astronomie", "Astrophysik"],
        "fr": ["physique", "astronomie", "astrophysique"],
        "nl": ["natuurkunde", "fysica", "sterrenkunde"],
        "es": ["física", "astronomía"],
        "it": ["fisica", "astronomia"],
        "pt": ["física", "astronomia"],
        "pl": ["fizyka", "astronomia"],
        "fi": ["fysiikka"],
        "sv": ["fysik"],
    },
    "0541": {
        "en": ["maths", "math", "applied mathematics"],
        "de": ["Mathematik", "Angewandte Mathematik"],
        "fr": ["mathématiques", "mathématiques appliquées"],
        "nl": ["wiskunde"],
        "es": ["matemáticas", "matemática"],
        "it": ["matematica"],
        "pt": ["matemática"],
        "pl": ["matematyka"],
        "fi": ["matematiikka"],
        "sv": ["matematik"],
    },
    "0542": {
        "en": ["statistics"],
        "de": ["Statistik"],
        "fr": ["statistique", "statistiques"],
        "nl": ["statistiek"],
        "es": ["estadística"],
        "it": ["statistica"],
        "pt": ["estatística"],
        "pl": ["statystyka"],
        "fi": ["tilastotiede"],
    },
    "061": {
        "en": ["information technology", "information and communication technology", "ict"],
        "de": [
            "Informationstechnik",
            "Informationstechnologie",
            "Informations- und Kommunikationstechnik",
        ],
        "fr": [
            "technologies de l'information",
            "technologies de l'information et de la communication",
        ],
        "nl": ["informatietechnologie", "informatie- en communicatietechnologie"],
        "es": ["tecnologías de la información", "tecnologías de la información y la comunicación"],
        "it": ["tecnologie dell'informazione"],
    },
    "0612": {
        "en": [
            "databases",
            "network administration",
            "cybersecurity",
            "cyber security",
            "it security",
            "information security",
            "network security",
        ],
        "de": ["Datenbanken", "Netzwerktechnik", "IT-Sicherheit", "Informationssicherheit"],
        "fr": [
            "bases de données",
            "réseaux informatiques",
            "cybersécurité",
            "sécurité informatique",
        ],
        "nl": ["netwerkbeheer", "cyberveiligheid", "informatiebeveiliging"],
        "es": ["bases de datos", "ciberseguridad", "seguridad informática"],
        "it": ["basi di dati", "sicurezza informatica"],
    },
    "0613": {
        "en": [
            "computer science",
            "computing",
            "informatics",
            "software engineering",
            "software development",
            "programming",
            "computer programming",
        ],
        "de": ["Informatik", "Softwareentwicklung", "Softwaretechnik", "Programmierung"],
        "fr": ["informatique", "génie logiciel", "développement logiciel", "programmation"],
        "nl": ["informatica", "softwareontwikkeling", "programmeren"],
        "es": [
            "informática",
            "ciencias de la computación",
            "ingeniería del software",
            "ingeniería de software",
            "programación",
        ],
        "it": ["informatica", "ingegneria del software", "programmazione"],
        "pt": [
            "informática",
            "ciência da computação",
            "ciências da computação",
            "engenharia de software",
            "programação",
        ],
        "pl": ["informatyka", "programowanie"],
        "fi": ["tietojenkäsittelytiede", "ohjelmointi"],
        "sv": ["datavetenskap", "programmering"],
    },
    "071": {
        "en": ["engineering"],
        "de": ["Ingenieurwesen", "Ingenieurwissenschaften"],
        "fr": ["ingénierie", "sciences de l'ingénieur"],
        "nl": ["ingenieurswetenschappen"],
        "es": ["ingeniería"],
        "it": ["ingegneria"],
        "pt": ["engenharia"],
        "pl": ["inżynieria"],
    },
    "0711": {
        "en": ["chemical engineering", "process engineering"],
        "de": ["Chemieingenieurwesen", "Verfahrenstechnik", "Chemietechnik"],
        "fr": ["génie chimique", "génie des procédés"],
        "nl": ["chemische technologie", "procestechnologie"],
        "es": ["ingeniería química"],
        "it": ["ingegneria chimica"],
        "pt": ["engenharia química"],
    },
    "0712": {
        "en": ["environmental engineering"],
        "de": ["Umwelttechnik"],
        "fr": ["génie de l'environnement"],
        "nl": ["milieutechnologie"],
        "es": ["ingeniería ambiental"],
        "it": ["ingegneria ambientale"],
        "pt": ["engenharia do ambiente", "engenharia ambiental"],
    },
    "0713": {
        "en": [
            "electrical engineering",
            "energy engineering",
            "renewable energy",
            "power engineering",
        ],
        "de": ["Elektrotechnik", "Energietechnik", "Erneuerbare Energien"],
        "fr": ["génie électrique", "électrotechnique", "énergies renouvelables"],
        "nl": ["elektrotechniek", "energietechniek"],
        "es": ["ingeniería eléctrica", "energías renovables"],
        "it": ["ingegneria elettrica", "ingegneria energetica", "energie rinnovabili"],
        "pt": ["engenharia eletrotécnica", "engenharia electrotécnica"],
    },
    "0714": {
        "en": [
            "electronics",
            "electronic engineering",
            "automation",
            "control engineering",
            "robotics",
        ],
        "de": ["Elektronik", "Automatisierungstechnik", "Regelungstechnik", "Robotik"],
        "fr": ["électronique", "automatique", "robotique"],
        "nl": ["elektronica", "regeltechniek", "robotica"],
        "es": ["electrónica", "ingeniería electrónica", "automática", "robótica"],
        "it": ["elettronica", "ingegneria elettronica", "automazione", "robotica"],
        "pt": ["eletrónica", "engenharia eletrónica"],
    },
    "0715": {
        "en": ["mechanical engineering"],
        "de": ["Maschinenbau"],
        "fr": ["génie mécanique", "mécanique"],
        "nl": ["werktuigbouwkunde"],
        "es": ["ingeniería mecánica"],
        "it": ["ingegneria meccanica"],
        "pt": ["engenharia mecânica"],
        "pl": ["mechanika i budowa maszyn"],
    },
    "0716": {
        "en": ["aerospace engineering", "automotive engineering", "naval architecture"],
        "de": ["Fahrzeugtechnik", "Luft- und Raumfahrttechnik", "Schiffbau"],
        "fr": ["génie aérospatial", "ingénierie automobile"],
        "nl": ["luchtvaart- en ruimtevaarttechniek", "voertuigtechniek"],
        "es": ["ingeniería aeroespacial", "ingeniería aeronáutica"],
        "it": ["ingegneria aerospaziale"],
    },
    "0721": {
        "en": ["food technology", "food science"],
        "de": ["Lebensmitteltechnologie", "Lebensmitteltechnik", "Lebensmittelwissenschaft"],
        "fr": ["technologie alimentaire", "sciences des aliments"],
        "nl": ["levensmiddelentechnologie", "voedingsmiddelentechnologie"],
        "es": ["tecnología de los alimentos", "ciencia y tecnología de los alimentos"],
        "it": ["tecnologie alimentari", "scienze e tecnologie alimentari"],
    },
    "0722": {
        "en": ["materials science", "materials engineering"],
        "de": ["Werkstofftechnik", "Werkstoffwissenschaft", "Materialwissenschaft"],
        "fr": ["science des matériaux", "génie des matériaux"],
        "nl": ["materiaalkunde"],
        "es": ["ingeniería de materiales", "ciencia de materiales"],
        "it": ["ingegneria dei materiali", "scienza dei materiali"],
    },
    "0723": {
        "en": ["textile technology", "textile engineering"],
        "de": ["Textiltechnik", "Bekleidungstechnik"],
        "fr": ["ingénierie textile"],
    },
    "0724": {
        "en": ["mining engineering"],
        "de": ["Bergbau"],
        "fr": ["génie minier"],
        "nl": ["mijnbouw"],
        "es": ["ingeniería de minas", "minería"],
    },
    "0731": {
        "en": ["architecture", "urban planning", "town planning", "spatial planning"],
        "de": ["Architektur", "Stadtplanung", "Raumplanung", "Städtebau"],
        "fr": ["architecture", "urbanisme", "aménagement du territoire"],
        "nl": ["architectuur", "bouwkunde", "stedenbouw", "ruimtelijke ordening"],
        "es": ["arquitectura", "urbanismo"],
        "it": ["architettura", "urbanistica"],
        "pt": ["arquitetura", "arquitectura", "urbanismo"],
        "pl": ["architektura"],
    },
    "0732": {
        "en": ["civil engineering", "construction engineering"],
        "de": ["Bauingenieurwesen"],
        "fr": ["génie civil"],
        "nl": ["civiele techniek"],
        "es": ["ingeniería civil"],
        "it": ["ingegneria civile", "ingegneria edile"],
        "pt": ["engenharia civil"],
        "pl": ["budownictwo"],
    },
    "081": {
        "en": ["agriculture", "agricultural science", "agricultural sciences", "agronomy"],
        "de": ["Landwirtschaft", "Agrarwissenschaften", "Agrarwissenschaft"],
        "fr": ["agriculture", "agronomie"],
        "nl": ["landbouw", "landbouwkunde"],
        "es": ["agricultura", "agronomía"],
        "it": ["agraria", "scienze agrarie", "agricoltura"],
        "pt": ["agricultura", "agronomia"],
    },
    "0812": {
        "en": ["horticulture"],
        "de": ["Gartenbau"],
        "fr": ["horticulture"],
        "nl": ["tuinbouw"],
        "es": ["horticultura"],
        "it": ["orticoltura"],
    },
    "0821": {
        "en": ["forestry", "forest science"],
        "de": ["Forstwirtschaft", "Forstwissenschaft", "Forstwissenschaften"],
        "fr": ["foresterie", "sylviculture"],
        "nl": ["bosbouw"],
        "es": ["silvicultura", "ingeniería forestal"],
        "it": ["scienze forestali"],
    },
    "0831": {
        "en": ["aquaculture"],
        "de": ["Fischerei", "Aquakultur"],
        "fr": ["pêche", "aquaculture"],
        "nl": ["visserij", "aquacultuur"],
        "es": ["acuicultura"],
        "it": ["acquacoltura"],
    },
    "0841": {
        "en": ["veterinary medicine", "veterinary science"],
        "de": ["Tiermedizin", "Veterinärmedizin"],
        "fr": ["médecine vétérinaire"],
        "nl": ["diergeneeskunde"],
        "es": ["veterinaria"],
        "it": ["medicina veterinaria"],
        "pt": ["medicina veterinária"],
    },
    "091": {
        "en": ["health sciences", "public health"],
        "de": ["Gesundheitswissenschaften", "Gesundheitswesen"],
        "fr": ["sciences de la santé", "santé publique"],
        "nl": ["gezondheidswetenschappen", "gezondheidszorg"],
        "es": ["ciencias de la salud", "salud pública"],
        "it": ["scienze della salute", "sanità pubblica"],
    },
    "0911": {
        "en": ["dentistry"],
        "de": ["Zahnmedizin", "Zahnheilkunde"],
        "fr": ["odontologie", "chirurgie dentaire"],
        "nl": ["tandheelkunde"],
        "es": ["odontología"],
        "it": ["odontoiatria"],
        "pt": ["medicina dentária", "odontologia"],
    },
    "0912": {
        "de": ["Medizin", "Humanmedizin"],
        "fr": ["médecine"],
        "nl": ["geneeskunde"],
        "es": ["medicina"],
        "it": ["medicina e chirurgia"],
        "pl": ["medycyna"],
        "fi": ["lääketiede"],
        "sv": ["medicin"],
    },
    "0913": {
        "en": ["nursing", "midwifery"],
        "de": ["Pflege", "Krankenpflege", "Pflegewissenschaft", "Hebammenwissenschaft"],
        "fr": ["soins infirmiers", "sciences infirmières", "maïeutique"],
        "nl": ["verpleegkunde", "verloskunde"],
        "es": ["enfermería"],
        "it": ["infermieristica", "ostetricia"],
        "pt": ["enfermagem"],
        "pl": ["pielęgniarstwo", "położnictwo"],
    },
    "0915": {
        "en": ["physiotherapy", "physical therapy", "occupational therapy", "speech therapy"],
        "de": ["Physiotherapie", "Ergotherapie", "Logopädie"],
        "fr": ["kinésithérapie", "physiothérapie", "ergothérapie", "orthophonie"],
        "nl": ["fysiotherapie", "ergotherapie", "logopedie"],
        "es": ["fisioterapia", "terapia ocupacional", "logopedia"],
        "it": ["fisioterapia", "logopedia"],
        "pt": ["fisioterapia", "terapia ocupacional"],
    },
    "0916": {
        "en": ["pharmacy", "pharmaceutical sciences"],
        "de": ["Pharmazie"],
        "fr": ["pharmacie"],
        "nl": ["farmacie"],
        "es": ["farmacia"],
        "it": ["farmacia"],
        "pt": ["farmácia", "ciências farmacêuticas"],
        "pl": ["farmacja"],
    },
    "0921": {
        "en": ["elderly care"],
        "de": ["Altenpflege"],
    },
    "0922": {
        "en": ["childcare", "youth work"],
        "de": ["Kinderbetreuung", "Jugendarbeit"],
        "fr": ["petite enfance"],
    },
    "0923": {
        "en": ["social work", "counselling", "counseling"],
        "de": ["Soziale Arbeit", "Sozialarbeit", "Sozialpädagogik"],
        "fr": ["travail social", "assistance sociale"],
        "nl": ["sociaal werk", "maatschappelijk werk"],
        "es": ["trabajo social"],
        "it": ["servizio sociale"],
        "pt": ["serviço social"],
        "pl": ["praca socjalna"],
    },
    "1011": {
        "en": ["home economics"],
        "de": ["Hauswirtschaft"],
        "fr": ["économie familiale"],
    },
    "1012": {
        "en": ["hairdressing", "beauty therapy"],
        "de": ["Kosmetik", "Friseurhandwerk"],
        "fr": ["coiffure"],
    },
    "1013": {
        "en": ["hospitality", "hospitality management", "catering", "culinary arts"],
        "de": ["Hotellerie", "Gastronomie", "Hotelmanagement"],
        "fr": ["hôtellerie", "hôtellerie-restauration"],
        "nl": ["horeca", "hotelmanagement"],
        "es": ["hostelería", "gastronomía"],
        "it": ["ospitalità alberghiera"],
    },
    "1014": {
        "en": ["sport", "sports", "sports science", "sport science"],
        "de": ["Sport", "Sportwissenschaft", "Sportwissenschaften"],
        "fr": ["sciences du sport", "staps"],
        "nl": ["sportwetenschappen", "bewegingswetenschappen"],
        "es": ["ciencias del deporte", "ciencias de la actividad física y del deporte"],
        "it": ["scienze motorie"],
        "pt": ["ciências do desporto"],
    },
    "1015": {
        "en": ["tourism", "tourism management"],
        "de": ["Tourismus", "Tourismusmanagement"],
        "fr": ["tourisme"],
        "nl": ["toerisme"],
        "es": ["turismo"],
        "it": ["turismo"],
        "pt": ["turismo"],
        "pl": ["turystyka"],
        "fi": ["matkailu"],
    },
    "1022": {
        "en": ["occupational safety", "health and safety at work"],
        "de": ["Arbeitssicherheit", "Arbeitsschutz"],
        "fr": ["santé et sécurité au travail"],
        "nl": ["arbeidsveiligheid"],
    },
    "1031": {
        "en": ["military science", "defence studies"],
        "de": ["Militärwissenschaft"],
        "fr": ["sciences militaires"],
    },
    "1032": {
        "en": ["fire safety", "police studies"],
        "de": ["Brandschutz", "Polizeiwissenschaft"],
    },
}

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


def build_isced_terms(reference: Path, out: Path) -> None:
    """``isced_f_terms.csv``: the English label of every code and the written-out names."""
    rows = [
        (row["code"], "en", row["label"]) for row in _read_csv(reference / ELM_CSV / "isced-f.csv")
    ]
    codes = {code for code, _, _ in rows}
    owner: dict[str, str] = {}
    for code, languages in ISCED_F_TERMS.items():
        if code not in codes:
            raise ValueError(f"ISCED_F_TERMS: {code} is not an ISCED-F code")
        for language, terms in languages.items():
            for term in terms:
                key = term.casefold()
                if owner.setdefault(key, code) != code:
                    raise ValueError(f"ISCED_F_TERMS: {term!r} is under {owner[key]} and {code}")
                rows.append((code, language, term))
    _write_csv(out / "isced_f_terms.csv", ("code", "lang", "term"), sorted(set(rows)))


def build_nqf(reference: Path, out: Path) -> None:
    """``nqf.csv``: every level of the ELM NQF vocabulary with its framework and country.

    The vocabulary's entries for the frameworks themselves (not levels) are left out.
    """
    rows = []
    for row in _read_csv(reference / ELM_CSV / "nqf.csv"):
        match = _NQF_LEVEL_LABEL.match(row["label"])
        if not match or match.group("prefix") not in NQF_FRAMEWORKS:
            if not re.search(r"framework|register", row["label"], re.I):
                raise ValueError(f"nqf.csv: neither a framework nor a known level: {row}")
            continue
        prefix = match.group("prefix")
        level = nqf_level_text(match.group("level"))
        rows.append((row["uri"], prefix, NQF_FRAMEWORKS[prefix][0], level, row["label"]))
    rows.sort(key=lambda row: (row[1], row[4]))
    _write_csv(out / "nqf.csv", ("uri", "framework", "country", "level", "label"), rows)
    aliases = [(alias, prefix) for prefix, (_, names) in NQF_FRAMEWORKS.items() for alias in names]
    _write_csv(out / "nqf_aliases.csv", ("alias", "framework"), sorted(aliases))


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
    _write_csv(out / "isced_2011.csv", ("code", "label"), ISCED_2011)
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
    (
        "isced_f_terms.csv",
        "Names of ISCED-F 2013 fields for label matching: the English labels and names in the"
        " major European languages",
        f"English labels: {ELM_SOURCE}; other names written out in build.py (ISCED_F_TERMS)",
        "EUPL-1.2",
    ),
    ("eqf.csv", "European Qualifications Framework levels", ELM_SOURCE, "EUPL-1.2"),
    (
        "nqf.csv",
        "Levels of the national qualifications frameworks (ELM NQF vocabulary) with their"
        " framework and country",
        f"{ELM_SOURCE} (nqf); countries written out in build.py (NQF_FRAMEWORKS)",
        "EUPL-1.2",
    ),
    (
        "nqf_aliases.csv",
        "Other names of the national qualifications frameworks (NFQ, RNCP, PRK, ...)",
        "written out in build.py (NQF_FRAMEWORKS)",
        "facts",
    ),
    (
        "isced_2011.csv",
        "ISCED 2011 levels of education",
        "UNESCO Institute for Statistics, ISCED 2011 (level names); written out in build.py",
        "facts",
    ),
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
    build_isced_terms(reference, out)
    build_eqf(reference, out)
    build_nqf(reference, out)
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
