"""In-text citation markers: an editor types “[2]” or “[1, 3]”, the reader gets links to the list.

Plain bracketed numbers need no editor plugin, read the same in drafts, previews and exports, and
survive copying between documents; only numbers that match an entry in the article's reference
list become links, so a stray “[7]” in an article with five references stays plain text.
"""

import re
from functools import partial

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()
MARKER = re.compile(r"\[(\d{1,3}(?:,\s*\d{1,3})*)\]")
# A tag, whose quoted attribute values may hold any character but their own quote.
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
LINK_TAG = re.compile(r"<(/?)a[\s>]", re.IGNORECASE)


@register.simple_tag(takes_context=True)
def cited(context, html):
    """Rich-text HTML with each in-range “[n]” marker turned into a link to reference n.

    The article page puts `reference_count` in the context; elsewhere (admin previews of one
    block) no marker is in range, so the text is left as written. Only text outside links is
    rewritten: a marker in an address or in a link's words stays as it is.
    """
    linked = partial(marker_links, context.get("reference_count") or 0)
    parts = TAG.split(conditional_escape(html))
    in_link = False
    for index, part in enumerate(parts):
        if index % 2:
            if tag := LINK_TAG.match(part):
                in_link = not tag.group(1)
        elif not in_link:
            parts[index] = MARKER.sub(linked, part)
    return mark_safe("".join(parts))


def marker_links(count, match):
    """The links for one marker, or the marker as written if a number is out of range."""
    numbers = [int(part) for part in match.group(1).split(",")]
    if not all(1 <= number <= count for number in numbers):
        return match.group(0)
    links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in numbers)
    return f'<sup class="cite">[{links}]</sup>'
