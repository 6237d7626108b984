"""The programme's public pages: an edition's agenda and its print view, a forum, a session and a speaker.

Each view reads through ``selectors`` in a fixed number of queries and renders; ``public_page`` caches the 200.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.pages import public_page
from core.site import trail
from summits.models import Summit
from summits.selectors import published_summit_or_404

from . import selectors
from .feed_views import DEFAULT_FEED_LANGUAGE
from .forms import FILTER_NAMES, AgendaFilterForm

SECTION = "agenda"


def _feed_links(name: str, *, edition: Summit | None = None, **kwargs) -> list[tuple[str, str]]:
    """(link text, address) of each schedule feed, in the page's language (the feeds take it as ``?lang=``).

    With ``edition``, the link texts name it: a speaker's page lists feeds for each edition they speak at.
    """
    language = get_language()
    query = "" if language == DEFAULT_FEED_LANGUAGE else f"?lang={language}"
    if edition is None:
        labels = {
            "ics": _("Schedule for your calendar (.ics)"),
            "json": _("Schedule as JSON (.json)"),
            "xml": _("Schedule as XML (.xml)"),
        }
    else:
        names = {"year": edition.year}
        labels = {
            "ics": _("%(year)s schedule for your calendar (.ics)") % names,
            "json": _("%(year)s schedule as JSON (.json)") % names,
            "xml": _("%(year)s schedule as XML (.xml)") % names,
        }
    return [(labels[feed_format], reverse(name, kwargs={**kwargs, "format": feed_format}) + query)
            for feed_format in labels]


def _filtered_agenda(request: HttpRequest, summit: Summit) -> dict:
    """The edition's public sessions narrowed by the valid filters of the query string, with the filter form."""
    sessions = selectors.agenda_sessions(summit)
    form = AgendaFilterForm(request.GET, options=selectors.agenda_options(sessions))
    matching = selectors.filter_agenda(sessions, form.filters())
    return {
        "summit": summit,
        "section": SECTION,
        "form": form,
        "days": selectors.agenda_days(matching),
        "session_count": len(matching),
        "has_sessions": bool(sessions),
        "is_filtered": any(request.GET.get(name) for name in FILTER_NAMES),
        "filter_query": form.query_string(),
    }


@public_page(params=FILTER_NAMES)
def agenda(request: HttpRequest, year: int) -> HttpResponse:
    summit = published_summit_or_404(year)
    context = _filtered_agenda(request, summit)
    context["trail"] = trail((_("Agenda"), None), summit=summit)
    context["feeds"] = _feed_links("feeds:summit-schedule", year=summit.year)
    return render(request, "forums/agenda.html", context)


@public_page(params=FILTER_NAMES)
def agenda_print(request: HttpRequest, year: int) -> HttpResponse:
    summit = published_summit_or_404(year)
    context = _filtered_agenda(request, summit)
    agenda_url = reverse("forums:agenda", kwargs={"year": summit.year})
    context["agenda_url"] = agenda_url + (f"?{context['filter_query']}" if context["filter_query"] else "")
    context["applied_filters"] = context["form"].applied()
    context["trail"] = trail((_("Agenda"), context["agenda_url"]), (_("Print view"), None), summit=summit)
    return render(request, "forums/agenda_print.html", context)


@public_page
def forum(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    summit = published_summit_or_404(year)
    found = selectors.forum_page(summit, slug)
    if found is None:
        raise Http404("No published forum with this slug in this summit.")
    sessions = selectors.forum_sessions(summit, found)
    return render(request, "forums/forum.html", {
        "summit": summit,
        "section": SECTION,
        "forum": found,
        "sessions": sessions,
        "speakers": selectors.speakers_of(sessions),
        "feeds": _feed_links("feeds:forum-schedule", year=summit.year, slug=found.slug),
        "trail": trail((_("Agenda"), reverse("forums:agenda", kwargs={"year": summit.year})), (found.title, None),
                       summit=summit),
    })


@public_page
def session(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    summit = published_summit_or_404(year)
    found = selectors.session_page(summit, pk)
    if found is None:
        raise Http404("No public session with this number in this summit.")
    return render(request, "forums/session.html", {
        "summit": summit,
        "section": SECTION,
        "session": found,
        "trail": trail(
            (_("Agenda"), reverse("forums:agenda", kwargs={"year": summit.year})),
            (found.forum.title, reverse("forums:forum", kwargs={"year": summit.year, "slug": found.forum.slug})),
            (found.title, None),
            summit=summit,
        ),
    })


@public_page
def speaker(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.public_speaker(slug)
    if found is None:
        raise Http404("No speaker with this slug in the published programme.")
    person, editions = found
    for edition in editions:
        edition.feeds = _feed_links(
            "feeds:speaker-schedule", edition=edition.summit, year=edition.summit.year, slug=person.slug
        )
    return render(request, "forums/speaker.html", {
        "summit": editions[0].summit,
        "section": SECTION,
        "speaker": person,
        "editions": editions,
        "trail": trail((person.name, None)),
    })
