"""The admin's password reset form, limited so that it cannot flood an inbox
(articles/mail_limits.py). Wagtail answers with the same page whether or not an e-mail went out."""

from wagtail.admin.forms.auth import PasswordResetForm

from articles.mail_limits import PASSWORD_RESET


class LimitedPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        if PASSWORD_RESET.allow(request, self.cleaned_data["email"]):
            super().save(*args, request=request, **kwargs)
