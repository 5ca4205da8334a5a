"""The people named on articles: authors and the clinicians who review them."""

from django.db import models

from wagtail.search import index


class Person(index.Indexed, models.Model):
    name = models.CharField(max_length=255)
    credentials = models.CharField(
        max_length=255,
        blank=True,
        help_text="Qualifications as they should appear, e.g. “MBBS, MRCP”.",
    )
    role = models.CharField(
        max_length=255, blank=True, help_text="e.g. “Consultant rheumatologist”."
    )
    bio = models.TextField("short bio", blank=True, max_length=1000)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = ["name", "credentials", "role", "bio", "photo"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
