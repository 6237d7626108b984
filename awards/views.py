"""The award programmes of an edition, one programme with its laureates, and the competition."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.pages import public_page
from core.site import trail
from summits.selectors import published_summit_or_404

from . import selectors
from .enums import ProgrammeKind


@public_page
def programmes(request, year):
    """The edition's awards, honours and best-practice calls (not the competition), with announced laureates."""
    summit = published_summit_or_404(year)
    return render(request, "awards/programmes.html", {
        "summit": summit,
        "section": "awards",
        "programmes": selectors.public_programmes(summit, competitions=False),
        "trail": trail((_("Awards"), None), summit=summit),
    })


@public_page
def programme(request, year, slug):
    """One published programme: its categories, criteria, call for nominations, ceremony and laureates."""
    found = selectors.public_programme(year, slug, with_criteria=True)
    if found is None:
        raise Http404
    summit = found.summit
    is_competition = found.kind == ProgrammeKind.COMPETITION
    parent = (
        (_("Competition"), reverse("awards:competition", kwargs={"year": year})) if is_competition
        else (_("Awards"), reverse("awards:programmes", kwargs={"year": year}))
    )
    return render(request, "awards/programme.html", {
        "summit": summit,
        "section": "competition" if is_competition else "awards",
        "programme": found,
        "trail": trail(parent, (found.name, None), summit=summit),
    })


@public_page
def competition(request, year):
    """The edition's competitions (e.g. Straight to Wuzhen): tracks and winners by track."""
    summit = published_summit_or_404(year)
    return render(request, "awards/competition.html", {
        "summit": summit,
        "section": "competition",
        "programmes": selectors.public_programmes(summit, competitions=True),
        "trail": trail((_("Competition"), None), summit=summit),
    })
