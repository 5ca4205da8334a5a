"""Spam defences that need no outside service: a signed start time (too fast is a bot, too old
is a replay), a per-address rate limit counted in the database so every app server agrees, and
duplicate detection. The honeypot is a form field (see forms.py)."""

import time
from datetime import timedelta

from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.comments.models import Comment
from articles.reader_forms import sender

STARTED_SALT = "articles.comments.started"
ADDRESS_SALT = "articles.comments.address"
MINIMUM_SECONDS = 3
MAXIMUM_SECONDS = 24 * 3600
RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)


def started_token(article_id, at=None):
    """A tamper-proof note of when the form for `article_id` was served."""
    return signing.dumps(
        {"article": article_id, "at": time.time() if at is None else at}, salt=STARTED_SALT
    )


def seconds_since_start(token, article_id):
    """How long ago the form for `article_id` was served; None if the token was not made by
    this site for this article."""
    try:
        payload = signing.loads(token, salt=STARTED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("article") != article_id:
        return None
    return time.time() - payload["at"]


def address_hash(request):
    """A keyed hash of the sender's address: enough to count their comments, useless for
    finding out who they are without the site's secret key."""
    return salted_hmac(ADDRESS_SALT, sender(request), algorithm="sha256").hexdigest()


def sent_too_many(address_hash):
    since = timezone.now() - RATE_WINDOW
    recent = Comment.objects.filter(address_hash=address_hash, created__gte=since)
    return recent.count() >= RATE_LIMIT


def is_duplicate(article_id, text):
    return Comment.objects.filter(article_id=article_id, text=text).exists()
