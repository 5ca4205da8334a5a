"""Newsletter sign-up with double opt-in: only confirmed addresses are subscribers, links are
signed and expire, and unsubscribing needs nothing but the link."""

import csv
import io
import re
from datetime import timedelta
from http import HTTPStatus

import pytest

from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.mail_limits import MailAllowance
from articles.models import Subscriber
from articles.reader_forms import HONEYPOT_FIELD
from articles.subscribers import confirm_token, unsubscribe_token
from tests.helpers import soup

pytestmark = pytest.mark.django_db
SIGN_UP = "/newsletter/"
ADDRESS = "Reader@Example.org"
LINK = re.compile(r"http://testserver(/newsletter/(confirm|unsubscribe)/[^/\s]+/)")


def sign_up(client, email=ADDRESS):
    return client.post(SIGN_UP, {"email": email})


def links_in(message):
    """The confirm and unsubscribe paths in an e-mail, by kind."""
    return {kind: path for path, kind in LINK.findall(message.body)}


@pytest.fixture
def confirmed(client):
    sign_up(client)
    client.post(links_in(mail.outbox[-1])["confirm"])
    return Subscriber.objects.get()


def test_signing_up_sends_a_confirmation_link_but_does_not_subscribe(client):
    response = sign_up(client)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("newsletter_check_email")
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert set(links_in(message)) == {"confirm", "unsubscribe"}
    assert not Subscriber.objects.confirmed().exists()


def test_following_the_link_asks_first_and_the_button_confirms(client):
    sign_up(client)
    confirm = links_in(mail.outbox[0])["confirm"]
    page = client.get(confirm)
    assert soup(page).find("main").find("button").get_text() == "Confirm my subscription"
    assert not Subscriber.objects.confirmed().exists()
    response = client.post(confirm)
    assert "You are subscribed" in response.content.decode()
    assert list(Subscriber.objects.confirmed().values_list("email", flat=True)) == [ADDRESS]


def test_an_expired_link_is_refused_and_changes_nothing(client, settings, monkeypatch):
    sign_up(client)
    confirm = links_in(mail.outbox[0])["confirm"]
    later = timezone.now() + timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS, seconds=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    response = client.post(confirm)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "This link has expired" in response.content.decode()
    assert not Subscriber.objects.confirmed().exists()


def test_a_tampered_link_is_refused_and_changes_nothing(client):
    sign_up(client)
    address, signature = confirm_token(ADDRESS).split(":", 1)
    other_signature = confirm_token("someone-else@example.org").split(":", 1)[1]
    forged = f"{address}:{other_signature}"
    assert forged != f"{address}:{signature}"
    for path in (reverse("newsletter_confirm", args=[forged]), SIGN_UP + "confirm/abc/"):
        response = client.post(path)
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "This link is not valid" in response.content.decode()
    assert not Subscriber.objects.confirmed().exists()


def test_a_confirmation_link_for_an_unknown_address_is_not_found(client):
    response = client.post(reverse("newsletter_confirm", args=[confirm_token("x@example.org")]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Subscriber.objects.exists()


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client, confirmed):
    known, unknown = sign_up(client, ADDRESS.upper()), sign_up(client, "new@example.org")
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox[1:]] == [["new@example.org"]]
    assert Subscriber.objects.with_address(ADDRESS).count() == 1


def test_a_failing_mail_server_gives_the_same_calm_answer(client, monkeypatch):
    def fail(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)
    assert sign_up(client)["Location"] == reverse("newsletter_check_email")


def test_signing_up_again_ten_minutes_later_sends_a_new_link(client):
    sign_up(client)
    MailAllowance.objects.update(window_ends=F("window_ends") - timedelta(minutes=10))
    sign_up(client, ADDRESS.lower())
    assert len(mail.outbox) == 2
    assert Subscriber.objects.count() == 1


