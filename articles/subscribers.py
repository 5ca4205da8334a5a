"""Newsletter subscribers, and the signed links that confirm and end a subscription.

An address is only a subscriber once its owner has followed the confirmation link (double
opt-in). Links carry the address signed with the site's secret key: a confirmation link
expires after NEWSLETTER_CONFIRM_DAYS, an unsubscribe link works for as long as the address is
subscribed.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

CONFIRM_SALT = "articles.newsletter.confirm"
UNSUBSCRIBE_SALT = "articles.newsletter.unsubscribe"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def with_address(self, email):
        return self.filter(email__iexact=email)

    def forget_unconfirmed(self):
        """Delete addresses whose confirmation link has expired: they can never be confirmed."""
        cutoff = timezone.now() - confirm_link_lifetime()
        return self.filter(confirmed_at__isnull=True, created__lt=cutoff).delete()


class Subscriber(models.Model):
    email = models.EmailField("e-mail address")
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(Lower("email"), name="unique_subscriber_email")]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def confirm(self):
        if not self.is_confirmed:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])


def confirm_link_lifetime():
    return timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)


def confirm_token(email):
    return signing.dumps(email.lower(), salt=CONFIRM_SALT)


def unsubscribe_token(email):
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT)


def address_to_confirm(token):
    """The address a confirmation link was made for; BadSignature if tampered or expired."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_link_lifetime())


def address_to_unsubscribe(token):
    """The address an unsubscribe link was made for; BadSignature if tampered with."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)
