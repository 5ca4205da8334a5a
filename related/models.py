"""The teaser library and each article's ordered list of related links."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.text import Truncator

from modelcluster.fields import ParentalKey
from wagtail.models import Orderable
from wagtail.search import index


class TeaserQuerySet(models.QuerySet):
    def with_usage(self):
        """Teasers annotated with `usage`: how many articles link to each."""
        return self.annotate(usage=Count("related_links__article", distinct=True))

    def with_target(self, wanted=True):
        """Teasers with a target, or without one if not `wanted`."""
        no_target = Q(target_page__isnull=True, target_url="")
        return self.exclude(no_target) if wanted else self.filter(no_target)


class Teaser(index.Indexed, models.Model):
    """A related story: its summary and date, and where it is (once it is written or found)."""

    title = models.CharField(
        max_length=255, blank=True, help_text="Optional: shown above the summary."
    )
    summary = models.TextField(help_text="The one-paragraph summary readers see.")
    date = models.DateField(help_text="The story's publication date.")
    target_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page of ours this story is on, if there is one.",
    )
    target_url = models.URLField(
        "target URL", blank=True, help_text="Or the story's address elsewhere."
    )

    panels = ["title", "summary", "date", "target_page", "target_url"]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.FilterField("target_page"),
        index.FilterField("target_url"),
    ]

    objects = TeaserQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]

    def __str__(self):
        return self.title or Truncator(self.summary).words(12)

    def clean(self):
        if self.target_page_id and self.target_url:
            raise ValidationError("Link to one of our pages or to an address, not both.")
        duplicates = Teaser.objects.filter(summary=self.summary).exclude(pk=self.pk)
        if duplicates.exists():
            raise ValidationError({"summary": "A teaser with this summary already exists."})


class RelatedLink(Orderable):
    """One entry of an article's related list: one of our articles, or a teaser."""

    article = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    page = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="One of our articles…",
    )
    teaser = models.ForeignKey(
        Teaser,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="related_links",
        help_text="…or a teaser from the library.",
    )

    panels = ["page", "teaser"]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=True) ^ Q(teaser__isnull=True),
                name="related_link_page_or_teaser",
                violation_error_message="Choose either an article or a teaser.",
            )
        ]

    def __str__(self):
        return str(self.page or self.teaser)
