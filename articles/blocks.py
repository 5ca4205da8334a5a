"""The blocks an article body is made of, and the article body itself."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "superscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subheading")],
        default="h2",
        search_index=False,
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="The #link to this section. Leave blank to make it from the heading.",
    )

    class Meta:
        label = "Heading"
        icon = "title"
        template = "blocks/heading.html"
        description = "Starts a new section; listed in the table of contents."
        preview_value = {"text": "How stress shapes pain", "level": "h2"}


class ListItemsBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bullet", "Bullets"), ("numbered", "Numbered")],
        default="bullet",
        search_index=False,
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=1000), min_num=1)

    class Meta:
        label = "List"
        icon = "list-ul"
        template = "blocks/list.html"
        description = "A bulleted or numbered list."
        preview_value = {"style": "bullet", "items": ["Sleep", "Movement", "Support"]}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        label = "Quote"
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A pull quote that stands out from the text."
        preview_value = {"text": "Pain is a signal, not a fixed limitation."}


class NoteBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, default="Important note")
    text = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        label = "Note"
        icon = "warning"
        template = "blocks/note.html"
        description = "An important-note callout, set apart from the text."
        preview_value = {"title": "Important note", "text": "<p>Talk to a clinician first.</p>"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=INLINE_FEATURES)
    link_label = blocks.CharBlock(required=False, max_length=80)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False)

    class Meta:
        label = "Call to action"
        icon = "pick"
        template = "blocks/cta.html"
        description = "Invites the reader to act, optionally with a button link."
        preview_value = {
            "text": "<p>Ready to take the next step?</p>",
            "link_label": "Get in touch",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="Describe the image for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers then skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        label = "Image"
        icon = "image"
        template = "blocks/image.html"
        description = "A picture with its text alternative and an optional caption."

    def clean(self, value):
        value = super().clean(value)
        if not value["alt"].strip() and not value["decorative"]:
            raise StructBlockValidationError(
                {"alt": ValidationError("Describe the image, or mark it as decorative.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        """A decorative image gets an empty alt; an article's first image loads at once."""
        context = super().get_context(value, parent_context)
        context["alt"] = "" if value["decorative"] else value["alt"]
        context["is_lead"] = value is (parent_context or {}).get("lead_image")
        return context


class ReferenceValue(blocks.StructValue):
    def citation(self):
        """The reference as one MLA-style line, as works cited are printed."""
        authors, title = self["authors"].strip(), self["title"].strip()
        volume = ".".join(part for part in [self["volume"], self["issue"]] if part)
        source = " ".join(part for part in [self["container"], volume] if part)
        if self["year"]:
            source += f" ({self['year']})"
        if self["pages"]:
            source += f": {self['pages']}"
        return f"{_sentence(authors)} “{_sentence(title)}” {_sentence(source)}"


def _sentence(text):
    return text if text.endswith((".", "?", "!")) else f"{text}."


class ReferenceBlock(blocks.StructBlock):
    authors = blocks.CharBlock(
        max_length=500, help_text="As printed, e.g. “Coan, James A., et al”."
    )
    title = blocks.CharBlock(max_length=500)
    container = blocks.CharBlock(required=False, max_length=255, label="Journal or book")
    volume = blocks.CharBlock(required=False, max_length=20)
    issue = blocks.CharBlock(required=False, max_length=20)
    year = blocks.CharBlock(required=False, max_length=10)
    pages = blocks.CharBlock(required=False, max_length=40)
    doi = blocks.CharBlock(required=False, max_length=255, label="DOI")
    pmid = blocks.CharBlock(required=False, max_length=20, label="PMID")
    url = blocks.URLBlock(required=False, label="URL")
    accessed = blocks.DateBlock(required=False)

    class Meta:
        label = "Reference"
        icon = "doc-full"
        value_class = ReferenceValue


class ReferencesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="References")
    items = blocks.ListBlock(ReferenceBlock(), min_num=1)

    class Meta:
        label = "References"
        icon = "list-ol"
        template = "blocks/references.html"
        description = "A numbered list of works cited."


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=INLINE_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
        description="One or more paragraphs of text.",
        preview_value="<p>Stress and pain share pathways in the brain.</p>",
    )
    list = ListItemsBlock()
    quote = QuoteBlock()
    note = NoteBlock()
    cta = CallToActionBlock()
    image = ImageBlock()
    references = ReferencesBlock()


def heading_anchor(value, taken):
    """A unique anchor id for a heading block value, remembered in `taken`."""
    base = slugify(value.get("anchor") or value["text"]) or "section"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor
