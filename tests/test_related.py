"""Related-article links: the teaser library, curated lists, the fallback, and what readers see."""

import json
from datetime import date
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

from articles.listing_sql import POOL_SIZE, most_related
from articles.models import ArticlePage, HomePage, SectionPage
from articles.synthetic import generate_articles, generated_articles
from related.models import RelatedLink, Teaser
from related.selection import is_among_the_newest, related_items, topped_up_with_the_newest
from tests.helpers import FIXTURES_DIR, edit_view_post_data, normalise, soup

pytestmark = pytest.mark.django_db
BREATHING = "Slow diaphragmatic breathing"
LISTED = [
    "chronic-low-back-pain-psychosomatic-contributors",
    "neurotransmitter-imbalances-psychosomatic-disorders",
]


def fixture(slug):
    return json.loads((FIXTURES_DIR / "articles" / f"{slug}.json").read_text())


def article(slug):
    return ArticlePage.objects.get(slug=slug)


def related_entries(client, page):
    """Each related-list entry as (summary text, link or None, ISO date or None)."""
    entries = []
    for item in soup(client.get(page.url)).select(".related-list__item"):
        link, time = item.find("a"), item.find("time")
        summary = item.select_one(".related-list__summary").get_text()
        entries.append(
            (normalise(summary), link and link["href"], time and time["datetime"]),
        )
    return entries


def article_links(client, page):
    """The links to our own articles in the related list."""
    return [href for _text, href, _date in related_entries(client, page) if href]


def body_text(page):
    """The words and block types of an article's body, as a reader and an editor see them."""
    text = BeautifulSoup(str(page.body), "html.parser").get_text()
    return [block.block_type for block in page.body], normalise(text)


def set_links(page, targets):
    """Replace `page`'s related list with links to `targets` (articles or teasers), in order."""
    page.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(
            article=page,
            sort_order=index,
            **{"teaser" if isinstance(target, Teaser) else "page": target},
        )
        for index, target in enumerate(targets)
    )


def test_the_breathing_teaser_is_stored_once_and_shown_on_both_articles(client):
    [teaser] = Teaser.objects.filter(summary__startswith=BREATHING)
    assert teaser.related_links.count() == 2
    for slug in LISTED:
        assert any(
            text.startswith(BREATHING) for text, _, _ in related_entries(client, article(slug))
        )
    assert Teaser.objects.count() == 39


@pytest.mark.parametrize("slug", LISTED)
def test_a_source_list_shows_complete_in_order_with_its_dates(client, slug):
    expected = [
        (normalise(t["summary"]), None, t["date"]) for t in fixture(slug)["related_teasers"]
    ]
    entries = related_entries(client, article(slug))
    teasers = [entry for entry in entries if entry[1] is None]
    assert teasers == expected
    assert len(teasers) == 20


def test_a_teaser_is_shown_with_its_date_as_printed(client):
    page = article(LISTED[0])
    times = soup(client.get(page.url)).select(".related-list__date time")
    assert (times[0]["datetime"], times[0].get_text()) == ("2025-08-06", "August 6, 2025")


def test_curated_links_come_first_in_the_fixtures_order(client):
    page = article("treatment-of-psychogenic-pain")
    expected = [article(slug).url for slug in fixture(page.slug)["related_pages"]]
    assert article_links(client, page)[:3] == expected


@pytest.mark.parametrize(
    "slug", sorted(path.stem for path in (FIXTURES_DIR / "articles").glob("*.json"))
)
def test_every_article_links_to_at_least_three_other_live_articles(client, slug):
    page = article(slug)
    links = article_links(client, page)
    live = {other.url for other in ArticlePage.objects.live().exclude(pk=page.pk)}
    assert len(set(links) & live) >= 3
    assert page.url not in links
    assert len(links) == len(set(links))


def test_an_article_with_no_curated_links_gets_its_most_related_articles(client):
    page = article("psychological-states-autoimmune-conditions")
    set_links(page, [])
    assert article_links(client, page) == [
        article("neurotransmitter-imbalances-psychosomatic-disorders").url,  # same section
        article("chronic-low-back-pain-psychosomatic-contributors").url,  # a tag, then newest
        article("anxiety-and-chronic-pain").url,  # a tag, no date
    ]


