"""Works cited: rendered from structured fields, linked from the text, and checked over HTTP."""

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.core.management import CommandError, call_command

from articles.models import ArticlePage
from articles.templatetags.citations import cited
from tests.helpers import FIXTURES_DIR, soup

pytestmark = pytest.mark.django_db
AUTOIMMUNITY = "psychological-states-autoimmune-conditions"
REFERENCE = {
    "authors": "Okafor, Ada",
    "title": "Stress and Pain",
    "container": "Pain Reports",
    "volume": "4",
    "issue": "2",
    "year": "2021",
    "pages": "1-9",
    "doi": "",
    "pmid": "",
    "url": "",
    "accessed": None,
}


def article_with(body):
    """The first article, published again with `body` as its stream data."""
    article = ArticlePage.objects.order_by("slug").first()
    article.body = body
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def references(*items):
    return {"type": "references", "value": {"heading": "References", "items": list(items)}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def test_the_autoimmunity_works_cited_render_word_for_word_as_the_source(client):
    page = ArticlePage.objects.get(slug=AUTOIMMUNITY)
    source = (FIXTURES_DIR / "sources" / "002_67e705fef2ac530b.txt").read_text().splitlines()
    printed = source[source.index("Works Cited") + 1 : source.index("Leave a comment")]
    items = soup(client.get(page.url)).select("ol.references__list > li")
    assert [item.get_text() for item in items] == printed
    assert [item["id"] for item in items] == [f"ref-{n}" for n in range(1, 11)]


def test_a_marker_in_the_text_links_to_its_reference(client):
    page = article_with([paragraph("<p>Stress matters [1].</p>"), references(REFERENCE)])
    cite = soup(client.get(page.url)).select_one(".block-paragraph sup.cite")
    assert cite.get_text() == "[1]"
    assert cite.a["href"] == "#ref-1"


def test_a_marker_may_cite_several_references(client):
    page = article_with([paragraph("<p>Much agrees [1, 2].</p>"), references(REFERENCE, REFERENCE)])
    cite = soup(client.get(page.url)).select_one("sup.cite")
    assert [a["href"] for a in cite.select("a")] == ["#ref-1", "#ref-2"]


def test_a_marker_without_a_matching_reference_stays_plain_text(client):
    page = article_with([paragraph("<p>Nothing cited [3].</p>"), references(REFERENCE)])
    html = soup(client.get(page.url))
    assert html.select("sup.cite") == []
    assert "Nothing cited [3]." in html.select_one(".block-paragraph").get_text()


def test_a_marker_inside_a_link_address_is_left_as_written(client):
    link = '<a href="https://example.org/paper[1]?part=[2]">the paper</a>'
    body = [paragraph(f"<p>See {link} [1].</p>"), references(REFERENCE, REFERENCE)]
    block = soup(client.get(article_with(body).url)).select_one(".block-paragraph")
    [outside, cite] = block.select("a")
    assert outside["href"] == "https://example.org/paper[1]?part=[2]"
    assert outside.get_text() == "the paper"
    assert cite["href"] == "#ref-1"


def test_a_marker_inside_a_link_text_does_not_nest_a_link(client):
    body = [
        paragraph('<p><a href="https://example.org/">Review [1]</a></p>'),
        references(REFERENCE),
    ]
    block = soup(client.get(article_with(body).url)).select_one(".block-paragraph")
    assert [a["href"] for a in block.select("a")] == ["https://example.org/"]
    assert block.get_text() == "Review [1]"


def test_doi_pmid_url_and_access_date_are_shown_as_links(client):
    reference = {
        **REFERENCE,
        "doi": "10.1000/xyz",
        "pmid": "12345",
        "url": "https://example.org/paper",
        "accessed": "2025-01-02",
    }
    page = article_with([references(reference)])
    item = soup(client.get(page.url)).select_one("#ref-1")
    assert [a["href"] for a in item.select("a")] == [
        "https://doi.org/10.1000/xyz",
        "https://pubmed.ncbi.nlm.nih.gov/12345/",
        "https://example.org/paper",
    ]
    assert item.get_text().endswith("Accessed 2 January 2025.")


def test_the_citation_tag_escapes_text_that_is_not_already_safe():
    html = cited({"reference_count": 1}, "<script>[1]</script>")
    assert html.startswith("&lt;script&gt;<sup")


class Handler(BaseHTTPRequestHandler):
    """Answers 200 on /ok and on /doi/10.1/ok, 404 elsewhere; refuses HEAD on /no-head."""

    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        else:
            self.send_response(HTTPStatus.OK if self.path.endswith("/ok") else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(HTTPStatus.OK if self.path in ("/no-head", "/ok") else 404)
        self.end_headers()

    def log_message(self, *args):
        """Keep the test output quiet."""


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_check(server):
    call_command("check_references", doi_resolver=f"{server}/doi/", timeout=5)


def test_check_references_passes_when_every_address_answers(local_server, capsys):
    ok = {**REFERENCE, "url": f"{local_server}/ok", "doi": "10.1/ok"}
    head_refused = {**REFERENCE, "url": f"{local_server}/no-head"}
    article_with([references(ok, head_refused)])
    run_check(local_server)
    assert "Every cited address answered." in capsys.readouterr().out


def test_check_references_names_each_broken_url_and_doi(local_server, capsys):
    broken = {**REFERENCE, "url": f"{local_server}/gone", "doi": "10.1/gone"}
    page = article_with([references(REFERENCE, broken)])
    with pytest.raises(CommandError, match="2 cited address"):
        run_check(local_server)
    out = capsys.readouterr().out
    assert f"{page.title} [2] {local_server}/gone: HTTP 404" in out
    assert f"{page.title} [2] {local_server}/doi/10.1/gone: HTTP 404" in out
