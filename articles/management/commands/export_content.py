from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.export import export


class Command(BaseCommand):
    help = "Write the live site to a directory in the fixture format, for backup or moving."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Where to write site.json and articles/.")

    def handle(self, *args, **options):
        directory = options["directory"]
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        count = export(directory)
        self.stdout.write(
            self.style.SUCCESS(f"Exported the site and {count} article(s) to {directory}.")
        )
