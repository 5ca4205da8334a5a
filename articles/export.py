"""Write the live site back out in the fixture format, for backups and moving content."""

import json
from pathlib import Path

from wagtail import blocks
from wagtail.models import Site

from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage, HomePage, SectionPage, SiteSettings
from related.fixtures import related_fixture_data


def export(root):
    """Write the live site back out in the fixture format; return how many articles."""
    root = Path(root)
    home = HomePage.objects.get()
    site = Site.objects.filter(root_page=home).first()
    sections = SectionPage.objects.child_of(home).live().order_by("path")
    _write_json(root / "site.json", _site_data(site, home, sections))
    articles = ArticlePage.objects.descendant_of(home).live().order_by("path")
    for article in articles.select_related("loaded_content"):
        _write_json(root / "articles" / f"{article.slug}.json", _article_data(article))
    return len(articles)


def _site_data(site, home, sections):
    data = {
        "site_name": site.site_name if site else "",
        "home": {"title": home.title, "introduction": home.introduction},
        "sections": [
            {"slug": section.slug, "title": section.title, "introduction": section.introduction}
            for section in sections
        ],
    }
    contact_page = SiteSettings.for_site(site).contact_page if site else None
    if contact_page and contact_page.live:
        data["contact"] = _contact_data(contact_page)
    return data


def _contact_data(page):
    """The contact page the footer links to, with its form's fields in order."""
    return {
        "slug": page.slug,
        "title": page.title,
        "introduction": page.introduction,
        "thank_you_text": page.thank_you_text,
        "subject": page.subject,
        "fields": [
            {
                "label": field.label,
                "field_type": field.field_type,
                "required": field.required,
                "help_text": field.help_text,
            }
            for field in page.form_fields.order_by("sort_order")
        ],
    }


def _article_data(article):
    record = getattr(article, "loaded_content", None)
    provenance = json.loads(record.provenance) if record else {}
    return {
        "source": provenance.get("source", ""),
        "section": article.get_parent().slug,
        "slug": article.slug,
        "title": article.title,
        "standfirst": article.standfirst,
        "date": article.date.isoformat() if article.date else None,
        "author": article.author,
        "publisher": article.publisher,
        "tags": list(article.tagged_items.order_by("pk").values_list("tag__name", flat=True)),
        "body": _plain_body(article.body.raw_data),
        **related_fixture_data(article),
        "notes": provenance.get("notes", {}),
    }


def _plain_body(raw_body):
    """Stored body data as the fixtures write it: fields in their block's order, no ids."""
    body_block = ArticleBodyBlock()
    return [
        {"type": raw["type"], "value": _plain(body_block.child_blocks[raw["type"]], raw["value"])}
        for raw in raw_body
    ]


def _plain(block, value):
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        names = [name for name in block.child_blocks if name in value]
        return {name: _plain(block.child_blocks[name], value[name]) for name in names}
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [_plain(block.child_block, _list_item(item)) for item in value]
    return value


def _list_item(item):
    """A list item's value, whether stored bare or (as Wagtail saves it) with a type and id."""
    is_wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
    return item["value"] if is_wrapped else item


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
