"""Business rules of the expo: giving booths to exhibitors and approving their applications."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.enums import AuditAction
from core.services import record_audit

from .enums import ExhibitorStatus
from .models import Booth, Exhibitor

# A rejected application can be reconsidered; a withdrawn one was the exhibitor's own decision.
APPROVABLE = (ExhibitorStatus.APPLIED, ExhibitorStatus.REJECTED)
WITHOUT_BOOTH = (ExhibitorStatus.REJECTED, ExhibitorStatus.WITHDRAWN)


@transaction.atomic
def assign_booth(*, exhibitor: Exhibitor, booth: Booth, actor) -> Exhibitor:
    """Give ``booth`` to ``exhibitor`` (in place of any booth it had), and record it in the audit trail.

    The booth row is locked first, so two organizers giving the same booth at once are served one after the
    other and the second is refused with the name of the first's exhibitor; the one-to-one column is the
    database's last word. Refused as well: a booth in another expo, and a rejected or withdrawn exhibitor.
    """
    booth = Booth.objects.select_for_update(of=("self",)).select_related("hall__expo").get(pk=booth.pk)
    locked = Exhibitor.objects.select_for_update(of=("self",)).select_related("booth__hall").get(pk=exhibitor.pk)
    if locked.application_status in WITHOUT_BOOTH:
        raise ValidationError(
            _("%(exhibitor)s is %(status)s and cannot be given a booth."),
            code="exhibitor_not_eligible",
            params={"exhibitor": locked, "status": locked.get_application_status_display().lower()},
        )
    refusal = locked.booth_refusal(booth)
    if refusal:
        raise ValidationError(refusal, code="booth_refused")
    previous = locked.booth
    if previous == booth:
        return locked
    locked.booth = booth
    locked.save(update_fields=["booth", "updated_at"])
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=locked,
        changes={"booth": [str(previous) if previous else "", str(booth)]}, note=_("booth assigned"),
    )
    exhibitor.booth, exhibitor.updated_at = locked.booth, locked.updated_at
    return locked


@transaction.atomic
def approve_exhibitors(*, exhibitors: Iterable[Exhibitor], actor) -> int:
    """Approve the applications among ``exhibitors`` that are applied or rejected; returns how many changed.

    Withdrawn and already approved exhibitors are left as they are. All approvals commit together, each audited.
    """
    pks = [exhibitor.pk for exhibitor in exhibitors]
    approved = 0
    candidates = Exhibitor.objects.filter(pk__in=pks, application_status__in=APPROVABLE).order_by("pk")
    for exhibitor in candidates.select_for_update():
        previous = exhibitor.application_status
        exhibitor.application_status = ExhibitorStatus.APPROVED
        exhibitor.save(update_fields=["application_status", "updated_at"])
        record_audit(
            actor=actor, action=AuditAction.ACTION, obj=exhibitor,
            changes={"application_status": [previous, ExhibitorStatus.APPROVED.value]}, note=_("approved"),
        )
        approved += 1
    return approved
