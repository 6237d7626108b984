"""Reads of reports shared by the public site and the API."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, F, QuerySet
from django.utils.translation import get_language

from forums.selectors import public_session_q

from .enums import EditionStatus, RunStatus
from .models import PublishingRun, ReportEdition, ReportSeries


def published_editions(summit=None) -> QuerySet[ReportEdition]:
    """Published editions, series by series in the series' order, newest first; only one summit's if given."""
    editions = ReportEdition.objects.filter(status=EditionStatus.PUBLISHED)
    if summit is not None:
        editions = editions.filter(summit=summit)
    return editions.select_related("series", "summit").order_by("series__order", "series__pk", "-year", "-version",
                                                                "pk")


def active_run(*, edition: ReportEdition) -> PublishingRun | None:
    """The edition's publishing run waiting for its time or at work, if any (there is at most one)."""
    return edition.publishing_runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()


FILE_LANGUAGES = ("en", "zh-hans")
FEED_SIZE = 50


@dataclass(frozen=True)
class Download:
    """The file a reader of ``language`` gets: their language's, else the other one (``is_other_language``)."""

    url: str
    size: int | None
    language: str
    is_other_language: bool


def _field_suffix(language: str) -> str:
    return language.replace("-", "_")


def edition_download(edition: ReportEdition, language: str | None = None) -> Download | None:
    """The download of ``edition`` for a reader of ``language`` (the current one by default), or None if the
    edition has no file at all. Reads only the edition's own fields: no query."""
    language = language or get_language() or "en"
    order = [language, *(other for other in FILE_LANGUAGES if other != language)]
    for candidate in order:
        suffix = _field_suffix(candidate)
        file = getattr(edition, f"file_{suffix}", None)
        if file:
            return Download(url=file.url, size=getattr(edition, f"file_size_{suffix}", None), language=candidate,
                            is_other_language=candidate != language)
    return None


def feed_editions(limit: int = FEED_SIZE) -> QuerySet[ReportEdition]:
    """The latest published editions for the Atom feed, newest publication first (editions published before
    publication times were kept come last, newest year first)."""
    return (
        ReportEdition.objects.filter(status=EditionStatus.PUBLISHED)
        .select_related("series")
        .order_by(F("published_at").desc(nulls_last=True), "-year", "-pk")[:limit]
    )


@dataclass
class SeriesShelf:
    """One series of the library with its published editions, newest first."""

    series: ReportSeries
    editions: list[ReportEdition] = field(default_factory=list)


def library_years() -> list[int]:
    """The years that have a published edition, newest first: the library's year filter offers these."""
    return list(
        ReportEdition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-year").values_list("year", flat=True)
        .distinct()
    )


def library(year: int | None = None) -> list[SeriesShelf]:
    """The published editions by series (only ``year``'s if given), in one query, each with its ``download`` in
    the current language (see ``edition_download``).

    Each edition carries ``release_session_is_public`` and ``release_session_year``, so that the page links to the
    session where it was released only when the public may see that session, without a query per edition.
    """
    editions = published_editions().annotate(
        release_session_is_public=ExpressionWrapper(
            public_session_q("release_session__"), output_field=BooleanField()
        ),
        release_session_year=F("release_session__forum__summit__year"),
    )
    if year is not None:
        editions = editions.filter(year=year)
    shelves: list[SeriesShelf] = []
    language = get_language()
    for edition in editions:
        edition.download = edition_download(edition, language)  # type: ignore[attr-defined]  # for the templates
        if not shelves or shelves[-1].series.pk != edition.series_id:
            shelves.append(SeriesShelf(series=edition.series))
        shelves[-1].editions.append(edition)
    return shelves
