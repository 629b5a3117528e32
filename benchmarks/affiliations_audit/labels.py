"""Hand labels of the Leipzig "Affiliations" strings: which real institution each one names.

A label is the top-level institution a string names: the university, company or research
organisation, not the department, laboratory, campus building or site. "Computer Sciences
Dept., Univ. of Wisconsin-Madison" and "wisc.edu" are both "Univ Wisconsin-Madison"; "IBM
Almaden" and "IBM T.J. Watson" are both "IBM". Campuses of a university system that are
institutions of their own stay apart ("UC Berkeley", "UC San Diego"). Each label was judged by
reading the strings a rule matches, and the strings of every gold cluster, one by one.

A string is labelled ``AMBIGUOUS`` when it names two institutions (it matches the rules of
two labels, or ``OVERRIDE`` says so: "The MITRE Corporation ... and ... Center for
Automation Research"), or only a university system, a city or a state ("University of
California", "Berkeley", "Virginia"). Strings no rule matches are labelled by the audit with
the gold cluster's own draft name (``source`` "gold-default", see ``audit.py``).

- ``RULES``: label -> regular expression, case-insensitive, searched anywhere in the string
  after HTML entities are decoded and e-mail addresses removed.
- ``OVERRIDE``: string id -> (label, note), read string by string; wins over the rules.
- ``ALT``: the other reading of a judgement call (a system name read as its flagship campus,
  bare "Berkeley" as UC Berkeley), used only by a sensitivity variant.
- ``SITE_RULES``: label -> (site, regex) for organisations with several sites (IBM Almaden
  vs IBM Watson); the first match wins. Used for the site-level variant, and to find which
  fragment of an institution a missed pair is blamed on.
- ``FRAGMENT_REASONS``: why the matcher leaves a fragment apart from its institution's main
  fragment (category b: needs outside knowledge; c: a generic rule could catch it).
"""

from __future__ import annotations

AMBIGUOUS = "AMBIGUOUS"

