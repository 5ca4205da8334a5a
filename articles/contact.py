"""The contact page: a form editors build in the admin; what readers send is kept under Forms."""

import logging

from django.db import models
from django.template.response import TemplateResponse

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField

from articles.mail_limits import CONTACT_MESSAGE
from articles.methods import AllowedMethodsMixin
from articles.reader_forms import HoneypotFormMixin
from articles.search_engines import SearchEngineMixin
from articles.spreadsheets import SafeSubmissionsListView
from config.faults import SAFE_METHODS

logger = logging.getLogger(__name__)
TEXT_FEATURES = ["bold", "italic", "link"]
MULTILINE_MAX_LENGTH = 5000
TOO_MANY_MESSAGES = "You have sent several messages recently. Please try again later."


class ContactForm(HoneypotFormMixin, BaseForm):
    pass


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder, with the honeypot and a length limit on long answers."""

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("ContactForm", (ContactForm,), self.formfields)


class ContactSubmissionsView(SafeSubmissionsListView):
    """The messages readers sent, found by any answer: a name, an e-mail address, the text;
    exported safe to open in a spreadsheet."""

    is_searchable = True
    search_backend_name = None
    search_fields = ["form_data"]


class ContactFormField(AbstractFormField):
    page = ParentalKey("articles.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AllowedMethodsMixin, SearchEngineMixin, AbstractEmailForm):
    introduction = RichTextField(blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(
        blank=True, features=TEXT_FEATURES, help_text="Shown once a message has been sent."
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        "introduction",
        InlinePanel("form_fields", heading="Form fields", label="Field"),
        "thank_you_text",
        MultiFieldPanel(
            [FieldRowPanel(["from_address", "to_address"]), "subject"],
            heading="E-mail each message (optional)",
        ),
    ]
    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    allowed_methods = (*SAFE_METHODS, "POST")
    form_builder = ContactFormBuilder
    submissions_list_view_class = ContactSubmissionsView

    class Meta:
        verbose_name = "contact page"

    def serve(self, request, *args, **kwargs):
        """Wagtail's form handling, with a limit on the messages one reader may send
        (articles/mail_limits.py); a reader over it is told so and keeps their text."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            if CONTACT_MESSAGE.allow(request):
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
            form.add_error(None, TOO_MANY_MESSAGES)
        context = {**self.get_context(request), "form": form}
        return TemplateResponse(request, self.get_template(request), context)

    def send_mail(self, form):
        """E-mail the message on; if the mail server fails, the message is still kept."""
        try:
            super().send_mail(form)
        except OSError:
            logger.exception("Could not e-mail a message sent through %s", self.url_path)
