"""Reads of the expo shared by the public site, the online cloud hall and the API."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.enums import PublicationStatus

from .enums import ExhibitorStatus
from .models import Exhibit, ExhibitImage, Expo


def online_hall_is_open(expo: Expo, on: datetime.date | None = None) -> bool:
    """Whether the expo's online cloud hall is open on ``on`` (today in Wuzhen by default), both ends included."""
    return expo.online_hall_open_on(on or timezone.localdate())


def online_hall_exhibits(expo: Expo, on: datetime.date | None = None) -> QuerySet[Exhibit]:
    """What the online cloud hall shows on ``on``: nothing while it is closed (or the expo is unpublished);
    otherwise the published exhibits marked to be shown online, of published and approved exhibitors.

    Exhibitors with their organisation come in the same query, the images (in order) in one more.
    """
    if not expo.is_published or not online_hall_is_open(expo, on):
        return Exhibit.objects.none()
    return (
        Exhibit.objects.filter(
            exhibitor__expo=expo,
            exhibitor__status=PublicationStatus.PUBLISHED,
            exhibitor__application_status=ExhibitorStatus.APPROVED,
            status=PublicationStatus.PUBLISHED,
            shown_online=True,
        )
        .select_related("exhibitor__organization")
        .prefetch_related(Prefetch("images", queryset=ExhibitImage.objects.order_by("order", "pk")))
        .order_by("exhibitor__organization__name", "order", "pk")
    )
