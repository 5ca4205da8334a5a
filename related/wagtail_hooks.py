"""The teaser library in the admin: find, filter and edit teasers."""

import django_filters

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from related.models import Teaser


class TeaserFilterSet(WagtailFilterSet):
    has_target = django_filters.BooleanFilter(label="Has a target", method="filter_has_target")
    usage = django_filters.NumberFilter(label="Used by (number of articles)")

    class Meta:
        model = Teaser
        fields = []

    def filter_has_target(self, queryset, name, value):
        without = queryset.without_target()
        return queryset.exclude(pk__in=without) if value else without


class TeaserViewSet(SnippetViewSet):
    model = Teaser
    icon = "link"
    menu_label = "Teasers"
    add_to_admin_menu = True
    menu_order = 300
    filterset_class = TeaserFilterSet
    search_fields = ["title", "summary"]
    search_backend_name = None
    list_display = [
        "__str__",
        "date",
        Column("usage", label="Used by (articles)", sort_key="usage"),
        Column(
            "target",
            label="Target",
            accessor=lambda teaser: teaser.target_page or teaser.target_url,
        ),
    ]
    list_export = ["title", "summary", "date", "target_url", "usage"]

    def get_queryset(self, request):
        return Teaser.objects.with_usage().select_related("target_page")


register_snippet(TeaserViewSet)
