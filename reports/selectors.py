"""Reads of reports shared by the public site and the API."""

from django.db.models import QuerySet

from .enums import EditionStatus
from .models import ReportEdition


def published_editions(summit=None) -> QuerySet[ReportEdition]:
    """Published editions, series by series in the series' order, newest first; only one summit's if given."""
    editions = ReportEdition.objects.filter(status=EditionStatus.PUBLISHED)
    if summit is not None:
        editions = editions.filter(summit=summit)
    return editions.select_related("series", "summit").order_by("series__order", "series__pk", "-year", "-version",
                                                                "pk")
