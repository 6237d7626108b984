"""The reports library: published editions by series and year, with downloads."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from core.pages import public_page
from core.site import trail

from . import selectors


def _year_or_none(value: str | None, years: list[int]) -> int | None:
    """The year asked for in the filter, or None (every year) for anything that is not a year of the library."""
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if year in years else None


@public_page(params=("year",))
def library(request):
    """Every published edition, series by series, with its summary, cover and download; filtered by year."""
    years = selectors.library_years()
    year = _year_or_none(request.GET.get("year"), years)
    return render(request, "reports/library.html", {
        "shelves": selectors.library(year),
        "years": years,
        "year": year,
        "section": "reports",
        "trail": trail((_("Reports"), None)),
    })
