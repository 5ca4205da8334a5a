"""After every kind of change, the pages that show it are fresh and the others stay cached."""

from datetime import date
from http import HTTPStatus

import pytest

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, HomePage, SectionPage, SiteSettings
from related.models import Teaser

HOME, CHRONIC_PAIN, SCIENCE = "/", "/chronic-pain/", "/mind-body-science/"
ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"
NEIGHBOUR = "/chronic-pain/treatment-of-psychogenic-pain/"
UNRELATED = "/topics/autoimmunity/"  # lists only articles that cannot show this one


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.KEEP_SITE_DATA = True


@pytest.fixture
def article(db):
    return ArticlePage.objects.get(slug="anxiety-and-chronic-pain")


@pytest.fixture
def warm(client, db):
    """Read `urls` until cached; return a function that reads one of them again."""

    def read(*urls):
        for url in urls:
            client.get(url)
        return {url: client.get(url) for url in urls}

    return read


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def assert_fresh(responses, text, present=True):
    for url, response in responses.items():
        assert response["X-Cache"] == "miss", url
        assert (text in response.content.decode()) is present, url


def test_publishing_a_change_refreshes_the_article_its_section_and_home(
    client, warm, article, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE, UNRELATED)
    article.title = "A retitled article"
    publish(article, django_capture_on_commit_callbacks)
    assert_fresh({url: client.get(url) for url in (HOME, CHRONIC_PAIN, ARTICLE)}, article.title)
    assert client.get(SCIENCE)["X-Cache"] == "hit"
    assert client.get(UNRELATED)["X-Cache"] == "hit"