def test_the_most_related_articles_are_the_best_ranked_of_the_newest_related_ones():
    generate_articles(POOL_SIZE + 30, FIXTURES_DIR, seed=11)
    generated = list(generated_articles().order_by("pk"))
    for index, each in enumerate(generated):  # same days, undated, same first publication
        each.date = None if index % 4 == 0 else date(2025, 3, 1 + index % 3)
    ArticlePage.objects.bulk_update(generated, ["date"])
    Page.objects.filter(pk__in=[each.pk for each in generated[::2]]).update(
        first_published_at=generated[0].first_published_at
    )
    listing = list(ArticlePage.objects.listing().prefetch_related("tags"))
    tags = {each.pk: {tag.pk for tag in each.tags.all()} for each in listing}
    for each in listing[::7]:

        def relevance(other, each=each):
            same_section = other.path[: -other.steplen] == each.path[: -each.steplen]
            return len(tags[other.pk] & tags[each.pk]) + same_section

        others = [other for other in listing if other.pk != each.pk]
        pool = [other for other in others if relevance(other)][:POOL_SIZE]
        expected = sorted(pool, key=relevance, reverse=True)[:3]
        assert most_related(each, sorted(tags[each.pk]), [], 3, ()) == expected


def test_only_the_lists_the_page_cache_looks_for_are_topped_up_with_the_newest():
    """An article neither curated, nor in the list's section, nor sharing a tag, is one of the
    newest, on a list the page cache forgets when one of the newest changes."""
    quiet = HomePage.objects.get().add_child(instance=SectionPage(title="Quiet", slug="quiet"))
    for slug in ("alone", "alone-too"):
        page = quiet.add_child(instance=ArticlePage(title=slug, slug=slug, standfirst="Quiet."))
        page.save_revision().publish()
    live = {page.url: page for page in ArticlePage.objects.live()}
    topped_up, newest_shown = set(topped_up_with_the_newest()), 0
    for each in live.values():
        kin = ArticlePage.objects.live().filter(tags__in=each.tags.all())
        kin = {
            *kin.values_list("pk", flat=True),
            *each.related_links.values_list("page", flat=True),
        }
        kin |= set(ArticlePage.objects.sibling_of(each).values_list("pk", flat=True))
        for item in related_items(each):
            shown = live.get(item.url)
            if item.kind == "article" and shown.pk not in kin:
                assert each.pk in topped_up, each.slug
                assert is_among_the_newest(shown), (each.slug, shown.slug)
                newest_shown += 1
    assert newest_shown >= 2


def test_the_fallback_never_repeats_a_curated_link(client):
    page = article("psychological-states-autoimmune-conditions")
    curated = article("anxiety-and-chronic-pain")
    set_links(page, [curated])
    links = article_links(client, page)
    assert links[0] == curated.url
    assert links.count(curated.url) == 1
    assert len(links) == 3


def test_the_fallback_skips_drafts_private_pages_and_the_article_itself(client):
    page = article("psychological-states-autoimmune-conditions")
    set_links(page, [page])
    article("neurotransmitter-imbalances-psychosomatic-disorders").unpublish()
    private = article("chronic-low-back-pain-psychosomatic-contributors")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert article_links(client, page) == [
        article("anxiety-and-chronic-pain").url,
        article("treatment-of-psychogenic-pain").url,
    ]


def test_an_unpublished_target_article_disappears_from_the_list(client):
    page, target = article("anxiety-and-chronic-pain"), article("treatment-of-psychogenic-pain")
    assert target.url in article_links(client, page)
    target.unpublish()
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    assert target.title not in soup(response).select_one(".related-list").get_text()


def test_a_deleted_target_article_disappears_from_the_list(client):
    page, target = article("anxiety-and-chronic-pain"), article("treatment-of-psychogenic-pain")
    url = target.url
    target.delete()
    links = article_links(client, page)
    assert url not in links
    assert len(links) == 3


def test_a_teaser_without_a_target_is_text_not_a_link(client):
    page = article(LISTED[0])
    items = soup(client.get(page.url)).select(".related-list__item--teaser")
    assert len(items) == 20
    assert all(item.find("a") is None for item in items)


def test_giving_a_teaser_a_target_links_it_on_every_article(client):
    teaser = Teaser.objects.get(summary__startswith=BREATHING)
    target = article("anxiety-and-chronic-pain")
    teaser.target_page = target
    teaser.save()
    for slug in LISTED:
        entries = related_entries(client, article(slug))
        assert [href for text, href, _ in entries if text.startswith(BREATHING)] == [target.url]


def test_a_teaser_can_link_to_an_address_elsewhere(client):
    teaser = Teaser.objects.get(summary__startswith=BREATHING)
    teaser.target_url = "https://example.org/breathing"
    teaser.save()
    entries = related_entries(client, article(LISTED[0]))
    assert ("https://example.org/breathing") in [href for _, href, _ in entries]


