# ruff: noqa: E501 -- rows of aligned translations read best unbroken
"""The words the synthetic catalogue is made of: countries, subjects and phrasing per language.

Data only, embedded so the generator needs nothing outside the package. Texts are kept
aligned across languages (the n-th pattern, sentence or outcome means the same thing in every
language), so that an offer's English title is a translation of its local one. ISCED-F labels
are the official English labels of ISCED-F 2013.
"""

from __future__ import annotations

from typing import NamedTuple

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "nl", "es", "it", "pl", "fi", "sv", "pt")
"""Languages the offer texts are written in; other countries' offers are taught in English."""

ISCED_F: dict[str, str] = {
    "0031": "Personal skills and development",
    "0111": "Education science",
    "0112": "Training for pre-school teachers",
    "0113": "Teacher training without subject specialisation",
    "0114": "Teacher training with subject specialisation",
    "0211": "Audio-visual techniques and media production",
    "0212": "Fashion, interior and industrial design",
    "0213": "Fine arts",
    "0215": "Music and performing arts",
    "0221": "Religion and theology",
    "0222": "History and archaeology",
    "0223": "Philosophy and ethics",
    "0231": "Language acquisition",
    "0232": "Literature and linguistics",
    "0311": "Economics",
    "0312": "Political sciences and civics",
    "0313": "Psychology",
    "0314": "Sociology and cultural studies",
    "0321": "Journalism and reporting",
    "0322": "Library, information and archival studies",
    "0411": "Accounting and taxation",
    "0412": "Finance, banking and insurance",
    "0413": "Management and administration",
    "0414": "Marketing and advertising",
    "0416": "Wholesale and retail sales",
    "0417": "Work skills",
    "0421": "Law",
    "0511": "Biology",
    "0512": "Biochemistry",
    "0521": "Environmental sciences",
    "0522": "Natural environments and wildlife",
    "0531": "Chemistry",
    "0532": "Earth sciences",
    "0533": "Physics",
    "0541": "Mathematics",
    "0542": "Statistics",
    "0611": "Computer use",
    "0612": "Database and network design and administration",
    "0613": "Software and applications development and analysis",
    "0619": "Information and communication technologies not elsewhere classified",
    "0688": "Inter-disciplinary programmes and qualifications involving Information and "
    "Communication Technologies (ICTs)",
    "0711": "Chemical engineering and processes",
    "0712": "Environmental protection technology",
    "0713": "Electricity and energy",
    "0714": "Electronics and automation",
    "0715": "Mechanics and metal trades",
    "0716": "Motor vehicles, ships and aircraft",
    "0721": "Food processing",
    "0722": "Materials (glass, paper, plastic and wood)",
    "0731": "Architecture and town planning",
    "0732": "Building and civil engineering",
    "0811": "Crop and livestock production",
    "0812": "Horticulture",
    "0821": "Forestry",
    "0831": "Fisheries",
    "0841": "Veterinary",
    "0912": "Medicine",
    "0913": "Nursing and midwifery",
    "0914": "Medical diagnostic and treatment technology",
    "0915": "Therapy and rehabilitation",
    "0916": "Pharmacy",
    "0921": "Care of the elderly and of disabled adults",
    "0922": "Child care and youth services",
    "0923": "Social work and counselling",
    "1013": "Hotel, restaurants and catering",
    "1014": "Sports",
    "1015": "Travel, tourism and leisure",
    "1022": "Occupational health and safety",
    "1032": "Protection of persons and property",
    "1041": "Transport services",
}
"""Detailed (4-digit) ISCED-F 2013 fields the synthetic offers are classified in."""

ISCED_F_NARROW: dict[str, str] = {
    "003": "Personal skills and development",
    "011": "Education",
    "021": "Arts",
    "022": "Humanities (except languages)",
    "023": "Languages",
    "031": "Social and behavioural sciences",
    "032": "Journalism and information",
    "041": "Business and administration",
    "042": "Law",
    "051": "Biological and related sciences",
    "052": "Environment",
    "053": "Physical sciences",
    "054": "Mathematics and statistics",
    "061": "Information and Communication Technologies (ICTs)",
    "068": "Inter-disciplinary programmes and qualifications involving Information and "
    "Communication Technologies (ICTs)",
    "071": "Engineering and engineering trades",
    "072": "Manufacturing and processing",
    "073": "Architecture and construction",
    "081": "Agriculture",
    "082": "Forestry",
    "083": "Fisheries",
    "084": "Veterinary",
    "091": "Health",
    "092": "Welfare",
    "101": "Personal services",
    "102": "Hygiene and occupational health services",
    "103": "Security services",
    "104": "Transport services",
}
"""Narrow (3-digit) ISCED-F 2013 fields above the detailed ones, for sources that stop there."""


class Topic(NamedTuple):
    """A subject an offer teaches: its ISCED-F field and its name in every language."""

    isced: str
    generic: bool
    """Whether the topic reads well applied to a domain ("Data Analytics for Public Health")."""
    names: dict[str, str]


def _topic(isced: str, names: str, generic: bool = False) -> Topic:
    return Topic(isced, generic, dict(zip(LANGUAGES, names.split("|"), strict=True)))


