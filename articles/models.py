"""The page tree: a home page, its sections, and their articles."""

import math
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, Revision
from wagtail.query import PageQuerySet
from wagtail.search import index

from articles.blocks import ArticleBodyBlock, heading_anchor

ARTICLES_PER_PAGE = 12
WORDS_PER_MINUTE = 230


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    """One page of `queryset` for `?page=`; a page that is not a number or out of range is a 404."""
    try:
        return Paginator(queryset, per_page).page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of articles.") from error


class HomePage(Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, "introduction"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = SectionPage.objects.child_of(self).live().public()
        context["latest_articles"] = ArticlePage.objects.listing().descendant_of(self)[:6]
        return context


class SectionPage(Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, "introduction"]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, ArticlePage.objects.listing().child_of(self))
        context["current_section"] = self
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageQuerySet(PageQuerySet):
    def listing(self):
        """Live, public articles, newest first, shaped for article cards."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .order_by(models.F("date").desc(nulls_last=True), "-first_published_at", "pk")
        )


@dataclass
class BodySection:
    """A heading and the blocks that follow it, up to the next heading (or a reference list)."""

    title: str = ""
    level: str = ""
    anchor: str = ""
    heading: object = None
    blocks: list = field(default_factory=list)
    subsections: list = field(default_factory=list)


def table_of_contents(sections):
    """The titled sections as an outline: each subheading under the section heading before it."""
    outline = []
    for section in sections:
        if section.level == "h3" and outline:
            outline[-1].subsections.append(section)
        elif section.title:
            outline.append(section)
    return outline


class ArticlePage(Page):
    standfirst = models.TextField(help_text="The one-paragraph summary shown under the title.")
    date = models.DateField(
        "publication date", null=True, blank=True, help_text="Leave empty if it is not known."
    )
    author = models.CharField(max_length=255, blank=True, help_text="Leave empty if not known.")
    publisher = models.CharField(
        max_length=255, blank=True, help_text="The organisation the article comes from, if named."
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        "standfirst",
        "date",
        "author",
        "publisher",
        "tags",
        "body",
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.body_sections()
        context["current_section"] = self.get_parent()
        context["sections"] = sections
        context["table_of_contents"] = table_of_contents(sections)
        return context

    def body_sections(self):
        """The body split at its headings; a reference list is a section of its own."""
        sections, taken = [BodySection()], set()
        for block in self.body:
            if block.block_type == "heading":
                anchor = heading_anchor(block.value, taken)
                sections.append(
                    BodySection(block.value["text"], block.value["level"], anchor, block)
                )
            elif block.block_type == "references":
                anchor = heading_anchor({"text": "references"}, taken)
                sections.append(BodySection(block.value["heading"], "h2", anchor))
                sections[-1].blocks.append(block)
                sections.append(BodySection())
            else:
                sections[-1].blocks.append(block)
        return [section for section in sections if section.title or section.blocks]

    @property
    def reading_minutes(self):
        words = len(self.standfirst.split())
        for block in self.body:
            for text in block.block.get_searchable_content(block.value):
                words += len(str(text).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))


class LoadedContent(models.Model):
    """Which fixture a page was loaded from, so a re-load can tell an editor's change from ours."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="loaded_content")
    fixture = models.CharField(max_length=255)
    digest = models.CharField(max_length=64)
    revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")
    # JSON text rather than a JSONField: PostgreSQL's jsonb would reorder the keys.
    provenance = models.TextField(
        default="{}", help_text="Fixture fields the page does not hold (source, notes)."
    )

    def __str__(self):
        return self.fixture
