"""Business rules of the awards: the selection of nominations and the announcement of laureates."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import AuditAction, PublicationStatus
from core.refusals import Refused
from core.services.audit import record_audit

from ..enums import NominationStatus
from ..models import AwardProgramme, Nomination


@transaction.atomic
def publish_laureates(*, programme: AwardProgramme, actor) -> int:
    """Publish the programme and record that its laureates are announced now; returns how many were awarded.

    Refused while no nomination is awarded, so an empty list of laureates is never made public, and without a
    ceremony session, since laureates are announced bound to the session where they are honoured. The programme
    and its audit entry commit together.
    """
    programme = AwardProgramme.objects.select_for_update().get(pk=programme.pk)  # one announcement at a time
    awarded = programme.nominations.filter(status=NominationStatus.AWARDED).count()
    if not awarded:
        raise Refused(
            _("%(programme)s has no awarded nomination yet: award at least one before announcing the laureates.")
            % {"programme": programme},
            code="no_laureates",
        )
    if programme.ceremony_session_id is None:
        raise Refused(
            _("%(programme)s has no ceremony session: choose the session of the agenda where the laureates are "
              "honoured before announcing them.") % {"programme": programme},
            code="no_ceremony",
        )
    now = timezone.now()
    programme.status = PublicationStatus.PUBLISHED
    programme.published_at = programme.published_at or now
    programme.laureates_announced_at = now
    programme.save(update_fields=["status", "published_at", "laureates_announced_at", "updated_at"])
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=programme,
        changes={"status": PublicationStatus.PUBLISHED, "laureates_announced_at": now.isoformat()},
        note=_("Laureates announced: %(count)d") % {"count": awarded},
    )
    return awarded


@transaction.atomic
def set_nomination_status(*, nominations, status: NominationStatus, actor) -> int:
    """Move the given nominations to ``status`` (shortlist, award, reject); returns how many changed.

    A nomination leaving "awarded" loses its rank. Every change is audited; all commit together.
    """
    status = NominationStatus(status)
    # By ids: the admin's queryset carries score aggregates, and rows cannot be locked through a GROUP BY.
    ids = list(nominations.values_list("pk", flat=True))
    changed = 0
    for nomination in Nomination.objects.select_for_update().filter(pk__in=ids).exclude(status=status):
        before = nomination.status
        nomination.status = status
        if status != NominationStatus.AWARDED:
            nomination.awarded_rank = None
        nomination.save(update_fields=["status", "awarded_rank", "updated_at"])
        record_audit(
            actor=actor, action=AuditAction.ACTION, obj=nomination, changes={"status": [before, status.value]},
            note=status.label,
        )
        changed += 1
    return changed
