"""Newsletter sign-up with double opt-in: sign up, confirm from the e-mail, unsubscribe by link.

Every answer to a sign-up is the same, whether or not the address is already known, so the form
cannot be used to find out who subscribes. Confirm and unsubscribe links open a page with one
button, because mail scanners follow links in e-mails; only the button's POST changes anything.
Unsubscribe links also take RFC 8058 one-click POSTs from mail programs, which carry no CSRF
token: the signed link is what proves the right to unsubscribe.
"""

import logging
from http import HTTPStatus

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wagtail.models import Site

from articles.mail_limits import NEWSLETTER_CONFIRMATION
from articles.reader_forms import HoneypotFormMixin
from articles.subscribers import (
    Subscriber,
    address_to_confirm,
    address_to_unsubscribe,
    confirm_token,
    unsubscribe_token,
)

logger = logging.getLogger(__name__)
FORM_METHODS = ["GET", "HEAD", "POST"]
NOINDEX = {"robots": "noindex"}


class SignUpForm(HoneypotFormMixin, forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        help_text="We will send you an e-mail with a link to confirm it is yours.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@never_cache
@require_http_methods(FORM_METHODS)
def sign_up(request):
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        subscribe(request, form.cleaned_data["email"])
        return redirect("newsletter_check_email")
    return render(request, "newsletter/sign_up.html", {"form": form, **NOINDEX})


@never_cache
@require_http_methods(["GET", "HEAD"])
def check_email(request):
    days = settings.NEWSLETTER_CONFIRM_DAYS
    return render(request, "newsletter/check_email.html", {"days": days, **NOINDEX})


@never_cache
@require_http_methods(FORM_METHODS)
def confirm(request, token):
    try:
        email = address_to_confirm(token)
    except signing.BadSignature as error:
        return invalid_link(request, error)
    subscriber = Subscriber.objects.with_address(email).first()
    if subscriber is None:
        return invalid_link(request)
    if request.method == "POST":
        subscriber.confirm()
    context = {"subscriber": subscriber, "unsubscribe_url": unsubscribe_path(email), **NOINDEX}
    return render(request, "newsletter/confirm.html", context)


@csrf_exempt
@never_cache
@require_http_methods(FORM_METHODS)
def unsubscribe(request, token):
    try:
        email = address_to_unsubscribe(token)
    except signing.BadSignature as error:
        return invalid_link(request, error)
    done = request.method == "POST"
    if done:
        Subscriber.objects.with_address(email).delete()
    return render(request, "newsletter/unsubscribe.html", {"email": email, "done": done, **NOINDEX})


def invalid_link(request, error=None):
    """Nothing changes: say whether the link expired, was damaged, or names no subscriber."""
    expired = isinstance(error, signing.SignatureExpired)
    status = HTTPStatus.NOT_FOUND if error is None else HTTPStatus.BAD_REQUEST
    context = {"expired": expired, "unknown": error is None, **NOINDEX}
    return render(request, "newsletter/invalid_link.html", context, status=status)


def subscribe(request, email):
    """Ask the address's owner to confirm, unless they already have or the limits on e-mails
    say to wait (articles/mail_limits.py)."""
    Subscriber.objects.forget_unconfirmed()
    subscriber, _ = Subscriber.objects.with_address(email).get_or_create(defaults={"email": email})
    if not subscriber.is_confirmed and NEWSLETTER_CONFIRMATION.allow(request, email):
        send_confirmation(request, subscriber.email)


def unsubscribe_path(email):
    return reverse("newsletter_unsubscribe", args=[unsubscribe_token(email)])


def send_confirmation(request, email):
    """The e-mail with the confirmation link; it names the way out too (RFC 8058 headers)."""
    unsubscribe_url = settings.BASE_URL + unsubscribe_path(email)
    confirm_path = reverse("newsletter_confirm", args=[confirm_token(email)])
    site = Site.find_for_request(request)
    context = {
        "site_name": site.site_name if site else settings.WAGTAIL_SITE_NAME,
        "confirm_url": settings.BASE_URL + confirm_path,
        "unsubscribe_url": unsubscribe_url,
        "days": settings.NEWSLETTER_CONFIRM_DAYS,
    }
    message = EmailMessage(
        subject=f"Confirm your subscription to {context['site_name']}",
        body=render_to_string("newsletter/confirm_email.txt", context),
        to=[email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except OSError:
        logger.exception("Could not send a newsletter confirmation e-mail")
