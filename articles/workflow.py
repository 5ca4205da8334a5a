"""Clinical review as a workflow step: a reviewer approves, and can record the review at once.

Recording the review saves a new revision, by the reviewer, with the review fields set; Wagtail
then publishes the latest revision when the workflow finishes, so the review is part of what goes
live and of the page's history, and an editor's next draft starts from it.
"""

from datetime import date

from django import forms
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.timezone import localtime

from wagtail.models import GroupApprovalTask
from wagtail.models.workflows import TaskStateCommentForm

from articles.people import Person
from articles.site_settings import SiteSettings


class RecordReviewForm(TaskStateCommentForm):
    # The page editor behind the dialog has its own "reviewer" field: keep the ids apart.
    prefix = "review"
    reviewer = forms.TypedChoiceField(label="Medically reviewed by", coerce=int)
    reviewed_on = forms.DateField(label="Reviewed on", initial=date.today)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.values_list("pk", "name", "credentials")
        self.fields["reviewer"].choices = [("", "---------")] + [
            (pk, f"{name}, {credentials}" if credentials else name)
            for pk, name, credentials in people
        ]

    def clean_reviewed_on(self):
        """The date as text, so the edit view can carry it through its JSON round trip."""
        return self.cleaned_data["reviewed_on"].isoformat()


class ClinicalReviewTask(GroupApprovalTask):
    """Group approval by the reviewers, with an extra action that records a medical review."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return actions
        record = ("record_review", "Approve and record review", True)
        if review_missing(obj):
            return [actions[0], record]
        return [*actions, record]

    def get_form_for_action(self, action):
        if action == "record_review":
            return RecordReviewForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "record_review":
            return super().on_action(task_state, user, action_name, **kwargs)
        obj = task_state.workflow_state.content_object
        record_review(obj, user, kwargs.pop("reviewer"), kwargs.pop("reviewed_on"))
        return super().on_action(task_state, user, "approve", **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, and can record a medical review as they do"

    class Meta:
        verbose_name = "clinical review task"


def review_missing(obj):
    """Whether the site requires a reviewer and this draft has none, so plain approval is off."""
    draft = obj.get_latest_revision_as_object()
    has_reviewer = getattr(draft, "reviewer_id", True)
    return not has_reviewer and SiteSettings.review_required_for(obj)


def record_review(page, user, reviewer_id, reviewed_on):
    """Save a revision of `page`'s latest draft with the review recorded and the next one due."""
    draft = page.get_latest_revision_as_object()
    draft.reviewer = Person.objects.get(pk=reviewer_id)
    draft.last_reviewed = parse_date(str(reviewed_on))
    draft.next_review_due = None
    draft.full_clean()
    # The workflow publishes the page's latest revision when it finishes: point `page` at ours.
    page.latest_revision = draft.save_revision(user=user, log_action=True)
    return page.latest_revision


def going_live(page):
    """The version of `page` that goes live next (its scheduled one, else the live one), and how
    an editor is told when: "live", or "scheduled to go live on 5 January 2030 at 09:00"."""
    scheduled = page.scheduled_revision
    if scheduled is None:
        return page, "live"
    when = date_format(localtime(scheduled.approved_go_live_at), r"j F Y \a\t H:i")
    return scheduled.as_object(), f"scheduled to go live on {when}"


def review_recorded_message(page):
    """What an approval that records a review did, or None if the page is still in review."""
    if page.workflow_in_progress:
        return None
    version, state = going_live(page)
    reviewed_on = date_format(version.last_reviewed, "j F Y")
    return (
        f"“{version.title}” is approved and {state}, with its medical review by "
        f"{version.reviewer} on {reviewed_on} recorded."
    )
