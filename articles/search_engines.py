"""The promote-tab switch shared by every page type: may search engines list this page?"""

from django.db import models

from wagtail.models import Page


class SearchEngineMixin(models.Model):
    """A switch, on the promote tab, that keeps a page out of search engines and the sitemap."""

    hide_from_search_engines = models.BooleanField(
        default=False,
        help_text="Ask search engines not to list this page, and leave it out of the sitemap.",
    )

    promote_panels = [*Page.promote_panels, "hide_from_search_engines"]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from articles.seo import page_metadata

        context = super().get_context(request, *args, **kwargs)
        context["seo"] = page_metadata(self, request)
        return context