RULES: list[tuple[str, str]] = [
    # --- University of California campuses (the bare system name is ambiguous) ---
    (
        "UC Berkeley",
        r"\bU\.?\s?C\.?,?\s+Berkeley|California,?\s+(at\s+)?Berkeley"
        r"|cs\.berkeley|Berkeley EECS",
    ),
    (
        "UC San Diego",
        r"\bUCSD\b|(California|\bU\.?\s?C\.?),?\s+(at\s+)?San Diego|San Diego Supercomputer"
        r"|National Biomedical Computing Resource|National Center for Biomedical Research",
    ),
    ("UC Santa Barbara", r"Santa Barbara"),
    ("UC Riverside", r"Riverside|\bUCR\b"),
    ("UC Irvine", r"California,?:?\s+(at\s+)?Irvine|\bUC Irvine|itr-rescue"),
    ("UC Davis", r"\bDavis\b"),
    ("UC Santa Cruz", r"Santa Cruz"),
    ("UC Los Angeles", r"\bUCLA\b|University of California,?\s+(at\s+)?Los Angeles"),
    ("Univ Southern California", r"Southern,?\s+California|\bUSC\b"),
    (
        "Lawrence Berkeley National Laboratory",
        r"Lawrence Berkeley|Biological Data Management and Technology Center",
    ),
    ("Stanford University", r"Stanford"),
    ("SLAC National Accelerator Laboratory", r"^SLAC$"),
    # --- other US universities ---
    (
        "Univ Wisconsin-Madison",
        r"Wisconsi\w*\W+(at\s+)?Madison|Wisconsin-Madison|UW[- ]Madison|UWisc|wisc\.edu",
    ),
    ("Univ Maryland College Park", r"Maryland(?!,?\s+Baltimore)|UMIACS"),
    ("Univ Maryland Baltimore County", r"Maryland,?\s+Baltimore County"),
    ("Univ Illinois Urbana-Champaign", r"Urbana|\bUIUC\b"),
    ("Univ Illinois Chicago", r"Illinois,?\s+(at\s+)?Chicago"),
    ("Illinois Institute of Technology", r"Illinois Institute of Technology"),
    ("Univ Texas Arlington", r"Texas,?\s+(at\s+)?Arlington"),
    ("Univ Texas Dallas", r"Texas\s+at\s+Dallas"),
    ("Univ Texas Austin", r"Texas(\s+at|-|\s)\s*Austin"),
    ("Univ Texas San Antonio", r"Texas at San Antonio"),
    ("Texas State University", r"Texas State University"),
    (
        "Univ Massachusetts Amherst",
        r"Massachusetts,?\s+Amherst|UMass Amherst|Massachusetts, USA$"
        r"|University of Massachusetts, Amherst",
    ),
    ("Univ Massachusetts Boston", r"UMass\s*/?\s*Boston|Massachusetts Boston"),
    ("Univ Michigan Ann Arbor", r"(University|Univ\.|U\.) of Michigan(?!\W+Dearborn)|UM Ann Arbor"),
    ("Univ Michigan Dearborn", r"Michigan\W+Dearborn|Michigan, Dearborn"),
    ("Michigan State University", r"Michigan State"),
    ("MIT", r"Massachusetts Inst|Massachussetts Inst|\bM\.I\.T\b|\bMIT\b|Lincoln Lab"),
    ("MITRE", r"MITRE"),
    ("Carnegie Mellon University", r"Carnegie|\bC\.?M\.?U\.?\b"),
    ("Univ Pittsburgh", r"University of Pittsburgh"),
    (
        "Univ Washington",
        r"Washington,? Seattle|University of,? Washington|Univ\. of Washington"
        r"|UWash|cs\.washington",
    ),
    ("Purdue University", r"Purdue|CERIAS"),
    ("Boston University", r"Boston University"),
    ("Brandeis University", r"Brandeis"),
    ("Brown University", r"Brown U"),
    ("Duke University", r"Duke University"),
    ("Columbia University", r"Columbia University"),
    ("Cornell University", r"Cornell"),
    ("New York University", r"New York,? University(?! at)|\bNYU\b|Courant"),
    (
        "Polytechnic University (NYU-Poly)",
        r"Polytechnic Institute of New York|^Polytechnic University"
        r"|Polytechnic University, Brooklyn|Ploytechnic Univ",
    ),
    ("SUNY Buffalo", r"Buffalo"),
    ("SUNY Binghamton", r"Binghamton"),
    ("SUNY Stony Brook", r"Stony Brook"),
    (
        "Univ Pennsylvania",
        r"University of Pennsylvania|Univ\. of Pennsylvania|U of Pennsylvania",
    ),
    ("Pennsylvania State University", r"Pennsylvania State|Penn State|^PSU$"),
    ("Georgia Institute of Technology", r"Georgia Inst|Georgia Tech"),
    ("Georgia State University", r"Georgia State"),
    ("Arizona State University", r"Arizona State|\bASU\b"),
    ("Univ Arizona", r"University of Arizona"),
    ("Ohio State University", r"Ohio State"),
    ("Univ Florida", r"University of Florida"),
    ("Univ South Florida", r"University of South Florida"),
    ("Florida International University", r"Florida Int\w*\.? Univ|^FIU$"),
    ("Univ North Carolina Chapel Hill", r"Chapel Hill"),
    ("Univ North Carolina Greensboro", r"Greensboro"),
    ("North Carolina State University", r"North Carolina State"),
    ("Univ Minnesota", r"Minnesota"),
    ("Worcester Polytechnic Institute", r"Worcester|^WPI$"),
    (
        "Northeastern University (Boston)",
        r"Northeastern University.*(Boston|USA)|^Northeastern University$",
    ),
    ("Northeastern University (China)", r"Northeastern University.*(Liaoning|Shenyang|China)"),
    ("Indiana University", r"Indiana University"),
    ("Portland State University", r"Portland State"),
    ("Virginia Tech", r"Virginia Tech"),
    ("Univ Oklahoma", r"(The )?University of Oklahoma"),
    ("Univ Central Oklahoma", r"Central Oklahoma"),
    ("Santa Clara University", r"Santa Clara Univ|Univ\. Santa Clara"),
    ("Johns Hopkins University", r"Johns Hopkins"),
    ("Drexel University", r"Drexel"),
    ("Rutgers University", r"Rutgers"),
    ("George Mason University", r"George Mason"),
    ("Wright State University", r"Wright State"),
    ("New Jersey Institute of Technology", r"New Jersey Inst|NJIT"),
    ("Univ Cincinnati", r"Cincinnati"),
    # --- Canada ---
    ("Univ Toronto", r"(University|Univ\.|Univerity) of Toronto"),
    ("Univ Calgary", r"Calgary"),
    ("Univ British Columbia", r"British Columbia|\bUBC\b"),
    ("Univ Waterloo", r"Waterloo"),
    ("Simon Fraser University", r"Simon Fraser"),
    ("Univ Alberta", r"University of Alberta"),
    ("York University", r"^York University"),
    # --- companies ---
    ("IBM", r"\bIBM\b|Almaden|Watson Res|Watson Center|T\. J\. Watson"),
    ("AT&T", r"AT\s?&\s?T|\bATT Labs"),
    ("Bell Labs (Lucent)", r"Bell Lab|Lucent"),
    ("Microsoft", r"Micro?r?sof?t|Micorsoft|Mirosoft"),
    ("Intel", r"\bIntel\b"),
    ("Oracle", r"Oracle"),
    ("Google", r"Google"),
    ("Yahoo", r"Yahoo"),
    ("HP", r"Hewlett|\bHP\b"),
    ("Compaq", r"Compaq"),
    ("BEA Systems", r"\bBEA\b"),
    ("NCR/Teradata", r"\bNCR\b|Teradata"),
    ("NEC", r"\bNEC\b"),
    ("NTT", r"\bNTT\b"),
    ("SAP", r"\bSAP\b"),
    ("Siemens", r"Siemens"),
    ("Informix", r"Informix|InFomix"),
    ("Infobright", r"Infobright"),
    ("E.piphany", r"E\.?piphany"),
    ("TimesTen", r"TimesTen"),
    ("TransAction Software", r"TransAction Software"),
    ("Procom Technology", r"Procom"),
    ("Stata Labs", r"Stata Labs"),
    ("Xerox", r"Xerox"),
    ("Facebook", r"Facebook"),
    ("Gigabeat", r"Gigabeat"),
    ("Motorola", r"Motorola"),
    ("Verizon", r"Verizon"),
    ("Boeing", r"Boeing|Phantom Works"),
    ("Persistent Systems", r"Persistent Systems|PSPL"),
    ("Kickfire", r"Kickfire"),
    ("Akamai", r"Akamai"),
    ("QUIQ", r"QUIQ"),
    ("XQRL", r"XQRL"),
    ("Kelman GmbH", r"Kelman"),
    ("France Telecom", r"France Telecom"),
    ("Telecom ParisTech", r"Telecom ParisTech|Télécom ParisTech"),
    ("Embrapa", r"Embrapa"),
    ("NASA", r"NASA"),
    # --- Europe ---
    ("INRIA", r"I\.?N\.?R\.?I\.?A"),
    ("CNAM", r"CNAM"),
    ("Univ Helsinki", r"University of Helsinki"),
    ("Helsinki Univ of Technology", r"Helsinki University of Technology"),
    ("HIIT", r"Helsinki Institute for Information Technology"),
    ("Univ Magdeburg", r"Magdeburg"),
    (
        "ETH Zurich",
        r"\bETHZ?\b|Swiss Federal Institute of Technology,?\s+(\(ETHZ?\)\s*)?Z"
        r"|Swiss Federal Institute of Technology \(ETH",
    ),
    ("EPFL", r"EPFL|Lausanne"),
    ("CWI", r"\bCWI\b|Centrum (voor )?Wiskunde"),
    (
        "Tech Univ Munich",
        r"TU[- ]M(ü|u)nchen|Technische Universität München|Technical University of Munich"
        r"|^TUM$|Institut förmatik",
    ),
    (
        "LMU Munich",
        r"(?<!Technical )University of Munich|Univ\. of Munich|Ludwig-Maximilians"
        r"|University of Munchen",
    ),
    ("Univ Marburg", r"Marburg"),
    ("Saarland University", r"Saarland"),
    ("MPI Informatics", r"Max[- ]Planck|MPI Informatik"),
    ("Humboldt Univ Berlin", r"Humboldt"),
    ("FHTW Berlin", r"Fachhochschule für Technik und Wirtschaft"),
    ("Univ Hannover", r"Hannover|Hanover|L3S"),
    ("FernUniversität Hagen", r"Hagen"),
    ("RWTH Aachen", r"RWTH"),
    ("Univ Edinburgh", r"Edinburgh"),
    ("Univ Manchester", r"Manchester"),
    ("Oxford University", r"Oxford"),
    ("Univ Paris-Sud (Paris XI)", r"Paris[- ]Sud|Paris XI"),
    ("Univ Paris-Dauphine (Paris IX)", r"Dauphine"),
    ("UPMC (Paris 6)", r"Paris 6|LIP6"),
    ("UVSQ (Versailles)", r"Versailles"),
    ("Univ Nantes", r"Universit\w* (of|de) Nantes"),
    ("Univ Blaise Pascal (Clermont)", r"LIMOS"),
    ("ENS Paris", r"Normale Supérieure"),
    # Telecom ParisTech's former names (the current one is with the companies above)
    ("Telecom ParisTech", r"Nationale Superieure,? de Telecommunications|Institut Télécom"),
    ("Politecnico di Milano", r"Politecnico di Milano|Piazza Leonardo da Vinci"),
    ("Politecnico di Torino", r"Politecnico di Torino"),
    (
        "Univ Torino",
        r"Univ\w*\.? (degli Studi )?di Torino|U\. of Torino|University of Turin"
        r"|University of Torino",
    ),
    ("Sapienza Univ Rome", r"Sapienza|University of Roma, Roma"),
    ("Roma Tre Univ", r"Roma Tre"),
    ("Univ Calabria", r"Universit\w* della Calabria|UNICAL"),
    ("Univ Mediterranea Reggio Calabria", r"Mediterranea"),
    ("Univ Modena e Reggio Emilia", r"Modena"),
    ("CNR", r"\bCNR\b|\bISTI\b"),
    ("Univ Pisa", r"University of Pisa|Universita di Pisa"),
    ("Univ Genoa", r"Genoa|Genova"),
    ("Univ Camerino", r"Camerino"),
    ("Univ Insubria", r"Insubria"),
    ("Univ Trento", r"Trento"),
    ("Free Univ Bozen-Bolzano", r"Bozen|Bolzano"),
    ("TU Wien", r"Wien|Vienna"),
    ("Univ Twente", r"Twente"),
    ("Aalborg University", r"Aalborg"),
    ("Univ Dortmund (TU Dortmund)", r"Dortmund"),
    ("Clausthal Univ of Technology", r"Clausthal"),
    ("Univ Stuttgart", r"University of Stuttgart"),
    ("Berufsakademie Stuttgart", r"Berufsakademie"),
    ("Univ Münster", r"M(ü|ä)nster"),
    ("FORWISS", r"FORWISS|Wissensbasierte"),
    ("Univ Karlsruhe", r"Karlsruhe"),
    ("TU Dresden", r"Dresden"),
    ("Univ Freiburg", r"Freiburg"),
    ("Univ Mannheim", r"Mannheim"),
    ("Univ Passau", r"Passau"),
    ("National Technical Univ Athens", r"National Technical University of Athens"),
    ("Univ Athens", r"(?<!Technical )(?<!Agricultural )(University|Univ\.) of Athens"),
    ("Agricultural Univ Athens", r"Agricultural Univ"),
    ("Athens Univ Economics and Business", r"Athens Univ\w*\.? of Economics"),
    ("Univ Patras", r"University of Patras"),
    ("Computer Technology Institute (CTI)", r"Computer Technology,? Institute|CTI Patras"),
    ("FORTH", r"\bForth\b"),
    ("Univ Crete", r"(?<!Technical )University of Crete"),
    ("Technical Univ Crete", r"Technical University of Crete"),
    ("Aristotle Univ Thessaloniki", r"Aristot"),
    ("Bilkent University", r"Bilkent"),
    # --- Asia / Oceania / elsewhere ---
    ("HKUST", r"Hong Kong Univ\w*\.? of Sci|HKUST"),
    ("Huazhong Univ Science and Technology", r"Huazhong"),
    ("Chinese Univ Hong Kong", r"Chinese Univ"),
    (
        "Univ Hong Kong",
        r"(?<!Chinese )(?<!City )University of Hong Kong|^Hong Kong University(?! of Sci)",
    ),
    ("City Univ Hong Kong", r"City University of Hong Kong"),
    ("Hong Kong Polytechnic University", r"Hong Kong Polytechnic"),
    ("National Univ Singapore", r"(National|Natl|Nat'l)\.?\s+U\w*\.?\s+of\s+Singapor|\bNUS\b"),
    ("Peking University", r"Peking"),
    (
        "IIT Bombay",
        r"Bombay|Mumba|Indian Institute of Technology(?!,? New Delhi)"
        r"|Tndian Institiue of Technology",
    ),
    ("IIT Delhi", r"Indian Institute of Technology, New Delhi"),
    (
        "Indian Institute of Science",
        r"Indian Institu\w+ of science|lndian Institute of Science|SERC",
    ),
    ("IIIT Hyderabad", r"IIIT|International Institute of Information Technology"),
    ("KAIST", r"KAIST|Korea Advanced"),
    ("JAIST", r"Japan Advanced"),
    ("Nara Inst Science and Technology", r"Nara Institute"),
    ("Univ Tokyo", r"(University|Univ\.) of Tokyo"),
    ("Tokyo Inst of Technology", r"Tokyo Institute of Tech"),
    ("Technion", r"Technion"),
    ("Hebrew University", r"Hebrew Univ"),
    ("Tel Aviv University", r"Tel[- ]Aviv"),
    ("Haifa University", r"Haifa University"),
    ("UNSW", r"New South Wales|University of NSW"),
    ("Univ Sydney", r"University of Sydney"),
    ("NICTA", r"NICTA|National ICT Australia"),
    ("CSIRO", r"CSIRO"),
    ("La Trobe University", r"La Trobe"),
    ("Univ Melbourne", r"(University|Univ\.) of Melbourne"),
    ("RMIT University", r"RMIT"),
    ("Emory University", r"Emory"),
    ("Univ Bologna", r"Bologna"),
    ("Univ Queensland", r"Queensland"),
    ("National Taiwan University", r"National Taiwan University(?! of Science)"),
    ("National Taiwan Univ Science and Technology", r"National Taiwan University of Science"),
    ("National Cheng Kung University", r"Cheng Kung"),
    ("National Chengchi University", r"Chengchi"),
    ("National Tsing Hua University", r"Tsing Hua"),
    ("National Chiao Tung University", r"Chiao Tung"),
    ("Chung Yuan Christian University", r"Chung Yuan"),
    ("National Chiayi University", r"Chiayi"),
    ("Univ L'Aquila", r"L'Aquila"),
    ("Univ Southern Maine", r"Southern Maine"),
    ("OGI / OHSU", r"\bOGI\b|OHSU|Oregon Graduate Institu"),
    ("National Sun Yat-sen University (Taiwan)", r"National Sun Yat"),
    ("Academia Sinica", r"Academia Sinica"),
    ("Chinese Academy of Sciences", r"Chinese Academy of Sciences"),
    ("Fudan University", r"Fudan"),
    ("Shanghai Jiao Tong University", r"Jiao\s?Tong"),
    ("Renmin University", r"Renmin"),
    ("Harbin Inst of Technology", r"Harbin"),
    ("Seoul National University", r"Seoul National"),
    ("Nanyang Technological University", r"Nanyang"),
    ("Universidad de Chile", r"Universidad de Chile|University of Chile"),
    ("PUC Chile", r"Pontificia Universidad Cat|PUC Chile"),
    ("Univ Sao Paulo", r"S(ã|a)o Paulo|ICMC|USP"),
    ("UFRGS", r"Rio Grande do Sul"),
    ("UFRJ", r"Rio de Janeiro"),
    ("Univ Campinas", r"University of Campinas|UNICAMP"),
]

