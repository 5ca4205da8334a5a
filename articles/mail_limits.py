"""Limits on the e-mails the site sends at a reader's request, so the forms cannot be used to
flood anyone's inbox: per recipient address and per sender (articles/reader_forms.py). Counted
in the database, so every app server agrees, and atomically, so ten requests at once let through
no more than one. Only keyed hashes are stored, never addresses."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.reader_forms import sender

KEY_SALT = "articles.mail_limits"
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
# Ended windows are deleted once this old; a younger one may be about to be taken.
KEEP_ENDED = DAY


class MailAllowance(models.Model):
    """How many e-mails one limit has let through for one address or client in its window."""

    key = models.CharField(max_length=64, unique=True)
    window_ends = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.count} until {self.window_ends:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class Limit:
    """At most `count` e-mails in `window` from the time the first is sent."""

    name: str
    count: int
    window: timedelta

    def take(self, subject):
        """Count one more e-mail for `subject` if it is within the limit; whether it was."""
        now = timezone.now()
        key = salted_hmac(KEY_SALT, f"{self.name}\n{subject}", algorithm="sha256").hexdigest()
        allowances = MailAllowance.objects.filter(key=key)
        MailAllowance.objects.bulk_create(
            [MailAllowance(key=key, window_ends=now)], ignore_conflicts=True
        )
        ended = Q(window_ends__lte=now)
        taken = allowances.filter(ended | Q(count__lt=self.count)).update(
            count=Case(When(ended, then=Value(1)), default=F("count") + 1),
            window_ends=Case(When(ended, then=Value(now + self.window)), default=F("window_ends")),
        )
        return taken == 1


@dataclass(frozen=True)
class Limits:
    """The limits on one kind of e-mail, per client and per recipient address."""

    per_client: list = field(default_factory=list)
    per_address: list = field(default_factory=list)

    def allow(self, request, address=""):
        """Whether one more e-mail may be sent for `request` (to `address`). If so, every limit
        counts it; if any refuses, none does."""
        MailAllowance.objects.filter(window_ends__lt=timezone.now() - KEEP_ENDED).delete()
        taken = [(limit, sender(request)) for limit in self.per_client]
        taken += [(limit, address.lower()) for limit in self.per_address]
        with transaction.atomic():
            allowed = all(limit.take(subject) for limit, subject in taken)
            transaction.set_rollback(not allowed)
        return allowed


NEWSLETTER_CONFIRMATION = Limits(
    per_client=[Limit("sign-ups from a client", 10, HOUR)],
    per_address=[
        Limit("confirmations to an address", 1, 10 * MINUTE),
        Limit("confirmations to an address a day", 3, DAY),
    ],
)
CONTACT_MESSAGE = Limits(
    per_client=[
        Limit("contact messages from a client", 5, HOUR),
        Limit("contact messages from a client a day", 20, DAY),
    ]
)
PASSWORD_RESET = Limits(
    per_client=[Limit("password resets from a client", 5, HOUR)],
    per_address=[
        Limit("password resets to an address", 1, 10 * MINUTE),
        Limit("password resets to an address a day", 3, DAY),
    ],
)