TOPICS: tuple[Topic, ...] = (
    _topic(
        "0031",
        "Academic Writing|Wissenschaftliches Schreiben|Écriture académique|Academisch schrijven|Escritura académica|Scrittura accademica|Pisanie akademickie|Akateeminen kirjoittaminen|Akademiskt skrivande|Escrita académica",
    ),
    _topic(
        "0111",
        "Learning Design|Lerndesign|Conception pédagogique|Onderwijsontwerp|Diseño del aprendizaje|Progettazione didattica|Projektowanie dydaktyczne|Oppimisen muotoilu|Lärdesign|Design de aprendizagem",
    ),
    _topic(
        "0112",
        "Early Childhood Education|Frühkindliche Bildung|Éducation de la petite enfance|Vroegschoolse educatie|Educación infantil|Educazione della prima infanzia|Edukacja wczesnodziecięca|Varhaiskasvatus|Förskolepedagogik|Educação de infância",
    ),
    _topic(
        "0113",
        "Digital Teaching|Digitale Lehre|Enseignement numérique|Digitaal lesgeven|Docencia digital|Didattica digitale|Nauczanie cyfrowe|Digitaalinen opetus|Digital undervisning|Ensino digital",
    ),
    _topic(
        "0114",
        "Teaching Mathematics|Mathematikdidaktik|Didactique des mathématiques|Didactiek van de wiskunde|Didáctica de las matemáticas|Didattica della matematica|Dydaktyka matematyki|Matematiikan didaktiikka|Matematikdidaktik|Didática da matemática",
    ),
    _topic(
        "0211",
        "Video Production|Videoproduktion|Production vidéo|Videoproductie|Producción de vídeo|Produzione video|Produkcja wideo|Videotuotanto|Videoproduktion|Produção de vídeo",
    ),
    _topic(
        "0212",
        "Sustainable Product Design|Nachhaltiges Produktdesign|Design de produits durables|Duurzaam productontwerp|Diseño de productos sostenibles|Design di prodotto sostenibile|Zrównoważone projektowanie produktów|Kestävä tuotesuunnittelu|Hållbar produktdesign|Design de produto sustentável",
    ),
    _topic(
        "0213",
        "Contemporary Art Practice|Zeitgenössische Kunstpraxis|Pratique de l'art contemporain|Hedendaagse kunstpraktijk|Práctica artística contemporánea|Pratica dell'arte contemporanea|Współczesna praktyka artystyczna|Nykytaiteen käytännöt|Samtida konstpraktik|Prática de arte contemporânea",
    ),
    _topic(
        "0215",
        "Music Technology|Musiktechnologie|Technologies musicales|Muziektechnologie|Tecnología musical|Tecnologia musicale|Technologia muzyczna|Musiikkiteknologia|Musikteknik|Tecnologia musical",
    ),
    _topic(
        "0221",
        "Interreligious Dialogue|Interreligiöser Dialog|Dialogue interreligieux|Interreligieuze dialoog|Diálogo interreligioso|Dialogo interreligioso|Dialog międzyreligijny|Uskontojen välinen dialogi|Interreligiös dialog|Diálogo inter-religioso",
    ),
    _topic(
        "0222",
        "Digital Heritage|Digitales Kulturerbe|Patrimoine numérique|Digitaal erfgoed|Patrimonio digital|Patrimonio digitale|Cyfrowe dziedzictwo|Digitaalinen kulttuuriperintö|Digitalt kulturarv|Património digital",
    ),
    _topic(
        "0223",
        "Ethics of Artificial Intelligence|Ethik der künstlichen Intelligenz|Éthique de l'intelligence artificielle|Ethiek van kunstmatige intelligentie|Ética de la inteligencia artificial|Etica dell'intelligenza artificiale|Etyka sztucznej inteligencji|Tekoälyn etiikka|Etik inom artificiell intelligens|Ética da inteligência artificial",
    ),
    _topic(
        "0231",
        "Academic English|Akademisches Englisch|Anglais académique|Academisch Engels|Inglés académico|Inglese accademico|Akademicki język angielski|Akateeminen englanti|Akademisk engelska|Inglês académico",
    ),
    _topic(
        "0231",
        "Business German|Wirtschaftsdeutsch|Allemand des affaires|Zakelijk Duits|Alemán de negocios|Tedesco commerciale|Język niemiecki w biznesie|Liike-elämän saksa|Affärstyska|Alemão para negócios",
    ),
    _topic(
        "0232",
        "Corpus Linguistics|Korpuslinguistik|Linguistique de corpus|Corpuslinguïstiek|Lingüística de corpus|Linguistica dei corpora|Językoznawstwo korpusowe|Korpuslingvistiikka|Korpuslingvistik|Linguística de corpus",
    ),
    _topic(
        "0311",
        "Circular Economy|Kreislaufwirtschaft|Économie circulaire|Circulaire economie|Economía circular|Economia circolare|Gospodarka o obiegu zamkniętym|Kiertotalous|Cirkulär ekonomi|Economia circular",
        True,
    ),
    _topic(
        "0311",
        "Behavioural Economics|Verhaltensökonomik|Économie comportementale|Gedragseconomie|Economía conductual|Economia comportamentale|Ekonomia behawioralna|Käyttäytymistaloustiede|Beteendeekonomi|Economia comportamental",
    ),
    _topic(
        "0312",
        "European Union Policy|EU-Politik|Politiques de l'Union européenne|EU-beleid|Políticas de la Unión Europea|Politiche dell'Unione europea|Polityki Unii Europejskiej|EU-politiikka|EU:s politik|Políticas da União Europeia",
    ),
    _topic(
        "0313",
        "Workplace Psychology|Arbeitspsychologie|Psychologie du travail|Arbeidspsychologie|Psicología del trabajo|Psicologia del lavoro|Psychologia pracy|Työpsykologia|Arbetspsykologi|Psicologia do trabalho",
    ),
    _topic(
        "0314",
        "Migration Studies|Migrationsforschung|Études migratoires|Migratiestudies|Estudios migratorios|Studi sulle migrazioni|Studia nad migracjami|Muuttoliiketutkimus|Migrationsstudier|Estudos de migração",
    ),
    _topic(
        "0321",
        "Data Journalism|Datenjournalismus|Journalisme de données|Datajournalistiek|Periodismo de datos|Giornalismo dei dati|Dziennikarstwo danych|Datajournalismi|Datajournalistik|Jornalismo de dados",
    ),
    _topic(
        "0322",
        "Research Data Management|Forschungsdatenmanagement|Gestion des données de recherche|Onderzoeksdatabeheer|Gestión de datos de investigación|Gestione dei dati della ricerca|Zarządzanie danymi badawczymi|Tutkimusdatan hallinta|Forskningsdatahantering|Gestão de dados de investigação",
    ),
    _topic(
        "0411",
        "International Taxation|Internationales Steuerrecht|Fiscalité internationale|Internationaal belastingrecht|Fiscalidad internacional|Fiscalità internazionale|Międzynarodowe prawo podatkowe|Kansainvälinen verotus|Internationell beskattning|Fiscalidade internacional",
    ),
    _topic(
        "0411",
        "Sustainability Reporting|Nachhaltigkeitsberichterstattung|Reporting extra-financier|Duurzaamheidsverslaggeving|Informes de sostenibilidad|Rendicontazione di sostenibilità|Raportowanie zrównoważonego rozwoju|Vastuullisuusraportointi|Hållbarhetsrapportering|Relato de sustentabilidade",
        True,
    ),
    _topic(
        "0412",
        "Sustainable Finance|Nachhaltige Finanzwirtschaft|Finance durable|Duurzame financiering|Finanzas sostenibles|Finanza sostenibile|Zrównoważone finanse|Kestävä rahoitus|Hållbar finans|Finanças sustentáveis",
    ),
    _topic(
        "0412",
        "Financial Technology|Finanztechnologie|Technologies financières|Financiële technologie|Tecnología financiera|Tecnologia finanziaria|Technologia finansowa|Rahoitusteknologia|Finansiell teknik|Tecnologia financeira",
    ),
    _topic(
        "0413",
        "Project Management|Projektmanagement|Gestion de projet|Projectmanagement|Gestión de proyectos|Gestione dei progetti|Zarządzanie projektami|Projektinhallinta|Projektledning|Gestão de projetos",
        True,
    ),
    _topic(
        "0413",
        "Agile Leadership|Agile Führung|Leadership agile|Agile leiderschap|Liderazgo ágil|Leadership agile|Zwinne przywództwo|Ketterä johtaminen|Agilt ledarskap|Liderança ágil",
        True,
    ),
    _topic(
        "0413",
        "Entrepreneurship|Unternehmertum|Entrepreneuriat|Ondernemerschap|Emprendimiento|Imprenditorialità|Przedsiębiorczość|Yrittäjyys|Entreprenörskap|Empreendedorismo",
    ),
    _topic(
        "0414",
        "Digital Marketing|Digitales Marketing|Marketing numérique|Digitale marketing|Marketing digital|Marketing digitale|Marketing cyfrowy|Digitaalinen markkinointi|Digital marknadsföring|Marketing digital",
        True,
    ),
    _topic(
        "0416",
        "E-Commerce Management|E-Commerce-Management|Gestion du commerce électronique|E-commercemanagement|Gestión del comercio electrónico|Gestione dell'e-commerce|Zarządzanie e-commerce|Verkkokaupan johtaminen|E-handelsledning|Gestão de comércio eletrónico",
    ),
    _topic(
        "0417",
        "Intercultural Communication|Interkulturelle Kommunikation|Communication interculturelle|Interculturele communicatie|Comunicación intercultural|Comunicazione interculturale|Komunikacja międzykulturowa|Kulttuurienvälinen viestintä|Interkulturell kommunikation|Comunicação intercultural",
        True,
    ),
    _topic(
        "0421",
        "Data Protection Law|Datenschutzrecht|Droit de la protection des données|Privacyrecht|Derecho de protección de datos|Diritto della protezione dei dati|Prawo ochrony danych osobowych|Tietosuojaoikeus|Dataskyddsrätt|Direito da proteção de dados",
        True,
    ),
    _topic(
        "0421",
        "European Competition Law|Europäisches Wettbewerbsrecht|Droit européen de la concurrence|Europees mededingingsrecht|Derecho europeo de la competencia|Diritto europeo della concorrenza|Europejskie prawo konkurencji|EU:n kilpailuoikeus|Europeisk konkurrensrätt|Direito europeu da concorrência",
    ),
    _topic(
        "0511",
        "Molecular Biology Techniques|Molekularbiologische Methoden|Techniques de biologie moléculaire|Moleculair-biologische technieken|Técnicas de biología molecular|Tecniche di biologia molecolare|Techniki biologii molekularnej|Molekyylibiologian menetelmät|Molekylärbiologiska metoder|Técnicas de biologia molecular",
    ),
    _topic(
        "0512",
        "Bioinformatics|Bioinformatik|Bioinformatique|Bio-informatica|Bioinformática|Bioinformatica|Bioinformatyka|Bioinformatiikka|Bioinformatik|Bioinformática",
    ),
    _topic(
        "0521",
        "Climate Change Adaptation|Anpassung an den Klimawandel|Adaptation au changement climatique|Klimaatadaptatie|Adaptación al cambio climático|Adattamento ai cambiamenti climatici|Adaptacja do zmian klimatu|Ilmastonmuutokseen sopeutuminen|Klimatanpassning|Adaptação às alterações climáticas",
        True,
    ),
    _topic(
        "0522",
        "Biodiversity Monitoring|Biodiversitätsmonitoring|Suivi de la biodiversité|Biodiversiteitsmonitoring|Seguimiento de la biodiversidad|Monitoraggio della biodiversità|Monitoring bioróżnorodności|Luonnon monimuotoisuuden seuranta|Övervakning av biologisk mångfald|Monitorização da biodiversidade",
    ),
    _topic(
        "0531",
        "Green Chemistry|Grüne Chemie|Chimie verte|Groene chemie|Química verde|Chimica verde|Zielona chemia|Vihreä kemia|Grön kemi|Química verde",
    ),
    _topic(
        "0532",
        "Geographic Information Systems|Geoinformationssysteme|Systèmes d'information géographique|Geografische informatiesystemen|Sistemas de información geográfica|Sistemi informativi geografici|Systemy informacji geograficznej|Paikkatietojärjestelmät|Geografiska informationssystem|Sistemas de informação geográfica",
        True,
    ),
    _topic(
        "0533",
        "Quantum Computing|Quantencomputing|Informatique quantique|Quantumcomputing|Computación cuántica|Calcolo quantistico|Obliczenia kwantowe|Kvanttilaskenta|Kvantdatorer|Computação quântica",
    ),
    _topic(
        "0541",
        "Optimisation Methods|Optimierungsverfahren|Méthodes d'optimisation|Optimalisatiemethoden|Métodos de optimización|Metodi di ottimizzazione|Metody optymalizacji|Optimointimenetelmät|Optimeringsmetoder|Métodos de otimização",
        True,
    ),
    _topic(
        "0542",
        "Applied Statistics|Angewandte Statistik|Statistique appliquée|Toegepaste statistiek|Estadística aplicada|Statistica applicata|Statystyka stosowana|Sovellettu tilastotiede|Tillämpad statistik|Estatística aplicada",
        True,
    ),
    _topic(
        "0542",
        "Data Analytics|Datenanalyse|Analyse de données|Data-analyse|Análisis de datos|Analisi dei dati|Analiza danych|Data-analytiikka|Dataanalys|Análise de dados",
        True,
    ),
    _topic(
        "0611",
        "Digital Skills|Digitale Kompetenzen|Compétences numériques|Digitale vaardigheden|Competencias digitales|Competenze digitali|Kompetencje cyfrowe|Digitaidot|Digital kompetens|Competências digitais",
        True,
    ),
    _topic(
        "0612",
        "Cloud Infrastructure|Cloud-Infrastruktur|Infrastructure cloud|Cloudinfrastructuur|Infraestructura en la nube|Infrastruttura cloud|Infrastruktura chmurowa|Pilvi-infrastruktuuri|Molninfrastruktur|Infraestrutura em nuvem",
    ),
    _topic(
        "0612",
        "Database Design|Datenbankentwurf|Conception de bases de données|Databaseontwerp|Diseño de bases de datos|Progettazione di basi di dati|Projektowanie baz danych|Tietokantasuunnittelu|Databasdesign|Design de bases de dados",
    ),
    _topic(
        "0613",
        "Machine Learning|Maschinelles Lernen|Apprentissage automatique|Machine learning|Aprendizaje automático|Apprendimento automatico|Uczenie maszynowe|Koneoppiminen|Maskininlärning|Aprendizagem automática",
        True,
    ),
    _topic(
        "0613",
        "Python Programming|Programmieren mit Python|Programmation Python|Programmeren in Python|Programación en Python|Programmazione in Python|Programowanie w Pythonie|Python-ohjelmointi|Programmering i Python|Programação em Python",
        True,
    ),
    _topic(
        "0613",
        "Web Development|Webentwicklung|Développement web|Webontwikkeling|Desarrollo web|Sviluppo web|Tworzenie aplikacji internetowych|Web-kehitys|Webbutveckling|Desenvolvimento web",
    ),
    _topic(
        "0619",
        "Cybersecurity|Cybersicherheit|Cybersécurité|Cyberbeveiliging|Ciberseguridad|Cybersicurezza|Cyberbezpieczeństwo|Kyberturvallisuus|Cybersäkerhet|Cibersegurança",
        True,
    ),
    _topic(
        "0688",
        "Artificial Intelligence|Künstliche Intelligenz|Intelligence artificielle|Kunstmatige intelligentie|Inteligencia artificial|Intelligenza artificiale|Sztuczna inteligencja|Tekoäly|Artificiell intelligens|Inteligência artificial",
        True,
    ),
    _topic(
        "0711",
        "Process Engineering|Verfahrenstechnik|Génie des procédés|Procestechnologie|Ingeniería de procesos|Ingegneria di processo|Inżynieria procesowa|Prosessitekniikka|Processteknik|Engenharia de processos",
    ),
    _topic(
        "0712",
        "Water Treatment Technology|Wasseraufbereitungstechnik|Technologies de traitement de l'eau|Waterbehandelingstechnologie|Tecnología de tratamiento del agua|Tecnologie per il trattamento delle acque|Technologia uzdatniania wody|Vedenkäsittelytekniikka|Vattenreningsteknik|Tecnologia de tratamento de água",
    ),
    _topic(
        "0713",
        "Renewable Energy Systems|Erneuerbare Energiesysteme|Systèmes d'énergie renouvelable|Hernieuwbare energiesystemen|Sistemas de energías renovables|Sistemi di energia rinnovabile|Systemy energii odnawialnej|Uusiutuvan energian järjestelmät|Förnybara energisystem|Sistemas de energias renováveis",
        True,
    ),
    _topic(
        "0713",
        "Battery Technology|Batterietechnik|Technologie des batteries|Batterijtechnologie|Tecnología de baterías|Tecnologia delle batterie|Technologia baterii|Akkuteknologia|Batteriteknik|Tecnologia de baterias",
    ),
    _topic(
        "0714",
        "Industrial Automation|Industrielle Automatisierung|Automatisation industrielle|Industriële automatisering|Automatización industrial|Automazione industriale|Automatyka przemysłowa|Teollisuusautomaatio|Industriell automation|Automação industrial",
    ),
    _topic(
        "0714",
        "Robotics|Robotik|Robotique|Robotica|Robótica|Robotica|Robotyka|Robotiikka|Robotik|Robótica",
        True,
    ),
    _topic(
        "0715",
        "Additive Manufacturing|Additive Fertigung|Fabrication additive|Additieve productie|Fabricación aditiva|Manifattura additiva|Wytwarzanie przyrostowe|Materiaalia lisäävä valmistus|Additiv tillverkning|Fabrico aditivo",
    ),
    _topic(
        "0716",
        "Electric Mobility|Elektromobilität|Mobilité électrique|Elektrische mobiliteit|Movilidad eléctrica|Mobilità elettrica|Elektromobilność|Sähköinen liikenne|Elektromobilitet|Mobilidade elétrica",
        True,
    ),
    _topic(
        "0721",
        "Food Safety|Lebensmittelsicherheit|Sécurité alimentaire|Voedselveiligheid|Seguridad alimentaria|Sicurezza alimentare|Bezpieczeństwo żywności|Elintarviketurvallisuus|Livsmedelssäkerhet|Segurança alimentar",
    ),
    _topic(
        "0722",
        "Bio-based Materials|Biobasierte Werkstoffe|Matériaux biosourcés|Biobased materialen|Materiales de base biológica|Materiali a base biologica|Materiały pochodzenia biologicznego|Biopohjaiset materiaalit|Biobaserade material|Materiais de base biológica",
    ),
    _topic(
        "0731",
        "Sustainable Urban Planning|Nachhaltige Stadtplanung|Urbanisme durable|Duurzame stedenbouw|Urbanismo sostenible|Pianificazione urbana sostenibile|Zrównoważone planowanie miast|Kestävä kaupunkisuunnittelu|Hållbar stadsplanering|Planeamento urbano sustentável",
    ),
    _topic(
        "0732",
        "Building Information Modelling|Building Information Modeling|Modélisation des informations du bâtiment|Bouwinformatiemodellering|Modelado de información de construcción|Modellazione delle informazioni edilizie|Modelowanie informacji o budynku|Tietomallintaminen|Byggnadsinformationsmodellering|Modelação da informação da construção",
    ),
    _topic(
        "0732",
        "Energy-efficient Renovation|Energieeffiziente Sanierung|Rénovation énergétique|Energiezuinige renovatie|Rehabilitación energética|Riqualificazione energetica|Termomodernizacja budynków|Energiatehokas korjausrakentaminen|Energieffektiv renovering|Reabilitação energética",
    ),
    _topic(
        "0811",
        "Precision Agriculture|Präzisionslandwirtschaft|Agriculture de précision|Precisielandbouw|Agricultura de precisión|Agricoltura di precisione|Rolnictwo precyzyjne|Täsmäviljely|Precisionsodling|Agricultura de precisão",
    ),
    _topic(
        "0812",
        "Urban Horticulture|Urbaner Gartenbau|Horticulture urbaine|Stadstuinbouw|Horticultura urbana|Orticoltura urbana|Ogrodnictwo miejskie|Kaupunkipuutarhanhoito|Urban trädgårdsodling|Horticultura urbana",
    ),
    _topic(
        "0821",
        "Sustainable Forest Management|Nachhaltige Forstwirtschaft|Gestion durable des forêts|Duurzaam bosbeheer|Gestión forestal sostenible|Gestione forestale sostenibile|Zrównoważona gospodarka leśna|Kestävä metsätalous|Hållbart skogsbruk|Gestão florestal sustentável",
    ),
    _topic(
        "0831",
        "Aquaculture|Aquakultur|Aquaculture|Aquacultuur|Acuicultura|Acquacoltura|Akwakultura|Vesiviljely|Vattenbruk|Aquacultura",
    ),
    _topic(
        "0841",
        "Animal Welfare|Tierschutz|Bien-être animal|Dierenwelzijn|Bienestar animal|Benessere animale|Dobrostan zwierząt|Eläinten hyvinvointi|Djurvälfärd|Bem-estar animal",
    ),
    _topic(
        "0912",
        "Clinical Research Methods|Methoden der klinischen Forschung|Méthodes de recherche clinique|Methoden van klinisch onderzoek|Métodos de investigación clínica|Metodi della ricerca clinica|Metody badań klinicznych|Kliinisen tutkimuksen menetelmät|Klinisk forskningsmetodik|Métodos de investigação clínica",
    ),
    _topic(
        "0912",
        "Digital Health|Digitale Gesundheit|Santé numérique|Digitale zorg|Salud digital|Sanità digitale|Zdrowie cyfrowe|Digitaalinen terveys|Digital hälsa|Saúde digital",
    ),
    _topic(
        "0913",
        "Palliative Care|Palliativpflege|Soins palliatifs|Palliatieve zorg|Cuidados paliativos|Cure palliative|Opieka paliatywna|Palliatiivinen hoito|Palliativ vård|Cuidados paliativos",
    ),
    _topic(
        "0914",
        "Medical Imaging|Medizinische Bildgebung|Imagerie médicale|Medische beeldvorming|Imagen médica|Diagnostica per immagini|Obrazowanie medyczne|Lääketieteellinen kuvantaminen|Medicinsk bildbehandling|Imagiologia médica",
    ),
    _topic(
        "0915",
        "Sports Physiotherapy|Sportphysiotherapie|Kinésithérapie du sport|Sportfysiotherapie|Fisioterapia deportiva|Fisioterapia sportiva|Fizjoterapia sportowa|Urheilufysioterapia|Idrottsfysioterapi|Fisioterapia desportiva",
    ),
    _topic(
        "0916",
        "Pharmacovigilance|Pharmakovigilanz|Pharmacovigilance|Farmacovigilantie|Farmacovigilancia|Farmacovigilanza|Nadzór nad bezpieczeństwem farmakoterapii|Lääketurvatoiminta|Läkemedelsövervakning|Farmacovigilância",
    ),
    _topic(
        "0921",
        "Dementia Care|Demenzversorgung|Accompagnement des personnes atteintes de démence|Dementiezorg|Atención a la demencia|Assistenza alle persone con demenza|Opieka nad osobami z demencją|Muistisairaan hoito|Demensvård|Cuidados na demência",
    ),
    _topic(
        "0922",
        "Youth Work|Jugendarbeit|Animation jeunesse|Jongerenwerk|Trabajo con jóvenes|Lavoro giovanile|Praca z młodzieżą|Nuorisotyö|Ungdomsarbete|Trabalho com jovens",
    ),
    _topic(
        "0923",
        "Social Work with Refugees|Soziale Arbeit mit Geflüchteten|Travail social auprès des réfugiés|Sociaal werk met vluchtelingen|Trabajo social con personas refugiadas|Lavoro sociale con i rifugiati|Praca socjalna z uchodźcami|Sosiaalityö pakolaisten parissa|Socialt arbete med flyktingar|Serviço social com refugiados",
    ),
    _topic(
        "0923",
        "Career Guidance|Berufsberatung|Orientation professionnelle|Loopbaanbegeleiding|Orientación profesional|Orientamento professionale|Doradztwo zawodowe|Uraohjaus|Studie- och yrkesvägledning|Orientação vocacional",
    ),
    _topic(
        "1013",
        "Hospitality Management|Hotelmanagement|Management de l'hôtellerie|Hospitality management|Gestión hotelera|Management alberghiero|Zarządzanie hotelarstwem|Majoitus- ja ravitsemisalan johtaminen|Hotell- och restaurangledning|Gestão hoteleira",
    ),
    _topic(
        "1014",
        "Sports Coaching|Sporttraining|Entraînement sportif|Sportcoaching|Entrenamiento deportivo|Allenamento sportivo|Trenerstwo sportowe|Urheiluvalmennus|Idrottscoachning|Treino desportivo",
    ),
    _topic(
        "1015",
        "Sustainable Tourism|Nachhaltiger Tourismus|Tourisme durable|Duurzaam toerisme|Turismo sostenible|Turismo sostenibile|Turystyka zrównoważona|Kestävä matkailu|Hållbar turism|Turismo sustentável",
    ),
    _topic(
        "1022",
        "Occupational Safety|Arbeitssicherheit|Santé et sécurité au travail|Arbeidsveiligheid|Seguridad laboral|Sicurezza sul lavoro|Bezpieczeństwo i higiena pracy|Työturvallisuus|Arbetsmiljö och säkerhet|Segurança no trabalho",
    ),
    _topic(
        "1032",
        "Crisis Management|Krisenmanagement|Gestion de crise|Crisismanagement|Gestión de crisis|Gestione delle crisi|Zarządzanie kryzysowe|Kriisinhallinta|Krishantering|Gestão de crises",
        True,
    ),
    _topic(
        "1041",
        "Logistics and Supply Chain Management|Logistik und Supply-Chain-Management|Logistique et gestion de la chaîne d'approvisionnement|Logistiek en supply chain management|Logística y gestión de la cadena de suministro|Logistica e gestione della catena di approvvigionamento|Logistyka i zarządzanie łańcuchem dostaw|Logistiikka ja toimitusketjun hallinta|Logistik och försörjningskedjor|Logística e gestão da cadeia de abastecimento",
    ),
)


