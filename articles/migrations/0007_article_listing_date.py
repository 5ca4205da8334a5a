"""An index in listing order (newest date first, undated last), so listings, an article's
neighbours and its related fallback read a few rows instead of sorting every article.

SQLite cannot say NULLS LAST in an index, but sorts NULL lowest, so its descending index already
puts undated articles last; PostgreSQL sorts NULL highest and needs the clause.
"""

from django.db import migrations

INDEX = "article_listing_date"
CLAUSE = {"postgresql": "DESC NULLS LAST"}


def create(apps, schema_editor):
    clause = CLAUSE.get(schema_editor.connection.vendor, "DESC")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON articles_articlepage (date {clause})")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_loadedcontent_provenance")]

    operations = [migrations.RunPython(create, drop)]
