"""Create N generated articles for work at scale, or remove them all."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.synthetic import generate_articles, remove_generated_articles


class Command(BaseCommand):
    help = "Create N generated articles (marked, spread over the sections), or remove them all."

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=0)
        parser.add_argument("--remove", action="store_true", help="Delete every generated article.")
        parser.add_argument("--seed", type=int, default=0, help="Seed for repeatable content.")

    def handle(self, count, remove, seed, **options):
        started = time.monotonic()
        if remove:
            removed = remove_generated_articles()
            self.stdout.write(self.style.SUCCESS(f"Removed {removed} generated articles."))
            return
        if count <= 0:
            raise CommandError("Give the number of articles to create, or --remove.")
        generate_articles(count, settings.BASE_DIR / "fixtures", seed=seed)
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Created {count} articles in {seconds:.1f} s."))