def _by_language(row: str) -> dict[str, str]:
    """One ``|``-separated phrase per language, in ``LANGUAGES`` order."""
    return dict(zip(LANGUAGES, row.split("|"), strict=True))


def _aligned(*rows: str) -> dict[str, tuple[str, ...]]:
    """Per language (in ``LANGUAGES`` order), one ``|``-separated row of aligned phrases."""
    return {language: tuple(row.split("|")) for language, row in zip(LANGUAGES, rows, strict=True)}


DOMAINS: dict[str, tuple[str, ...]] = _aligned(
    "for Public Health|for SMEs|for Engineers|in the Public Sector|for Healthcare Professionals|for Educators|in Agriculture|for Smart Cities",
    "für die öffentliche Gesundheit|für KMU|für Ingenieurinnen und Ingenieure|im öffentlichen Sektor|für Gesundheitsberufe|für Lehrkräfte|in der Landwirtschaft|für Smart Cities",
    "pour la santé publique|pour les PME|pour les ingénieurs|dans le secteur public|pour les professionnels de santé|pour les enseignants|en agriculture|pour les villes intelligentes",
    "voor de volksgezondheid|voor het mkb|voor ingenieurs|in de publieke sector|voor zorgprofessionals|voor docenten|in de landbouw|voor slimme steden",
    "para la salud pública|para pymes|para ingenieros|en el sector público|para profesionales sanitarios|para docentes|en la agricultura|para ciudades inteligentes",
    "per la sanità pubblica|per le PMI|per ingegneri|nel settore pubblico|per professionisti sanitari|per docenti|in agricoltura|per le smart city",
    "w zdrowiu publicznym|dla MŚP|dla inżynierów|w sektorze publicznym|dla pracowników ochrony zdrowia|dla nauczycieli|w rolnictwie|dla inteligentnych miast",
    "kansanterveystyössä|pk-yrityksille|insinööreille|julkisella sektorilla|terveydenhuollon ammattilaisille|opettajille|maataloudessa|älykkäille kaupungeille",
    "för folkhälsan|för små och medelstora företag|för ingenjörer|i offentlig sektor|för vårdpersonal|för lärare|inom jordbruket|för smarta städer",
    "para a saúde pública|para PME|para engenheiros|no setor público|para profissionais de saúde|para professores|na agricultura|para cidades inteligentes",
)
"""Application domains a generic topic is applied to, appended to the topic."""

