"""What editors may do to sections and articles in the admin, where it differs from Wagtail's
defaults."""

from wagtail.models import PagePermissionTester


class SectionPermissionTester(PagePermissionTester):
    """A section lists its articles by date, so their menu order means nothing: nobody sorts it
    (and sorting would load every article of the section on one page)."""

    def can_reorder_children(self):
        return False


class ArticlePermissionTester(PagePermissionTester):
    """An article has no children: nothing to sort, and deleting it removes it alone. Wagtail asks
    the database whether anything to be deleted is live, once per explorer row for each user who
    may edit but not publish; for an article that is its own `live` flag."""

    def can_reorder_children(self):
        return False

    def can_delete(self, ignore_bulk=False):
        if self.page.is_leaf() and self.edits_without_publishing():
            return not self.page.live
        return super().can_delete(ignore_bulk)

    def edits_without_publishing(self):
        return (
            self.user.is_active
            and not self.user.is_superuser
            and "change" in self.permissions
            and "publish" not in self.permissions
        )