def test_unpublishing_removes_the_article_from_every_page_that_showed_it(
    client, warm, article, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(ARTICLE).status_code == HTTPStatus.NOT_FOUND
    assert_fresh({url: client.get(url) for url in (HOME, CHRONIC_PAIN)}, ARTICLE, present=False)
    assert client.get(SCIENCE)["X-Cache"] == "hit"


def test_deleting_removes_the_article_from_every_page_that_showed_it(
    client, warm, article, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert client.get(ARTICLE).status_code == HTTPStatus.NOT_FOUND
    assert_fresh({url: client.get(url) for url in (HOME, CHRONIC_PAIN)}, ARTICLE, present=False)
    assert client.get(SCIENCE)["X-Cache"] == "hit"


def test_making_an_article_private_and_public_again_refreshes_every_page_that_showed_it(
    client, warm, article, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert client.get(ARTICLE).status_code == HTTPStatus.FOUND
    assert_fresh({url: client.get(url) for url in (HOME, CHRONIC_PAIN)}, ARTICLE, present=False)
    assert client.get(SCIENCE)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert_fresh({url: client.get(url) for url in (HOME, CHRONIC_PAIN, ARTICLE)}, ARTICLE)


def test_editing_the_site_settings_refreshes_every_page(
    client, warm, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE, UNRELATED)
    site_settings = SiteSettings.objects.get()
    site_settings.site_name = "The Renamed Library"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    urls = (HOME, CHRONIC_PAIN, ARTICLE, SCIENCE, UNRELATED)
    assert_fresh({url: client.get(url) for url in urls}, site_settings.site_name)


def test_editing_a_teaser_refreshes_the_articles_that_list_it(
    client, warm, django_capture_on_commit_callbacks
):
    teaser = Teaser.objects.filter(related_links__isnull=False).first()
    listing = teaser.related_links.first().article.url
    warm(listing)
    teaser.title = "A retitled teaser"
    with django_capture_on_commit_callbacks(execute=True):
        teaser.save()
    assert_fresh({listing: client.get(listing)}, teaser.title)


def test_a_new_teaser_or_image_leaves_cached_pages_alone(
    client, warm, django_capture_on_commit_callbacks
):
    warm(HOME, ARTICLE)
    with django_capture_on_commit_callbacks(execute=True):
        Teaser.objects.create(summary="Not listed anywhere yet.", date=date(2025, 1, 1))
        get_image_model().objects.create(title="A new image", file=get_test_image_file())
    assert client.get(HOME)["X-Cache"] == "hit"
    assert client.get(ARTICLE)["X-Cache"] == "hit"


def test_editing_an_image_refreshes_every_page(client, warm, django_capture_on_commit_callbacks):
    image = get_image_model().objects.create(title="An image", file=get_test_image_file())
    warm(HOME, ARTICLE)
    image.title = "A retitled image"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert client.get(HOME)["X-Cache"] == "miss"
    assert client.get(ARTICLE)["X-Cache"] == "miss"


def test_moving_shows_the_article_in_its_new_section_and_nowhere_in_the_old(
    client, warm, article, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE, UNRELATED)
    science = SectionPage.objects.get(slug="mind-body-science")
    with django_capture_on_commit_callbacks(execute=True):
        article.move(science, pos="last-child")
    moved = "/mind-body-science/anxiety-and-chronic-pain/"
    assert client.get(ARTICLE)["Location"] == moved
    assert_fresh({url: client.get(url) for url in (CHRONIC_PAIN,)}, ARTICLE, present=False)
    assert_fresh({url: client.get(url) for url in (HOME, SCIENCE)}, moved)
    assert client.get(UNRELATED)["X-Cache"] == "hit"


def test_changing_the_slug_frees_the_old_address_and_lists_the_new_one(
    client, warm, article, django_capture_on_commit_callbacks
):
    warm(HOME, CHRONIC_PAIN, ARTICLE, SCIENCE)
    article.slug = "anxiety-and-pain"
    publish(article, django_capture_on_commit_callbacks)
    assert client.get(ARTICLE).status_code != HTTPStatus.OK
    assert_fresh({url: client.get(url) for url in (HOME, CHRONIC_PAIN)}, "/anxiety-and-pain/")
    assert client.get(SCIENCE)["X-Cache"] == "hit"


def test_retitling_a_section_refreshes_the_navigation_on_every_page(
    client, warm, django_capture_on_commit_callbacks
):
    warm(HOME, ARTICLE, SCIENCE, UNRELATED)
    section = SectionPage.objects.get(slug="mind-body-science")
    section.title = "The science of mind and body"
    publish(section, django_capture_on_commit_callbacks)
    assert_fresh({url: client.get(url) for url in (HOME, ARTICLE, UNRELATED)}, section.title)


def test_an_article_linking_to_a_moved_article_links_to_its_new_address(
    client, warm, article, django_capture_on_commit_callbacks
):
    neighbour = ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")
    link = f'<p>See <a linktype="page" id="{article.pk}">anxiety and pain</a>.</p>'
    neighbour.body.append(("paragraph", link))
    publish(neighbour, django_capture_on_commit_callbacks)
    warm(NEIGHBOUR, SCIENCE)
    science = SectionPage.objects.get(slug="mind-body-science")
    with django_capture_on_commit_callbacks(execute=True):
        article.move(science, pos="last-child")
    assert_fresh({NEIGHBOUR: client.get(NEIGHBOUR)}, "/mind-body-science/anxiety-and-chronic-pain/")


def test_a_render_that_raced_a_publish_is_never_served(
    client, article, django_capture_on_commit_callbacks
):
    from articles import caching

    request = client.get(ARTICLE).wsgi_request
    _, generation = caching.lookup(request)
    article.title = "Published while the old page was rendering"
    publish(article, django_capture_on_commit_callbacks)
    stale = client.get(ARTICLE)
    caching.store(request, stale, generation)
    assert client.get(ARTICLE)["X-Cache"] == "miss"


@pytest.mark.parametrize("hide", ["unpublish", "make_private"])
def test_an_unpublished_or_private_article_leaves_the_search_results_at_once(
    client, warm, article, django_capture_on_commit_callbacks, hide
):
    search = "/search/?q=anxiety"
    assert ARTICLE in warm(search)[search].content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        if hide == "unpublish":
            article.unpublish()
        else:
            PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = client.get(search)
    assert ARTICLE not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def lone_article(db, django_capture_on_commit_callbacks):
    """An untagged article alone in its section: its related list is the site's newest articles."""
    with django_capture_on_commit_callbacks(execute=True):
        quiet = SectionPage(title="Quiet", slug="quiet")
        section = HomePage.objects.get().add_child(instance=quiet)
        section.save_revision().publish()
        lone = section.add_child(
            instance=ArticlePage(title="Alone", slug="alone", standfirst="On its own.")
        )
        lone.save_revision().publish()
    return lone.url


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_an_article_gone_from_the_newest_leaves_the_related_lists_it_topped_up(
    client, warm, lone_article, django_capture_on_commit_callbacks, change
):
    newest = ArticlePage.objects.listing().exclude(slug="alone").first()
    assert newest.url in warm(lone_article)[lone_article].content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        getattr(newest, change)()
    assert_fresh({lone_article: client.get(lone_article)}, newest.url, present=False)


def test_a_newly_published_article_tops_up_the_related_lists_of_the_newest(
    client, warm, lone_article, article, django_capture_on_commit_callbacks
):
    warm(lone_article)
    article.date = date(2030, 1, 1)
    publish(article, django_capture_on_commit_callbacks)
    assert_fresh({lone_article: client.get(lone_article)}, ARTICLE)
