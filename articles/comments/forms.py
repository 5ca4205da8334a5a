"""The reader's comment form, with its spam checks as form errors so the reader's text is kept."""

from django import forms

from articles.comments import spam
from articles.comments.models import Comment
from articles.reader_forms import HONEYPOT_MESSAGE, HoneypotFormMixin

REFUSALS = {
    "honeypot": HONEYPOT_MESSAGE,
    "too_fast": "That was very quick. Please check your comment and send it again.",
    "too_old": "This form was opened too long ago. Please send your comment again.",
    "not_ours": "This form could not be checked. Please send your comment again.",
    "too_many": "You have sent several comments in the last hour. Please try again later.",
    "duplicate": "This comment has already been sent for this article.",
}


class CommentForm(HoneypotFormMixin, forms.ModelForm):
    """Bound to an unsaved comment that already knows its article, parent and sender."""

    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["name", "email", "text"]
        labels = {
            "name": "Your name",
            "email": "Your e-mail address",
            "text": "Your comment",
        }
        help_texts = {
            "name": "Shown with your comment.",
            "email": "Only our moderators see it, to contact you about your comment if needed.",
            "text": "Plain text, up to 3,000 characters. Links are shown as text.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def reader_fields(self):
        """The fields people fill in; the start time is written fresh into each page shown."""
        return [field for field in super().reader_fields() if field.name != "started"]

    def clean(self):
        cleaned_data = super().clean()
        refusal = self.refusal(cleaned_data)
        if refusal:
            raise forms.ValidationError(REFUSALS[refusal], code=refusal)
        return cleaned_data

    def refusal(self, cleaned_data):
        """Why an otherwise valid comment is refused as likely spam, or None; cheap checks first."""
        if self.errors:
            return None
        seconds = spam.seconds_since_start(
            cleaned_data.get("started", ""), self.instance.article_id
        )
        if seconds is None:
            return "not_ours"
        if seconds < spam.MINIMUM_SECONDS:
            return "too_fast"
        if seconds > spam.MAXIMUM_SECONDS:
            return "too_old"
        if spam.sent_too_many(self.instance.address_hash):
            return "too_many"
        if spam.is_duplicate(self.instance.article_id, cleaned_data["text"]):
            return "duplicate"
        return None
