"""The admin report of articles whose clinical review is overdue, coming due or never recorded."""

from datetime import date

import django_filters

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from articles.models import ArticlePage, Person, SectionPage
from articles.review import ReviewState, in_review_state

# What the report shows and exports of each article: never its body.
REPORT_FIELDS = [
    "title",
    "first_published_at",
    "last_reviewed",
    "next_review_due",
    "reviewer__name",
    "reviewer__credentials",
]


class ReviewDueFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label="Section", queryset=SectionPage.objects.order_by("path"), method="in_section"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ReviewState.choices, method="in_state"
    )
    reviewer = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(), label="Medically reviewed by"
    )

    class Meta:
        model = ArticlePage
        fields = []

    def in_section(self, queryset, name, section):
        return queryset.descendant_of(section)

    def in_state(self, queryset, name, state):
        return queryset.filter(in_review_state(state, date.today()))


class ReviewDueView(ReportView):
    page_title = "Reviews due"
    header_icon = "calendar-alt"
    index_url_name = "review_due"
    index_results_url_name = "review_due_results"
    permission_policy = page_permission_policy
    permission_required = "change"
    filterset_class = ReviewDueFilterSet
    is_searchable = True
    search_backend_name = None
    search_fields = ["title"]
    list_export = ["title", "reviewer", "last_reviewed", "next_review_due", "review_status"]
    export_headings = {"reviewer": "Medically reviewed by", "review_status": "Status"}
    columns = [
        TitleColumn("title", label="Article", url_name="wagtailadmin_pages:edit"),
        Column("reviewer", label="Medically reviewed by"),
        Column("last_reviewed", label="Last reviewed"),
        Column("next_review_due", label="Next review due"),
        Column("review_status", label="Status"),
    ]

    def get_base_queryset(self):
        return ArticlePage.objects.live().review_due().only(*REPORT_FIELDS)

    def get_filtered_queryset(self):
        """Filtered and searched by the listing's own steps, once."""
        return self.get_queryset()

    def get_filename(self):
        return f"reviews-due-{date.today().isoformat()}"
