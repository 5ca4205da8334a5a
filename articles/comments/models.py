"""A reader's comment on an article, and the switch that opens or closes an article's comments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from wagtail.log_actions import log

MAX_NAME_LENGTH = 80
MAX_TEXT_LENGTH = 3000
# What a reader sees of a comment, and all they see: never the e-mail address.
PUBLIC_FIELDS = ["pk", "parent_id", "name", "text", "created"]


class CommentSwitch(models.TextChoices):
    """An article's comments follow its section unless opened or closed on the article itself."""

    SECTION = "section", "As the section"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


# The moderation queue's order: comments awaiting a decision first, then newest first.
PENDING_FIRST = [
    models.Case(
        models.When(status="pending", then=0), default=1, output_field=models.IntegerField()
    ),
    models.F("created").desc(),
    models.F("id").desc(),
]


class CommentQuerySet(models.QuerySet):
    def threads(self, article):
        """The article's approved comments, oldest first, each top-level one with its approved
        `thread_replies`, in one query. A reply under an unapproved comment is not shown."""
        approved = list(
            self.filter(article=article, status=Comment.Status.APPROVED)
            .only(*PUBLIC_FIELDS)
            .order_by("created", "pk")
        )
        top_level = {comment.pk: comment for comment in approved if comment.parent_id is None}
        for comment in top_level.values():
            comment.thread_replies = []
        for comment in approved:
            if comment.parent_id in top_level:
                top_level[comment.parent_id].thread_replies.append(comment)
        return list(top_level.values())

    def pending_first(self):
        """The moderation queue's order: comments awaiting a decision first, then newest first."""
        return self.order_by(*PENDING_FIRST)


class Comment(models.Model):
    """A reader's comment, shown on its article only once a reviewer has approved it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name="in reply to",
    )
    name = models.CharField(max_length=MAX_NAME_LENGTH)
    email = models.EmailField(
        "e-mail", blank=True, help_text="Optional; only moderators see it, never readers."
    )
    text = models.TextField(max_length=MAX_TEXT_LENGTH)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now)
    # A keyed hash of the sender's network address, for the rate limit; never the address.
    address_hash = models.CharField(max_length=64, editable=False)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "reader comment"
        indexes = [
            models.Index(fields=["article", "status", "created"]),
            models.Index(fields=["address_hash", "created"]),
            models.Index(fields=["status", "created"]),
            # The moderation queue, in its order, unfiltered and filtered by status.
            models.Index(*PENDING_FIRST, name="comment_pending_first"),
            models.Index("status", *PENDING_FIRST, name="comment_status_pending_first"),
        ]

    def __str__(self):
        return f"{self.name}: {self.excerpt}"

    @property
    def excerpt(self):
        return Truncator(" ".join(self.text.split())).chars(80)

    def moderate(self, status, user):
        """Record a reviewer's decision, also in the comment's history; the article's page shows
        it on its next request."""
        self.status = status
        self.moderated_at = timezone.now()
        self.moderated_by = user
        self.save(update_fields=["status", "moderated_at", "moderated_by"])
        log(self, decision_action(status), user=user)


def decision_action(status):
    """The history's name for setting a comment's status."""
    return f"comments.status.{status}"
