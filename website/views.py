"""The site's front: the current edition, the archive of every edition, one edition's overview."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.pages import public_page
from core.site import trail
from summits.selectors import current_summit, published_summit_or_404

from . import selectors


@public_page
def home(request):
    """The current edition at a glance (running or coming next; else the latest, as an archive), or a word that
    none is published yet."""
    summit = current_summit()
    overview = selectors.edition_overview(summit) if summit else None
    return render(request, "website/home.html", {"summit": summit, "overview": overview})


@public_page
def archive(request):
    """Every published edition, newest first, with its key figures."""
    crumbs = trail((_("Editions"), None))
    return render(request, "website/archive.html", {
        "summits": selectors.published_summits(), "section": "archive", "trail": crumbs,
    })


@public_page
def edition(request, year: int):
    """One published edition's overview, the same as the home page shows for the current one."""
    summit = published_summit_or_404(year)
    overview = selectors.edition_overview(summit)
    crumbs = trail((_("Editions"), reverse("website:archive")), (summit.name, None))
    return render(request, "website/edition.html", {
        "summit": summit, "overview": overview, "section": "archive", "trail": crumbs,
    })
