"""In-text citation markers: an editor types “[2]” or “[1, 3]”, the reader gets links to the list.

Plain bracketed numbers need no editor plugin, read the same in drafts, previews and exports, and
survive copying between documents; only numbers that match an entry in the article's reference
list become links, so a stray “[7]” in an article with five references stays plain text.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()
MARKER = re.compile(r"\[(\d{1,3}(?:,\s*\d{1,3})*)\]")


@register.simple_tag(takes_context=True)
def cited(context, html):
    """Rich-text HTML with each in-range “[n]” marker turned into a link to reference n.

    The article page puts `reference_count` in the context; elsewhere (admin previews of one
    block) no marker is in range, so the text is left as written.
    """
    count = context.get("reference_count") or 0

    def link(match):
        numbers = [int(part) for part in match.group(1).split(",")]
        if not all(1 <= number <= count for number in numbers):
            return match.group(0)
        links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in numbers)
        return f'<sup class="cite">[{links}]</sup>'

    return mark_safe(MARKER.sub(link, conditional_escape(html)))
