"""Spreadsheet exports of what readers typed, safe to open: a cell a spreadsheet would run as a
formula is written as text (OWASP's advice on CSV injection)."""

from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """The value, with a leading quote if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail's export views. Their XLSX export already stores formulas as text; CSV
    carries no types, so its cells are quoted here."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return as_text(value) if export_format == self.FORMAT_CSV else value


class SafeSubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    pass
