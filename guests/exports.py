"""Registrations as a CSV file for organizers: one row per registration, opened by Excel with Chinese intact."""

import csv
from typing import TextIO

from django.db.models import Prefetch
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .enums import SeatStatus
from .models import ForumChoice

# Excel reads a CSV file as UTF-8 only when it starts with the byte order mark.
BOM = "\ufeff"
# A cell starting with one of these is run as a formula by spreadsheets; guests type these fields themselves.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def registration_csv_header() -> list[str]:
    return [
        _("id"), _("status"), _("participation"), _("full name"), _("native name"), _("title"), _("organisation"),
        _("category"), _("country code"), _("country name"), _("email"), _("phone"), _("forums (seated)"),
        _("forums (waitlisted)"), _("created"), _("verified"), _("decided"), _("checked in"),
    ]


def _text(value: str) -> str:
    """Guest-typed text, kept from being read as a spreadsheet formula (a leading apostrophe shows as text)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def _when(value) -> str:
    return localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _forums(choices, seat_status: str) -> str:
    return "; ".join(choice.forum.title for choice in choices if choice.seat_status == seat_status)


def write_registrations_csv(*, registrations, stream: TextIO) -> int:
    """Write the registrations (a queryset) to ``stream`` as CSV, header first; returns how many rows.

    Reads in two queries whatever the number of rows: the registrations with their guests, then their forum
    choices. Labels and forum titles are in the active language.
    """
    choices = ForumChoice.objects.select_related("forum").order_by("forum__start", "forum__pk")
    rows = (
        registrations.select_related("guest")
        .prefetch_related(Prefetch("forum_choices", queryset=choices))
        .order_by("pk")
    )
    writer = csv.writer(stream)
    stream.write(BOM)
    writer.writerow(registration_csv_header())
    count = 0
    for registration in rows:
        guest = registration.guest
        forum_choices = list(registration.forum_choices.all())
        writer.writerow([
            registration.pk,
            registration.get_status_display(),
            registration.get_participation_display(),
            _text(guest.full_name),
            _text(guest.native_name),
            _text(guest.title),
            _text(guest.organization_name),
            guest.get_category_display(),
            guest.country.code,
            guest.country.name,
            _text(guest.email),
            _text(guest.phone),
            _forums(forum_choices, SeatStatus.SEATED),
            _forums(forum_choices, SeatStatus.WAITLISTED),
            _when(registration.created_at),
            _when(registration.verified_at),
            _when(registration.decided_at),
            _when(registration.checked_in_at),
        ])
        count += 1
    return count
