"""The admin's additions: people and help boxes as snippets, the reviews-due report, warnings,
newsletter subscribers, the reader comments' moderation queue, and who may read what readers
send."""

from django.contrib import messages
from django.db import transaction
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet

from articles.comments.models import Comment, decision_action
from articles.comments.moderation import CommentCountsPanel, comment_viewset
from articles.explorer import ArticlePageViewSet
from articles.models import ArticlePage, Signpost, UnheardChange
from articles.people_admin import PersonViewSet
from articles.reports import ReviewDueView
from articles.subscriber_admin import SubscriberViewSet
from articles.workflow import going_live, review_recorded_message

register_snippet(PersonViewSet)
register_snippet(Signpost)


@hooks.register("register_admin_urls")
def register_review_due_urls():
    view = ReviewDueView.as_view()
    results = ReviewDueView.as_view(results_only=True)
    return [
        path("reports/reviews-due/", view, name="review_due"),
        path("reports/reviews-due/results/", results, name="review_due_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    return MenuItem("Reviews due", reverse("review_due"), icon_name="calendar-alt", order=50)


@hooks.register("after_publish_page")
def warn_when_published_without_reviewer(request, page):
    if not isinstance(page.specific, ArticlePage):
        return
    version, state = going_live(page.specific)
    if not version.reviewer_id:
        messages.warning(
            request, f"“{version.title}” is {state} without a medical reviewer recorded."
        )


@hooks.register("after_edit_page")
def confirm_recorded_review(request, page):
    """Wagtail says only that the page "has been updated": say what recording a review did."""
    if request.POST.get("workflow-action-name") != "record_review":
        return
    message = review_recorded_message(ArticlePage.objects.get(pk=page.pk))
    if message:
        title = page.get_admin_display_title()
        updated = _("Page '%(page_title)s' has been updated.") % {"page_title": title}
        replace_message(request, escape(updated), message)


def replace_message(request, old, new):
    """Drop the queued messages containing `old` and add `new` (reading the queue empties it)."""
    storage = messages.get_messages(request)
    for message in list(storage):
        if old not in str(message):
            storage.add(message.level, message.message, message.extra_tags)
    messages.success(request, new)


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
def warn_when_the_page_cache_misses_the_change(request, page):
    """The page cache is told of a change once it is committed, so look then."""
    transaction.on_commit(lambda: warn_if_the_page_cache_missed_changes(request))


def warn_if_the_page_cache_missed_changes(request):
    if UnheardChange.objects.exists():
        messages.warning(
            request,
            "The page cache could not be reached, so readers may see the previous version of "
            "some pages until it can be: the change is applied as soon as it answers again.",
        )


@hooks.register("register_admin_viewset")
def register_comment_moderation():
    return comment_viewset


@hooks.register("construct_homepage_panels")
def add_comment_counts(request, panels):
    if comment_viewset.permission_policy.user_has_permission(request.user, "change"):
        panels.append(CommentCountsPanel())


@hooks.register("register_log_actions")
def register_comment_decisions(actions):
    for status, label in Comment.Status.choices:
        actions.register_action(
            decision_action(status), f"Status: {label.lower()}", f"Status set to {label.lower()}"
        )


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet("article_pages")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")


@hooks.register("filter_form_submissions_for_user")
def only_publishers_read_submissions(user, editable_forms):
    """Readers' messages are personal data: only those who may publish a form page read them."""
    publishable = page_permission_policy.instances_user_has_permission_for(user, "publish")
    return editable_forms.filter(pk__in=publishable.values("pk"))