_UC_SYSTEM = "bare University of California (system)"
_UIUC_SYSTEM = "bare University of Illinois (system)"
_UW_SYSTEM = "bare University of Wisconsin (system)"
_UMASS_SYSTEM = "bare University of Massachusetts (system)"
_LONDON = "bare University of London (federal university)"
_L3S = "L3S is a research centre of Leibniz Univ Hannover"
_MITRE_UMD = "MITRE and Univ Maryland"

OVERRIDE: dict[str, tuple[str, str]] = {
    "543": (AMBIGUOUS, "bare 'Berkeley', a city: UC Berkeley, LBNL, Intel and Yahoo Research"),
    "8359": (AMBIGUOUS, _UC_SYSTEM),
    "1518": (AMBIGUOUS, _UC_SYSTEM),
    "8337": (AMBIGUOUS, _UC_SYSTEM),
    "8129": (AMBIGUOUS, _UC_SYSTEM),
    "7936": ("UC Irvine", "University of California with Irvine's postcode and city"),
    "632": (AMBIGUOUS, "bare University of Texas (system)"),
    "1157": (AMBIGUOUS, _UIUC_SYSTEM),
    "296": (AMBIGUOUS, _UIUC_SYSTEM),
    "8418": (AMBIGUOUS, _UIUC_SYSTEM),
    "7278": ("Univ Illinois Chicago", "University of Illinois, then the city Chicago"),
    "9260": ("Univ Illinois Chicago", "University of Illinois, then the city Chicago"),
    "127": (AMBIGUOUS, _UW_SYSTEM),
    "6506": (AMBIGUOUS, _UW_SYSTEM),
    "3032": (AMBIGUOUS, _UMASS_SYSTEM),
    "8242": (AMBIGUOUS, _UMASS_SYSTEM),
    "4886": ("Univ Hannover", _L3S),
    "3315": ("Univ Hannover", _L3S),
    "4231": ("NCR/Teradata", "Teradata was a division of NCR"),
    "1450": (AMBIGUOUS, _MITRE_UMD),
    "1936": (AMBIGUOUS, _MITRE_UMD),
    "8312": (AMBIGUOUS, _MITRE_UMD),
    "167": (
        AMBIGUOUS,
        "an institute and a country only (ETH Zurich has an institute of that name?)",
    ),
    "2637": ("EPFL", "EPFL's School of Computer and Communication Sciences (outside knowledge)"),
    "2503": (AMBIGUOUS, _LONDON),
    "8405": (AMBIGUOUS, _LONDON),
    "8619": ("Queen Mary Univ London", "a college of the University of London, named"),
    "9180": (AMBIGUOUS, "bare Sun Yat-sen University: Guangzhou (SYSU) or Kaohsiung (NSYSU)"),
    "4682": (AMBIGUOUS, "a street address only (Politecnico di Milano's, by outside knowledge)"),
    "5268": (AMBIGUOUS, "'University of Roma': Rome has several universities"),
    "545": (AMBIGUOUS, "'Virginia': a state"),
    "8910": (AMBIGUOUS, "a city only (Haifa)"),
    "9382": (
        "Polytechnic University (NYU-Poly)",
        "Polytechnic Institute of NYU: affiliated school 2008-14, part of NYU since 2014",
    ),
}

