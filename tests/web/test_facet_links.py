"""The search page's filter links: what is shown as chosen, and where each link leads.

Regional portals link in with filters written their own way (``eqf=6,7``, ``country=nl``);
the page must show those filters as chosen and its links must add and remove them.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from lxml import html

from mappings.schema import Record
from mappings.transparency import finalise
from search_api.documents import to_document


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.get_data(as_text=True))


def total(doc) -> int:
    return int(doc.cssselect(".total")[0].text)


def titles(doc) -> set[str]:
    return {a.text_content() for a in doc.cssselect(".hit h3 a")}


def facet_link(doc, facet: str, label: str):
    """The link of the value labelled ``label`` in ``facet``'s list."""
    for link in doc.cssselect(f'section[data-facet="{facet}"] a'):
        if link.cssselect(".label")[0].text_content() == label:
            return link
    raise AssertionError(f"no {label!r} link in the {facet} facet")


def chosen(doc, facet: str) -> list[str]:
    """The labels of ``facet``'s values shown as chosen (a ticked box, pressed link)."""
    return [
        link.cssselect(".label")[0].text_content()
        for link in doc.cssselect(f'section[data-facet="{facet}"] a')
        if link.get("aria-pressed") == "true" and link.cssselect(".box")[0].text == "☑"
    ]


def params(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query)


def add_offer(backend, record_id: str, ects: float) -> None:
    record = {
        "id": record_id,
        "title": {"en": f"Offer of {ects!r} ECTS"},
        "provider": {"name": {"en": "Edge College"}, "country": "IE"},
        "workload": {"ects": ects},
    }
    backend.index([to_document(finalise(Record.model_validate(record)))])


# 1. Filters written another way -------------------------------------------------------------


def test_a_comma_list_of_levels_is_shown_chosen_and_each_level_can_be_removed(client):
    doc = page(client, "/?eqf=6,7")
    assert total(doc) == 3
    assert chosen(doc, "eqf") == ["EQF 6", "EQF 7"]

    without_6 = facet_link(doc, "eqf", "EQF 6").get("href")
    assert params(without_6) == [("eqf", "7")]
    after = page(client, without_6)
    assert chosen(after, "eqf") == ["EQF 7"]
    assert titles(after) == {"Fondements de la cybersécurité <script>alert(1)</script>"}

    after = page(client, facet_link(after, "eqf", "EQF 7").get("href"))
    assert chosen(after, "eqf") == []
    assert total(after) == 3


def test_a_lower_case_country_is_shown_chosen_and_can_be_removed_or_joined(client):
    doc = page(client, "/?country=nl")
    assert titles(doc) == {"Wondzorg voor verpleegkundigen"}
    assert chosen(doc, "country") == ["Netherlands"]

    removed = facet_link(doc, "country", "Netherlands").get("href")
    assert removed == "/"
    assert total(page(client, removed)) == 3

    joined = facet_link(doc, "country", "France").get("href")
    assert sorted(params(joined)) == [("country", "FR"), ("country", "NL")]
    after = page(client, joined)
    assert sorted(chosen(after, "country")) == ["France", "Netherlands"]
    assert total(after) == 2


def test_a_comma_list_of_subjects_is_shown_chosen_and_can_be_removed(client):
    doc = page(client, "/?isced=06,09")
    assert total(doc) == 3
    checked = doc.cssselect('section[data-facet="isced"] > ul > li.on')
    assert sorted(li.get("data-value") for li in checked) == ["06", "09"]

    health = next(li for li in checked if li.get("data-value") == "09")
    after = page(client, health.cssselect("a")[0].get("href"))
    assert titles(after) == {
        "Data Analytics for Public Health",
        "Fondements de la cybersécurité <script>alert(1)</script>",
    }
    on = after.cssselect('section[data-facet="isced"] > ul > li.on')
    assert [li.get("data-value") for li in on] == ["06"]


def test_other_parameters_written_another_way_are_kept_by_the_links(client):
    doc = page(client, "/?lang=EN&ects_min=4,5&sort=title")
    assert titles(doc) == {"Data Analytics for Public Health"}
    assert chosen(doc, "lang") == ["English"]

    joined = facet_link(doc, "lang", "German").get("href")
    assert sorted(params(joined)) == [
        ("ects_min", "4.5"),
        ("lang", "de"),
        ("lang", "en"),
        ("sort", "title"),
    ]
    assert titles(page(client, joined)) == {"Data Analytics for Public Health"}


