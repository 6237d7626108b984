"""Text that ends in an email's subject (a summit's or expo's name, a forum's title, an award programme, a report,
an organisation): one line, and short enough for every subject it is put in.

A line break in a subject is a header injection to the mail library, which refuses the email at every retry; a
title longer than the subject column leaves a registration half-saved. Both are refused where they are typed, with
the reason, instead of failing later where nobody sees it.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

# Every subject template is under 100 characters in every language (tests/core/test_hostile_subjects.py checks
# it), and OutgoingEmail.subject holds 300: a part of 200 always fits.
SUBJECT_PART_MAX_LENGTH = 200
# Control characters (line feed, carriage return, tab, escape...) and the Unicode line and paragraph separators.
LINE_BREAKING_CATEGORIES = {"Cc", "Zl", "Zp"}
# Bidirectional embedding, override and isolate controls, and the left-to-right and right-to-left marks: invisible,
# and one left open reverses the text after it (an email's subject, an organisation printed backwards after a
# title). Right-to-left scripts need none of them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(character) in LINE_BREAKING_CATEGORIES for character in value)


def without_bidi_controls(value: str) -> str:
    return value.translate(dict.fromkeys(map(ord, BIDI_CONTROLS)))


def texts_without_bidi_controls(cleaned_data: dict) -> dict:
    """A form's cleaned data with every text stripped of bidirectional controls and outer whitespace."""
    return {name: without_bidi_controls(value).strip() if isinstance(value, str) else value
            for name, value in cleaned_data.items()}
def listed(items) -> str:
    """Items named in a sentence, as the language separates them: "a, b" in English, "a、b" in Chinese."""
    return pgettext("between the items of a list in a sentence", ", ").join(str(item) for item in items)


@deconstructible
class SubjectPartValidator:
    """Refuses a line break, a bidirectional control or another control character, and more than
    SUBJECT_PART_MAX_LENGTH characters."""

    def __call__(self, value: str) -> None:
        if has_control_characters(value) or not BIDI_CONTROLS.isdisjoint(value):
            raise ValidationError(
                _("Write this on one line, without line breaks or other control characters: it is used in the "
                  "subject of emails."), code="not_one_line",
            )
        if len(value) > SUBJECT_PART_MAX_LENGTH:
            raise ValidationError(
                _("Keep this to %(limit)d characters (it has %(length)d): it is used in the subject of emails."),
                code="too_long_for_a_subject", params={"limit": SUBJECT_PART_MAX_LENGTH, "length": len(value)},
            )

    def __eq__(self, other):
        return isinstance(other, SubjectPartValidator)


validate_subject_part = SubjectPartValidator()


@deconstructible
class PublicLinkValidator:
    """A link shown to the public: https only (an ftp:// or http:// link is refused), with no invisible control
    character that would make it read as another address."""

    def __call__(self, value: str) -> None:
        if has_control_characters(value) or not BIDI_CONTROLS.isdisjoint(value):
            raise ValidationError(_("Write the address without invisible control characters."),
                                  code="link_control_characters")
        if not value.lower().startswith("https://"):
            raise ValidationError(_("Give an address starting with https://."), code="link_not_https")

    def __eq__(self, other):
        return isinstance(other, PublicLinkValidator)


validate_public_link = PublicLinkValidator()
