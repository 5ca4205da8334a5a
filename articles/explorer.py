"""The admin's page explorer for a section's articles: always paginated, never sorted by hand."""

from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet

from articles.models import ArticlePage


class ArticleExplorerView(ExplorableIndexView):
    """Without a menu order to sort by, `?ordering=ord` falls back to the default order, a page
    of rows at a time, instead of every article of the section on one page."""

    sort_order_field = None


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    index_view_class = ArticleExplorerView
