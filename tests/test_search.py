"""Site search: what a reader finds, how it is ranked, and that no input breaks the page."""

from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from articles.models import ArticlePage, SectionPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [title.get_text(strip=True) for title in soup(response).select(".article-card__title")]


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params})


def test_serotonin_finds_the_neurotransmitter_article_first(client):
    titles = result_titles(search(client, "serotonin"))
    assert titles[0].startswith("The role of neurotransmitter imbalances")


def test_back_pain_finds_the_low_back_pain_article_first(client):
    titles = result_titles(search(client, "back pain"))
    assert titles[0].startswith("How chronic low back pain")
    assert len(titles) > 1


def test_a_result_shows_its_section_date_and_highlighted_words(client):
    card = soup(search(client, "serotonin")).select_one(".article-card")
    assert card.select_one(".article-card__section").get_text() == "Mind–body science"
    assert card.find("time")["datetime"] == "2025-07-19"
    assert {mark.get_text().lower() for mark in card.find_all("mark")} == {"serotonin"}


def test_the_result_count_is_shown(client):
    heading = soup(search(client, "serotonin")).find(id="results-heading")
    assert heading.get_text() == "3 results for “serotonin”"


def test_a_promoted_page_comes_first_once_even_with_other_results(client):
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    query = Query.objects.create(query_string="pain")
    SearchPromotion.objects.create(query=query, page=article, description="Start here.")
    titles = result_titles(search(client, "Pain"))
    assert titles[0] == article.title
    assert titles.count(article.title) == 1
    assert len(titles) == 4


def test_an_empty_query_shows_guidance_and_the_sections(client):
    html = soup(search(client, ""))
    assert html.find(id="guidance-heading").get_text() == "How to search"
    links = [link.get_text() for link in html.select("main .section-links a")]
    assert links == [section.title for section in SectionPage.objects.order_by("path")]


def test_a_query_without_hits_suggests_the_sections(client):
    html = soup(search(client, "xylophone"))
    assert "0 results" in html.find(id="results-heading").get_text()
    assert len(html.select("main .section-links a")) == 2


def test_search_results_are_kept_out_of_search_engines(client):
    robots = soup(search(client, "pain")).find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex"


def test_the_header_search_form_works_without_javascript(client, home):
    form = soup(client.get(home.url)).select_one("header form[role=search]")
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    assert form.find("input", attrs={"name": "q"})["id"] == form.find("label")["for"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "pain " * 2000},
        {"q": "<script>alert(1)</script>"},
        {"q": "serotonin\x00<b>"},
        {"q": '"unterminated'},
        {"q": "AND OR NOT NEAR( * ^"},
        {"q": "pain", "page": "abc"},
        {"q": "pain", "page": "99"},
    ],
)
def test_hostile_input_gets_a_page_never_an_error(client, params):
    response = client.get("/search/", params)
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}
    assert "<main" in response.content.decode()
    main = response.content.split(b"<main", 1)[1].split(b"</main>", 1)[0]
    assert b"<script>" not in main
    assert b"<b>" not in main
    assert b"\x00" not in response.content


def test_a_long_query_is_cut_to_two_hundred_characters(client):
    field = soup(search(client, "x" * 10_000)).find("input", id="search-page-q")
    assert len(field["value"]) == 200


def test_results_are_paginated_and_keep_the_query(client, monkeypatch):
    monkeypatch.setattr("articles.search.RESULTS_PER_PAGE", 2)
    html = soup(search(client, "pain"))
    assert len(html.select(".result-list__item")) == 2
    assert html.select_one(".pagination a[rel=next]")["href"] == "?q=pain&page=2"
    assert len(result_titles(search(client, "pain", page="2"))) == 2


def test_a_search_costs_the_same_queries_however_many_results(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = search(client, "pain")
    assert len(result_titles(response)) == 4


def test_results_stop_at_the_cap_and_still_put_title_matches_first(client, monkeypatch):
    monkeypatch.setattr("articles.search.MAX_RESULTS", 3)
    response = search(client, "pain")
    heading = soup(response).find(id="results-heading").get_text()
    assert heading.startswith("3 results")
    titles = result_titles(response)
    assert len(titles) == 3
    in_title = ["pain" in title.lower() for title in titles]
    assert in_title == sorted(in_title, reverse=True)


def admin_search_titles(client, query):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == HTTPStatus.OK
    return sorted(
        " ".join(link.get_text().split())
        for link in soup(response).select("table.listing tbody .title-wrapper a")
    )


def test_the_admin_finds_pages_by_their_standfirst(editor_client):
    assert admin_search_titles(editor_client, "frontiers") == [
        "Psychological states and autoimmune conditions"
    ]


def test_the_admin_finds_pages_by_their_body(editor_client):
    expected = sorted(
        ArticlePage.objects.filter(
            slug__in=[
                "anxiety-and-chronic-pain",
                "neurotransmitter-imbalances-psychosomatic-disorders",
                "treatment-of-psychogenic-pain",
            ]
        ).values_list("title", flat=True)
    )
    assert admin_search_titles(editor_client, "serotonin") == expected
    assert admin_search_titles(editor_client, "seroton") == expected
