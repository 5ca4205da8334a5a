"""Social card images: a page's title, section and the site's name, drawn 1200×630 with Pillow."""

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

CARD_WIDTH, CARD_HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = "#1f5f4a"
PANEL = "#fdfcf8"
TEXT = "#1d2421"
BOLD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# Pillow's own font has no curly quotes or dashes; plain ones draw the same words.
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Card:
    """What a card shows; its digest names the image, so a changed title is a new URL."""

    title: str
    section: str
    site_name: str

    @property
    def digest(self):
        drawn = "\n".join([self.title, self.section, self.site_name, BACKGROUND, PANEL])
        return hashlib.sha256(drawn.encode()).hexdigest()[:16]


@cache
def font(size):
    """DejaVu Sans Bold where the system has it, else the font bundled with Pillow."""
    try:
        return ImageFont.truetype(BOLD_FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def drawable(text, typeface):
    """`text` without what the typeface cannot draw: emoji, and for Pillow's font, fancy marks."""
    if typeface.path != BOLD_FONT:
        text = unicodedata.normalize("NFKD", text.translate(PLAIN))
        text = text.encode("ascii", "ignore").decode()
    kept = (ch for ch in text if unicodedata.category(ch)[0] in "LNPZ" or ch in "+=")
    return " ".join("".join(kept).split())


def wrap(draw, text, typeface, width):
    """`text` broken into lines no wider than `width` pixels."""
    lines = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=typeface) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def fit_title(draw, title, width, max_lines=4):
    """The largest title size, from 72px down, whose wrapped lines fit in `max_lines`."""
    for size in (72, 64, 56, 48, 42):
        lines = wrap(draw, drawable(title, font(size)), font(size), width)
        if len(lines) <= max_lines:
            return font(size), lines
    return font(42), [*lines[: max_lines - 1], f"{lines[max_lines - 1]}…"]


def render(card):
    """The card as PNG bytes."""
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((40, 40, CARD_WIDTH - 40, CARD_HEIGHT - 40), 24, fill=PANEL)
    draw.rectangle((40, 40, 64, CARD_HEIGHT - 40), fill=BACKGROUND)
    width = CARD_WIDTH - 2 * MARGIN - 24
    if card.section:
        label = font(34)
        draw.text((MARGIN + 24, 90), drawable(card.section, label).upper(), BACKGROUND, label)
    title_font, lines = fit_title(draw, card.title, width)
    draw.multiline_text((MARGIN + 24, 160), "\n".join(lines), TEXT, title_font, spacing=14)
    name = font(36)
    draw.text((MARGIN + 24, CARD_HEIGHT - 130), drawable(card.site_name, name), BACKGROUND, name)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
