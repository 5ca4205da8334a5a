"""URL routes: admin, health and crawler files, feeds, search, topics, the newsletter and the
site's own notices, then the page tree."""

from django.urls import include, path
from django.views.decorators.cache import never_cache

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from articles import feeds, newsletter, page_saving, policy, views
from articles.search import search
from config.health import healthz, readyz
from config.security import security_txt

urlpatterns = [
    # Wagtail's own add and edit views, safe against overlapping saves (articles/page_saving.py).
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        never_cache(require_admin_access(page_saving.CreateView.as_view())),
    ),
    path(
        "admin/pages/<int:page_id>/edit/",
        never_cache(require_admin_access(page_saving.EditView.as_view())),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("cards/<int:page_id>/<str:digest>.png", views.social_card, name="social_card"),
    path("feeds/rss.xml", feeds.ArticleFeed(), name="feed_rss"),
    path("feeds/atom.xml", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("feeds/sections/<slug:slug>/rss.xml", feeds.SectionFeed(), name="section_feed_rss"),
    path("feeds/sections/<slug:slug>/atom.xml", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("feeds/topics/<slug:slug>/rss.xml", feeds.TopicFeed(), name="topic_feed_rss"),
    path("feeds/topics/<slug:slug>/atom.xml", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("search/", search, name="search"),
    path("comments/", include("articles.comments.urls")),
    path("", include("articles.urls")),
    path("editorial-policy/", policy.editorial_policy, name="editorial_policy"),
    path("privacy/", policy.privacy_notice, name="privacy"),
    path("newsletter/", newsletter.sign_up, name="newsletter_sign_up"),
    path("newsletter/check-your-email/", newsletter.check_email, name="newsletter_check_email"),
    path("newsletter/confirm/<str:token>/", newsletter.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/", newsletter.unsubscribe, name="newsletter_unsubscribe"
    ),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
]

urlpatterns += [path("", include(wagtail_urls))]
