"""Comments in the admin: reviewers decide on them in a queue, awaiting-first, in one click, and
can delete one outright; the dashboard counts what is waiting; editors open or close comments
on a section or an article."""

from http import HTTPStatus

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.comments.models import Comment
from articles.models import ArticlePage, SectionPage
from tests.helpers import add_comment, edit_view_post_data, soup

QUEUE = "/admin/reader-comments/"


@pytest.fixture
def article(db):
    return ArticlePage.objects.get(slug="anxiety-and-chronic-pain")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def queue_rows(client, url=QUEUE):
    html = soup(client.get(url))
    return [row.select("td")[1].get_text(" ", strip=True) for row in html.select("tbody tr")]


def test_the_queue_lists_comments_awaiting_a_decision_first(reviewer_client, article):
    add_comment(article, status="approved", name="Older approved")
    add_comment(article, status="pending", name="Waiting")
    add_comment(article, status="spam", name="Newest spam")
    assert queue_rows(reviewer_client) == ["Waiting", "Newest spam", "Older approved"]


def test_the_queue_costs_the_same_queries_however_long_it_is(reviewer_client, article):
    def queries_to_list():
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(QUEUE).status_code == HTTPStatus.OK
        return len(queries)

    first = add_comment(article, status="pending")
    queries_to_list()  # the first request also fills per-process caches
    one = queries_to_list()
    for number in range(19):
        add_comment(article, status="pending", text=f"Comment {number}", parent=first)
    assert queries_to_list() == one


@pytest.mark.parametrize("query", ["ann", "ANN@example.org", "second dose"])
def test_the_queue_finds_a_readers_comments_by_name_email_or_text(reviewer_client, article, query):
    add_comment(article, name="Ann Reader", email="ann@example.org", text="The second dose?")
    add_comment(article, name="Ben", email="ben@example.org", text="Thanks.")
    assert queue_rows(reviewer_client, f"{QUEUE}?q={query}") == ["Ann Reader"]


@pytest.mark.parametrize("query", ["", "?status=approved"])
def test_the_queue_is_read_in_its_order_from_an_index(reviewer_client, article, query):
    add_comment(article, status="approved")
    add_comment(article, status="pending")
    with CaptureQueriesContext(connection) as queries:
        reviewer_client.get(QUEUE + query)
    [listing] = [q["sql"] for q in queries if "LIMIT" in q["sql"] and "CASE WHEN" in q["sql"]]
    plan = query_plan(listing)
    assert "comment_" in plan and "pending_first" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort " not in plan, plan


def test_the_queue_reads_no_article_body(reviewer_client, article):
    add_comment(article, status="pending", name="Waiting")
    with CaptureQueriesContext(connection) as queries:
        assert queue_rows(reviewer_client) == ["Waiting"]
    assert not [query for query in queries if '"body"' in query["sql"]]


