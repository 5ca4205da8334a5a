"""The content fixtures: their structure, and word-for-word fidelity to the scraped sources.

Pure Python: no Django, no database.
"""

import html
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLE_FILES = sorted((FIXTURES / "articles").glob("*.json"))
SITE = json.loads((FIXTURES / "site.json").read_text(encoding="utf-8"))

KEYS = [
    "source",
    "section",
    "slug",
    "title",
    "standfirst",
    "date",
    "author",
    "publisher",
    "tags",
    "body",
    "related_teasers",
    "related_pages",
    "notes",
]
BLOCK_TYPES = {"heading", "paragraph", "list", "quote", "note", "cta", "references"}
ALLOWED_TAGS = {"p", "b", "i", "sup", "a"}
# Page furniture, and the "Related Articles" label, which the site template renders itself.
FURNITURE = {
    "Facebook X Reddit",
    "ADVERTISEMENT",
    "Leave a comment",
    "Comments",
    "Table of Contents",
    "- 3 min read",
    "Related Articles",
}
TYPOGRAPHY = str.maketrans("\u00a0\u2018\u2019\u201c\u201d\u2013\u2014", " ''\"\"--")
BREATHING = "Slow diaphragmatic breathing"

by_file = pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def norm(text):
    return " ".join(text.translate(TYPOGRAPHY).split())


def plain(markup):
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from strings(item)


def iso_or_none(line):
    try:
        return datetime.strptime(line, "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def source_lines(article):
    """Content lines of the source: furniture dropped, bullets stripped, dates made ISO."""
    text = (FIXTURES / "sources" / article["source"]).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = norm(raw.strip().removeprefix("\u2022"))
        if line and line not in FURNITURE:
            yield iso_or_none(line) or line


def render_mla(ref):
    volume = ref["volume"] + (f".{ref['issue']}" if ref["issue"] else "")
    stop = "" if ref["authors"].endswith(".") else "."
    return (
        f"{ref['authors']}{stop} \u201c{ref['title']}.\u201d {ref['container']} {volume}"
        f" ({ref['year']}): {ref['pages']}."
    )


def block_text(block):
    if block["type"] == "references":
        return [block["value"]["heading"], *map(render_mla, block["value"]["items"])]
    return [plain(s) for s in strings(block["value"])]


def fixture_text(article):
    parts = [article["title"], article["standfirst"], article["date"] or ""]
    parts += [s for block in article["body"] for s in block_text(block)]
    parts += [s for teaser in article["related_teasers"] for s in teaser.values()]
    return norm("\n".join(parts))


def test_every_source_has_exactly_one_fixture():
    sources = sorted(p.name for p in (FIXTURES / "sources").glob("*.txt"))
    assert sorted(load(p)["source"] for p in ARTICLE_FILES) == sources
    assert len(sources) == 5


@by_file
def test_fixture_has_the_required_keys_types_and_block_structure(path):
    article = load(path)
    assert list(article) == KEYS
    assert path.stem == article["slug"]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article["slug"]) and len(article["slug"]) <= 60
    assert article["section"] in {s["slug"] for s in SITE["sections"]}
    for key in ("title", "standfirst", "author", "publisher"):
        assert isinstance(article[key], str)
    assert article["title"] and article["standfirst"]
    if article["date"] is not None:
        date.fromisoformat(article["date"])
    assert 3 <= len(article["tags"]) <= 5
    assert all(tag == tag.lower() for tag in article["tags"])
    assert isinstance(article["notes"], dict)
    assert all(isinstance(v, str) for v in article["notes"].values())
    anchors = []
    for block in article["body"]:
        assert set(block) == {"type", "value"} and block["type"] in BLOCK_TYPES
        value = block["value"]
        if block["type"] == "heading":
            assert value["level"] in {"h2", "h3"}
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value["anchor"])
            anchors.append(value["anchor"])
        if block["type"] == "list":
            assert value["style"] in {"bullet", "numbered"}
            assert value["items"] and all(isinstance(i, str) for i in value["items"])
        if block["type"] in {"paragraph", "note", "cta"}:
            markup = value if block["type"] == "paragraph" else value["text"]
            assert markup.startswith("<p>") and markup.endswith("</p>")
            assert set(re.findall(r"</?([a-z0-9]+)", markup)) <= ALLOWED_TAGS
    assert len(anchors) == len(set(anchors))


@by_file
def test_every_source_line_is_in_its_fixture(path):
    article = load(path)
    text = fixture_text(article)
    metadata = norm(" ".join([article["author"], *article["notes"].values()]))
    missing = [
        line
        for line in source_lines(article)
        if not (line[2:] in metadata if line.startswith("- ") else line in text)
    ]
    assert missing == []


@by_file
def test_a_title_absent_from_the_source_is_marked_supplied(path):
    article = load(path)
    if norm(article["title"]) not in source_lines(article):
        assert article["notes"]["title"].startswith("Supplied")


def test_works_cited_render_exactly_as_the_source_prints_them():
    article = load(FIXTURES / "articles" / "psychological-states-autoimmune-conditions.json")
    [block] = [b for b in article["body"] if b["type"] == "references"]
    source = (FIXTURES / "sources" / article["source"]).read_text(encoding="utf-8").splitlines()
    printed = source[source.index("Works Cited") + 1 : source.index("Leave a comment")]
    assert block["value"]["heading"] == "Works Cited"
    assert [render_mla(ref) for ref in block["value"]["items"]] == printed
    assert len(printed) == 10


@pytest.mark.parametrize("stem", ["000_bdeae812d23993d8", "001_c1c710c44b4bcde6"])
def test_related_teasers_are_the_twenty_dated_source_entries(stem):
    [article] = [a for a in map(load, ARTICLE_FILES) if a["source"] == f"{stem}.txt"]
    lines = (FIXTURES / "sources" / article["source"]).read_text(encoding="utf-8").splitlines()
    listing = [line.strip() for line in lines[lines.index("Related Articles") + 1 :]]
    expected = [
        {"summary": s, "date": iso_or_none(d)} for s, d in zip(*[iter(listing)] * 2, strict=True)
    ]
    assert article["related_teasers"] == expected
    assert len(expected) == 20 and all(t["date"] for t in expected)
    breathing = [t for t in expected if t["summary"].startswith(BREATHING)]
    assert [t["date"] for t in breathing] == ["2025-07-26"]


@by_file
def test_related_pages_name_other_articles_each_once(path):
    article = load(path)
    others = {p.stem for p in ARTICLE_FILES} - {article["slug"]}
    assert article["related_pages"]
    assert set(article["related_pages"]) <= others
    assert len(set(article["related_pages"])) == len(article["related_pages"])


def test_the_chronic_pain_articles_link_to_each_other():
    chronic = {a["slug"]: a for a in map(load, ARTICLE_FILES) if a["section"] == "chronic-pain"}
    assert len(chronic) == 3
    for slug, article in chronic.items():
        assert set(chronic) - {slug} <= set(article["related_pages"])


def test_site_sections_each_hold_articles():
    assert SITE["site_name"] == SITE["home"]["title"] == "Mind\u2013Body Library"
    used = {load(p)["section"] for p in ARTICLE_FILES}
    assert used == {s["slug"] for s in SITE["sections"]}
    for page in [SITE["home"], *SITE["sections"]]:
        assert page["title"] and page["introduction"].startswith("<p>")
