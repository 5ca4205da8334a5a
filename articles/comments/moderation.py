"""The admin's moderation queue: reader comments listed awaiting-first, found by name, e-mail or
text, approved, rejected or marked as spam in one click, deleted on request, and counted on the
dashboard."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import View

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from articles.comments.models import Comment

DECISIONS = {
    Comment.Status.APPROVED: ("Approve", "Approved"),
    Comment.Status.REJECTED: ("Reject", "Rejected"),
    Comment.Status.SPAM: ("Mark as spam", "Marked as spam"),
}
COUNTED = [Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.SPAM]


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers only: nobody, not even a superuser, adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class DecisionColumn(Column):
    """One-click decisions for a row: a small form posting to the moderate view."""

    cell_template_name = "comments/admin/decision_cell.html"

    def __init__(self, *args, index_url_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_url_name = index_url_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["csrf_token"] = get_token(request)
        # Back to the queue as filtered, also when the table came from the results-only view.
        query = request.GET.urlencode()
        context["next"] = reverse(self.index_url_name) + (f"?{query}" if query else "")
        context["decisions"] = [
            (status, labels[0]) for status, labels in DECISIONS.items() if status != instance.status
        ]
        return context


class CommentIndexView(IndexView):
    def get_base_queryset(self):
        comments = super().get_base_queryset().select_related("article", "parent")
        return comments.defer("article__body").pending_first()


class CommentEditView(EditView):
    """The full comment, read-only, and its status: changing it records who decided and when."""

    def save_instance(self):
        comment = self.form.instance
        comment.moderate(comment.status, self.request.user)
        return comment


class ModerateView(PermissionCheckedMixin, View):
    """Apply one decision from the queue, then go back to the queue as it was filtered."""

    http_method_names = ["post"]
    permission_required = "change"
    index_url_name = None

    def post(self, request, pk):
        comment = get_object_or_404(Comment, pk=pk)
        status = request.POST.get("status")
        if status not in DECISIONS:
            return HttpResponseBadRequest("Unknown decision.")
        comment.moderate(status, request.user)
        messages.success(request, f"{DECISIONS[status][1]}: “{comment.excerpt}”")
        return redirect(get_valid_next_url_from_request(request) or reverse(self.index_url_name))


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "reader_comments"
    url_prefix = "reader-comments"
    icon = "comment"
    menu_label = "Reader comments"
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    list_filter = ["status"]
    search_fields = ["name", "email", "text"]
    list_display = [
        "excerpt",
        "name",
        Column("article", label="Article"),
        Column("reply_to", label="In reply to", accessor="parent.name"),
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("created", label="Sent", sort_key="created"),
        DecisionColumn("decision", label="Decide", index_url_name="reader_comments:index"),
    ]
    panels = [
        FieldPanel("article", read_only=True),
        FieldPanel("parent", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("status"),
    ]

    @property
    def permission_policy(self):
        return CommentPermissionPolicy(self.model)

    @property
    def moderate_view(self):
        return ModerateView.as_view(
            permission_policy=self.permission_policy, index_url_name=self.get_url_name("index")
        )

    def get_urlpatterns(self):
        moderate = path("moderate/<int:pk>/", self.moderate_view, name="moderate")
        return [*super().get_urlpatterns(), moderate]


comment_viewset = CommentViewSet()


class CommentCountsPanel(Component):
    """How many comments await a decision, are approved and are spam, linked to the queue."""

    name = "reader_comments"
    order = 90
    template_name = "comments/admin/counts_panel.html"

    def get_context_data(self, parent_context):
        counts = Comment.objects.aggregate(
            **{status.value: Count("pk", filter=Q(status=status)) for status in COUNTED}
        )
        index = reverse(comment_viewset.get_url_name("index"))
        return {
            "counts": [
                (counts[status.value], status.label, f"{index}?status={status.value}")
                for status in COUNTED
            ],
            "index_url": index,
        }
