"""The page tree: a home page, its sections, and their articles."""

import math
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.timezone import localdate

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, Revision
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from articles import listing_sql
from articles.blocks import ArticleBodyBlock, heading_anchor
from articles.choosers import RelatedLinksPanel
from articles.comments.models import Comment, CommentSwitch
from articles.contact import ContactFormField, ContactPage
from articles.mail_limits import MailAllowance
from articles.methods import AllowedMethodsMixin
from articles.navigation import ARTICLE_LINK_FIELDS
from articles.page_permissions import ArticlePermissionTester, SectionPermissionTester
from articles.page_query import note_read
from articles.people import Person
from articles.review import (
    ArticlePageForm,
    ReviewState,
    a_year_after,
    in_review_state,
    review_status_on,
)
from articles.routing import RestrictionsFromRouting, RoutesToChildrenDirectly
from articles.search_engines import SearchEngineMixin
from articles.site_settings import Signpost, SiteSettings
from articles.subscribers import Subscriber
from articles.unheard_changes import UnheardChange
from articles.visibility import is_visible, private_paths, public
from articles.workflow import ClinicalReviewTask
from related.selection import related_items

# Models that live in their own modules, named here so Django finds them with the rest.
__all__ = [
    "ClinicalReviewTask",
    "Comment",
    "ContactFormField",
    "ContactPage",
    "MailAllowance",
    "Person",
    "Signpost",
    "SiteSettings",
    "Subscriber",
    "UnheardChange",
]

ARTICLES_PER_PAGE = 12
LATEST_PER_SECTION = 3
LISTING_ORDER = [F("date").desc(nulls_last=True), F("first_published_at").desc(), "pk"]
WORDS_PER_MINUTE = 230


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    """One page of `queryset` for `?page=`; a page that is not a number or out of range is a 404."""
    try:
        page = Paginator(queryset, per_page).page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of articles.") from error
    note_read(request, "page", str(page.number))
    return page


def site_sections(home, request=None):
    """Every section below the home page in tree order, read once per request: routing picks the
    one a URL names, the header lists those a reader may see. A site has a handful."""
    known = getattr(request, "_site_sections", None)
    if known is None or known[0] != home.pk:
        known = (home.pk, list(SectionPage.objects.child_of(home).order_by("path")))
        if request is not None:
            request._site_sections = known
    return known[1]


def nav_sections(home, request=None):
    """The live sections a reader may see, for the header."""
    private = private_paths(request)
    return [section for section in site_sections(home, request) if is_visible(section, private)]