PATTERNS: dict[str, tuple[str, ...]] = _aligned(
    "{T}|Introduction to {t}|Fundamentals of {t}|{T} in Practice|{T} for Professionals|Advanced {t}|Certificate in {t}|{T}: Methods and Tools",
    "{T}|Einführung in {t}|Grundkurs {t}|{T} in der Praxis|{T} für Berufstätige|Vertiefung {t}|Zertifikatskurs {t}|{T}: Methoden und Werkzeuge",
    "{T}|{T} : introduction|{T} : les fondamentaux|{T} en pratique|{T} pour les professionnels|{T} : niveau avancé|Certificat en {t}|{T} : méthodes et outils",
    "{T}|Inleiding tot {t}|Basiscursus {t}|{T} in de praktijk|{T} voor professionals|Gevorderde cursus {t}|Certificaat {t}|{T}: methoden en tools",
    "{T}|{T}: introducción|Fundamentos de {t}|{T} en la práctica|{T} para profesionales|Curso avanzado de {t}|Certificado en {t}|{T}: métodos y herramientas",
    "{T}|{T}: introduzione|Fondamenti di {t}|{T} in pratica|{T} per professionisti|Corso avanzato di {t}|Certificato in {t}|{T}: metodi e strumenti",
    "{T}|{T} – wprowadzenie|{T} – podstawy|{T} w praktyce|{T} dla profesjonalistów|{T} – kurs zaawansowany|Mikropoświadczenie: {t}|{T}: metody i narzędzia",
    "{T}|{T}: johdanto|{T}: perusteet|{T} käytännössä|{T} ammattilaisille|{T}: syventävä kurssi|Sertifikaattikurssi: {t}|{T}: menetelmät ja työkalut",
    "{T}|Introduktion till {t}|Grundkurs i {t}|{T} i praktiken|{T} för yrkesverksamma|Fördjupningskurs i {t}|Certifikat i {t}|{T}: metoder och verktyg",
    "{T}|{T}: introdução|Fundamentos de {t}|{T} na prática|{T} para profissionais|Curso avançado de {t}|Certificado em {t}|{T}: métodos e ferramentas",
)
"""Title patterns: ``{T}`` is the topic as it starts a title, ``{t}`` the topic within one."""