# 2. ECTS buckets ----------------------------------------------------------------------------


def test_an_ects_bucket_link_finds_every_offer_the_bucket_counts(client, backend):
    add_offer(backend, "rec-just-under-6", 5.995)
    add_offer(backend, "rec-exactly-6", 6)
    doc = page(client, "/")
    bucket = facet_link(doc, "ects", "3–6 ECTS")
    assert bucket.cssselect(".count")[0].text == "3"

    after = page(client, bucket.get("href"))
    assert titles(after) == {
        "Data Analytics for Public Health",
        "Fondements de la cybersécurité <script>alert(1)</script>",
        "Offer of 5.995 ECTS",
    }
    assert chosen(after, "ects") == ["3–6 ECTS"]
    # Choosing it again clears the range.
    assert facet_link(after, "ects", "3–6 ECTS").get("href") == "/"

    for link in doc.cssselect('section[data-facet="ects"] a'):
        shown = int(link.cssselect(".count")[0].text)
        assert total(page(client, link.get("href"))) == shown, link.text_content()


# 3. A page past the last one ----------------------------------------------------------------


def test_a_page_past_the_last_says_so_and_leads_back(client):
    doc = page(client, "/?size=1&page=5")
    assert total(doc) == 3
    assert not doc.cssselect(".hits .empty")
    assert "No offer matches" not in doc.text_content()
    notice = doc.cssselect(".hits .past-end")[0]
    assert "past the last page" in notice.text_content()

    last = notice.cssselect("a")[0].get("href")
    assert sorted(params(last)) == [("page", "3"), ("size", "1")]
    after = page(client, last)
    assert len(titles(after)) == 1
    assert "Page 3 of 3" in after.cssselect("nav.pages")[0].text_content()


def test_a_page_past_the_only_one_leads_to_the_first(client):
    doc = page(client, "/?page=5")
    assert total(doc) == 3
    assert "No offer matches" not in doc.text_content()
    first = doc.cssselect(".hits .past-end a")[0].get("href")
    assert first == "/"
    assert len(titles(page(client, first))) == 3


# 4. Clear filters ---------------------------------------------------------------------------


def test_clear_filters_is_offered_only_when_a_filter_is_set(client):
    for url in ("/?size=2", "/?facets=eqf", "/?utm_source=x", "/?q=health&sort=title"):
        assert not page(client, url).cssselect("a.clear"), url
    for url in ("/?eqf=6", "/?country=nl", "/?ects_min=3", "/?provider=x"):
        assert page(client, url).cssselect("a.clear"), url


def test_clear_filters_keeps_the_words_sort_and_page_size(client):
    doc = page(client, "/?q=data&eqf=7&sort=title&size=2")
    assert total(doc) == 0
    cleared = doc.cssselect("a.clear")[0].get("href")
    assert sorted(params(cleared)) == [("q", "data"), ("size", "2"), ("sort", "title")]

    after = page(client, cleared)
    assert titles(after) == {"Data Analytics for Public Health"}
    assert chosen(after, "eqf") == []
    assert after.cssselect("#sort option[selected]")[0].get("value") == "title"
    assert not after.cssselect("a.clear")


def test_a_chosen_value_no_offer_is_left_for_shows_chosen_and_can_be_removed(client):
    # "health" finds the German offer only: France, also chosen, counts nothing.
    doc = page(client, "/?q=health&country=de&country=fr")
    assert set(chosen(doc, "country")) == {"Germany", "France"}
    following = page(client, facet_link(doc, "country", "France").get("href"))
    assert chosen(following, "country") == ["Germany"]


def test_the_chosen_qa_not_stated_link_removes_the_filter(client):
    doc = page(client, "/?qa=none")
    link = facet_link(doc, "qa", "Not stated")
    assert chosen(doc, "qa") == ["Not stated"]
    assert ("qa", "none-stated") not in params(link.get("href"))
    assert chosen(page(client, link.get("href")), "qa") == []
