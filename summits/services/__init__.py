"""Business rules for summit editions."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.enums import AuditAction, PublicationStatus
from core.refusals import Refused
from core.services.audit import record_audit

from ..models import PressConference, Summit, SummitOrganization
from ..signals import edition_planned, edition_started

WEEK = datetime.timedelta(weeks=1)


class EditionRefused(Refused):
    """Next year's edition cannot be started; ``existing`` is the edition already holding that year, if any."""

    def __init__(self, message, *, code: str, existing: Summit | None = None):
        super().__init__(message, code=code)
        self.existing = existing


@dataclass(frozen=True)
class CopyLine:
    """One kind of row on the confirmation page: how many the source edition has, and whether they are copied."""

    label: str
    count: int
    copied: bool
    note: str = ""


def plural_label(model) -> str:
    """A model's plural name as a line of the confirmation page starts with it: "Forums"."""
    return str(capfirst(model._meta.verbose_name_plural))


@dataclass(frozen=True)
class NextEditionPlan:
    """What "Start next year's edition" would create from ``source``: shown for confirmation, nothing written."""

    source: Summit
    year: int
    slug: str
    name_en: str
    name_zh_hans: str
    start_date: datetime.date
    end_date: datetime.date
    shift: datetime.timedelta
    lines: list[CopyLine]

    @property
    def copied(self) -> list[CopyLine]:
        return [line for line in self.lines if line.copied]

    @property
    def not_copied(self) -> list[CopyLine]:
        return [line for line in self.lines if not line.copied]


def next_edition_shift(*, summit: Summit) -> datetime.timedelta:
    """How far the next edition's dates move from ``summit``'s: whole weeks, so every day keeps its weekday, as
    near a year as lands the first day in the following calendar year (52 weeks, 53 near New Year)."""
    start = summit.start_date
    shift = datetime.timedelta(weeks=52)
    while (start + shift).year <= start.year:
        shift += WEEK
    while (start + shift).year > start.year + 1:
        shift -= WEEK
    return shift


def _with_year(text: str, *, old: int, new: int) -> str:
    return text.replace(str(old), str(new)) if text else text


def _refuse_if_taken(*, year: int, slug: str) -> None:
    existing = Summit.objects.filter(year=year).first()
    if existing is not None:
        raise EditionRefused(
            _("The %(year)s edition already exists: “%(name)s” (%(status)s). Nothing was created: a year has one "
              "edition, so change that one.")
            % {"year": year, "name": existing.name, "status": str(existing.get_status_display()).lower()},
            code="edition_exists", existing=existing,
        )
    holder = Summit.objects.filter(slug=slug).first()
    if holder is not None:
        raise EditionRefused(
            _("The address “%(slug)s” is already used by “%(name)s”. Nothing was created: change that edition's "
              "slug first.") % {"slug": slug, "name": holder.name},
            code="slug_taken", existing=holder,
        )


def plan_next_edition(*, summit: Summit) -> NextEditionPlan:
    """The edition after ``summit`` (its year plus one) and what would be copied into it, or ``EditionRefused``
    (``edition_exists``, ``slug_taken``) when that year already has an edition. Reads only."""
    year = summit.year + 1
    slug = f"wic{year}"
    _refuse_if_taken(year=year, slug=slug)
    shift = next_edition_shift(summit=summit)
    own = [
        CopyLine(plural_label(SummitOrganization), summit.partners.count(), copied=True),
        CopyLine(plural_label(PressConference), summit.press_conferences.count(), copied=True,
                 note=_("as drafts to review, their dates moved")),
    ]
    answers: list[tuple[object, list[CopyLine]]] = edition_planned.send(  # type: ignore[assignment]
        sender=Summit, source=summit)  # django-stubs types a receiver's answer as str
    theirs = [line for _receiver, lines in answers for line in lines]
    names = {field: getattr(summit, field) for field in ("name_en", "name_zh_hans")}  # modeltranslation's fields
    return NextEditionPlan(
        source=summit, year=year, slug=slug,
        name_en=_with_year(names["name_en"], old=summit.year, new=year),
        name_zh_hans=_with_year(names["name_zh_hans"], old=summit.year, new=year),
        start_date=summit.start_date + shift, end_date=summit.end_date + shift, shift=shift, lines=[*own, *theirs],
    )


@transaction.atomic
def start_next_edition(*, summit: Summit, actor) -> Summit:
    """Create the edition of ``summit.year + 1`` as a draft copy of ``summit``, marked to review.

    Copied here: the edition itself (its name's year moved; banner and recorded figures left empty), its organisers
    and supporters, and its press conferences (drafts, dates moved). The apps above copy their own rows on
    ``signals.edition_started``: theme groups and forums without sessions (forums), award programmes with their
    categories and criteria, without nominations (awards), the expo with its halls and booths, without exhibitors
    (expo). Dates move by ``next_edition_shift``, so every day keeps its weekday. No guest is copied.

    Refused (``EditionRefused``) when that year already has an edition, whether it was made before or by a
    concurrent request: the source row is locked first, so a second click waits for the first and then finds its
    edition; the unique year and slug catch whatever else races. All rows commit together, or none.
    """
    source = Summit.objects.select_for_update().get(pk=summit.pk)
    plan = plan_next_edition(summit=source)
    translated = {
        f"{field}_{lang}": getattr(source, f"{field}_{lang}")
        for field in ("theme", "description", "city")
        for lang in ("en", "zh_hans")
    }
    try:
        with transaction.atomic():  # a savepoint: the refusal below leaves the outer transaction usable
            new_summit = Summit.objects.create(
                year=plan.year, slug=plan.slug, name_en=plan.name_en, name_zh_hans=plan.name_zh_hans,
                start_date=plan.start_date, end_date=plan.end_date,
                registration_opens=source.registration_opens and source.registration_opens + plan.shift,
                registration_closes=source.registration_closes and source.registration_closes + plan.shift,
                venue=source.venue, mode=source.mode, registration_mode=source.registration_mode,
                status=PublicationStatus.DRAFT, needs_review=True, **translated,
            )
    except IntegrityError:
        _refuse_if_taken(year=plan.year, slug=plan.slug)  # names the edition a concurrent request just made
        raise
    SummitOrganization.objects.bulk_create(
        SummitOrganization(summit=new_summit, organization_id=partner.organization_id, role=partner.role,
                           order=partner.order)
        for partner in source.partners.all()
    )
    for conference in source.press_conferences.all():
        conference.pk, conference.id, conference.summit = None, None, new_summit
        for field in ("title_en", "title_zh_hans"):
            setattr(conference, field, _with_year(getattr(conference, field), old=source.year, new=plan.year))
        conference.held_at += plan.shift
        conference.status, conference.published_at, conference.needs_review = PublicationStatus.DRAFT, None, True
        conference.save()
    edition_started.send(sender=Summit, source=source, new_summit=new_summit, shift=plan.shift)
    record_audit(
        actor=actor, action=AuditAction.CREATED, obj=new_summit, note=_("Started from the %(year)s edition")
        % {"year": source.year}
    )
    return new_summit