PROFESSIONAL_COURSE: dict[str, str] = _by_language(
    "{T}: Professional Course|{T}: Kurs für Berufstätige|{T} : formation professionnelle|{T}: cursus voor professionals|{T}: curso para profesionales|{T}: corso per professionisti|{T}: kurs dla profesjonalistów|{T}: kurssi ammattilaisille|{T}: kurs för yrkesverksamma|{T}: curso para profissionais"
)
"""The pattern "for Professionals" where the topic already has a domain."""

LEVEL_WORD: dict[str, str] = _by_language(
    "Level|Stufe|niveau|niveau|nivel|livello|poziom|taso|nivå|nível"
)
PART_WORD: dict[str, str] = _by_language("Part|Teil|partie|deel|parte|parte|część|osa|del|parte")

SENTENCES: dict[str, tuple[str, ...]] = _aligned(
    "This micro-credential gives a practical grounding in {t}.|Participants work on real cases and a final project.|It is designed for working professionals who want to update their skills.|The course combines short lectures, guided exercises and peer discussion.|No prior knowledge of {t} is required.|Successful participants receive a digitally signed certificate.",
    "Dieses Microcredential vermittelt praxisnahe Grundlagen in {t}.|Die Teilnehmenden bearbeiten reale Fallstudien und ein Abschlussprojekt.|Es richtet sich an Berufstätige, die ihre Kompetenzen erweitern möchten.|Der Kurs verbindet kurze Vorlesungen, angeleitete Übungen und Diskussionen in der Gruppe.|Vorkenntnisse in {t} sind nicht erforderlich.|Nach erfolgreichem Abschluss erhalten die Teilnehmenden ein digital signiertes Zertifikat.",
    "Cette micro-certification offre une formation pratique en {t}.|Les participants travaillent sur des cas réels et un projet final.|Elle s'adresse aux professionnels en activité qui souhaitent actualiser leurs compétences.|Le cours combine de courts exposés, des exercices guidés et des échanges entre pairs.|Aucune connaissance préalable en {t} n'est requise.|Les participants reçoivent un certificat numérique signé.",
    "Deze microcredential biedt een praktische basis in {t}.|Deelnemers werken aan echte casussen en een eindproject.|De cursus is bedoeld voor werkenden die hun vaardigheden willen bijwerken.|De cursus combineert korte colleges, begeleide oefeningen en intervisie.|Voorkennis van {t} is niet vereist.|Geslaagde deelnemers ontvangen een digitaal ondertekend certificaat.",
    "Esta microcredencial ofrece una formación práctica en {t}.|Los participantes trabajan con casos reales y un proyecto final.|Está dirigida a profesionales en activo que desean actualizar sus competencias.|El curso combina breves clases magistrales, ejercicios guiados y debates entre pares.|No se requieren conocimientos previos de {t}.|Quienes lo superen reciben un certificado firmado digitalmente.",
    "Questa microcredenziale offre una formazione pratica in {t}.|I partecipanti lavorano su casi reali e su un progetto finale.|È pensata per professionisti che desiderano aggiornare le proprie competenze.|Il corso combina brevi lezioni, esercitazioni guidate e confronto tra pari.|Non sono richieste conoscenze pregresse di {t}.|Chi supera il corso riceve un certificato firmato digitalmente.",
    "To mikropoświadczenie zapewnia praktyczne przygotowanie w obszarze: {t}.|Uczestnicy pracują na rzeczywistych przypadkach i realizują projekt końcowy.|Kurs jest przeznaczony dla osób pracujących, które chcą zaktualizować swoje umiejętności.|Kurs łączy krótkie wykłady, ćwiczenia z prowadzącym i dyskusje w grupie.|Nie jest wymagana wcześniejsza wiedza z zakresu: {t}.|Uczestnicy, którzy ukończą kurs, otrzymują cyfrowo podpisany certyfikat.",
    "Tämä osaamiskokonaisuus antaa käytännön valmiudet aiheessa {t}.|Osallistujat työskentelevät todellisten tapausten ja lopputyön parissa.|Kurssi on suunnattu työelämässä oleville, jotka haluavat päivittää osaamistaan.|Kurssi yhdistää lyhyet luennot, ohjatut harjoitukset ja vertaiskeskustelut.|Aiempaa osaamista aiheesta {t} ei edellytetä.|Hyväksytysti suorittaneet saavat digitaalisesti allekirjoitetun todistuksen.",
    "Denna mikromerit ger praktiska kunskaper i {t}.|Deltagarna arbetar med verkliga fall och ett slutprojekt.|Kursen riktar sig till yrkesverksamma som vill uppdatera sina färdigheter.|Kursen kombinerar korta föreläsningar, handledda övningar och diskussioner.|Inga förkunskaper i {t} krävs.|Godkända deltagare får ett digitalt signerat intyg.",
    "Esta microcredencial oferece uma formação prática em {t}.|Os participantes trabalham com casos reais e um projeto final.|Destina-se a profissionais no ativo que pretendem atualizar as suas competências.|O curso combina aulas curtas, exercícios orientados e discussão entre pares.|Não são necessários conhecimentos prévios de {t}.|Os participantes aprovados recebem um certificado assinado digitalmente.",
)
"""Description sentences; the first opens every description."""

