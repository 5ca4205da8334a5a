"""The teaser library in the admin: find, filter and edit teasers, and choose or create one while
editing an article's related links."""

import django_filters

from django import forms
from django.utils.formats import date_format

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from related.models import Teaser


def target(teaser):
    return teaser.target_page or teaser.target_url


class TeaserFilterSet(WagtailFilterSet):
    has_target = django_filters.BooleanFilter(label="Has a target", method="filter_has_target")
    usage = django_filters.NumberFilter(label="Used by (number of articles)")

    class Meta:
        model = Teaser
        fields = []

    def filter_has_target(self, queryset, name, value):
        return queryset.with_target(value)


class TeaserChooserFilterForm(SearchFilterMixin, BaseFilterForm):
    has_target = forms.ChoiceField(
        label="Target",
        required=False,
        choices=[("", "All teasers"), ("yes", "With a target"), ("no", "Without a target")],
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects):
        wanted = self.cleaned_data.get("has_target")
        if wanted:
            objects = objects.with_target(wanted == "yes")
        return super().filter(objects)


class TeaserCreationForm(WagtailAdminModelForm):
    """A teaser for a story elsewhere; one on our own site is linked as an article instead."""

    # The page editor behind the chooser has its own "title" and "date": keep the ids apart.
    prefix = "teaser"

    class Meta:
        model = Teaser
        fields = ["title", "summary", "date", "target_url"]


class TeaserListing:
    """The chooser's list: each teaser's whole summary, with its date and target."""

    filter_form_class = TeaserChooserFilterForm

    def get_object_list(self):
        return Teaser.objects.select_related("target_page")

    @property
    def title_column(self):
        column = super().title_column
        column.label, column.accessor = "Summary", "summary"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("heading", label="Title", accessor="title"),
            Column("date", label="Date", accessor=lambda t: date_format(t.date, "j F Y")),
            Column("target", label="Target", accessor=target),
        ]


class TeaserChooseView(TeaserListing, ChooseView):
    pass


class TeaserChooseResultsView(TeaserListing, ChooseResultsView):
    pass


class TeaserChooserViewSet(SnippetChooserViewSet):
    choose_view_class = TeaserChooseView
    choose_results_view_class = TeaserChooseResultsView
    creation_form_class = TeaserCreationForm


class TeaserViewSet(SnippetViewSet):
    model = Teaser
    icon = "link"
    menu_label = "Teasers"
    add_to_admin_menu = True
    menu_order = 300
    filterset_class = TeaserFilterSet
    search_fields = ["title", "summary"]
    search_backend_name = None
    chooser_viewset_class = TeaserChooserViewSet
    list_display = [
        "__str__",
        "date",
        Column("usage", label="Used by (articles)", sort_key="usage"),
        Column("target", label="Target", accessor=target),
    ]
    list_export = ["title", "summary", "date", "target_url", "usage"]

    def get_queryset(self, request):
        return Teaser.objects.with_usage().select_related("target_page")


register_snippet(TeaserViewSet)
