"""Reads of the press accreditation: the press conferences of an edition, who may attend them, and the figures."""

from django.db.models import Count

from core.enums import PublicationStatus
from forums.enums import ForumKind
from forums.models import Forum

from .enums import AccreditationStatus
from .models import PressAccreditation


def press_conferences(summit):
    """The edition's published press conferences, in programme order, with their rooms: one query."""
    return (
        Forum.objects.filter(summit=summit, kind=ForumKind.PRESS_CONFERENCE, status=PublicationStatus.PUBLISHED)
        .select_related("room")
        .order_by("start", "order", "pk")
    )


def accredited_journalists(summit):
    """Every journalist accredited for the edition, who may attend all its press conferences: one query."""
    return (
        PressAccreditation.objects.filter(registration__summit=summit, status=AccreditationStatus.ACCREDITED)
        .select_related("registration__guest")
        .order_by("media_outlet", "registration__guest__full_name", "pk")
    )


def accreditation_of(registration) -> PressAccreditation | None:
    return PressAccreditation.objects.filter(registration=registration).first()


def status_counts(summit) -> dict[str, int]:
    """Accreditations of the edition by status: one query."""
    rows = (PressAccreditation.objects.filter(registration__summit=summit)
            .values("status").annotate(count=Count("pk")).order_by())
    return {row["status"]: row["count"] for row in rows}


def accredited_by_country(summit) -> dict[str, int]:
    """Accredited journalists of the edition by their outlet's country or region: one query."""
    rows = (PressAccreditation.objects.filter(registration__summit=summit, status=AccreditationStatus.ACCREDITED)
            .values("outlet_country").annotate(count=Count("pk")).order_by())
    return {row["outlet_country"]: row["count"] for row in rows}