ALT: dict[str, str] = {
    "1157": "Univ Illinois Urbana-Champaign",
    "296": "Univ Illinois Urbana-Champaign",
    "8418": "Univ Illinois Urbana-Champaign",
    "127": "Univ Wisconsin-Madison",
    "6506": "Univ Wisconsin-Madison",
    "9382": "New York University",
    "3032": "Univ Massachusetts Amherst",
    "8242": "Univ Massachusetts Amherst",
    "543": "UC Berkeley",
}

SITE_RULES: dict[str, list[tuple[str, str]]] = {
    "IBM": [
        ("IBM Almaden/San Jose", r"Almaden|San Jose|Silicon Valley|Sillicon"),
        ("IBM T.J. Watson", r"Watson|Yorktown|Hawthorne"),
        ("IBM Toronto/Canada", r"Toronto|Canada"),
        ("IBM Haifa", r"Haifa"),
        ("IBM China", r"China"),
        ("IBM India", r"India"),
        ("IBM Germany", r"Germany|Deutschland|B(ö|oe)blingen"),
        ("IBM Tokyo", r"Tokyo|Yamato"),
    ],
    "Microsoft": [
        ("MSR Asia", r"Asia"),
        ("MSR India", r"India"),
        ("MSR Cambridge", r"Cambridge"),
        ("MSR Silicon Valley", r"Mountain View|Silicon Valley|San Francisco|Search Labs"),
    ],
    "Intel": [
        ("Intel Research Berkeley", r"Berkeley"),
        ("Intel Research Pittsburgh", r"Pittsburgh"),
    ],
    "Bell Labs (Lucent)": [("Bell Labs India", r"India|Bangalore")],
    "NEC": [
        ("NEC Research Institute", r"Research Institute|Princeton"),
        ("NEC C&C/San Jose", r"C&C|San Jose"),
    ],
    "HP": [("HP Houston", r"Houston")],
    "NASA": [("NASA Ames", r"Ames"), ("NASA Goddard", r"Goddard")],
    "SAP": [("SAP Labs Palo Alto", r"Palo Alto")],
    "Infobright": [("Infobright Poland", r"Poland"), ("Infobright Canada", r"Canada")],
    "Yahoo": [("Yahoo Research Berkeley", r"Berkeley")],
    "INRIA": [
        ("INRIA Lorraine", r"Lorraine|LORIA"),
        ("INRIA Futurs/Orsay", r"Futurs|Orsay"),
    ],
    "CNR": [("CNR ISTI", r"ISTI"), ("CNR ICAR", r"ICAR")],
}