OUTCOME_PREFIX: dict[str, str] = dict(
    zip(
        LANGUAGES,
        (
            "On completion, learners can {}.",
            "Nach Abschluss können die Lernenden {}.",
            "À l'issue de la formation, les apprenants sont capables {}.",
            "Na afloop kunnen deelnemers {}.",
            "Al finalizar, el alumnado es capaz de {}.",
            "Al termine, i partecipanti sono in grado di {}.",
            "Po ukończeniu kursu uczestnik potrafi {}.",
            "Kurssin suoritettuaan osallistuja osaa {}.",
            "Efter avslutad kurs kan deltagaren {}.",
            "No final, os formandos são capazes de {}.",
        ),
        strict=True,
    )
)
OUTCOMES: dict[str, tuple[str, ...]] = _aligned(
    "explain the key concepts and terminology of {t}|apply methods of {t} to problems from their own professional practice|critically evaluate tools and sources used in {t}|design and document a small project in {t}|communicate results to specialist and non-specialist audiences|take the ethical and legal aspects of {t} into account responsibly",
    "die zentralen Begriffe und Konzepte von {t} erklären|Methoden aus dem Bereich {t} auf Probleme der eigenen Berufspraxis anwenden|Werkzeuge und Quellen im Bereich {t} kritisch bewerten|ein kleines Projekt im Bereich {t} planen und dokumentieren|Ergebnisse für Fach- und Laienpublikum verständlich darstellen|ethische und rechtliche Aspekte von {t} verantwortungsvoll berücksichtigen",
    "d'expliquer les notions clés en {t}|d'appliquer des méthodes en {t} à des problèmes issus de leur pratique professionnelle|d'évaluer de manière critique les outils et les sources utilisés en {t}|de concevoir et documenter un petit projet en {t}|de communiquer des résultats à des publics spécialistes et non spécialistes|de prendre en compte de manière responsable les aspects éthiques et juridiques en {t}",
    "de kernbegrippen van {t} uitleggen|methoden uit {t} toepassen op vraagstukken uit de eigen beroepspraktijk|tools en bronnen binnen {t} kritisch beoordelen|een klein project op het gebied van {t} ontwerpen en documenteren|resultaten helder communiceren naar vakgenoten en een breed publiek|verantwoord omgaan met ethische en juridische aspecten van {t}",
    "explicar los conceptos clave de {t}|aplicar métodos de {t} a problemas de su práctica profesional|evaluar críticamente herramientas y fuentes utilizadas en {t}|diseñar y documentar un pequeño proyecto de {t}|comunicar resultados a públicos especializados y no especializados|actuar de forma responsable ante los aspectos éticos y jurídicos de {t}",
    "spiegare i concetti chiave di {t}|applicare metodi di {t} a problemi della propria pratica professionale|valutare criticamente strumenti e fonti utilizzati in {t}|progettare e documentare un piccolo progetto di {t}|comunicare i risultati a un pubblico specialistico e non specialistico|considerare in modo responsabile gli aspetti etici e giuridici di {t}",
    "wyjaśnić kluczowe pojęcia z zakresu: {t}|zastosować metody z zakresu: {t} do problemów z własnej praktyki zawodowej|krytycznie ocenić narzędzia i źródła stosowane w obszarze: {t}|zaprojektować i udokumentować niewielki projekt z zakresu: {t}|przedstawić wyniki odbiorcom specjalistycznym i niespecjalistycznym|odpowiedzialnie uwzględniać etyczne i prawne aspekty w obszarze: {t}",
    "selittää aiheen {t} keskeiset käsitteet|soveltaa aiheen {t} menetelmiä oman työnsä ongelmiin|arvioida kriittisesti aiheessa {t} käytettäviä työkaluja ja lähteitä|suunnitella ja dokumentoida pienen projektin aiheesta {t}|viestiä tuloksista sekä asiantuntijoille että suurelle yleisölle|ottaa vastuullisesti huomioon aiheen {t} eettiset ja oikeudelliset näkökohdat",
    "förklara centrala begrepp inom {t}|tillämpa metoder inom {t} på problem i den egna yrkesutövningen|kritiskt värdera verktyg och källor inom {t}|planera och dokumentera ett mindre projekt inom {t}|kommunicera resultat till både specialister och en bredare publik|ta ansvarsfull hänsyn till etiska och juridiska aspekter av {t}",
    "explicar os conceitos-chave de {t}|aplicar métodos de {t} a problemas da sua prática profissional|avaliar criticamente ferramentas e fontes utilizadas em {t}|conceber e documentar um pequeno projeto de {t}|comunicar resultados a públicos especializados e não especializados|considerar de forma responsável os aspetos éticos e jurídicos de {t}",
)
"""Learning outcomes, completed by ``OUTCOME_PREFIX``."""

ASSESSMENTS: dict[str, tuple[str, ...]] = _aligned(
    "written exam|project work|portfolio|oral examination|online quizzes|peer-reviewed assignment|attendance of at least 80% of the sessions|self-assessment only, no graded assessment",
    "schriftliche Prüfung|Projektarbeit|Portfolio|mündliche Prüfung|Online-Tests|Peer-Review-Aufgabe|Anwesenheit in mindestens 80 % der Termine|nur Selbsteinschätzung, keine benotete Prüfung",
    "examen écrit|projet|portfolio|examen oral|quiz en ligne|devoir évalué par les pairs|présence à au moins 80 % des séances|auto-évaluation uniquement, sans évaluation notée",
    "schriftelijk tentamen|projectopdracht|portfolio|mondeling examen|online quizzen|peer-reviewed opdracht|aanwezigheid bij minstens 80% van de bijeenkomsten|alleen zelfevaluatie, geen beoordeling",
    "examen escrito|trabajo de proyecto|portafolio|examen oral|cuestionarios en línea|tarea evaluada por pares|asistencia a al menos el 80 % de las sesiones|solo autoevaluación, sin evaluación calificada",
    "esame scritto|lavoro di progetto|portfolio|esame orale|quiz online|elaborato valutato tra pari|frequenza di almeno l'80% delle lezioni|solo autovalutazione, nessuna valutazione",
    "egzamin pisemny|projekt|portfolio|egzamin ustny|testy online|zadanie oceniane przez uczestników|obecność na co najmniej 80% zajęć|wyłącznie samoocena, bez oceny",
    "kirjallinen tentti|projektityö|portfolio|suullinen tentti|verkkotehtävät|vertaisarvioitu tehtävä|läsnäolo vähintään 80 %:ssa tapaamisista|vain itsearviointi, ei arvioitua suoritusta",
    "skriftlig tentamen|projektarbete|portfölj|muntlig tentamen|onlinequiz|kamratgranskad uppgift|närvaro vid minst 80 % av tillfällena|endast självvärdering, ingen betygsatt examination",
    "exame escrito|trabalho de projeto|portefólio|exame oral|questionários online|trabalho avaliado pelos pares|presença em pelo menos 80% das sessões|apenas autoavaliação, sem avaliação classificada",
)
"""Assessment texts: six kinds of graded assessment, then attendance, then none."""
ASSESSMENT_GRADED = 6
ASSESSMENT_ATTENDANCE = 6
ASSESSMENT_NONE = 7

PREREQUISITES: dict[str, tuple[str, ...]] = _aligned(
    "None.|A bachelor's degree or equivalent professional experience.|Basic knowledge of {t}.",
    "Keine.|Ein Bachelorabschluss oder gleichwertige Berufserfahrung.|Grundkenntnisse in {t}.",
    "Aucun.|Une licence ou une expérience professionnelle équivalente.|Des connaissances de base en {t}.",
    "Geen.|Een bachelordiploma of vergelijkbare werkervaring.|Basiskennis van {t}.",
    "Ninguno.|Un título de grado o experiencia profesional equivalente.|Conocimientos básicos de {t}.",
    "Nessuno.|Una laurea triennale o un'esperienza professionale equivalente.|Conoscenze di base di {t}.",
    "Brak.|Dyplom licencjata lub równoważne doświadczenie zawodowe.|Podstawowa wiedza z zakresu: {t}.",
    "Ei esitietovaatimuksia.|Kandidaatin tutkinto tai vastaava työkokemus.|Perustiedot aiheesta {t}.",
    "Inga.|En kandidatexamen eller motsvarande yrkeserfarenhet.|Grundläggande kunskaper i {t}.",
    "Nenhum.|Licenciatura ou experiência profissional equivalente.|Conhecimentos básicos de {t}.",
)

MASTER_PROGRAMME: dict[str, str] = _by_language(
    "Master's programme in {t}|Masterstudiengang {T}|Master {t}|Masteropleiding {t}|Máster en {t}|Laurea magistrale in {t}|Studia magisterskie: {t}|Maisteriohjelma: {t}|Masterprogram i {t}|Mestrado em {t}"
)
"""The programme a stackable offer counts towards."""

ALWAYS_CAPITALISED = frozenset(
    {"Python", "EU", "EU-Politik", "EU:s", "EU:n", "EU-politiikka", "EU-beleid", "English"}
)
"""First words a topic keeps capitalised inside a sentence."""


class NameForms(NamedTuple):
    """How a language names a university, a university of applied sciences and a catalogue."""

    university: str
    applied: str
    catalogue: str
    uni_abbr: str
    applied_abbr: str


