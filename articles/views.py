"""What social sites fetch besides pages: the social card images."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Page

from articles import cards
from articles.search_engines import SearchEngineMixin
from articles.seo import page_metadata

CARD_CACHE_SECONDS = 60 * 60 * 24 * 30


@require_safe
def social_card(request, page_id, digest):
    """A page's card image; an out-of-date digest moves on to the current card."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not isinstance(page, SearchEngineMixin):
        raise Http404("No such card.")
    card = page_metadata(page, request).card
    if card.digest != digest:
        return redirect("social_card", page_id=page_id, digest=card.digest, permanent=True)
    png = cache.get_or_set(f"social-card:{digest}", lambda: cards.render(card), CARD_CACHE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    return response