# Why a fragment (the strings of one label, or one site, that the matcher puts in one
# predicted cluster) stays apart from its institution's main fragment. Category c: a generic
# rule could catch it, the institution's name is literally there modulo a typo, abbreviated
# common words, punctuation, spacing or word order, location, address or sub-unit words
# around it, or a language variant of common words. Category b: it needs outside knowledge
# (an acronym, an alias or former name, a lab or site named without its parent, a division
# of a differently named parent). The first letter of each reason is its category.
C_TYPO = "c: typo / misspelling"
C_ABBR = "c: abbreviation of common words (RC, Res., Ctr., Labs., Univ., U.)"
C_PUNCT = "c: punctuation / spacing / word order"
C_UNIT = "c: sub-unit, department or address words around a literal name"
C_LOC = "c: same name, location differs or is absent"
C_LANG = "c: common-word language variant (Institut fur/Universitat)"
B_ACR = "b: acronym or domain (UWisc, wisc.edu, PSU, TUM, MPI, UNICAL...)"
B_ALIAS = "b: alias / former name (Paris XI, Philipps, LMU, Texas State, TU Dortmund)"
B_LAB = "b: lab/centre/project named without its parent (SDSC, Courant, L3S, itr-rescue)"
B_DIV = "b: division of a differently named parent (Teradata = NCR)"