NAME_FORMS: dict[str, NameForms] = {
    "en": NameForms(
        "University of {c}",
        "{c} University of Applied Sciences",
        "{k} Micro-credentials Catalogue",
        "U",
        "UAS",
    ),
    "de": NameForms("Universität {c}", "Hochschule {c}", "Microcredentials-Katalog {k}", "U", "HS"),
    "fr": NameForms(
        "Université de {c}",
        "Haute École de {c}",
        "Catalogue national des microcertifications ({k})",
        "U",
        "HE",
    ),
    "nl": NameForms(
        "Universiteit {c}", "Hogeschool {c}", "Nationaal register microcredentials {k}", "U", "HS"
    ),
    "es": NameForms(
        "Universidad de {c}",
        "Escuela Universitaria de {c}",
        "Catálogo de microcredenciales de {k}",
        "U",
        "EU",
    ),
    "it": NameForms(
        "Università degli Studi di {c}",
        "Politecnico di {c}",
        "Catalogo delle microcredenziali – {k}",
        "U",
        "P",
    ),
    "pl": NameForms(
        "Uniwersytet w {c}",
        "Akademia Nauk Stosowanych w {c}",
        "Katalog mikropoświadczeń – {k}",
        "U",
        "ANS",
    ),
    "fi": NameForms(
        "{c}n yliopisto", "{c}n ammattikorkeakoulu", "Osaamismerkkien luettelo – {k}", "Y", "AMK"
    ),
    "sv": NameForms(
        "{c} universitet", "Högskolan i {c}", "Katalog över mikromeriter – {k}", "U", "H"
    ),
    "pt": NameForms(
        "Universidade de {c}",
        "Instituto Politécnico de {c}",
        "Catálogo de microcredenciais – {k}",
        "U",
        "IP",
    ),
    "da": NameForms(
        "{c} Universitet",
        "Professionshøjskolen {c}",
        "Katalog over mikrokvalifikationer – {k}",
        "U",
        "PH",
    ),
    "no": NameForms(
        "Universitetet i {c}",
        "Høgskolen i {c}",
        "Katalog over mikrokvalifikasjoner – {k}",
        "U",
        "H",
    ),
    "cs": NameForms(
        "Univerzita {c}", "Vysoká škola {c}", "Katalog mikrocertifikátů – {k}", "U", "VS"
    ),
    "sk": NameForms(
        "Univerzita {c}", "Vysoká škola {c}", "Katalóg mikrocertifikátov – {k}", "U", "VS"
    ),
    "hu": NameForms(
        "{c}i Egyetem", "{c}i Főiskola", "Mikrotanúsítványok katalógusa – {k}", "E", "F"
    ),
    "ro": NameForms(
        "Universitatea din {c}",
        "Universitatea Tehnică din {c}",
        "Catalogul microcredențialelor – {k}",
        "U",
        "UT",
    ),
    "hr": NameForms(
        "Sveučilište u {c}", "Veleučilište u {c}", "Katalog mikrokvalifikacija – {k}", "S", "V"
    ),
    "sl": NameForms("Univerza v {c}", "Visoka šola {c}", "Katalog mikrodokazil – {k}", "U", "VS"),
    "el": NameForms(
        "Πανεπιστήμιο {c}",
        "Τεχνολογικό Εκπαιδευτικό Ίδρυμα {c}",
        "Κατάλογος μικροπιστοποιητικών – {k}",
        "U",
        "TEI",
    ),
    "et": NameForms(
        "{c} Ülikool", "{c} Rakenduskõrgkool", "Mikrokvalifikatsioonide kataloog – {k}", "U", "RK"
    ),
    "lv": NameForms(
        "{c} Universitāte", "{c} Augstskola", "Mikrokvalifikāciju katalogs – {k}", "U", "A"
    ),
    "lt": NameForms(
        "{c} universitetas", "{c} kolegija", "Mikrokredencialų katalogas – {k}", "U", "K"
    ),
    "mt": NameForms(
        "Università ta' {c}", "Kulleġġ ta' {c}", "Katalgu tal-Mikrokredenzjali – {k}", "U", "K"
    ),
}

PLACE_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "de": (
        (
            "Nord",
            "Süd",
            "Eichen",
            "Linden",
            "Stein",
            "Rosen",
            "Falken",
            "Birken",
            "Wolfs",
            "Buchen",
            "Tannen",
            "Erlen",
        ),
        ("hafen", "furt", "berg", "au", "stadt", "feld", "heim", "bach", "burg", "wald"),
    ),
    "nl": (
        ("Zuider", "Noorder", "Ooster", "Wester", "Linde", "Eiken", "Hoog", "Bree", "Zand", "Veen"),
        ("waard", "dam", "veen", "hoven", "wijk", "zijl", "burg", "recht"),
    ),
    "fr": (
        ("Beau", "Mont", "Roche", "Clair", "Val", "Font", "Bel", "Grand", "Chante", "Haut"),
        ("mont", "fort", "val", "lieu", "ville", "court", "pré", "bourg", "fontaine", "rive"),
    ),
    "es": (
        ("Villa", "Val", "Monte", "Puerto", "Torre", "Fuente", "Sierra", "Campo", "Peña", "Rio"),
        ("alta", "verde", "blanca", "real", "mayor", "llana", "clara", "hermosa"),
    ),
    "it": (
        (
            "Monte",
            "Castel",
            "Borgo",
            "Villa",
            "Rocca",
            "Pietra",
            "Valle",
            "Porto",
            "Fonte",
            "Colle",
        ),
        ("fiore", "bello", "verde", "alto", "nuovo", "chiaro", "lungo", "sereno"),
    ),
    "pl": (
        ("Bor", "Dęb", "Sosn", "Lip", "Brzez", "Krzyw", "Wol", "Kamien", "Jasn", "Zielon"),
        ("owice", "ów", "owo", "ino", "ienica", "ogród"),
    ),
    "fi": (
        ("Koivu", "Kuusi", "Pihla", "Leppä", "Haapa", "Kallio", "Tammi", "Joki", "Mänty", "Kivi"),
        ("la", "harju", "salo", "vaara", "kylä"),
    ),
    "sv": (
        ("Björk", "Ek", "Gran", "Sjö", "Berg", "Lind", "Ask", "Strand", "Fors", "Löv"),
        ("by", "holm", "vik", "köping", "stad", "näs", "berga", "sund", "åker"),
    ),
    "pt": (
        (
            "Vila",
            "Porto",
            "Monte",
            "Castelo",
            "Ribeira",
            "Serra",
            "Vale",
            "Campo",
            "Torre",
            "Fonte",
        ),
        (" Verde", " Alto", " Real", " Novo", " Claro", " Branco", " do Mar", " da Luz"),
    ),
    "da": (
        ("Bøge", "Ege", "Sø", "Strand", "Lyng", "Birke", "Ros", "Hav", "Sten", "Skov"),
        ("by", "holm", "bjerg", "lund", "rup", "sted", "høj", "vig"),
    ),
    "no": (
        ("Bjørke", "Furu", "Fjell", "Strand", "Sjø", "Lia", "Berg", "Dal", "Holm", "Elve"),
        ("vik", "nes", "dal", "by", "heim", "berg", "stad", "sund"),
    ),
    "cs": (
        ("Lip", "Bor", "Dub", "Kamen", "Jasen", "Břez", "Hor", "Zlat", "Stud", "Vys"),
        ("ov", "ovice", "any", "ín", "ná", "ec", "ník"),
    ),
    "sk": (
        ("Lip", "Bor", "Dub", "Kamen", "Jasen", "Brez", "Hor", "Zlat", "Stud", "Vys"),
        ("ov", "ovce", "any", "ín", "ná", "ec", "ník"),
    ),
    "hu": (
        ("Szeg", "Vár", "Hegy", "Tó", "Fehér", "Nagy", "Kis", "Arany", "Szent", "Duna"),
        ("falva", "vár", "hegy", "halom", "liget", "kút", "egyháza", "szállás"),
    ),
    "ro": (
        ("Valea", "Dealu", "Piatra", "Câmpu", "Satu", "Izvoru", "Râmnicu", "Târgu"),
        (" Mare", " Nou", " Verde", " Lung", " Alb", " Frumos", " Înalt"),
    ),
    "hr": (
        ("Bel", "Gor", "Zelen", "Kamen", "Lip", "Brez", "Slav", "Dobr", "Vel", "Nov"),
        ("ica", "ovac", "ograd", "ovo", "ina", "jak", "ec"),
    ),
    "sl": (
        ("Bel", "Gor", "Zelen", "Kamen", "Lip", "Brez", "Slov", "Dobr", "Vel", "Nov"),
        ("ica", "ovec", "grad", "ovo", "ina", "jak", "ec"),
    ),
    "et": (
        ("Kase", "Männi", "Kivi", "Järve", "Mere", "Tamme", "Kuuse", "Saare", "Vahe", "Lepa"),
        ("küla", "linn", "vere", "pää", "mõisa", "rand", "mäe", "oja"),
    ),
    "lv": (
        ("Bērz", "Ozol", "Priež", "Egl", "Liep", "Kalna", "Jūr", "Ezer", "Zaļ", "Akmeņ"),
        ("pils", "ciems", "kalns", "upe", "mala", "muiža", "zeme"),
    ),
    "lt": (
        ("Berž", "Ąžuol", "Puš", "Egl", "Liep", "Kaln", "Jūr", "Ežer", "Žal", "Akmen"),
        ("ynė", "iškiai", "ava", "onys", "uva", "ėnai", "upis"),
    ),
    "en": (
        ("Bally", "Kil", "Glen", "Carrig", "Dun", "Ard", "Clon", "Rath", "Inish", "Lis"),
        ("more", "beg", "ross", "keel", "glass", "managh", "lee", "dara"),
    ),
    "mt": (
        ("Marsa", "Birż", "Wied", "Għajn", "Qala", "Ras", "Tal-Ħ", "Xagħ"),
        ("xlokk", "ebbuġa", "irmiel", "tuffieħa", "għarb", "ajjar", "lija"),
    ),
}
"""Syllables of fictional place names per language: prefix + suffix."""

