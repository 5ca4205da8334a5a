"""Changes the page cache could not be told of while Redis was unreachable, kept in the database
(which every change reaches) until a process hears Redis again and applies them
(articles/caching.py)."""

from django.db import models


class UnheardChange(models.Model):
    paths = models.JSONField(help_text="Paths whose cached pages show the change.")
    everything = models.BooleanField(default=False, help_text="Whether it shows on every page.")

    def __str__(self):
        return "every page" if self.everything else ", ".join(self.paths)