def query_plan(sql):
    """How the database would run `sql`; on PostgreSQL with sorts and table scans priced out,
    so that a tiny table still shows whether an index can serve the query."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row) for row in cursor.fetchall())


def test_the_queue_filters_by_status(reviewer_client, article):
    add_comment(article, status="approved", name="Approved one")
    add_comment(article, status="pending", name="Waiting")
    assert queue_rows(reviewer_client, f"{QUEUE}?status=pending") == ["Waiting"]


def test_the_queue_shows_the_article_an_excerpt_and_whom_a_reply_answers(reviewer_client, article):
    first = add_comment(article, status="approved", name="Ann")
    add_comment(article, status="pending", text="A long comment " * 20, parent=first)
    row = soup(reviewer_client.get(QUEUE)).select_one("tbody tr").get_text(" ", strip=True)
    assert article.title in row
    assert "A long comment A long comment" in row
    assert "…" in row
    assert "Ann" in row


@pytest.mark.parametrize("status", ["approved", "rejected", "spam"])
def test_a_reviewer_decides_in_one_click_and_returns_to_the_queue(
    reviewer_client, reviewer, article, status
):
    comment = add_comment(article, status="pending")
    url = reverse("reader_comments:moderate", args=[comment.pk])
    response = reviewer_client.post(url, {"status": status, "next": f"{QUEUE}?status=pending"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{QUEUE}?status=pending"
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, reviewer)
    assert comment.moderated_at is not None


def test_every_decision_is_kept_in_the_comments_history(reviewer_client, article):
    comment = add_comment(article, status="pending")
    url = reverse("reader_comments:moderate", args=[comment.pk])
    for status in ("approved", "spam"):
        reviewer_client.post(url, {"status": status})
    history = reviewer_client.get(reverse("reader_comments:history", args=[comment.pk]))
    entries = [row.get_text(" ", strip=True) for row in soup(history).select("tbody tr")]
    assert len(entries) == 2
    assert "Status set to spam" in entries[0]
    assert "Status set to approved" in entries[1]
    assert all("rita" in entry for entry in entries)


def test_each_row_offers_the_decisions_not_yet_taken(reviewer_client, article):
    add_comment(article, status="pending")
    buttons = soup(reviewer_client.get(QUEUE)).select("tbody form button")
    assert [button["value"] for button in buttons] == ["approved", "rejected", "spam"]
    form = buttons[0].find_parent("form")
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def test_a_decision_returns_to_the_queue_as_filtered_even_from_its_live_results(
    reviewer_client, article
):
    add_comment(article, status="pending")
    results = soup(reviewer_client.get(f"{QUEUE}results/?status=pending&p=1"))
    assert results.find("input", attrs={"name": "next"})["value"] == f"{QUEUE}?status=pending&p=1"


def test_an_unknown_decision_is_refused(reviewer_client, article):
    comment = add_comment(article, status="pending")
    url = reverse("reader_comments:moderate", args=[comment.pk])
    assert reviewer_client.post(url, {"status": "deleted"}).status_code == HTTPStatus.BAD_REQUEST
    assert reviewer_client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_deciding_on_a_missing_comment_is_not_found(reviewer_client, db):
    url = reverse("reader_comments:moderate", args=[999999])
    assert reviewer_client.post(url, {"status": "approved"}).status_code == HTTPStatus.NOT_FOUND


def test_a_reviewer_can_delete_a_comment_and_its_personal_data(reviewer_client, article):
    comment = add_comment(article, email="ann@example.org")
    url = reverse("reader_comments:delete", args=[comment.pk])
    assert reviewer_client.post(url).status_code == HTTPStatus.FOUND
    assert not Comment.objects.exists()


def test_the_edit_page_shows_the_comment_and_records_a_status_change(
    reviewer_client, reviewer, article
):
    comment = add_comment(article, status="pending", text="Read me first", email="ann@example.org")
    url = reverse("reader_comments:edit", args=[comment.pk])
    page = reviewer_client.get(url).content.decode()
    assert "Read me first" in page
    assert "ann@example.org" in page
    response = reviewer_client.post(url, {"status": "approved"})
    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert (comment.status, comment.text, comment.moderated_by) == (
        "approved",
        "Read me first",
        reviewer,
    )


def test_nobody_writes_a_comment_in_the_admin(editor_client, db):
    assert editor_client.get(f"{QUEUE}new/").status_code == HTTPStatus.FOUND
    assert "Add reader comment" not in editor_client.get(QUEUE).content.decode()


def test_editors_neither_see_nor_moderate_comments(client, editor, article):
    comment = add_comment(article, status="pending", email="ann@example.org")
    client.force_login(editor)
    assert client.get(QUEUE).status_code == HTTPStatus.FOUND  # sent back: no permission
    url = reverse("reader_comments:moderate", args=[comment.pk])
    assert client.post(url, {"status": "approved"}).status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert "Reader comments" not in client.get("/admin/").content.decode()


def test_the_dashboard_counts_comments_for_reviewers(reviewer_client, article):
    for status in ["pending", "pending", "approved", "spam", "rejected"]:
        add_comment(article, status=status)
    panel = soup(reviewer_client.get("/admin/")).select_one("#reader-comments-section")
    links = [(link.get_text(), link["href"]) for link in panel.select("li a")]
    assert links == [
        ("2 awaiting moderation", f"{QUEUE}?status=pending"),
        ("1 approved", f"{QUEUE}?status=approved"),
        ("1 spam", f"{QUEUE}?status=spam"),
    ]


def test_the_menu_leads_reviewers_to_the_queue(reviewer_client, db):
    assert QUEUE in reviewer_client.get("/admin/").content.decode()


def test_an_editor_closes_an_articles_comments_from_its_settings(editor_client, article):
    data = edit_view_post_data(editor_client, article)
    assert data["comments_setting"] == "section"
    data.update({"comments_setting": "closed", "action-publish": "action-publish"})
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert editor_client.post(url, data).status_code == HTTPStatus.FOUND
    assert not ArticlePage.objects.get(pk=article.pk).comments_are_open()


def test_an_editor_closes_a_sections_comments_from_its_settings(editor_client, article):
    section = SectionPage.objects.get(slug="chronic-pain")
    data = edit_view_post_data(editor_client, section)
    assert "comments_open" in data  # ticked
    del data["comments_open"]
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:edit", args=[section.pk])
    assert editor_client.post(url, data).status_code == HTTPStatus.FOUND
    assert not article.comments_are_open()
