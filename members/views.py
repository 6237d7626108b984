"""The WIC International Organization's member directory, with its figures by continent and country."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from core.pages import public_page
from core.site import trail

from . import selectors
from .charts import bar_chart
from .enums import Continent


@public_page(params=("continent",))
def directory(request):
    """Every active member by continent and country (or one continent's), the figures, and the WIC's bodies."""
    continent = selectors.continent_or_none(request.GET.get("continent"))
    figures = selectors.member_figures()
    return render(request, "members/directory.html", {
        "continent": continent,
        "continent_label": Continent(continent).label if continent else "",
        "continent_choices": [(code, label) for code, label, _count in sorted(figures.by_continent,
                                                                               key=lambda row: str(row[1]))],
        "groups": selectors.members_by_continent(continent),
        "figures": figures,
        "chart": bar_chart([(label, count) for _code, label, count in figures.by_continent]),
        "bodies": selectors.bodies(),
        "section": "members",
        "trail": trail((_("Members"), None)),
    })
