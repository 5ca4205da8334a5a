"""The JSON-LD `@graph` of a page, built from its metadata and linked by `@id`s."""

import json
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# The characters that could end a <script> element or open markup, as Django's json_script escapes.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def serialise(graph):
    """The graph as JSON that is safe inside <script type="application/ld+json">."""
    text = json.dumps(graph, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(SCRIPT_ESCAPES))


def graph(meta):
    """Every page's WebSite and Organization; its breadcrumbs; an article's page and article."""
    nodes = [website(meta), organization(meta)]
    if meta.breadcrumbs:
        nodes.append(breadcrumb_list(meta))
    if meta.og_type == "article":
        nodes += [medical_web_page(meta), article(meta)]
    else:
        nodes.append(web_page(meta))
    return {"@context": "https://schema.org", "@graph": nodes}


def website(meta):
    return {
        "@type": "WebSite",
        "@id": f"{meta.site_url}#website",
        "name": meta.site_name,
        "url": meta.site_url,
        "inLanguage": "en-GB",
        "publisher": {"@id": f"{meta.site_url}#organization"},
    }


def organization(meta):
    return {
        "@type": "Organization",
        "@id": f"{meta.site_url}#organization",
        "name": meta.site_name,
        "url": meta.site_url,
        "logo": image_object(meta.logo),
    }


def breadcrumb_list(meta):
    return {
        "@type": "BreadcrumbList",
        "@id": f"{meta.canonical_url}#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": link.title,
                "item": urljoin(meta.site_url, link.url),
            }
            for position, link in enumerate(meta.breadcrumbs, start=1)
        ],
    }


def web_page(meta):
    """The page itself; a section or the home page collects articles."""
    node = {
        "@type": "CollectionPage",
        "@id": f"{meta.canonical_url}#webpage",
        "url": meta.canonical_url,
        "name": meta.title,
        "description": meta.description,
        "isPartOf": {"@id": f"{meta.site_url}#website"},
        "primaryImageOfPage": image_object(meta.image),
    }
    if meta.breadcrumbs:
        node["breadcrumb"] = {"@id": f"{meta.canonical_url}#breadcrumb"}
    return node


def medical_web_page(meta):
    """An article's page: health information, whose main entity is the article."""
    return {
        **web_page(meta),
        "@type": "MedicalWebPage",
        "mainEntity": {"@id": f"{meta.canonical_url}#article"},
        **review(meta),
    }


def review(meta):
    """`lastReviewed` and `reviewedBy`, once the article records who reviewed it and when."""
    facts = {}
    if meta.last_reviewed:
        facts["lastReviewed"] = meta.last_reviewed.isoformat()
    if meta.reviewed_by:
        facts["reviewedBy"] = {"@type": "Person", "name": meta.reviewed_by}
    return facts


def article(meta):
    node = {
        "@type": "Article",
        "@id": f"{meta.canonical_url}#article",
        "headline": meta.title,
        "description": meta.description,
        "dateModified": meta.modified,
        "author": author(meta),
        "publisher": {"@id": f"{meta.site_url}#organization"},
        "image": image_object(meta.image),
        "mainEntityOfPage": {"@id": f"{meta.canonical_url}#webpage"},
        "isPartOf": {"@id": f"{meta.site_url}#website"},
        "articleSection": meta.section,
        "keywords": meta.tags,
        "inLanguage": "en-GB",
    }
    if meta.published:
        node["datePublished"] = meta.published.isoformat()
    if meta.citations:
        node["citation"] = meta.citations
    return node


def author(meta):
    """The named person; else the organisation the source names; else our own organisation."""
    if meta.author:
        return {"@type": "Person", "name": meta.author}
    if meta.publisher:
        return {"@type": "Organization", "name": meta.publisher}
    return {"@id": f"{meta.site_url}#organization"}


def image_object(image):
    return {
        "@type": "ImageObject",
        "url": image.url,
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
    }
