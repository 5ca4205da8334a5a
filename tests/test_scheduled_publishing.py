"""publish_scheduled makes due pages live and takes expired ones down, and tells cron which."""

from datetime import timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def publish_scheduled():
    out, err = StringIO(), StringIO()
    call_command("publish_scheduled", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def scheduled(article, go_live_at):
    """`article` taken down, with a revision approved to go live at `go_live_at`."""
    article.unpublish()
    revision = article.save_revision()
    revision.approved_go_live_at = go_live_at
    revision.save()
    return article


def test_publish_scheduled_names_each_page_it_publishes_and_unpublishes(articles):
    due = scheduled(articles[0], timezone.now() - timedelta(minutes=1))
    expired = articles[1]
    expired.expire_at = timezone.now() - timedelta(minutes=1)
    expired.save()
    out, err = publish_scheduled()
    assert out.splitlines() == [
        f"Unpublished (expired) page “{expired.title}” (id {expired.pk})",
        f"Published page “{due.title}” (id {due.pk})",
    ]
    assert err == ""
    assert ArticlePage.objects.get(pk=due.pk).live
    assert not ArticlePage.objects.get(pk=expired.pk).live


def test_publish_scheduled_says_nothing_when_nothing_is_due(articles):
    waiting = scheduled(articles[0], timezone.now() + timedelta(hours=1))
    assert publish_scheduled() == ("", "")
    assert not ArticlePage.objects.get(pk=waiting.pk).live
