"""Re-extract the golden-pair inputs from the shared third-party samples (not run by the tests).

    python tests/sample_data/mappings/extract_samples.py [../shared/data]

Each input is one record cut verbatim out of a published file (see ``SOURCE.txt`` in each
format folder); the ``*.expected.json`` beside it is written and checked by hand, never by
this script.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
OAI = "{http://www.openarchives.org/OAI/2.0/}"

OAI_DC = [
    # (output name, file under oai-pmh/, index of the record's <metadata> in the file)
    ("nsdl_dinitrophenol", "nsdl-and-bnf/GoodResponseSingleRecord.xml", 0),
    ("bnf_gallica_le_poeme", "nsdl-and-bnf/NamespacedSample.xml", 0),
    ("zenodo_hemophilia_article", "zenodo-recorded/list_records_00_http200.xml", 1),
    ("zenodo_bilingual_article", "zenodo-recorded/list_records_00_http200.xml", 12),
]
LOM = [
    # (output name, file under oai-pmh/surf-edurep-lom/, index of the <lom> in the file)
    ("anatomytool_duodenum", "anatomy-tool-oaipmh.initial.0.xml", 0),
    ("edurep_exercises_hbo", "edurep-oaipmh.initial.0.xml", 0),
    ("edurep_big_history_mooc", "edurep-oaipmh.initial.0.xml", 3),
    ("edurep_e_module_wo_master", "edurep-oaipmh.delta.0.xml", 2),
]
DIDL_MODS = [
    # (output name, file under oai-pmh/surf-edurep-lom/, index of the <didl:DIDL> in the file)
    ("greeni_out_of_the_box", "fixture.greeni.initial.0.xml", 0),
    ("greeni_lecture_notes_no_abstract", "fixture.greeni.initial.0.xml", 23),
    ("greeni_three_organisations_en", "fixture.greeni.initial.1.xml", 5),
    ("han_webcare_article", "fixture.han.initial.0.xml", 0),
    ("han_doctoral_thesis", "fixture.han.initial.0.xml", 35),
    ("han_article_doi_no_abstract", "fixture.han.initial.1.xml", 87),
]
SCHEMA_ORG = ["eg-0259", "eg-0278", "eg-0333", "eg-0334", "eg-0338"]


def _xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False) + "\n"


def extract(data: Path) -> None:
    out = HERE / "oai_dc"
    for name, path, index in OAI_DC:
        metadata = list(etree.parse(data / "oai-pmh" / path).iter(f"{OAI}metadata"))[index]
        record = next(child for child in metadata if isinstance(child.tag, str))
        (out / f"{name}.xml").write_text(_xml(record), encoding="utf-8")

    out = HERE / "lom"
    for name, path, index in LOM:
        tree = etree.parse(data / "oai-pmh" / "surf-edurep-lom" / path)
        lom = tree.xpath("//*[local-name()='lom']")[index]
        (out / f"{name}.xml").write_text(_xml(lom), encoding="utf-8")

    extract_didl_mods(data)

    out = HERE / "schema.org"
    for example in SCHEMA_ORG:
        html = (data / "html" / "schemaorg-examples" / f"{example}.jsonld.html").read_text()
        script = re.search(r"<script[^>]*>(.*)</script>", html, re.S)
        assert script, example
        node = json.loads(script.group(1))
        (out / f"{example}.json").write_text(json.dumps(node, indent=2) + "\n", encoding="utf-8")

    # extruct's RDFa output of the same course: full IRIs, @value objects, blank-node refs.
    import extruct

    page = (data / "html" / "schemaorg-examples" / "eg-0333.rdfa.html").read_text()
    rdfa = extruct.extract(page, base_url="https://example.org/", syntaxes=["rdfa"])["rdfa"]
    (out / "eg-0333.rdfa.extruct.json").write_text(
        json.dumps(rdfa, indent=2) + "\n", encoding="utf-8"
    )

    # A real page: Hamburg Open Online University (LRMI on schema.org CreativeWork).
    page = (data / "html" / "hoou-lrmi" / "hoou-tutorial-lernen-lernen.html").read_text()
    items = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    work = next(item for item in items if item.get("@type") == "CreativeWork")
    (out / "hoou_tutorial_lernen_lernen.json").write_text(
        json.dumps(work, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def extract_didl_mods(data: Path) -> None:
    out = HERE / "didl_mods"
    out.mkdir(exist_ok=True)
    for name, path, index in DIDL_MODS:
        tree = etree.parse(data / "oai-pmh" / "surf-edurep-lom" / path)
        didl = tree.xpath("//*[local-name()='DIDL']")[index]
        (out / f"{name}.xml").write_text(_xml(didl), encoding="utf-8")


if __name__ == "__main__":
    extract(Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parents[2] / ".." / "shared" / "data"))
