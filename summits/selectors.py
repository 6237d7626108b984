"""Reads about summit editions that views, the admin and tasks share.

Which edition is *current* is decided by the calendar, in Wuzhen time (``core.clock.wuzhen_today``), never by
which edition is the newest: the current edition is the published one running today or, if none is, the next one
to start. When every published edition has ended, the latest of them leads the site as the archive's head
(``is_current`` False: nothing of it is open). What is open in an edition (registration, the expo's applications,
the check-in desk) is asked of the edition itself: ``Summit.registration_is_open``, ``Summit.has_ended``.

Organizers' screens open on ``organizers_edition``, which may be a draft (see there).
"""

import datetime
from collections.abc import Iterable

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404

from core.clock import wuzhen_today
from core.enums import PublicationStatus

from .models import Summit

PUBLISHED = PublicationStatus.PUBLISHED

# Each edition's page also reads its expo (a reverse one-to-one, no extra query) for the navigation: the Expo and
# online hall links are shown only where the edition has them.
WITH_PAGE_RELATIONS = ("venue", "expo")


def is_current_edition(today: datetime.date | None = None, *, prefix: str = "") -> ExpressionWrapper:
    """The ``is_current`` annotation of an edition (``prefix`` "summit__" from a row pointing at one): published,
    not ended by ``today`` (Wuzhen's, by default), and no other such edition starts before it."""
    today = today or wuzhen_today()
    earlier = Summit.objects.filter(status=PUBLISHED, end_date__gte=today,
                                    start_date__lt=OuterRef(f"{prefix}start_date"))
    rule = Q(**{f"{prefix}status": PUBLISHED, f"{prefix}end_date__gte": today}) & ~Exists(earlier)
    return ExpressionWrapper(rule, output_field=BooleanField())


def current_summit() -> Summit | None:
    """The edition the public site leads with, with its venue and expo, in one query: the published one running
    today or coming next (``is_current`` True); if every published edition has ended, the latest of them
    (``is_current`` False); None when nothing is published."""
    return (Summit.objects.filter(status=PUBLISHED).select_related(*WITH_PAGE_RELATIONS)
            .annotate(is_current=is_current_edition()).order_by("-is_current", "-end_date").first())


def published_summit(year: int) -> Summit | None:
    """The published edition of ``year`` with its venue, expo and ``is_current``, in one query; None if unknown or
    not published."""
    return (Summit.objects.filter(year=year, status=PUBLISHED).select_related(*WITH_PAGE_RELATIONS)
            .annotate(is_current=is_current_edition()).first())


def published_summit_or_404(year: int) -> Summit:
    """For the pages of one edition: an unknown or unpublished edition is not found."""
    summit = published_summit(year)
    if summit is None:
        raise Http404("No published summit for this year.")
    return summit


def next_edition(summit: Summit) -> Summit | None:
    """The published edition after ``summit`` that has not ended (with its venue and expo), for a page of a closed
    edition to point to; None when none is published yet."""
    return (Summit.objects.filter(status=PUBLISHED, end_date__gte=wuzhen_today(), start_date__gt=summit.start_date)
            .select_related(*WITH_PAGE_RELATIONS).order_by("start_date").first())


def organizers_edition(editions: Iterable[Summit] | None = None) -> Summit | None:
    """The edition organizers' screens open on (the admin's edition filters, the guests' dashboard), among
    ``editions`` (every edition by default, one query; a list already read costs none).

    Organizers prepare drafts, but the screens must open where the work is: the published edition running today
    or coming next (the public site's current edition); if none, the nearest draft that has not ended (the next
    edition being prepared); if every edition has ended, the latest one. Never simply the newest year, which may
    be a draft started far ahead.
    """
    editions = list(editions_newest_first() if editions is None else editions)
    today = wuzhen_today()
    ahead = sorted((summit for summit in editions if summit.end_date >= today), key=lambda summit: summit.start_date)
    published_ahead = [summit for summit in ahead if summit.is_published]
    if published_ahead or ahead:
        return (published_ahead or ahead)[0]
    return max(editions, key=lambda summit: summit.end_date, default=None)


def editions_newest_first() -> QuerySet[Summit]:
    """Every edition, drafts included, newest first: the choices of the organizers' edition pickers."""
    return Summit.objects.order_by("-year")
