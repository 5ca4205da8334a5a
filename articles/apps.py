"""The articles app: the page tree, and the page cache that listens to its changes."""

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles.caching import connect_signal_handlers

        connect_signal_handlers()
