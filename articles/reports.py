"""The admin report of articles whose clinical review is overdue or coming due."""

from datetime import date

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from articles.models import ArticlePage
from articles.review import review_status


class ReviewStatusColumn(Column):
    def get_value(self, instance):
        return review_status(instance.next_review_due, date.today())


class ReviewDueView(ReportView):
    page_title = "Reviews due"
    header_icon = "calendar-alt"
    index_url_name = "review_due"
    index_results_url_name = "review_due_results"
    permission_policy = page_permission_policy
    permission_required = "change"
    list_export = ["title", "reviewer", "last_reviewed", "next_review_due"]
    columns = [
        TitleColumn("title", label="Article", url_name="wagtailadmin_pages:edit"),
        Column("reviewer", label="Medically reviewed by"),
        DateColumn("last_reviewed", label="Last reviewed"),
        DateColumn("next_review_due", label="Next review due"),
        ReviewStatusColumn("status", label="Status"),
    ]

    def get_queryset(self):
        return ArticlePage.objects.live().review_due()

    def get_filename(self):
        return f"reviews-due-{date.today().isoformat()}"
