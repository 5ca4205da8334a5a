"""Adding a page in the admin, safe against the same form arriving twice at once.

Wagtail checks that the slug is free when it validates the form, then checks again as it saves
the page. A second copy of the request (a double click, a browser re-sending a slow POST) that
passes the first check while the first copy is being saved fails the second, which Wagtail does
not expect: the editor got a server error. Here that failure is shown on the form instead, and
nothing of the second page is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.admin.views.pages import create


class CreateView(create.CreateView):
    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
