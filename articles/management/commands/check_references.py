"""Check every URL and DOI cited in the live articles over HTTP; fail if any is broken."""

from django.core.management.base import BaseCommand, CommandError

from articles.models import ArticlePage
from articles.references import DOI_RESOLVER, broken_links


class Command(BaseCommand):
    help = "Check that every URL and DOI cited in live articles answers; exit 1 if any does not."

    def add_arguments(self, parser):
        parser.add_argument(
            "--doi-resolver",
            default=DOI_RESOLVER,
            help=f"DOI resolver base (default {DOI_RESOLVER})",
        )
        parser.add_argument("--timeout", type=float, default=10, help="Seconds per request.")

    def handle(self, *args, doi_resolver, timeout, **options):
        articles = ArticlePage.objects.live().order_by("title")
        broken = broken_links(articles, doi_resolver, timeout)
        for link, problem in broken:
            self.stdout.write(f"{link.article} [{link.number}] {link.url}: {problem}")
        if broken:
            raise CommandError(f"{len(broken)} cited address(es) could not be reached.")
        self.stdout.write(self.style.SUCCESS("Every cited address answered."))
