"""The pages editors write under Settings: the editorial policy and the privacy notice."""

from django.http import Http404
from django.shortcuts import render

from wagtail.models import Site

from articles.models import SiteSettings


def editorial_policy(request):
    return settings_text_page(
        request,
        title="Editorial policy",
        description="How the articles in this library are written, sourced and reviewed.",
        field="editorial_policy",
    )


def privacy_notice(request):
    return settings_text_page(
        request,
        title="Privacy notice",
        description="What this site collects when you write to us or sign up, and why.",
        field="privacy_notice",
    )


def settings_text_page(request, title, description, field):
    """A page showing one rich-text field of the request's site settings."""
    if Site.find_for_request(request) is None:
        raise Http404("No site is set up at this address.")
    text = getattr(SiteSettings.for_request(request), field)
    context = {"title": title, "description": description, "text": text}
    return render(request, "articles/settings_text.html", context)
