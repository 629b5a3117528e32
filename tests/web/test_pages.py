"""Server-rendered pages work without JavaScript and never trust harvested text."""

from __future__ import annotations

from lxml import html


def page(client, url):
    response = client.get(url)
    return response, html.fromstring(response.get_data(as_text=True))


def test_the_search_page_lists_hits_and_facets(client):
    response, doc = page(client, "/?q=health")
    assert response.status_code == 200
    assert doc.cssselect(".total")[0].text == "1"
    assert [a.text_content() for a in doc.cssselect(".hit h3 a")] == [
        "Data Analytics for Public Health"
    ]
    facets = {s.get("data-facet") for s in doc.cssselect("section.facet")}
    assert {"eqf", "ects", "isced", "qa", "country", "lang", "mode"} <= facets


def test_a_facet_link_applies_the_filter(client):
    _, doc = page(client, "/")
    link = next(
        a for a in doc.cssselect('section[data-facet="country"] a') if "France" in a.text_content()
    )
    _, filtered = page(client, link.get("href"))
    assert filtered.cssselect(".total")[0].text == "1"
    assert "cybersécurité" in filtered.cssselect(".hit h3 a")[0].text_content()


def test_an_ects_bucket_link_filters_by_range(client):
    _, doc = page(client, "/")
    link = next(
        a
        for a in doc.cssselect('section[data-facet="ects"] a')
        if "10" in a.text_content() and "20" in a.text_content()
    )
    _, filtered = page(client, link.get("href"))
    assert [a.text_content() for a in filtered.cssselect(".hit h3 a")] == [
        "Wondzorg voor verpleegkundigen"
    ]


def test_harvested_markup_is_shown_as_text(client):
    response, doc = page(client, "/?q=cybersécurité")
    assert b"<script>alert(1)</script>" not in response.data
    assert "<script>alert(1)</script>" in doc.cssselect(".hit h3 a")[0].text_content()


def test_the_record_page_shows_every_element_and_sources(client):
    response, doc = page(client, "/records/rec-data")
    assert response.status_code == 200
    terms = [dt.text_content() for dt in doc.cssselect("dl.elements dt")]
    for element in (
        "Provider",
        "Learning outcomes",
        "Workload",
        "Level",
        "Subject",
        "Assessment",
        "Form of participation",
        "Quality assurance",
    ):
        assert element in terms
    sources = doc.cssselect("section.sources li")
    assert len(sources) == 2
    # A javascript: link from a source never becomes a link.
    assert not [a for a in doc.cssselect("a") if a.get("href", "").startswith("javascript")]


def test_a_bad_filter_on_the_page_says_why(client):
    response, doc = page(client, "/?eqf=12")
    assert response.status_code == 400
    assert "eqf" in doc.cssselect(".error")[0].text_content()


def test_an_unknown_record_is_a_404_page(client):
    response, doc = page(client, "/records/missing")
    assert response.status_code == 404
    assert "missing" in doc.cssselect(".error")[0].text_content()


def test_a_misspelt_search_suggests_the_word_and_still_finds(client):
    response, doc = page(client, "/?q=Wondzrog")
    assert response.status_code == 200
    assert "wondzorg" in doc.cssselect(".suggestion a")[0].text_content().lower()
    assert doc.cssselect(".fuzzy")
    assert "Wondzorg" in doc.cssselect(".hit h3 a")[0].text_content()


def test_a_chosen_broad_subject_shows_its_narrower_fields(client):
    _, doc = page(client, "/?isced=06")
    finer = doc.cssselect('section[data-facet="isced"] ul.finer a')
    labels = [a.text_content() for a in finer]
    assert any("061" in a.get("href") for a in finer), labels
    for link in finer:
        _, narrowed = page(client, link.get("href"))
        shown = link.cssselect(".count")[0].text
        assert narrowed.cssselect(".total")[0].text == shown, link.text_content()
