"""Which HTTP methods a page type answers: most pages are only read, a form page is posted to."""

from config.faults import SAFE_METHODS, method_not_allowed


class AllowedMethodsMixin:
    """Answers 405 to any method the page type does not list, as other read-only routes do."""

    allowed_methods = SAFE_METHODS

    def serve(self, request, *args, **kwargs):
        if request.method not in self.allowed_methods:
            return method_not_allowed(self.allowed_methods)
        return super().serve(request, *args, **kwargs)
