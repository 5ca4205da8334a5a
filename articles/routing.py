"""Routing from the home page down to an article, and what it learns on the way.

Wagtail's generic routing takes two queries per level (the child page, then its specific type),
and checking a page's view restrictions two more (its ancestors, then their restrictions). Here a
parent finds a child of its usual type in one query (the home page among the sections the header
lists anyway) and hands it the request's list of every view restriction, read once because the
listings on the page need it too. The child then knows its own restrictions without a query:
those on its tree path. That equals Wagtail's answer unless the page or an ancestor is an alias
(which takes its original's restrictions), so aliases keep Wagtail's way."""

from articles.visibility import view_restrictions


class RoutesToChildrenDirectly:
    """For page types whose children are mostly of one type, named by `child_model()`; other
    children are still routed the generic way."""

    def route(self, request, path_components):
        if path_components:
            child = self.child_named(path_components[0], request)
            if child is not None:
                child._cached_parent_obj = self
                if child.alias_of_id is None and _no_alias_above_or_at(self):
                    child.restrictions_on_site = view_restrictions(request)
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def child_named(self, slug, request):
        return self.child_model().objects.child_of(self).filter(slug=slug).first()


def _no_alias_above_or_at(page):
    """Whether neither `page` nor an ancestor is an alias: the home page's parent is the tree's
    root, never an alias; a page below was handed the restrictions only when this held for it."""
    if page.alias_of_id is not None:
        return False
    return page.depth <= 2 or getattr(page, "restrictions_on_site", None) is not None


class RestrictionsFromRouting:
    """A page handed the site's view restrictions by its parent picks its own from them."""

    restrictions_on_site = None

    def get_view_restrictions(self):
        if self.restrictions_on_site is None:
            return super().get_view_restrictions()
        return [
            restriction
            for restriction in self.restrictions_on_site
            if self.path.startswith(restriction.page.path)
        ]
