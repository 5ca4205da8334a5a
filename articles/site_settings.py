"""What editors set once for the whole site, and the “Need help now?” boxes sections show."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail import blocks
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

DISCLAIMER = (
    "<p><b>Information, not medical advice.</b> The articles in this library are for general "
    "information. They are not a diagnosis or a substitute for care from a qualified health "
    "professional. If you are worried about your health, speak to your doctor; in an emergency, "
    "call your local emergency number.</p>"
)
EDITORIAL_POLICY = (
    "<p>Every article in this library is written from published sources, which it lists. "
    "Before a health article is published, a member of our review team checks it; where a "
    "clinician has reviewed it, the article names them and the date of the review, and when "
    "it is next due.</p>"
    "<p>We review articles at least every twelve months, and sooner when the evidence changes. "
    "If you find a mistake, tell us and we will correct it and note the change.</p>"
)
PRIVACY_NOTICE = (
    "<p>You can read every page of this library without telling us anything about yourself. "
    "We set no tracking cookies, and your browser fetches nothing from any other site while "
    "you read.</p>"
    "<h2>What we keep, and why</h2>"
    "<p><b>Comments:</b> the name and comment you write are shown with the article once a "
    "reviewer approves them. The e-mail address you may add is never shown; we use it only to "
    "contact you about your comment.</p>"
    "<p><b>Messages:</b> what you send through our contact form is kept so that we can answer "
    "you, and may be e-mailed to our editors.</p>"
    "<p><b>Newsletter:</b> we keep your e-mail address to send you the newsletter, and the time "
    "you confirmed it. An address that is not confirmed within three days is deleted. Every "
    "newsletter has a link to unsubscribe; using it deletes your address.</p>"
    "<h2>Where it is kept</h2>"
    "<p>In this site's own database, seen only by our editorial team. We do not sell or share "
    "it, and it is not sent to other services.</p>"
    "<h2>Your data, your choice</h2>"
    "<p>To see, correct or delete what we hold about you, write to us through the contact page "
    "and we will do so.</p>"
)
TEXT_FEATURES = ["bold", "italic", "link"]


class SocialProfileBlock(blocks.StructBlock):
    network = blocks.CharBlock(max_length=40, help_text="e.g. “Mastodon”.")
    url = blocks.URLBlock(label="Profile address")

    class Meta:
        icon = "site"


class PhoneNumberBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=120, help_text="Who answers, e.g. “NHS 111”.")
    number = blocks.CharBlock(max_length=40, help_text="As it should be dialled, e.g. “111”.")

    class Meta:
        icon = "mobile-alt"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(
        max_length=255, blank=True, help_text="Leave empty to use the name under Settings → Sites."
    )
    tagline = models.CharField(max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    x_handle = models.CharField(
        "X handle", max_length=40, blank=True, help_text="With the @, e.g. “@mindbodylib”."
    )
    social_profiles = StreamField([("profile", SocialProfileBlock())], blank=True)
    disclaimer = RichTextField(default=DISCLAIMER, features=TEXT_FEATURES)
    editorial_policy = RichTextField(default=EDITORIAL_POLICY, features=[*TEXT_FEATURES, "h2"])
    privacy_notice = RichTextField(
        default=PRIVACY_NOTICE,
        features=[*TEXT_FEATURES, "h2"],
        help_text="Shown at /privacy/ and linked from every form. Say what readers' data is for.",
    )
    contact_page = models.ForeignKey(
        "articles.ContactPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from every page's footer as “Contact us”.",
    )
    default_social_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_required = models.BooleanField(
        "require a medical reviewer",
        default=False,
        help_text="When on, an article cannot be published until a reviewer is recorded.",
    )

    panels = [
        "site_name",
        "tagline",
        "logo",
        "x_handle",
        "social_profiles",
        "disclaimer",
        "editorial_policy",
        "privacy_notice",
        "contact_page",
        "default_social_image",
        "review_required",
    ]
    select_related = ["contact_page"]  # every page's footer links to it

    class Meta:
        verbose_name = "site settings"

    @classmethod
    def review_required_for(cls, page):
        """Whether `page`'s site allows publishing only once a medical reviewer is recorded."""
        site = page.get_site()
        return site is not None and cls.for_site(site).review_required


class Signpost(models.Model):
    """Where to get urgent help, shown at the top of every article in the sections that use it."""

    title = models.CharField(max_length=255, default="Need help now?")
    text = RichTextField(features=TEXT_FEATURES)
    phone_numbers = StreamField([("phone", PhoneNumberBlock())], blank=True)

    panels = ["title", "text", "phone_numbers"]

    class Meta:
        verbose_name = "“Need help now?” box"
        verbose_name_plural = "“Need help now?” boxes"

    def __str__(self):
        return f"{self.title} ({self.text_summary()})"

    def text_summary(self):
        """The box's text without markup, cut short, to tell boxes apart in choosers."""
        return Truncator(strip_tags(self.text)).words(8)
