"""The fixture format: read and validate fixture files, then load them into the page tree.

Fixtures are identified by slug, never by database id, so a load can run on any database and
run again without creating duplicates. A page an editor has changed since it was loaded is left
alone unless the load is forced.
"""

import copy
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction

from wagtail import blocks
from wagtail.models import Page, Site

from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage, HomePage, LoadedContent, SectionPage

ARTICLE_FIELDS = {
    "source": str,
    "section": str,
    "slug": str,
    "title": str,
    "standfirst": str,
    "date": (str, type(None)),
    "author": str,
    "publisher": str,
    "tags": list,
    "body": list,
    "related_teasers": list,
    "notes": dict,
}
REQUIRED_TEXT = ("section", "slug", "title", "standfirst")
# Fixture fields kept beside the page rather than on it, so that an export gives them back.
PROVENANCE_FIELDS = ("source", "related_teasers", "notes")


class FixtureError(Exception):
    """A fixture file that cannot be loaded, naming the file and the field."""

    def __init__(self, path, field_name, problem):
        super().__init__(f"{path}: {field_name}: {problem}")


@dataclass
class Fixture:
    """One page's data, as read from its file."""

    path: str
    kind: type
    data: dict
    parent_slug: str = ""
    digest: str = field(init=False)

    def __post_init__(self):
        self.digest = hashlib.sha256(json.dumps(self.data, sort_keys=True).encode()).hexdigest()


@dataclass
class Report:
    """What a load did (or, in a dry run, would do), page by page."""

    actions: list = field(default_factory=list)

    def add(self, action, fixture):
        self.actions.append((action, fixture.path, fixture.data["title"]))

    def count(self, action):
        return sum(1 for done, _path, _title in self.actions if done == action)


def read_fixtures(root):
    """Read and validate every fixture under `root`: the site first, then the articles."""
    root = Path(root)
    site = _read_json(root / "site.json")
    fixtures = [_home_fixture(site, "site.json")]
    section_slugs = set()
    for index, section in enumerate(_field(site, "site.json", "sections", list)):
        name = f"sections[{index}]"
        for key in ("slug", "title"):
            _text(section, "site.json", f"{name}.{key}")
        section_slugs.add(section["slug"])
        fixtures.append(Fixture("site.json", SectionPage, section))
    article_paths = sorted((root / "articles").glob("*.json"))
    for path in article_paths:
        fixtures.append(_article_fixture(path, root, section_slugs))
    _check_unique_slugs(fixtures)
    return fixtures


def _read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise FixtureError(path, "file", "not found") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(path, "file", f"not valid JSON ({error})") from error


def _field(data, path, name, kind):
    if not isinstance(data, dict) or name not in data:
        raise FixtureError(path, name, "missing")
    if not isinstance(data[name], kind):
        raise FixtureError(path, name, "has the wrong type")
    return data[name]


def _text(data, path, dotted):
    name = dotted.rsplit(".", 1)[-1]
    value = _field(data, path, name, str) if name in data else None
    if not value or not value.strip():
        raise FixtureError(path, dotted, "missing or empty")
    return value


def _home_fixture(site, path):
    home = _field(site, path, "home", dict)
    _text(home, path, "home.title")
    home = {**home, "site_name": _field(site, path, "site_name", str), "slug": "mind-body-library"}
    return Fixture(path, HomePage, home)


def _article_fixture(path, root, section_slugs):
    data = _read_json(path)
    name = path.relative_to(root).as_posix()
    for key, kind in ARTICLE_FIELDS.items():
        _field(data, name, key, kind)
    for key in REQUIRED_TEXT:
        _text(data, name, key)
    if data["section"] not in section_slugs:
        raise FixtureError(name, "section", f"no section with slug {data['section']!r}")
    if data["date"] is not None:
        try:
            date.fromisoformat(data["date"])
        except ValueError as error:
            raise FixtureError(name, "date", "not an ISO date (YYYY-MM-DD)") from error
    if not all(isinstance(tag, str) and tag.strip() for tag in data["tags"]):
        raise FixtureError(name, "tags", "every tag must be non-empty text")
    _check_body(data["body"], name)
    return Fixture(name, ArticlePage, data, parent_slug=data["section"])


def _check_body(raw_body, path):
    body_block = ArticleBodyBlock()
    for index, raw in enumerate(raw_body):
        where = f"body[{index}]"
        if not isinstance(raw, dict) or "type" not in raw or "value" not in raw:
            raise FixtureError(path, where, "each block needs a type and a value")
        child = body_block.child_blocks.get(raw["type"])
        if child is None:
            raise FixtureError(path, f"{where}.type", f"unknown block type {raw['type']!r}")
        try:
            child.clean(child.to_python(raw["value"]))
        except (ValidationError, AttributeError, KeyError, TypeError, ValueError) as error:
            raise FixtureError(path, f"{where} ({raw['type']})", _describe(error)) from error


