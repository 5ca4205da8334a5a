"""The comment form's routes, under /comments/ (a prefix that accepts POSTs)."""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from articles.comments.views import ID_PATTERN, comment_sent, new_comment


class IdConverter(IntConverter):
    regex = ID_PATTERN


register_converter(IdConverter, "id")

app_name = "comments"
urlpatterns = [
    path("<id:article_id>/new/", new_comment, name="new"),
    path("<id:article_id>/sent/", comment_sent, name="sent"),
]
