"""The site sends no one a flood of e-mail at a stranger's request: confirmations and password
resets are limited per address and per client, contact messages per client, and every reader
gets the same calm answer whether or not an e-mail went out."""

import threading
from datetime import timedelta
from http import HTTPStatus

import pytest

from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

from articles.mail_limits import MailAllowance
from articles.models import ContactPage
from tests.live_server import LiveSite
from tests.visitor import Visitor

pytestmark = pytest.mark.django_db
ADDRESS = "reader@example.org"
MESSAGE = {
    "your_name": "Ada Reader",
    "your_e_mail_address": "ada@example.org",
    "your_message": "The dosage in the second article looks wrong.",
}
PASSWORD_RESET = "/admin/password_reset/"


def client_at(address):
    return Client(REMOTE_ADDR=address)


def sign_up(email=ADDRESS, client_address="203.0.113.7"):
    return client_at(client_address).post("/newsletter/", {"email": email})


def time_passes(delta):
    """Every limit's window ends `delta` sooner, as if the clock had moved on."""
    MailAllowance.objects.update(window_ends=F("window_ends") - delta)


def test_ten_sign_ups_for_one_address_send_one_confirmation(client):
    answers = [sign_up(client_address=f"198.51.100.{n}") for n in range(10)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (HTTPStatus.FOUND, reverse("newsletter_check_email"))
    }
    assert len(mail.outbox) == 1


def test_a_confirmation_is_sent_again_after_ten_minutes_and_at_most_three_a_day():
    sent = []
    for wait in [0, 9, 1, 10, 10, 60 * 24]:
        time_passes(timedelta(minutes=wait))
        sign_up()
        sent.append(len(mail.outbox))
    assert sent == [1, 1, 2, 3, 3, 4]


def test_one_client_signing_up_many_addresses_is_held_back():
    for n in range(12):
        sign_up(f"reader{n}@example.org")
    assert len(mail.outbox) == 10


def test_one_ipv6_network_signing_up_many_addresses_is_held_back():
    for n in range(12):
        sign_up(f"reader{n}@example.org", client_address=f"2001:db8:1:2::{n + 1}")
    assert len(mail.outbox) == 10


def test_a_client_sending_too_many_contact_messages_is_told_and_keeps_the_text(client):
    page = ContactPage.objects.get(slug="contact")
    page.to_address = "editors@example.org"
    page.save_revision().publish()
    answers = [client.post("/contact/", MESSAGE) for _ in range(6)]
    assert "your message has reached our editors" in answers[4].content.decode()
    refused = answers[5].content.decode()
    assert "You have sent several messages" in refused
    assert MESSAGE["your_message"] in refused
    assert len(mail.outbox) == FormSubmission.objects.count() == 5
    client_at("198.51.100.4").post("/contact/", MESSAGE)
    assert FormSubmission.objects.count() == 6


def test_password_resets_are_limited_per_address_and_per_client(django_user_model):
    for n in range(7):
        django_user_model.objects.create_user(f"editor{n}", f"editor{n}@example.org", "pw")
    client = client_at("203.0.113.7")
    answers = [client.post(PASSWORD_RESET, {"email": "editor0@example.org"}) for _ in range(3)]
    assert len(mail.outbox) == 1
    for n in range(1, 7):
        answers.append(client.post(PASSWORD_RESET, {"email": f"editor{n}@example.org"}))
    assert len(mail.outbox) == 5
    assert {a["Location"] for a in answers} == {reverse("wagtailadmin_password_reset_done")}
    client_at("198.51.100.4").post(PASSWORD_RESET, {"email": "editor6@example.org"})
    assert len(mail.outbox) == 6


def test_ten_sign_ups_at_once_on_the_live_server_send_one_confirmation(tmp_path, capfd):
    site = LiveSite(tmp_path, name="mail_limits").start()
    try:
        visitors = [Visitor(site, f"198.51.100.{n}") for n in range(10)]
        forms = [visitor.open_form("/newsletter/") for visitor in visitors]
        start, answers = threading.Barrier(len(visitors)), []

        def send(visitor, form):
            start.wait()
            answers.append(visitor.request("/newsletter/", {**form, "email": ADDRESS})[0])

        threads = [
            threading.Thread(target=send, args=pair) for pair in zip(visitors, forms, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        site.stop()
    assert answers == [HTTPStatus.FOUND] * len(visitors)
    assert capfd.readouterr().out.count(f"To: {ADDRESS}") == 1
