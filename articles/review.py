"""Clinical review: when an article is next due, how it stands today, and who may publish it."""

from datetime import timedelta

from wagtail.admin.forms import WagtailAdminPageForm

from articles.site_settings import SiteSettings

REVIEW_WINDOW = timedelta(days=30)


def a_year_after(day):
    """The same calendar day a year on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def review_status(due, today):
    """How a due date reads in the overdue-review report."""
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
