from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.content import FixtureError, load, read_fixtures


class Command(BaseCommand):
    help = "Build and publish the page tree from the fixtures, and point the site at BASE_URL."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=settings.BASE_DIR / "fixtures")
        parser.add_argument("--force", action="store_true", help="Overwrite editors' changes.")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, **options):
        try:
            fixtures = read_fixtures(options["fixtures"])
        except FixtureError as error:
            raise CommandError(f"Nothing loaded. {error}") from error
        report = load(
            fixtures, base_url=settings.BASE_URL, force=options["force"], dry_run=options["dry_run"]
        )
        prefix = "Dry run, would " if options["dry_run"] else ""
        for action, path, title in report.actions:
            if action != "unchanged" or options["verbosity"] > 1:
                self.stdout.write(f"{prefix}{action}: {title} ({path})")
        kept = report.count("keep edited")
        if kept:
            self.stdout.write(
                self.style.WARNING(f"{kept} page(s) changed by editors were kept; use --force.")
            )
        summary = ", ".join(
            f"{report.count(a)} {a}" for a in ("create", "update", "unchanged", "keep edited")
        )
        self.stdout.write(self.style.SUCCESS(f"Content: {summary}."))
