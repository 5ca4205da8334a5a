"""Checking that the works an article cites can still be reached: each URL, and each DOI."""

import urllib.error
import urllib.request
from dataclasses import dataclass

DOI_RESOLVER = "https://doi.org/"
USER_AGENT = "MindBodyLibrary-reference-check/1.0"


@dataclass
class Link:
    """One address to check, and where it is cited."""

    article: str
    number: int
    url: str


def links_of(articles, doi_resolver=DOI_RESOLVER):
    """Every URL and DOI address cited in `articles`' reference lists, numbered as readers see."""
    for article in articles:
        number = 0
        for block in article.body:
            if block.block_type != "references":
                continue
            for reference in block.value["items"]:
                number += 1
                if reference["url"]:
                    yield Link(article.title, number, reference["url"])
                if reference["doi"]:
                    yield Link(article.title, number, doi_resolver + reference["doi"].strip())


def problem_with(url, timeout):
    """Why `url` cannot be reached (an HTTP status or network error), or "" when it can."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return ""
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code}"
            if error.code not in (403, 405, 501):
                return problem
        except (urllib.error.URLError, OSError, ValueError) as error:
            return str(getattr(error, "reason", error))
    return problem


def broken_links(articles, doi_resolver=DOI_RESOLVER, timeout=10):
    """The cited addresses that cannot be reached, each with what went wrong."""
    broken = []
    for link in links_of(articles, doi_resolver):
        problem = problem_with(link.url, timeout)
        if problem:
            broken.append((link, problem))
    return broken
