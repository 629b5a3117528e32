"""OAI-PMH response templates for the aggregator tests."""

ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2026-11-01T00:00:00Z</responseDate>
  <request verb="ListRecords">http://127.0.0.1/oai</request>
  <ListRecords>{records}</ListRecords>
</OAI-PMH>"""

RECORD = """<record><header><identifier>{id}</identifier><datestamp>2026-10-01</datestamp>
  </header><metadata>
  <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title xml:lang="en">{title}</dc:title>
    <dc:publisher>Universität Nordhafen</dc:publisher>
    <dc:identifier>https://nordhafen.example/courses/{id}</dc:identifier>
    <dc:language>en</dc:language>
  </oai_dc:dc></metadata></record>"""

DELETED = """<record><header status="deleted"><identifier>{id}</identifier>
  <datestamp>2026-10-02</datestamp></header></record>"""

NO_TITLE = """<record><header><identifier>{id}</identifier><datestamp>2026-10-01</datestamp>
  </header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language>en</dc:language></oai_dc:dc>
  </metadata></record>"""
