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

from wagtail.contrib.forms.models import FORM_FIELD_CHOICES
from wagtail.models import Page, Site

from articles.blocks import ArticleBodyBlock
from articles.caching import one_invalidation_for_everything
from articles.models import (
    ArticlePage,
    ContactFormField,
    ContactPage,
    HomePage,
    LoadedContent,
    SectionPage,
    SiteSettings,
)
from related.fixtures import link_related

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
    "related_pages": list,
    "notes": dict,
}
REQUIRED_TEXT = ("section", "slug", "title", "standfirst")
CONTACT_FIELD_TYPES = {name for name, _label in FORM_FIELD_CHOICES}
# Fixture fields kept beside the page rather than on it, so that an export gives them back.
PROVENANCE_FIELDS = ("source", "notes")


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
    changed: list = field(default_factory=list)  # (page, fixture): published once all pages exist

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
    if "contact" in site:
        fixtures.append(_contact_fixture(site, "site.json"))
    article_paths = sorted((root / "articles").glob("*.json"))
    for path in article_paths:
        fixtures.append(_article_fixture(path, root, section_slugs))
    _check_unique_slugs(fixtures)
    _check_related_pages(fixtures)
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


def _contact_fixture(site, path):
    """The site's contact page: its texts and the fields of its form."""
    contact = _field(site, path, "contact", dict)
    for key in ("slug", "title"):
        _text(contact, path, f"contact.{key}")
    for index, item in enumerate(_field(contact, path, "fields", list)):
        where = f"contact.fields[{index}]"
        _text(item, path, f"{where}.label")
        if item.get("field_type") not in CONTACT_FIELD_TYPES:
            raise FixtureError(path, f"{where}.field_type", "not a form field type")
    return Fixture(path, ContactPage, contact)


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
        _iso_date(data["date"], name, "date")
    if not all(isinstance(tag, str) and tag.strip() for tag in data["tags"]):
        raise FixtureError(name, "tags", "every tag must be non-empty text")
    _check_body(data["body"], name)
    _check_teasers(data["related_teasers"], name)
    return Fixture(name, ArticlePage, data, parent_slug=data["section"])


def _iso_date(value, path, field_name):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise FixtureError(path, field_name, "not an ISO date (YYYY-MM-DD)") from error


def _check_teasers(teasers, path):
    for index, teaser in enumerate(teasers):
        where = f"related_teasers[{index}]"
        if not isinstance(teaser, dict):
            raise FixtureError(path, where, "each teaser needs a summary and a date")
        _text(teaser, path, f"{where}.summary")
        _iso_date(teaser.get("date"), path, f"{where}.date")


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


def _check_related_pages(fixtures):
    articles = {f.data["slug"] for f in fixtures if f.kind is ArticlePage}
    for fixture in fixtures:
        for index, slug in enumerate(fixture.data.get("related_pages", [])):
            if slug not in articles or slug == fixture.data["slug"]:
                where = f"related_pages[{index}]"
                raise FixtureError(fixture.path, where, f"no other article with slug {slug!r}")


def load(fixtures, *, base_url, force=False, dry_run=False):
    """Create or update the pages of `fixtures` in one transaction; return what was done."""
    report = Report()
    with transaction.atomic(), one_invalidation_for_everything():
        home = _load_page(HomePage.objects.first(), fixtures[0], None, report, force, dry_run)
        children, new_contact_page = {}, None
        for fixture in fixtures[1:]:
            if fixture.kind is ArticlePage:
                page = ArticlePage.objects.filter(slug=fixture.data["slug"]).first()
                parent = children[fixture.parent_slug]
                _load_page(page, fixture, parent, report, force, dry_run)
                continue
            slug = fixture.data["slug"]
            page = home and fixture.kind.objects.child_of(home).filter(slug=slug).first()
            children[slug] = _load_page(page, fixture, home, report, force, dry_run)
            if page is None and fixture.kind is ContactPage:
                new_contact_page = children[slug]
        if not dry_run:
            _publish_changed(report.changed)
            site = _point_site_at(home, base_url, fixtures[0].data["site_name"])
            if new_contact_page:
                _link_from_footer(site, new_contact_page)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _load_page(page, fixture, parent, report, force, dry_run):
    if page is None:
        report.add("create", fixture)
        return None if dry_run else _create(fixture, parent, report)
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
        report.changed.append((page, fixture))
    return page


def _create(fixture, parent, report):
    page = fixture.kind(title=fixture.data["title"], slug=fixture.data["slug"])
    _apply(page, fixture)
    if parent is None:
        Page.get_first_root_node().add_child(instance=page)
    else:
        parent.add_child(instance=page)
    report.changed.append((page, fixture))
    return page


def _apply(page, fixture):
    data = fixture.data
    page.title = data["title"]
    page.slug = data["slug"]
    if fixture.kind in (HomePage, SectionPage):
        page.introduction = data.get("introduction", "")
        return
    if fixture.kind is ContactPage:
        _apply_contact(page, data)
        return
    page.standfirst = data["standfirst"]
    page.date = date.fromisoformat(data["date"]) if data["date"] else None
    page.author = data["author"]
    page.publisher = data["publisher"]
    page.body = copy.deepcopy(data["body"])  # Wagtail adds block ids to what it is given
    page.tags.set(data["tags"], clear=True)


def _apply_contact(page, data):
    page.introduction = data.get("introduction", "")
    page.thank_you_text = data.get("thank_you_text", "")
    page.subject = data.get("subject", "")
    page.form_fields = [
        ContactFormField(
            sort_order=index,
            label=item["label"],
            field_type=item["field_type"],
            required=item.get("required", True),
            help_text=item.get("help_text", ""),
        )
        for index, item in enumerate(data["fields"])
    ]


def _publish_changed(changed):
    """Publish the created and updated pages, linking articles now that every page exists."""
    for page, fixture in changed:
        if fixture.kind is ArticlePage:
            link_related(page, fixture.data["related_pages"], fixture.data["related_teasers"])
        _publish(page, fixture)


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
    SiteSettings.for_site(site)  # created now, so no reader's request has to write it
    if stale_root and not Site.objects.filter(root_page_id=stale_root).exists():
        stale = Page.objects.get(pk=stale_root)
        if stale.specific_class is Page and stale.is_leaf():
            stale.delete()
    return site


def _link_from_footer(site, contact_page):
    """Link every page's footer to a newly created contact page, unless editors chose one."""
    site_settings = SiteSettings.for_site(site)
    if site_settings.contact_page_id is None:
        site_settings.contact_page = contact_page
        site_settings.save(update_fields=["contact_page"])
