"""The admin's list of newsletter subscribers: filter, export as CSV, delete."""

import django_filters

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from articles.spreadsheets import FormulaSafeExportMixin
from articles.subscribers import Subscriber


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Addresses arrive only by their owners' confirmation: nobody adds or changes one here."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)


class SubscriberFilterSet(WagtailFilterSet):
    confirmed = django_filters.BooleanFilter(
        label="Confirmed", field_name="confirmed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Subscriber
        fields = []


class SubscriberIndexView(FormulaSafeExportMixin, IndexView):
    """Lists every address; the export holds only confirmed ones, the real mailing list."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.confirmed() if self.is_export else queryset


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    icon = "mail"
    menu_label = "Newsletter subscribers"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["email", "confirmed_at", "created"]
    list_export = ["email", "confirmed_at"]
    export_headings = {"email": "E-mail address", "confirmed_at": "Confirmed"}
    export_filename = "newsletter-subscribers"
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    form_fields = ["email"]  # Wagtail builds the add and edit views; the policy closes them.

    @property
    def permission_policy(self):
        return SubscriberPermissionPolicy(self.model)
