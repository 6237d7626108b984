"""The Light of the Internet Expo of an edition: the exhibitor directory, an exhibitor, an exhibit, the cloud hall."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.pages import public_page
from core.site import Crumb, trail

from . import selectors
from .enums import ExhibitCategory


def _expo_or_404(year: int):
    expo = selectors.public_expo(year)
    if expo is None:
        raise Http404
    return expo


def _expo_trail(expo, *steps: Crumb) -> list[Crumb]:
    """Breadcrumbs through the expo's page to ``steps``."""
    return trail((expo.name, reverse("expo:expo", kwargs={"year": expo.summit.year})), *steps, summit=expo.summit)


@public_page(params=("category",))
def expo(request, year):
    """The expo at a glance and its exhibitor directory, which a category narrows down."""
    found = _expo_or_404(year)
    category = selectors.parse_category(request.GET.get("category"))
    return render(request, "expo/expo.html", {
        "summit": found.summit,
        "section": "expo",
        "expo": found,
        "venue": found.venue or found.summit.venue,
        "online_hall_open": selectors.online_hall_is_open(found),
        "categories": ExhibitCategory.choices,
        "category": category,
        "exhibitors": selectors.exhibitor_directory(found, category),
        "new_releases": selectors.new_releases(found, category),
        "trail": trail((found.name, None), summit=found.summit),
    })


@public_page
def online_hall(request, year):
    """The online cloud hall: the exhibits shown online by category while it is open, else when it opens or closed."""
    found = _expo_or_404(year)
    return render(request, "expo/online_hall.html", {
        "summit": found.summit,
        "section": "expo",
        "expo": found,
        "hall_status": selectors.online_hall_status(found),
        "groups": selectors.online_hall_by_category(found),
        "trail": _expo_trail(found, (_("Online hall"), None)),
    })


@public_page
def exhibitor(request, year, slug):
    """A public exhibitor: logo, description, website, booth and its published exhibits."""
    found = selectors.public_exhibitor(year, slug)
    if found is None:
        raise Http404
    return render(request, "expo/exhibitor.html", {
        "summit": found.expo.summit,
        "section": "expo",
        "expo": found.expo,
        "exhibitor": found,
        "trail": _expo_trail(found.expo, (found.organization.name, None)),
    })


@public_page
def exhibit(request, year, exhibitor, slug):
    """A published exhibit of a public exhibitor, with its images."""
    found = selectors.public_exhibit(year, exhibitor, slug)
    if found is None:
        raise Http404
    shown_by = found.exhibitor
    return render(request, "expo/exhibit.html", {
        "summit": shown_by.expo.summit,
        "section": "expo",
        "expo": shown_by.expo,
        "exhibitor": shown_by,
        "exhibit": found,
        "trail": _expo_trail(
            shown_by.expo,
            (shown_by.organization.name,
             reverse("expo:exhibitor", kwargs={"year": year, "slug": shown_by.organization.slug})),
            (found.title, None),
        ),
    })
