"""Reader-facing views outside the page tree, under /topics/."""

from django.urls import path

from articles.topics import topic

app_name = "articles"
urlpatterns = [
    path("topics/<slug:slug>/", topic, name="topic"),
]