def test_unconfirmed_addresses_are_forgotten_once_their_link_expires(client, settings):
    sign_up(client)
    old = timezone.now() - timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS, minutes=1)
    Subscriber.objects.update(created=old)
    sign_up(client, "new@example.org")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_unsubscribing_works_from_the_link_alone(confirmed):
    stranger = Client(enforce_csrf_checks=True)
    unsubscribe = links_in(mail.outbox[0])["unsubscribe"]
    page = stranger.get(unsubscribe)
    assert soup(page).find("main").find("button").get_text() == "Unsubscribe"
    assert Subscriber.objects.exists()
    response = stranger.post(unsubscribe)
    assert "You are unsubscribed" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_mail_programs_can_unsubscribe_in_one_click(confirmed):
    [message] = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == HTTPStatus.OK
    assert not Subscriber.objects.exists()


def test_a_tampered_unsubscribe_link_changes_nothing(client, confirmed):
    address = unsubscribe_token(ADDRESS).split(":", 1)[0]
    forged = f"{address}:{unsubscribe_token('someone-else@example.org').split(':', 1)[1]}"
    response = client.post(reverse("newsletter_unsubscribe", args=[forged]))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Subscriber.objects.exists()


def test_a_filled_in_honeypot_is_refused_and_nothing_sent(client):
    response = client.post(SIGN_UP, {"email": ADDRESS, HONEYPOT_FIELD: "spam"})
    assert "a field meant to stay empty was filled in" in response.content.decode()
    assert mail.outbox == []
    assert not Subscriber.objects.exists()


def test_a_bad_address_is_explained_and_kept(client):
    html = soup(client.post(SIGN_UP, {"email": "not an address"}))
    assert html.select_one(".error-summary a[href='#id_email']")
    assert html.find(id="id_email")["value"] == "not an address"
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("url", [SIGN_UP, "/newsletter/check-your-email/"])
def test_newsletter_pages_ask_search_engines_not_to_list_them(client, url):
    robots = soup(client.get(url)).find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex"


def test_the_sign_up_form_links_to_the_privacy_notice(client):
    form = soup(client.get(SIGN_UP)).select_one("main form")
    assert form.find("a", href=reverse("privacy"))


def test_every_page_links_to_the_sign_up_page_from_its_footer(client, home):
    footer = soup(client.get(home.url)).find("footer")
    assert footer.find("a", string="Newsletter")["href"] == SIGN_UP


def test_the_export_lists_confirmed_subscribers_only(client, editor_client, confirmed):
    sign_up(client, "unconfirmed@example.org")
    listing = editor_client.get(reverse("subscribers:index"))
    assert "unconfirmed@example.org" in listing.content.decode()
    export = editor_client.get(reverse("subscribers:index") + "?export=csv")
    rows = list(csv.reader(io.StringIO(export.getvalue().decode())))
    assert rows[0] == ["E-mail address", "Confirmed"]
    assert [row[0] for row in rows[1:]] == [ADDRESS]


def test_the_export_keeps_a_spreadsheet_from_running_an_address(client, editor_client):
    address = "=2+5+cmd@example.org"
    sign_up(client, address)
    client.post(links_in(mail.outbox[-1])["confirm"])
    export = editor_client.get(reverse("subscribers:index") + "?export=csv")
    rows = list(csv.reader(io.StringIO(export.getvalue().decode())))
    assert rows[1][0] == "'" + address


def test_subscribers_can_be_filtered_by_confirmation(editor_client, client, confirmed):
    sign_up(client, "unconfirmed@example.org")
    response = editor_client.get(reverse("subscribers:index") + "?confirmed=false")
    assert "unconfirmed@example.org" in response.content.decode()
    assert ADDRESS not in response.content.decode()


def test_a_subscriber_can_be_deleted_but_not_added_or_changed_in_the_admin(
    editor_client, confirmed
):
    assert editor_client.get(reverse("subscribers:add")).status_code == HTTPStatus.FOUND
    edit = editor_client.get(reverse("subscribers:edit", args=[confirmed.pk]))
    assert edit.status_code == HTTPStatus.FOUND
    response = editor_client.post(reverse("subscribers:delete", args=[confirmed.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert not Subscriber.objects.exists()


def test_reviewers_see_subscribers_and_editors_do_not(client, confirmed, editor, reviewer):
    client.force_login(reviewer)
    assert ADDRESS in client.get(reverse("subscribers:index")).content.decode()
    client.force_login(editor)
    response = client.get(reverse("subscribers:index"))
    assert ADDRESS not in response.content.decode()
