"""Who may publish: editors submit for clinical review, reviewers approve and record the review."""

import json
from datetime import date
from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from articles.models import ArticlePage, SiteSettings
from tests.helpers import article_form_data

pytestmark = pytest.mark.django_db
BODY = [("paragraph", rich_text("<p>Worry turns up the volume of pain.</p>"))]


@pytest.fixture
def article():
    return ArticlePage.objects.get(slug="anxiety-and-chronic-pain")


def post_edit(client, page, action, **changes):
    data = article_form_data(client, page, BODY, **{action: action, **changes})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def submit_for_review(client, editor, article, title):
    client.force_login(editor)
    response = post_edit(client, article, "action-submit", title=title)
    assert response.status_code == HTTPStatus.FOUND
    return article.current_workflow_task_state


def approve(client, reviewer, article, action, data=None):
    client.force_login(reviewer)
    task_state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, task_state.pk])
    return client.post(url, data or {})


def test_an_editors_publish_button_does_not_publish(client, editor, article):
    client.force_login(editor)
    post_edit(client, article, "action-publish", title="Published by an editor")
    assert not ArticlePage.objects.filter(title="Published by an editor").exists()


def test_an_editors_submission_waits_for_a_reviewer(client, editor, article):
    submit_for_review(client, editor, article, "Waiting for review")
    assert not ArticlePage.objects.filter(title="Waiting for review").exists()
    assert article.current_workflow_task.name == "Clinical review"


def test_a_reviewers_approval_publishes_the_submission(client, editor, reviewer, article):
    submit_for_review(client, editor, article, "Approved by a reviewer")
    response = approve(client, reviewer, article, "approve")
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.title == "Approved by a reviewer"


def test_a_reviewer_records_the_review_while_approving(
    client, editor, reviewer, clinician, article
):
    submit_for_review(client, editor, article, "Reviewed and approved")
    data = {"review-reviewer": clinician.pk, "review-reviewed_on": "2025-03-01"}
    approve(client, reviewer, article, "record_review", data)
    article.refresh_from_db()
    assert article.title == "Reviewed and approved"
    assert article.reviewer == clinician
    assert article.last_reviewed == date(2025, 3, 1)
    assert article.next_review_due == date(2026, 3, 1)
    assert article.latest_revision.user == reviewer


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def test_approving_with_a_review_says_the_page_is_approved_reviewed_and_live(
    client, editor, reviewer, clinician, article
):
    submit_for_review(client, editor, article, "Reviewed and approved")
    client.force_login(reviewer)
    extra = {"comment": "", "reviewer": clinician.pk, "reviewed_on": "2025-03-01"}
    response = post_edit(
        client,
        article,
        "action-workflow-action",
        title="Reviewed and approved",
        **{
            "workflow-action-name": "record_review",
            "workflow-action-extra-data": json.dumps(extra),
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    shown = client.get(response["Location"]).context["messages"]
    assert [message.message for message in shown] == [
        "“Reviewed and approved” is approved and live, with its medical review by "
        "Dr Ada Okafor, MBBS, MRCP on 1 March 2025 recorded."
    ]


def test_a_reviewer_publishes_directly(client, reviewer, article):
    client.force_login(reviewer)
    post_edit(client, article, "action-publish", title="Published by a reviewer")
    article.refresh_from_db()
    assert article.title == "Published by a reviewer"


def test_publishing_without_a_reviewer_is_allowed_but_warned_about(client, reviewer, article):
    client.force_login(reviewer)
    response = post_edit(client, article, "action-publish", title="Unreviewed")
    assert "“Unreviewed” is live without a medical reviewer recorded." in messages_of(response)


def test_scheduling_without_a_reviewer_warns_of_the_date_it_goes_live(client, reviewer, article):
    client.force_login(reviewer)
    article.unpublish()
    response = post_edit(
        client, article, "action-publish", title="Scheduled", go_live_at="2030-01-05 09:00"
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert (
        "“Scheduled” is scheduled to go live on 5 January 2030 at 09:00 without a medical "
        "reviewer recorded." in messages_of(response)
    )
    assert not [message for message in messages_of(response) if "is live" in message]


def test_a_required_reviewer_stops_publishing_without_one(client, reviewer, article):
    SiteSettings.objects.update_or_create(
        site=article.get_site(), defaults={"review_required": True}
    )
    client.force_login(reviewer)
    response = post_edit(client, article, "action-publish", title="Unreviewed")
    assert response.status_code == HTTPStatus.OK
    assert "This site requires a medical reviewer to publish." in response.content.decode()
    assert not ArticlePage.objects.filter(title="Unreviewed").exists()


def test_a_required_reviewer_leaves_only_approval_that_records_one(
    client, editor, reviewer, article
):
    SiteSettings.objects.update_or_create(
        site=article.get_site(), defaults={"review_required": True}
    )
    submit_for_review(client, editor, article, "Needs a reviewer")
    task = article.current_workflow_task.specific
    actions = [name for name, _label, _modal in task.get_actions(article, reviewer)]
    assert actions == ["reject", "record_review"]
    approve(client, reviewer, article, "approve")
    assert not ArticlePage.objects.filter(title="Needs a reviewer").exists()


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("wagtailadmin_home", []),
        ("wagtailadmin_explore_root", []),
        ("wagtailadmin_pages:edit", [3]),
        ("review_due", []),
        ("wagtailsnippets_articles_person:list", []),
        ("wagtailsettings:edit", ["articles", "sitesettings"]),
    ],
)
def test_anonymous_visitors_reach_no_admin_page(client, url_name, args):
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_workflow_covers_every_page(home):
    for page in Page.objects.filter(depth__gt=1):
        assert page.get_workflow().name == "Clinical review", page.title
