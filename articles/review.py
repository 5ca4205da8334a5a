"""Clinical review: when an article is next due, how it stands today, and who may publish it."""

from datetime import timedelta

from django.db import models
from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm

from articles.site_settings import SiteSettings

REVIEW_WINDOW = timedelta(days=30)


def a_year_after(day):
    """The same calendar day a year on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class ReviewState(models.TextChoices):
    """Where an article stands in the reviews-due report."""

    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due within 30 days"
    NEVER_REVIEWED = "never_reviewed", "Never reviewed"


def in_review_state(state, today):
    """The condition on an article's next review date for `state` on `today`. An article with no
    date has had no review recorded: saving a review sets the date."""
    return {
        ReviewState.OVERDUE: Q(next_review_due__lt=today),
        ReviewState.DUE_SOON: Q(
            next_review_due__gte=today, next_review_due__lte=today + REVIEW_WINDOW
        ),
        ReviewState.NEVER_REVIEWED: Q(next_review_due__isnull=True),
    }[state]


def review_status_on(due, today):
    """How a due date reads in the reviews-due report."""
    if due is None:
        return ReviewState.NEVER_REVIEWED.label
    days = (due - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"


class ArticlePageForm(WagtailAdminPageForm):
    """The article editor; refuses to publish without a reviewer when the site requires one."""

    def clean(self):
        cleaned_data = super().clean()
        unreviewed = "action-publish" in self.data and not cleaned_data.get("reviewer")
        if unreviewed and SiteSettings.review_required_for(self.parent_page):
            self.add_error("reviewer", "This site requires a medical reviewer to publish.")
        return cleaned_data
