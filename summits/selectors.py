"""Reads about summit editions that views, the admin and tasks share."""

from django.db.models import Exists, OuterRef, Value
from django.http import Http404

from core.enums import PublicationStatus

from .models import Summit

PUBLISHED = PublicationStatus.PUBLISHED


def newer_published_edition(year_field: str = "year") -> Exists:
    """Whether an edition newer than the row's is published; without one, the row's is the current edition, the one
    guests register for and the site's navigation offers."""
    return Exists(Summit.objects.filter(status=PUBLISHED, year__gt=OuterRef(year_field)))


IS_CURRENT = ~newer_published_edition()


def current_summit() -> Summit | None:
    """The latest published edition, the one the public site leads with (``is_current`` set)."""
    return (Summit.objects.filter(status=PUBLISHED).select_related("venue").annotate(is_current=Value(True))
            .order_by("-year").first())


def published_summit(year: int) -> Summit | None:
    """The published edition of ``year`` with its main venue and ``is_current``, in one query; None if unknown or
    not published."""
    return Summit.objects.filter(year=year, status=PUBLISHED).select_related("venue").annotate(
        is_current=IS_CURRENT).first()


def published_summit_or_404(year: int) -> Summit:
    """For the pages of one edition: an unknown or unpublished edition is not found."""
    summit = published_summit(year)
    if summit is None:
        raise Http404("No published summit for this year.")
    return summit
