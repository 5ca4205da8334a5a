"""What every form readers fill in shares: a honeypot field that turns away bots, and who sent
it, for the limits on how often one reader may."""

import ipaddress

from django import forms
from django.core.exceptions import ValidationError

# A name no editor's field label can produce (theirs are snake_case), and one bots like to fill.
HONEYPOT_FIELD = "your-website"
HONEYPOT_MESSAGE = (
    "This form could not be sent: a field meant to stay empty was filled in. "
    "If you are a person, please try again."
)


class HoneypotFormMixin:
    """A text field hidden from people (the template puts it in a `hidden` box); a form
    that arrives with it filled in was sent by a bot, and is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label="Leave this empty",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(HONEYPOT_FIELD, ""):
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return cleaned_data

    def reader_fields(self):
        """The fields people see and fill in, in order."""
        return [field for field in self if field.name != HONEYPOT_FIELD]

    def honeypot(self):
        return self[HONEYPOT_FIELD]


def sender(request):
    """The reader's address (config/proxies.py); for IPv6, its /64 network, which one home or
    phone has whole, so that one reader cannot pass for millions."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network((parsed, 64), strict=False))
    return address
