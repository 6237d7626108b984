"""The letter itself: a bilingual (Chinese and English) PDF on the edition's letterhead, rendered with WeasyPrint
as report editions are (``reports.pdf``), with a QR code of its public verification page.

Both languages are on every letter, whatever the guest's language: the consulate reads Chinese, the guest English.
The Chinese text is the letter's own (not the site's translations), so it reads as one document.
"""

import base64
import io

import qrcode
from django.template.loader import render_to_string
from django.utils import translation

from core.countries import countries
from core.signed_links import link_url
from reports.pdf import render_pdf

from .models import VisaLetter


def verification_url(letter: VisaLetter, *, language: str = "zh-hans") -> str:
    """The public page a consulate opens from the QR code: in Chinese, the language of the mission that reads the
    letter (the page has the language switch)."""
    return link_url("visas:verify", language=language, kwargs={"token": letter.verification_token})


def _qr_data_uri(url: str) -> str:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _in(language: str, read):
    with translation.override(language):
        return read()


def letter_context(letter: VisaLetter, *, draft: bool = False) -> dict:
    registration = letter.registration
    summit, guest = registration.summit, registration.guest
    venue = summit.venue
    # Another mission is named only as the visa desk confirmed it (a draft says it is still to be confirmed).
    mission_en, mission_zh = letter.official_mission_names or ("[mission to be confirmed by the visa desk]",
                                                               "［使领馆名称待签证处确认］")
    url = verification_url(letter)
    return {
        "letter": letter,
        "draft": draft,
        "guest": guest,
        "summit": summit,
        "summit_en": _in("en", lambda: summit.name), "summit_zh": _in("zh-hans", lambda: summit.name),
        "city_en": _in("en", lambda: summit.city), "city_zh": _in("zh-hans", lambda: summit.city),
        "venue_en": _in("en", lambda: venue.name) if venue else "",
        "venue_zh": _in("zh-hans", lambda: venue.name) if venue else "",
        "mission_en": mission_en, "mission_zh": mission_zh,
        "nationality_en": _in("en", lambda: str(countries.name(letter.nationality.code))),
        "nationality_zh": _in("zh-hans", lambda: str(countries.name(letter.nationality.code))),
        "sex_en": _in("en", letter.get_sex_display), "sex_zh": _in("zh-hans", letter.get_sex_display),
        "issued_on": letter.decided_at.date() if letter.decided_at else None,
        "verification_url": url,
        "qr_code": _qr_data_uri(url),
    }


def letter_pdf(letter: VisaLetter, *, draft: bool = False) -> bytes:
    """The approved letter as a PDF (``reports.pdf.PdfError`` if WeasyPrint fails); a ``draft`` (the desk's preview
    of a request) is marked "not valid" across every page."""
    with translation.override("en"):
        html = render_to_string("visas/letter.html", letter_context(letter, draft=draft))
    return render_pdf(html=html)