def _describe(error):
    """One line for a block's validation error, naming each failing field."""
    block_errors = getattr(error, "block_errors", None)
    if isinstance(block_errors, dict):
        return "; ".join(f"{name}: {_describe(err)}" for name, err in block_errors.items())
    if isinstance(block_errors, list):
        return "; ".join(f"[{i}] {_describe(err)}" for i, err in enumerate(block_errors) if err)
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def _check_unique_slugs(fixtures):
    seen = {}
    for fixture in fixtures:
        key = (fixture.kind, fixture.data["slug"])
        if key in seen:
            raise FixtureError(fixture.path, "slug", f"{key[1]!r} is also used by {seen[key]}")
        seen[key] = fixture.path


def load(fixtures, *, base_url, force=False, dry_run=False):
    """Create or update the pages of `fixtures` in one transaction; return what was done."""
    report = Report()
    with transaction.atomic():
        home = _load_page(HomePage.objects.first(), fixtures[0], None, report, force, dry_run)
        sections = {}
        for fixture in fixtures[1:]:
            if fixture.kind is SectionPage:
                page = (
                    home
                    and SectionPage.objects.child_of(home).filter(slug=fixture.data["slug"]).first()
                )
                sections[fixture.data["slug"]] = _load_page(
                    page, fixture, home, report, force, dry_run
                )
            else:
                page = ArticlePage.objects.filter(slug=fixture.data["slug"]).first()
                parent = sections[fixture.parent_slug]
                _load_page(page, fixture, parent, report, force, dry_run)
        if not dry_run:
            _point_site_at(home, base_url, fixtures[0].data["site_name"])
        if dry_run:
            transaction.set_rollback(True)
    return report


def _load_page(page, fixture, parent, report, force, dry_run):
    if page is None:
        report.add("create", fixture)
        return None if dry_run else _create(fixture, parent)
    record = LoadedContent.objects.filter(page=page).first()
    if record and not dry_run:
        _remember_provenance(record, fixture)
    edited = record is None or record.revision_id != page.latest_revision_id
    if edited and not force:
        report.add("keep edited", fixture)
        return page
    if not edited and record.digest == fixture.digest:
        report.add("unchanged", fixture)
        return page
    report.add("update", fixture)
    if not dry_run:
        page = page.specific
        _apply(page, fixture)
        _publish(page, fixture)
    return page


def _create(fixture, parent):
    page = fixture.kind(title=fixture.data["title"], slug=fixture.data["slug"])
    _apply(page, fixture)
    if parent is None:
        Page.get_first_root_node().add_child(instance=page)
    else:
        parent.add_child(instance=page)
    _publish(page, fixture)
    return page


def _apply(page, fixture):
    data = fixture.data
    page.title = data["title"]
    page.slug = data["slug"]
    if fixture.kind in (HomePage, SectionPage):
        page.introduction = data.get("introduction", "")
        return
    page.standfirst = data["standfirst"]
    page.date = date.fromisoformat(data["date"]) if data["date"] else None
    page.author = data["author"]
    page.publisher = data["publisher"]
    page.body = copy.deepcopy(data["body"])  # Wagtail adds block ids to what it is given
    page.tags.set(data["tags"], clear=True)


def _publish(page, fixture):
    revision = page.save_revision(log_action=True)
    revision.publish()
    LoadedContent.objects.update_or_create(
        page=page,
        defaults={
            "fixture": fixture.path,
            "digest": fixture.digest,
            "revision": revision,
            "provenance": _provenance(fixture),
        },
    )


def _provenance(fixture):
    kept = {key: fixture.data[key] for key in PROVENANCE_FIELDS if key in fixture.data}
    return json.dumps(kept, ensure_ascii=False)


def _remember_provenance(record, fixture):
    """Keep the fixture's own fields even when the page itself is left as it is."""
    if record.provenance != _provenance(fixture):
        record.provenance = _provenance(fixture)
        record.save(update_fields=["provenance"])


def _point_site_at(home, base_url, site_name):
    """Serve `home` at BASE_URL's host and port; drop Wagtail's unused welcome page."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    stale_root = site.root_page_id if site.root_page_id != home.pk else None
    site.hostname, site.port, site.root_page = parts.hostname, port, home
    site.site_name = site.site_name or site_name
    site.save()
    if stale_root and not Site.objects.filter(root_page_id=stale_root).exists():
        stale = Page.objects.get(pk=stale_root)
        if stale.specific_class is Page and stale.is_leaf():
            stale.delete()


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
    return {
        "site_name": site.site_name if site else "",
        "home": {"title": home.title, "introduction": home.introduction},
        "sections": [
            {"slug": section.slug, "title": section.title, "introduction": section.introduction}
            for section in sections
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
        "related_teasers": _related_teasers(article, provenance),
        "notes": provenance.get("notes", {}),
    }


def _related_teasers(article, provenance):
    return provenance.get("related_teasers", [])


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
