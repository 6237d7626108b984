"""Business rules for summit editions."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import AuditAction, PublicationStatus
from core.services.audit import record_audit

from .models import Summit, SummitOrganization

WEEKS_IN_A_YEAR = datetime.timedelta(weeks=52)


def next_edition_shift(*, summit: Summit, today: datetime.date) -> datetime.timedelta:
    """How far to move the edition: whole years of 52 weeks, so days keep their weekday, until it lies ahead."""
    shift = WEEKS_IN_A_YEAR
    while summit.start_date + shift <= today or Summit.objects.filter(year=(summit.start_date + shift).year).exists():
        shift += WEEKS_IN_A_YEAR
    return shift


@transaction.atomic
def start_next_edition(*, summit: Summit, actor, today: datetime.date | None = None) -> Summit:
    """Create the next edition as a draft copy of ``summit``: its theme groups, forums (without sessions),
    organisers and supporters, and award programmes with their categories (without nominations).

    Dates move by whole weeks so every day keeps its weekday, far enough to be in the future and in a year that
    has no edition yet. No guest, registration, session or nomination is copied. All rows commit together.
    """
    shift = next_edition_shift(summit=summit, today=today or timezone.localdate())
    year = (summit.start_date + shift).year
    translated = {
        f"{field}_{lang}": getattr(summit, f"{field}_{lang}")
        for field in ("name", "theme", "description", "city")
        for lang in ("en", "zh_hans")
    }
    for field in ("name_en", "name_zh_hans"):
        if translated[field]:
            translated[field] = translated[field].replace(str(summit.year), str(year))
    new_summit = Summit.objects.create(
        year=year,
        slug=f"wic{year}",
        start_date=summit.start_date + shift,
        end_date=summit.end_date + shift,
        registration_opens=summit.registration_opens and summit.registration_opens + shift,
        registration_closes=summit.registration_closes and summit.registration_closes + shift,
        venue=summit.venue,
        mode=summit.mode,
        status=PublicationStatus.DRAFT,
        **translated,
    )
    SummitOrganization.objects.bulk_create(
        SummitOrganization(summit=new_summit, organization_id=partner.organization_id, role=partner.role,
                           order=partner.order)
        for partner in summit.partners.all()
    )
    theme_groups = {}
    for group in summit.theme_groups.all():
        old_pk = group.pk
        group.pk, group.id, group.summit = None, None, new_summit
        group.save()
        theme_groups[old_pk] = group
    for forum in summit.forums.prefetch_related("co_hosts"):
        co_host_ids = [organization.pk for organization in forum.co_hosts.all()]
        forum.pk, forum.id, forum.summit = None, None, new_summit
        forum.theme_group = theme_groups.get(forum.theme_group_id)  # type: ignore[arg-type]  # None finds None
        forum.start, forum.end = forum.start + shift, forum.end + shift
        forum.status, forum.published_at = PublicationStatus.DRAFT, None
        forum.save()
        forum.co_hosts.add(*co_host_ids)  # add(), not set(): set() would read the prefetched old hosts
    for programme in summit.award_programmes.prefetch_related("categories"):
        categories = list(programme.categories.all())
        programme.pk, programme.id, programme.summit = None, None, new_summit
        programme.ceremony_session = None
        programme.status, programme.published_at = PublicationStatus.DRAFT, None
        programme.laureates_announced_at = None
        programme.nominations_open = programme.nominations_open and programme.nominations_open + shift
        programme.nominations_close = programme.nominations_close and programme.nominations_close + shift
        programme.save()
        for category in categories:
            category.pk, category.id, category.programme = None, None, programme
            category.save()
    record_audit(
        actor=actor, action=AuditAction.CREATED, obj=new_summit, note=_("Started from the %(year)s edition")
        % {"year": summit.year}
    )
    return new_summit

