"""Generated articles for work at scale: realistic pages assembled from the fixtures' own
sentences, written in bulk, marked so that removing them never touches real content."""

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags

from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from articles.caching import one_invalidation_for_everything
from articles.content import read_fixtures
from articles.models import ArticlePage, ArticlePageTag, SectionPage

SLUG_PREFIX = "generated-"
PUBLISHER = "Generated test content"
BATCH = 500
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Material:
    """What generated articles are made of: the fixtures' sentences, headings and tag names."""

    sentences: list
    headings: list
    tags: list


def read_material(fixtures_dir):
    sentences, headings, tags = [], [], set()
    for fixture in read_fixtures(fixtures_dir):
        if fixture.kind is not ArticlePage:
            continue
        tags.update(fixture.data["tags"])
        for block in fixture.data["body"]:
            if block["type"] == "heading":
                headings.append(block["value"]["text"])
            elif block["type"] == "paragraph":
                sentences += SENTENCE_END.split(unescape(strip_tags(block["value"])).strip())
    return Material([s for s in sentences if len(s) > 30], headings, sorted(tags))


def generated_articles():
    return ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX, publisher=PUBLISHER)


def generate_articles(count, fixtures_dir, seed=0):
    """Create, publish and index `count` articles spread over the sections; return how many."""
    rng, material = random.Random(seed), read_material(fixtures_dir)
    sections = list(SectionPage.objects.order_by("path"))
    start = generated_articles().count()
    with transaction.atomic(), one_invalidation_for_everything():
        ensure_tags(material)
        for first in range(0, count, BATCH):
            numbers = range(start + first, start + min(first + BATCH, count))
            _create_batch(rng, material, sections, numbers)
    refresh_planner_statistics()
    return count


def refresh_planner_statistics():
    """Tell PostgreSQL's planner how big the tables just became, rather than waiting for
    autovacuum: with stale counts it plans queries for a handful of rows and walks thousands."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _create_batch(rng, material, sections, numbers):
    placed = [(number, rng.choice(sections)) for number in numbers]
    pages = Page.objects.bulk_create(_page_rows(placed))
    for section, added in Counter(section for _, section in placed).items():
        Page.objects.filter(pk=section.pk).update(numchild=models.F("numchild") + added)
    ids = [page.pk for page in pages]
    articles = [_article(rng, material, page.pk, ids) for page in pages]
    ArticlePage._base_manager._insert(articles, fields=ArticlePage._meta.local_concrete_fields)
    tags = list(Tag.objects.filter(name__in=material.tags))
    ArticlePageTag.objects.bulk_create(
        ArticlePageTag(content_object_id=pk, tag=tag) for pk in ids for tag in rng.sample(tags, 3)
    )
    get_search_backend().add_bulk(ArticlePage, ArticlePage.objects.filter(pk__in=ids))


def _page_rows(placed):
    """Tree rows for new last children of their sections, published now."""
    content_type, now = ContentType.objects.get_for_model(ArticlePage), timezone.now()
    rows, steps = [], {}
    for number, section in placed:
        if section not in steps:
            steps[section] = _last_step(section)
        steps[section] += 1
        slug, title = f"{SLUG_PREFIX}{number}", f"Generated article {number}"
        rows.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(section.path, section.depth + 1, steps[section]),
                depth=section.depth + 1,
                url_path=f"{section.url_path}{slug}/",
                locale_id=section.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    return rows


def _last_step(section):
    last = section.get_children().order_by("-path").values_list("path", flat=True).first()
    return Page._str2int(last[-Page.steplen :]) if last else 0


def _article(rng, material, pk, ids):
    """The article's own fields: a standfirst, a body of headed sections, links to others."""
    others = rng.sample(ids, 2)
    links = " and ".join(f'<a linktype="page" id="{other}">another article</a>' for other in others)
    body = []
    for heading in rng.sample(material.headings, 4):
        body.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        for _ in range(2):
            body.append({"type": "paragraph", "value": _paragraph(rng, material)})
    body.append({"type": "paragraph", "value": f"<p>Read on: {links}.</p>"})
    return ArticlePage(
        page_ptr_id=pk,
        standfirst=" ".join(rng.sample(material.sentences, 2)),
        date=date(2020, 1, 1) + timedelta(days=rng.randrange(2000)),
        author=rng.choice(["Joana", "Sam Ortiz", ""]),
        publisher=PUBLISHER,
        body=body,
    )


def _paragraph(rng, material):
    return "<p>" + escape(" ".join(rng.sample(material.sentences, 4))) + "</p>"


def ensure_tags(material):
    for name in material.tags:
        Tag.objects.get_or_create(name=name)


def remove_generated_articles():
    """Delete every generated article (and nothing else); return how many there were."""
    ids = list(generated_articles().values_list("pk", flat=True))
    with transaction.atomic(), one_invalidation_for_everything():
        Page.objects.filter(pk__in=ids).update(live=False)
        for first in range(0, len(ids), BATCH):
            models.QuerySet.delete(Page.objects.filter(pk__in=ids[first : first + BATCH]))
        for section in SectionPage.objects.all():
            Page.objects.filter(pk=section.pk).update(numchild=section.get_children().count())
    return len(ids)
