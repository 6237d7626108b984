"""The visa letters' chart on the guests' dashboard: letters by status, and requests by nationality."""

from django.utils.translation import gettext as _

from core.countries import countries
from guests.dashboard import Bar, DashboardSection

from .enums import LetterStatus
from .selectors import letter_counts

TOP_NATIONALITIES = 15


def visa_sections(summit) -> list[DashboardSection]:
    counts = letter_counts(summit)
    total = counts["by_status"]["total"]
    if not total:
        return []
    by_status = [Bar(key=value, label=str(label), count=counts["by_status"][value], total=total)
                 for value, label in LetterStatus.choices]
    by_nationality = sorted(
        (Bar(key=code, label=str(countries.name(code)) or code, count=count, total=total)
         for code, count in counts["by_nationality"].items()),
        key=lambda bar: (-bar.count, bar.label),
    )[:TOP_NATIONALITIES]
    return [
        DashboardSection(caption=_("Visa invitation letters by status"), heading=_("Visa invitation letters"),
                         bars=by_status, totals=[(_("Letters requested"), total)]),
        DashboardSection(caption=_("Visa invitation letters by nationality"),
                         heading=_("Visa letters by nationality"), bars=by_nationality),
    ]
