"""Wagtail's publish_scheduled, telling cron what it did: a line for each page or snippet it
published or unpublished, nothing when nothing was due, errors on stderr."""

from django.utils import timezone

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import ModelLogEntry, PageLogEntry

DONE = {
    "wagtail.publish.scheduled": "Published",
    "wagtail.unpublish.scheduled": "Unpublished (expired)",
}


def scheduled_changes_since(moment):
    """The audit log's entries for scheduled publishing since `moment`, oldest first."""
    entries = [
        entry
        for model in (PageLogEntry, ModelLogEntry)
        for entry in model.objects.filter(action__in=DONE, timestamp__gte=moment)
    ]
    return sorted(entries, key=lambda entry: entry.timestamp)


class Command(WagtailCommand):
    help = "Publish pages whose go-live time has come and unpublish expired ones; say which."

    def handle(self, *args, **options):
        started = timezone.now()
        super().handle(*args, **options)
        for entry in scheduled_changes_since(started):
            kind = "page" if isinstance(entry, PageLogEntry) else entry.content_type.name
            self.stdout.write(f"{DONE[entry.action]} {kind} “{entry.label}” (id {entry.object_id})")
