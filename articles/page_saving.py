"""Adding and editing pages in the admin, safe against two saves overlapping.

Wagtail checks that a page's slug is free when it validates the form, then checks again as it
saves. A second request that passes the first check while another is saving the same slug (a
double click, a browser re-sending a slow POST, two editors at once) fails the second check,
which Wagtail's views do not expect: the editor got a server error. Here that failure is shown
on the form instead, and nothing of the failed save is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail.admin.views.pages import create, edit


class ValidationOnSaveShownOnForm:
    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class CreateView(ValidationOnSaveShownOnForm, create.CreateView):
    pass


class EditView(ValidationOnSaveShownOnForm, edit.EditView):
    pass