# String id (any string of the fragment) -> reason. Order matters where two ids name one
# fragment: the later one wins.
FRAGMENT_REASONS: dict[str, str] = {
    # IBM
    "6150": C_TYPO, "2900": C_ABBR, "8444": C_PUNCT, "682": C_TYPO, "627": C_LOC,
    "6718": C_LOC, "8896": C_LOC, "5656": C_LOC, "8765": C_ABBR, "1336": B_LAB,
    "3969": C_UNIT, "7186": C_UNIT, "2005": C_UNIT, "6904": C_UNIT, "2706": C_LOC,
    "878": C_UNIT, "1600": C_UNIT, "7125": C_UNIT, "612": C_UNIT, "4126": C_TYPO,
    "9526": C_UNIT, "963": C_ABBR, "2727": C_UNIT,
    # Microsoft, Intel, Yahoo, NEC, SAP, INRIA, Bell Labs, AT&T
    "2839": C_TYPO, "6481": C_PUNCT, "9210": C_PUNCT, "7122": C_UNIT, "9659": C_UNIT,
    "9677": C_UNIT, "8425": C_UNIT, "8240": C_UNIT, "3204": C_UNIT, "5225": C_LOC,
    "961": C_UNIT, "685": C_LOC, "3673": C_UNIT, "7777": C_UNIT, "3102": C_UNIT,
    "4592": C_UNIT, "6324": C_TYPO, "6510": C_TYPO, "7953": C_UNIT, "3754": C_LOC,
    "2852": C_UNIT, "8179": C_LOC, "2687": C_LOC, "5655": C_ABBR, "5773": C_LOC,
    # others
    "6523": C_TYPO, "1239": C_UNIT, "7784": C_UNIT, "1651": C_UNIT, "2691": C_UNIT,
    "3763": C_LOC, "9413": C_UNIT, "5273": C_UNIT, "366": C_UNIT, "4342": C_UNIT,
    "7580": B_ACR, "3497": C_LOC, "251": C_LOC, "3603": B_ACR, "4923": C_UNIT,
    "6756": C_PUNCT, "8884": C_UNIT, "8940": C_TYPO, "8872": C_UNIT, "2637": B_LAB,
    "4416": C_UNIT, "1140": B_ACR, "8341": C_UNIT, "7568": C_ABBR, "8284": C_TYPO,
    "9499": B_ALIAS, "5346": B_ACR, "1092": C_UNIT, "6477": C_TYPO, "1306": C_UNIT,
    "7021": C_UNIT, "7041": C_TYPO, "6627": C_TYPO, "1603": B_ALIAS, "5002": B_ALIAS,
    "321": B_LAB, "230": C_UNIT, "4386": C_UNIT, "8083": C_TYPO, "8417": C_LANG,
    "1955": B_ACR, "3397": C_UNIT, "2057": B_DIV, "1472": B_DIV, "4238": C_ABBR,
    "3365": C_UNIT, "7801": C_UNIT, "8226": B_LAB, "9333": C_UNIT, "347": C_UNIT,
    "3279": B_ACR, "6326": C_PUNCT, "8350": B_ALIAS, "9636": B_ACR, "6540": B_ACR,
    "6597": C_TYPO, "2626": C_UNIT, "6682": C_UNIT, "1645": C_PUNCT, "2061": C_PUNCT,
    "8550": B_ALIAS, "2681": C_UNIT, "4045": C_ABBR, "9726": C_PUNCT, "6888": C_UNIT,
    "3469": B_ACR, "1055": C_UNIT, "425": C_UNIT, "9459": C_UNIT, "6123": B_ALIAS,
    "5068": B_ALIAS, "7165": C_UNIT, "9330": C_UNIT, "1138": C_UNIT, "4350": B_LAB,
    "7936": C_PUNCT, "4335": C_UNIT, "1287": B_LAB, "1288": B_LAB, "1529": B_ACR,
    "988": B_LAB, "2863": C_ABBR, "8142": B_LAB, "1353": C_PUNCT, "1625": B_ACR,
    "6231": B_ALIAS, "8586": C_TYPO, "462": B_LAB, "8726": B_ALIAS, "6520": C_LANG,
    "4871": B_ACR, "4252": B_ACR, "9487": C_LOC, "8047": B_ALIAS, "6609": B_ALIAS,
    "8029": C_UNIT, "3739": C_LOC, "4002": C_UNIT, "1454": C_PUNCT, "2347": B_ACR,
    "8443": B_ACR, "9638": B_ACR, "4852": B_ACR, "7724": C_UNIT,
}  # fmt: skip
