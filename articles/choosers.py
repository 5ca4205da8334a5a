"""Choosing an article's related articles from its own section, not from the root of the site."""

from django import forms

from wagtail.admin.panels import InlinePanel
from wagtail.admin.widgets import AdminPageChooser


class SectionPageChooser(AdminPageChooser):
    """Opens at `start` while nothing is chosen; once a page is, beside that page, as Wagtail's."""

    js_constructor = "SectionPageChooser"

    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start = start

    def get_js_init_options(self, id_, name, value_data):
        return {**super().get_js_init_options(id_, name, value_data), "startId": self.start.pk}

    @property
    def media(self):
        return super().media + forms.Media(js=["js/section-page-chooser.js"])


class RelatedLinksPanel(InlinePanel):
    """The article's related links; their article choosers open in the article's section."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.chooser = SectionPageChooser(
                self.form.parent_page, target_models=["articles.ArticlePage"]
            )
            for child in [*self.children, self.empty_child]:
                child.form.fields["page"].widget = self.chooser

        @property
        def media(self):
            return super().media + self.chooser.media
