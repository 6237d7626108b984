"""The award programmes copied into next year's edition (``summits.signals.edition_started``)."""

from datetime import timedelta

from django.utils.translation import gettext as _

from core.enums import PublicationStatus
from summits.models import Summit
from summits.services import CopyLine, plural_label

from ..models import AwardCategory, AwardProgramme, JuryMember, Nomination, ReviewCriterion


def planned_copy(*, source: Summit) -> list[CopyLine]:
    """What ``copy_programmes`` would take from ``source`` and what it leaves: five count queries."""
    of_source = {"programme__summit": source}
    return [
        CopyLine(plural_label(AwardProgramme), source.award_programmes.count(), copied=True,
                 note=_("as drafts to review, their call dates moved, without a ceremony session")),
        CopyLine(plural_label(AwardCategory),
                 AwardCategory.objects.filter(**of_source).count(), copied=True),
        CopyLine(plural_label(ReviewCriterion),
                 ReviewCriterion.objects.filter(**of_source).count(), copied=True),
        CopyLine(plural_label(Nomination), Nomination.objects.filter(**of_source).count(),
                 copied=False, note=_("nor entries, laureates, review rounds or reviews")),
        CopyLine(plural_label(JuryMember), JuryMember.objects.filter(**of_source).count(),
                 copied=False, note=_("each year's jury is appointed anew")),
    ]


def copy_programmes(*, source: Summit, new_summit: Summit, shift: timedelta) -> None:
    """Copy ``source``'s award programmes into ``new_summit`` as drafts marked to review (core/review.py), with
    their categories (marked too) and review criteria; calls moved by ``shift``, no ceremony session (next year's
    agenda has none yet), no nomination, jury or round. Runs inside ``start_next_edition``'s transaction."""
    for programme in source.award_programmes.prefetch_related("categories", "review_criteria"):
        categories, criteria = list(programme.categories.all()), list(programme.review_criteria.all())
        programme.pk, programme.id, programme.summit = None, None, new_summit
        programme.ceremony_session = None
        programme.status, programme.published_at, programme.needs_review = PublicationStatus.DRAFT, None, True
        programme.laureates_announced_at = None
        programme.nominations_open = programme.nominations_open and programme.nominations_open + shift
        programme.nominations_close = programme.nominations_close and programme.nominations_close + shift
        programme.save()
        for category in categories:
            category.pk, category.id, category.programme, category.needs_review = None, None, programme, True
        AwardCategory.objects.bulk_create(categories)
        for criterion in criteria:
            criterion.pk, criterion.id, criterion.programme = None, None, programme
        ReviewCriterion.objects.bulk_create(criteria)