class HomePage(RoutesToChildrenDirectly, AllowedMethodsMixin, SearchEngineMixin, Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, "introduction"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "articles.ContactPage"]
    max_count = 1

    @staticmethod
    def child_model():
        return SectionPage

    def child_named(self, slug, request):
        return next(
            (section for section in site_sections(self, request) if section.slug == slug), None
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections_with_latest(request)
        return context

    def sections_with_latest(self, request=None, per_section=LATEST_PER_SECTION):
        """The live sections, each with `latest` set to its newest articles, in two queries.

        Each section's newest are a subquery that walks the date index and stops, so the cost
        stays small however many articles the sections hold.
        """
        sections = list(public(SectionPage.objects.child_of(self).live(), request))
        listing = ArticlePage.objects.listing(request)
        newest = Q(pk__in=[])
        for section in sections:
            newest |= Q(pk__in=listing.child_of(section).values("pk")[:per_section])
        articles = list(listing.filter(newest))
        for section in sections:
            section.latest = [item for item in articles if item.path.startswith(section.path)]
        return sections


class SectionPage(
    RoutesToChildrenDirectly, RestrictionsFromRouting, AllowedMethodsMixin, SearchEngineMixin, Page
):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])
    signpost = models.ForeignKey(
        Signpost,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sections",
        verbose_name="“Need help now?” box",
        help_text="Shown on every article in this section. Leave empty for none.",
    )
    comments_open = models.BooleanField(
        "readers may comment",
        default=True,
        help_text="Articles here take readers’ comments unless an article says otherwise.",
    )

    content_panels = [*Page.content_panels, "introduction"]
    settings_panels = [*Page.settings_panels, "signpost", "comments_open"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.AutocompleteField("introduction"),
    ]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    @staticmethod
    def child_model():
        return ArticlePage

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, ArticlePage.objects.listing(request).child_of(self))
        context["current_section"] = self
        return context

    def permissions_for_user(self, user):
        return SectionPermissionTester(user, self)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageQuerySet(PageQuerySet):
    def listing(self, request=None):
        """Live, public articles, newest first, shaped for article cards."""
        return public(self.live(), request).defer_streamfields().order_by(*LISTING_ORDER)

    def links(self):
        """Only what a link to each article shows, for lists of links rather than cards."""
        return self.only(*ARTICLE_LINK_FIELDS)

    def review_due(self, today=None):
        """Articles whose review is overdue, due within the review window or never recorded, most
        overdue first: an article never reviewed has been due since it was first published."""
        today = today or date.today()
        due = Q()
        for state in ReviewState:
            due |= in_review_state(state, today)
        due_since = Coalesce("next_review_due", TruncDate("first_published_at"))
        return (
            self.filter(due)
            .select_related("reviewer")
            .order_by(due_since.asc(nulls_first=True), "title", "pk")
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


class ArticlePage(RestrictionsFromRouting, AllowedMethodsMixin, SearchEngineMixin, Page):
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
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the article is shared. Leave empty to use a generated title card.",
    )
    reviewer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        verbose_name="medically reviewed by",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="Leave empty for 12 months after the last review."
    )
    comments_setting = models.CharField(
        "readers’ comments",
        max_length=10,
        choices=CommentSwitch.choices,
        default=CommentSwitch.SECTION,
        help_text="Whether readers may comment on this article. Approved comments stay visible.",
    )

    content_panels = [
        *Page.content_panels,
        "standfirst",
        "date",
        "author",
        "publisher",
        "tags",
        "body",
        RelatedLinksPanel("related_links", heading="Related articles", label="Related link"),
        MultiFieldPanel(
            ["reviewer", "last_reviewed", "next_review_due"], heading="Clinical review"
        ),
    ]
    promote_panels = [*SearchEngineMixin.promote_panels, "social_image"]
    settings_panels = [*Page.settings_panels, "comments_setting"]
    # The autocomplete fields are what the admin's page search looks in, as editors type.
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.AutocompleteField("standfirst"),
        index.AutocompleteField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    base_form_class = ArticlePageForm

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    def clean(self):
        super().clean()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = a_year_after(self.last_reviewed)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.body_sections()
        section = self.get_parent().specific
        context["current_section"] = section
        context["signpost"] = section.signpost
        context["sections"] = sections
        context["table_of_contents"] = table_of_contents(sections)
        context["related_items"] = related_items(self, request)
        context["previous_article"], context["next_article"] = self.neighbours(request)
        context["lead_image"] = next(
            (block.value for block in self.body if block.block_type == "image"), None
        )
        context["reference_count"] = self.reference_count()
        context["comments"] = Comment.objects.threads(self)
        context["comments_open"] = self.comments_are_open(section)
        return context

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    def review_status(self):
        """How the article's clinical review stands today, as the reviews-due report says it."""
        return review_status_on(self.next_review_due, date.today())

    def comments_are_open(self, section=None):
        """Whether readers may comment now: the article's own switch, else its section's."""
        if self.comments_setting == CommentSwitch.SECTION:
            return (section or self.get_parent().specific).comments_open
        return self.comments_setting == CommentSwitch.OPEN

    def neighbours(self, request=None):
        """The articles listed just before and after this one in its section.

        Each is the first row past this one in listing order (newest date first, undated last),
        so the cost is the same whether the section holds ten articles or ten thousand.
        """
        if not self.live or self.first_published_at is None:
            return None, None
        return listing_sql.neighbours(self, private_paths(request))

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

    def reference_count(self):
        """How many works the body cites, so in-text markers link only to real entries."""
        blocks = (block for block in self.body if block.block_type == "references")
        return sum(len(block.value["items"]) for block in blocks)

    @cached_property
    def tag_list(self):
        """The article's tags, read once for the page, its metadata and its topic links."""
        return list(self.tags.all())

    @property
    def reading_minutes(self):
        words = len(self.standfirst.split())
        for block in self.body:
            for text in block.block.get_searchable_content(block.value):
                words += len(str(text).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def updated_on(self):
        """The day this article was last republished here, when later than its first day here."""
        if not (self.first_published_at and self.last_published_at):
            return None
        updated = localdate(self.last_published_at)
        if updated > localdate(self.first_published_at) and updated != self.date:
            return updated
        return None


@register_snippet
class TopicDescription(models.Model):
    """An editor's introduction to a topic (a tag), shown at the top of its topic page."""

    tag = models.OneToOneField(
        "taggit.Tag", on_delete=models.CASCADE, related_name="topic_description"
    )
    description = models.TextField(help_text="One or two sentences introducing the topic.")

    panels = ["tag", "description"]

    def __str__(self):
        return self.tag.name


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
