"""On PostgreSQL, an index on the document Wagtail's database search backend matches queries
against (an entry's title and body vectors together), so finding the matches reads the index
instead of every entry. Other databases search their own way and need nothing."""

from django.db import migrations

INDEX = "search_entry_document"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_listing_date"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
