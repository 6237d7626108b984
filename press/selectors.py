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


def accreditation_figures(summit) -> tuple[dict[str, int], dict[str, int]]:
    """The edition's accreditations by status, and the accredited by their outlet's country or region: one query."""
    rows = (PressAccreditation.objects.filter(registration__summit=summit)
            .values("status", "outlet_country").annotate(count=Count("pk")).order_by())
    by_status: dict[str, int] = {}
    accredited_by_country: dict[str, int] = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["count"]
        if row["status"] == AccreditationStatus.ACCREDITED:
            accredited_by_country[row["outlet_country"]] = row["count"]
    return by_status, accredited_by_country
