"""The e-badge: a card with the guest's name and organisation and a QR code of the badge token that check-in scans.

Drawn with Pillow at 300 dpi on a CR80 card (54 x 85.6 mm, portrait), as PNG or as a one-page PDF, in the
guest's language. Chinese names need a CJK font on the server (Debian: fonts-noto-cjk); without one, the first
available of the fonts below is used.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import qrcode
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont

from .models import Registration

DPI = 300
WIDTH, HEIGHT = 638, 1011  # CR80 at 300 dpi
MARGIN = 40
QR_SIZE = 380
ACCENT, INK, MUTED, WHITE = (11, 79, 138), (27, 31, 36), (90, 96, 104), (255, 255, 255)

# Regular and bold faces, CJK first; index 0 of a .ttc collection is Simplified Chinese for Noto CJK.
FONT_CANDIDATES = {
    "regular": (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ),
    "bold": (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
}


@dataclass(frozen=True)
class BadgeBand:
    """The band at the foot of the badge: what the staff at the doors read from afar."""

    label: str
    colour: tuple[int, int, int] = ACCENT


# Apps above guests mark their own badges (the press: "PRESS · Photographer"): each builder answers for the
# registrations it knows, None for the others; registered in the app's AppConfig.ready().
BAND_BUILDERS: list[Callable[[Registration], BadgeBand | None]] = []


def register_badge_band(builder: Callable[[Registration], BadgeBand | None]):
    """Add an app's band to the badges (a decorator); guests never imports the apps above it."""
    BAND_BUILDERS.append(builder)
    return builder


def badge_band(registration: Registration) -> BadgeBand:
    """The first band an app gives the registration, else the guest's category and participation."""
    for builder in BAND_BUILDERS:
        band = builder(registration)
        if band is not None:
            return band
    return BadgeBand(f"{registration.guest.get_category_display()} · {registration.get_participation_display()}")


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES[weight]:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Break text into lines that fit: at spaces, or between characters for scripts written without spaces."""
    lines, line = [], ""
    for word in text.split(" ") if " " in text else list(text):
        joiner = " " if " " in text and line else ""
        if draw.textlength(line + joiner + word, font=font) <= width:
            line += joiner + word
            continue
        if line:
            lines.append(line)
        line = word
        while draw.textlength(line, font=font) > width and len(line) > 1:  # one word wider than the card
            cut = len(line)
            while cut > 1 and draw.textlength(line[:cut], font=font) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip()[:-1] + "…"
    return lines


def _centered(draw, top: int, text: str, font, fill, *, max_lines: int = 2, spacing: int = 6) -> int:
    """Draw centred lines from ``top``; returns the y below them."""
    for line in _wrap(draw, text, font, WIDTH - 2 * MARGIN, max_lines):
        left, upper, right, lower = draw.textbbox((0, 0), line, font=font)
        draw.text(((WIDTH - (right - left)) / 2 - left, top - upper), line, font=font, fill=fill)
        top += (lower - upper) + spacing
    return top


def _qr_image(token: str) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(token)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    return image.resize((QR_SIZE, QR_SIZE), Image.Resampling.NEAREST)


def badge_image(registration: Registration) -> Image.Image:
    """The badge as an RGB image, WIDTH x HEIGHT pixels, written in the guest's language."""
    guest = registration.guest
    with translation.override(guest.language):
        image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, WIDTH, 150), fill=ACCENT)
        _centered(draw, 32, registration.summit.name, _font("bold", 30), WHITE)
        top = _centered(draw, 180, guest.full_name, _font("bold", 46), INK)
        if guest.native_name:
            top = _centered(draw, top + 4, guest.native_name, _font("bold", 40), INK, max_lines=1)
        top = _centered(draw, top + 14, guest.title, _font("regular", 26), MUTED)
        top = _centered(draw, top + 4, guest.organization_name, _font("regular", 28), INK)
        _centered(draw, top + 4, str(guest.country.name), _font("regular", 26), MUTED, max_lines=1)
        qr_top = HEIGHT - QR_SIZE - 130
        image.paste(_qr_image(registration.badge_token), ((WIDTH - QR_SIZE) // 2, qr_top))
        # The code under the QR code, for typing it in when a scanner fails.
        _centered(draw, qr_top + QR_SIZE + 4, registration.badge_token, _font("regular", 16), MUTED, max_lines=1)
        band = badge_band(registration)
        draw.rectangle((0, HEIGHT - 80, WIDTH, HEIGHT), fill=band.colour)
        _centered(draw, HEIGHT - 60, band.label, _font("bold", 26), WHITE, max_lines=1)
    return image


def badge_png(registration: Registration) -> bytes:
    buffer = io.BytesIO()
    badge_image(registration).save(buffer, format="PNG", dpi=(DPI, DPI), optimize=True)
    return buffer.getvalue()


def badge_pdf(registration: Registration) -> bytes:
    """A one-page PDF the size of the card: Pillow sizes the page from ``resolution`` and embeds a JPEG, here of
    high quality without colour subsampling, so the QR code's edges stay sharp for scanners."""
    buffer = io.BytesIO()
    badge_image(registration).save(buffer, format="PDF", resolution=float(DPI), quality=95, subsampling=0)
    return buffer.getvalue()