GREEK_PLACES: tuple[tuple[str, str], ...] = (
    ("Ελαιόπολης", "Elaiopolis"),
    ("Δρυόπολης", "Dryopolis"),
    ("Θαλασσόπολης", "Thalassopolis"),
    ("Λιθόπολης", "Lithopolis"),
    ("Ανεμόπολης", "Anemopolis"),
    ("Κρηνόπολης", "Krinopolis"),
    ("Αμπελόπολης", "Ampelopolis"),
    ("Πευκόπολης", "Pefkopolis"),
    ("Ροδόπολης", "Rodopolis"),
    ("Ορεινής Πόλης", "Oreini Poli"),
)
"""Fictional Greek place names: genitive in Greek script, and transliterated."""


class Country(NamedTuple):
    code: str
    name: str
    local_names: dict[str, str]
    """The country's name in each of its languages."""
    languages: tuple[str, ...]
    qa_bodies: tuple[str, ...]
    public_form: str
    private_form: str
    hours_per_ects: int
    erasmus: str
    """The country prefix of Erasmus institution codes."""


COUNTRIES: tuple[Country, ...] = (
    Country(
        "AT",
        "Austria",
        {"de": "Österreich"},
        ("de",),
        ("AQ Austria",),
        "Juristische Person des öffentlichen Rechts",
        "GmbH",
        25,
        "A",
    ),
    Country(
        "BE",
        "Belgium",
        {"nl": "België", "fr": "Belgique"},
        ("nl", "fr"),
        ("NVAO", "AEQES"),
        "openbare instelling",
        "BV",
        28,
        "B",
    ),
    Country(
        "CH",
        "Switzerland",
        {"de": "Schweiz", "fr": "Suisse", "it": "Svizzera"},
        ("de", "fr", "it"),
        ("AAQ",),
        "öffentlich-rechtliche Anstalt",
        "AG",
        30,
        "CH",
    ),
    Country(
        "CZ",
        "Czechia",
        {"cs": "Česko"},
        ("cs",),
        ("NAU",),
        "veřejná vysoká škola",
        "s.r.o.",
        27,
        "CZ",
    ),
    Country(
        "DE",
        "Germany",
        {"de": "Deutschland"},
        ("de",),
        ("ACQUIN", "AQAS", "ZEvA", "FIBAA", "evalag"),
        "Körperschaft des öffentlichen Rechts",
        "gGmbH",
        30,
        "D",
    ),
    Country(
        "DK",
        "Denmark",
        {"da": "Danmark"},
        ("da",),
        ("Danish Accreditation Institution",),
        "selvejende institution",
        "ApS",
        28,
        "DK",
    ),
    Country(
        "EE",
        "Estonia",
        {"et": "Eesti"},
        ("et",),
        ("HAKA",),
        "avalik-õiguslik ülikool",
        "OÜ",
        26,
        "EE",
    ),
    Country(
        "ES",
        "Spain",
        {"es": "España"},
        ("es",),
        ("ANECA", "AQU Catalunya", "ACSUG", "Unibasq"),
        "universidad pública",
        "S.L.",
        25,
        "E",
    ),
    Country(
        "FI",
        "Finland",
        {"fi": "Suomi", "sv": "Finland"},
        ("fi", "sv"),
        ("FINEEC",),
        "julkisoikeudellinen yliopisto",
        "Oy",
        27,
        "SF",
    ),
    Country("FR", "France", {"fr": "France"}, ("fr",), ("Hcéres", "CTI"), "EPSCP", "SAS", 25, "F"),
    Country("GR", "Greece", {"el": "Ελλάδα"}, ("el",), ("HAHE",), "ΝΠΔΔ", "Α.Ε.", 25, "G"),
    Country(
        "HR",
        "Croatia",
        {"hr": "Hrvatska"},
        ("hr",),
        ("ASHE",),
        "javna ustanova",
        "d.o.o.",
        30,
        "HR",
    ),
    Country(
        "HU",
        "Hungary",
        {"hu": "Magyarország"},
        ("hu",),
        ("MAB",),
        "állami felsőoktatási intézmény",
        "Kft.",
        30,
        "HU",
    ),
    Country(
        "IE", "Ireland", {"en": "Ireland"}, ("en",), ("QQI",), "statutory body", "DAC", 25, "IRL"
    ),
    Country(
        "IT",
        "Italy",
        {"it": "Italia"},
        ("it",),
        ("ANVUR",),
        "ente pubblico non economico",
        "S.r.l.",
        25,
        "I",
    ),
    Country(
        "LT", "Lithuania", {"lt": "Lietuva"}, ("lt",), ("SKVC",), "viešoji įstaiga", "UAB", 27, "LT"
    ),
    Country(
        "LV",
        "Latvia",
        {"lv": "Latvija"},
        ("lv",),
        ("AIC",),
        "atvasināta publiska persona",
        "SIA",
        27,
        "LV",
    ),
    Country(
        "MT",
        "Malta",
        {"mt": "Malta", "en": "Malta"},
        ("mt", "en"),
        ("MFHEA",),
        "public body",
        "Ltd",
        25,
        "MT",
    ),
    Country(
        "NL",
        "Netherlands",
        {"nl": "Nederland"},
        ("nl",),
        ("NVAO",),
        "openbare rechtspersoon",
        "B.V.",
        28,
        "NL",
    ),
    Country(
        "NO",
        "Norway",
        {"no": "Norge"},
        ("no",),
        ("NOKUT",),
        "statlig forvaltningsorgan",
        "AS",
        27,
        "N",
    ),
    Country(
        "PL",
        "Poland",
        {"pl": "Polska"},
        ("pl",),
        ("PKA",),
        "uczelnia publiczna",
        "sp. z o.o.",
        25,
        "PL",
    ),
    Country(
        "PT",
        "Portugal",
        {"pt": "Portugal"},
        ("pt",),
        ("A3ES",),
        "instituto público",
        "Lda.",
        27,
        "P",
    ),
    Country(
        "RO",
        "Romania",
        {"ro": "România"},
        ("ro",),
        ("ARACIS",),
        "instituție publică",
        "S.R.L.",
        25,
        "RO",
    ),
    Country(
        "SE", "Sweden", {"sv": "Sverige"}, ("sv",), ("UKÄ",), "statlig myndighet", "AB", 27, "S"
    ),
    Country(
        "SI", "Slovenia", {"sl": "Slovenija"}, ("sl",), ("SQAA",), "javni zavod", "d.o.o.", 25, "SI"
    ),
    Country(
        "SK",
        "Slovakia",
        {"sk": "Slovensko"},
        ("sk",),
        ("SAAHE",),
        "verejná vysoká škola",
        "s.r.o.",
        25,
        "SK",
    ),
)
"""European countries the fictional providers are in, with their languages and QA bodies."""

PLATFORM_PARTS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("Open", "Edu", "Learn", "Campus", "Skill", "Course", "Study", "Mind", "Uni", "Smart"),
    ("Nova", "Hub", "Wave", "Lane", "Port", "Quest", "Sphere", "Forge", "Path", "Bridge"),
)
"""Names of fictional MOOC platforms: prefix + suffix ("EduNova")."""