@pytest.mark.parametrize(
    "change", [ArticlePage.unpublish, ArticlePage.delete], ids=["unpublished", "deleted"]
)
def test_a_teaser_whose_target_goes_away_becomes_text_again(client, change):
    teaser = Teaser.objects.get(summary__startswith=BREATHING)
    target = article("anxiety-and-chronic-pain")
    teaser.target_page = target
    teaser.save()
    change(target)
    entries = related_entries(client, article(LISTED[0]))
    assert [href for text, href, _ in entries if text.startswith(BREATHING)] == [None]


def test_rendering_costs_the_same_queries_with_two_and_forty_links(client):
    page = article("psychological-states-autoimmune-conditions")
    teasers = list(Teaser.objects.all())
    teasers[0].target_page = article("anxiety-and-chronic-pain")
    teasers[0].save()
    client.get(page.url)  # warm the site-root cache shared by every request
    counts = []
    for teaser_count in (1, 39):
        set_links(page, [article(LISTED[0]), *teasers[:teaser_count]])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == HTTPStatus.OK
        counts.append(len(queries))
        # two live articles among the links, so one more comes from the fallback
        assert len(related_entries(client, page)) == 2 + teaser_count
    assert counts[0] == counts[1]


def test_the_selection_costs_four_queries_however_many_links(django_assert_num_queries, rf):
    page = article("psychological-states-autoimmune-conditions")
    set_links(page, [article(LISTED[0]), *Teaser.objects.all()[:39]])
    request = rf.get(page.url)
    page.get_url(request)  # as in serving, the site and its root paths are known already
    # private sections, the links, the article's tags, the most related articles
    with django_assert_num_queries(4):
        items = related_items(page, request)
    assert len(items) == 42


def test_the_admin_edits_and_saves_an_article_with_forty_links(editor_client, client):
    page = article(LISTED[1])
    set_links(page, [article(LISTED[0]), *Teaser.objects.all()[:39]])
    page.save_revision().publish()
    body = body_text(page)
    data = edit_view_post_data(editor_client, page)
    assert data["related_links-TOTAL_FORMS"] == "40"
    data["title"] = "Neurotransmitters and psychosomatic disorders"
    data["action-publish"] = "action-publish"
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == HTTPStatus.FOUND
    page.refresh_from_db()
    assert page.title == "Neurotransmitters and psychosomatic disorders"
    assert body_text(page) == body
    assert page.related_links.count() == 40
    assert page.related_links.first().page == article(LISTED[0])
    assert len(related_entries(client, page)) == 42  # and two articles from the fallback


def test_a_related_link_is_either_an_article_or_a_teaser():
    page = article(LISTED[0])
    teaser = Teaser.objects.first()
    for link in (RelatedLink(article=page), RelatedLink(article=page, page=page, teaser=teaser)):
        with pytest.raises(ValidationError, match="either an article or a teaser"):
            link.validate_constraints()


def test_a_teaser_summary_already_in_the_library_is_refused():
    existing = Teaser.objects.get(summary__startswith=BREATHING)
    with pytest.raises(ValidationError, match="already exists"):
        Teaser(summary=existing.summary, date=date(2025, 7, 26)).full_clean()


def test_editors_find_teasers_without_a_target(editor_client):
    Teaser.objects.filter(summary__startswith=BREATHING).update(target_url="https://example.org/")
    url = reverse("wagtailsnippets_related_teaser:list")
    response = editor_client.get(url, {"has_target": "false"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["page_obj"].paginator.count == 38
    assert BREATHING not in response.content.decode()


def test_editors_find_teasers_used_by_two_articles(editor_client):
    url = reverse("wagtailsnippets_related_teaser:list")
    rows = soup(editor_client.get(url, {"usage": "2"})).select("tbody tr")
    assert len(rows) == 1
    assert BREATHING in rows[0].get_text()


def test_editors_search_the_teaser_library(editor_client):
    url = reverse("wagtailsnippets_related_teaser:list")
    rows = soup(editor_client.get(url, {"q": "diaphragmatic"})).select("tbody tr")
    assert len(rows) == 1


def test_a_reload_keeps_one_teaser_per_summary():
    call_command("load_content", "--force", verbosity=0)
    assert Teaser.objects.count() == 39
    assert article(LISTED[0]).related_links.count() == 22


def test_an_editor_previews_an_article_with_its_related_list(editor_client, client):
    page = article(LISTED[0])
    data = edit_view_post_data(editor_client, page)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert editor_client.post(preview_url, data).json()["is_valid"]
    response = editor_client.get(preview_url)
    assert response.status_code == HTTPStatus.OK
    previewed = soup(response).select(".related-list__item")
    assert len(previewed) == len(related_entries(client, page)) == 23
