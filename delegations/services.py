"""Delegations' rules: the focal point's additions within the quota, substitutions before the deadline, members
completing their own data (registered through guests' ``admit_guest``), and the organizers' decisions.

Locks are taken in one order: the delegation, then its members, then what guests' services lock (the guest, the
registrations, the forums). Every change of a delegation's members locks the delegation's row first, so two focal
point requests (or a focal point and an organizer) never count the quota at the same time.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.clock import wuzhen_today
from core.enums import AuditAction, EmailStatus
from core.models import AuditEntry, OutgoingEmail
from core.refusals import Refused
from core.services.audit import record_audit
from core.transactions import atomic_with_retry
from guests.enums import GuestCategory, Participation, RegistrationSource
from guests.models import Registration
from guests.services import (
    Admission,
    RegistrationRequest,
    admit_guest,
    approve_registrations,
    cancel_registration,
    reject_registrations,
)
from guests.services.privacy import ERASED, ERASED_NAME, NOT_SENT_ERASED, erased_email

from .emails import queue_focal_point_email, queue_member_invitation
from .enums import FOCAL_POINT_EDITABLE, LIVE_MEMBER_STATUSES, DelegationKind, DelegationStatus, MemberStatus
from .models import Delegation, DelegationMember

GUEST_CATEGORY: dict[str, str] = {
    DelegationKind.GOVERNMENT: GuestCategory.GOVERNMENT,
    DelegationKind.INTERNATIONAL_ORGANISATION: GuestCategory.INTERNATIONAL_ORGANISATION,
    DelegationKind.COMPANY: GuestCategory.ENTERPRISE,
}


class DelegationError(Refused):
    """A refusal to show the focal point, the member or the organizer as it is."""


@dataclass(frozen=True)
class NewMember:
    """A person the focal point adds (or puts in another's place)."""

    full_name: str
    email: str
    title: str = ""
    is_head: bool = False
    language: str = "en"


@dataclass(frozen=True)
class MemberDetails:
    """What a member gives on their own page to complete their registration."""

    full_name: str
    native_name: str
    title: str
    organization_name: str
    country: str
    phone: str
    needs: str = ""
    forum_ids: tuple[int, ...] = ()


def _lock(delegation: Delegation) -> Delegation:
    return Delegation.objects.select_for_update(of=("self",)).select_related("summit").get(pk=delegation.pk)


def live_members(delegation: Delegation):
    return delegation.members.filter(status__in=LIVE_MEMBER_STATUSES)


def _check_editable(delegation: Delegation) -> None:
    if delegation.status not in FOCAL_POINT_EDITABLE:
        raise DelegationError(_("This delegation can no longer be changed (%(status)s)."), code="not_editable",
                              params={"status": delegation.get_status_display()})
    if delegation.summit.has_ended:
        raise DelegationError(_("The %(summit)s has ended; its delegations can no longer be changed."),
                              code="summit_ended", params={"summit": delegation.summit.name})


def _reopen_if_approved(delegation: Delegation, change: str) -> None:
    """Any change by the focal point to an approved delegation sends it back for review: the organizers see it
    submitted again in their list, with an audit entry naming the change."""
    if delegation.status == DelegationStatus.APPROVED:
        delegation.status = DelegationStatus.SUBMITTED
        delegation.save(update_fields=["status", "updated_at"])
        record_audit(actor=None, action=AuditAction.ACTION, obj=delegation,
                     note=f"changed by the focal point after approval ({change}): submitted for review again")


def _check_new_member(delegation: Delegation, new: NewMember, *, head_allowed_from=None) -> None:
    members = live_members(delegation)
    if head_allowed_from is not None:
        members = members.exclude(pk=head_allowed_from.pk)
    if members.filter(email__iexact=new.email.strip()).exists():
        raise DelegationError(_("This person is already a member of the delegation."), code="duplicate",
                              field="email")
    if new.is_head and members.filter(is_head=True).exists():
        raise DelegationError(_("This delegation already has a head."), code="head_taken", field="is_head")


def _create_member(delegation: Delegation, new: NewMember, **extra) -> DelegationMember:
    member = DelegationMember.objects.create(
        delegation=delegation, email=new.email.strip().lower(), full_name=new.full_name.strip(),
        title=new.title.strip(), is_head=new.is_head, language=new.language, **extra,
    )
    queue_member_invitation(member=member)
    return member


@atomic_with_retry
def add_member(*, delegation: Delegation, new: NewMember) -> DelegationMember:
    """Add a member and email them their own link; refused over the quota (code ``quota``), for a second head or
    a person already on the delegation. The delegation's row is locked while the live members are counted, so
    simultaneous additions never pass the quota together (SQLite, which has no row lock, writes one at a time)."""
    delegation = _lock(delegation)
    _check_editable(delegation)
    if live_members(delegation).count() >= delegation.quota:
        raise DelegationError(
            ngettext("This delegation's quota of %(quota)d member is reached.",
                     "This delegation's quota of %(quota)d members is reached.", delegation.quota),
            code="quota", params={"quota": delegation.quota},
        )
    _check_new_member(delegation, new)
    _reopen_if_approved(delegation, "member added")
    return _create_member(delegation, new)


@atomic_with_retry
def substitute_member(*, delegation: Delegation, member_id: int, new: NewMember) -> DelegationMember:
    """Put ``new`` in the place of a live member, up to the substitution deadline: the old member is marked
    substituted (their link stops working, their registration is cancelled through guests' services, which frees
    their seats) and the new one invited, with the old one's head mark and protocol level. The quota is unchanged.
    All of it commits together."""
    delegation = _lock(delegation)
    _check_editable(delegation)
    if wuzhen_today() > delegation.substitution_deadline:
        raise DelegationError(_("Substitutions closed on %(date)s."), code="deadline_passed",
                              params={"date": date_format(delegation.substitution_deadline)})
    old = live_members(delegation).select_for_update().filter(pk=member_id).first()
    if old is None:
        raise DelegationError(_("This member cannot be substituted."), code="no_member")
    _check_new_member(delegation, NewMember(full_name=new.full_name, email=new.email, is_head=old.is_head),
                      head_allowed_from=old)
    old.status, old.link_version = MemberStatus.SUBSTITUTED, old.link_version + 1
    old.save(update_fields=["status", "link_version", "updated_at"])
    if old.registration is not None:
        cancel_registration(registration=old.registration)
    _reopen_if_approved(delegation, "member substituted")
    substitute = NewMember(full_name=new.full_name, email=new.email, title=new.title, is_head=old.is_head,
                           language=new.language)
    return _create_member(delegation, substitute, protocol_level=old.protocol_level, substitutes=old)


@atomic_with_retry
def withdraw_member(*, delegation: Delegation, member_id: int) -> DelegationMember:
    """The focal point withdraws a live member: their link stops working, their registration is cancelled through
    guests' services (their seats go to the waiting lists) and their place in the quota is free again."""
    delegation = _lock(delegation)
    _check_editable(delegation)
    member = live_members(delegation).select_for_update().filter(pk=member_id).first()
    if member is None:
        raise DelegationError(_("This member cannot be withdrawn."), code="no_member")
    member.status, member.link_version = MemberStatus.WITHDRAWN, member.link_version + 1
    member.save(update_fields=["status", "link_version", "updated_at"])
    if member.registration is not None:
        cancel_registration(registration=member.registration)
    _reopen_if_approved(delegation, "member withdrawn")
    return member


@atomic_with_retry
def submit_delegation(*, delegation: Delegation) -> None:
    """The focal point says the delegation is complete: organizers review it."""
    delegation = _lock(delegation)
    if delegation.status != DelegationStatus.OPEN:
        raise DelegationError(_("This delegation is already submitted."), code="not_open")
    if not live_members(delegation).exists():
        raise DelegationError(_("Add at least one member before submitting the delegation."), code="empty")
    delegation.status = DelegationStatus.SUBMITTED
    delegation.save(update_fields=["status", "updated_at"])


@atomic_with_retry
def complete_member(*, member: DelegationMember, details: MemberDetails) -> DelegationMember:
    """The member completes their own data: they are registered for the edition through guests' ``admit_guest``
    (their address is proven: they opened the link emailed to it), and the focal point is told. A guest already
    registered for the edition keeps that registration, which the member's row then points to."""
    member = (DelegationMember.objects.select_for_update(of=("self",)).select_related("delegation__summit")
              .get(pk=member.pk))
    if member.status != MemberStatus.INVITED:
        raise DelegationError(_("Your registration is already complete."), code="already_complete")
    delegation = member.delegation
    if delegation.status == DelegationStatus.REJECTED:
        raise DelegationError(_("This delegation was not accepted."), code="rejected")
    outcome = admit_guest(
        summit=delegation.summit,
        request=RegistrationRequest(
            email=member.email, full_name=details.full_name, native_name=details.native_name, title=details.title,
            organization_name=details.organization_name,
            category=GUEST_CATEGORY.get(delegation.kind, GuestCategory.OTHER), country=details.country,
            participation=Participation.OFFLINE, language=member.language, forum_ids=details.forum_ids,
            phone=details.phone, needs=details.needs,
        ),
        admission=Admission(source=RegistrationSource.DELEGATION, protocol_level=member.protocol_level,
                            address_proven=True),
    )
    member.registration = outcome.registration
    member.full_name, member.native_name, member.title = details.full_name, details.native_name, details.title
    member.status, member.completed_at = MemberStatus.COMPLETED, timezone.now()
    member.save()
    queue_focal_point_email(delegation=delegation, kind="member_completed", version=str(member.pk), member=member)
    return member


# --- Organizers ---------------------------------------------------------------------------------------------


@atomic_with_retry
def invite_focal_point(*, delegation: Delegation, actor, new_link: bool = False) -> None:
    """Email the focal point their link (a draft delegation opens). ``new_link`` first revokes every earlier link.
    Sent again at most once an hour for the same link."""
    delegation = _lock(delegation)
    if delegation.status == DelegationStatus.DRAFT:
        delegation.status = DelegationStatus.OPEN
    if new_link:
        delegation.link_version += 1
    delegation.save(update_fields=["status", "link_version", "updated_at"])
    hour = timezone.now().strftime("%Y%m%d%H")
    queue_focal_point_email(delegation=delegation, kind="focal_invitation",
                            version=f"{delegation.link_version}:{hour}")
    record_audit(actor=actor, action=AuditAction.ACTION, obj=delegation,
                 note="focal point's new link" if new_link else "focal point invited")


def _registrations_of(members) -> object:
    return Registration.objects.filter(pk__in=[member.registration_id for member in members
                                               if member.registration_id])


def _approve(members: list[DelegationMember], actor) -> int:
    completed = [member for member in members if member.status == MemberStatus.COMPLETED]
    approve_registrations(registrations=_registrations_of(completed), actor=actor)
    DelegationMember.objects.filter(pk__in=[member.pk for member in completed]).update(
        status=MemberStatus.APPROVED, updated_at=timezone.now())
    for member in completed:
        record_audit(actor=actor, action=AuditAction.ACTION, obj=member, note="approved", personal=True)
    return len(completed)


def _reject(members: list[DelegationMember], actor) -> int:
    live = [member for member in members if member.is_live]
    reject_registrations(registrations=_registrations_of(live), actor=actor)
    for member in live:
        member.status, member.link_version = MemberStatus.REJECTED, member.link_version + 1
        member.save(update_fields=["status", "link_version", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=member, note="rejected", personal=True)
    return len(live)


def _locked_members(queryset) -> list[DelegationMember]:
    return list(DelegationMember.objects.select_for_update(of=("self",)).filter(pk__in=queryset.values("pk"))
                .order_by("pk"))


@atomic_with_retry
def approve_delegation(*, delegation: Delegation, actor) -> int:
    """Approve the delegation as a whole: each member who completed their data is accredited (guests'
    ``approve_registrations``, which emails them), and the focal point is told once. Returns the members approved;
    members completing later are approved one by one."""
    delegation = _lock(delegation)
    if delegation.status in (DelegationStatus.DRAFT, DelegationStatus.REJECTED):
        raise DelegationError(_("Only an open or submitted delegation can be approved."), code="not_approvable")
    waiting = list(live_members(delegation).filter(status=MemberStatus.INVITED).order_by("created_at", "pk")
                   .values_list("full_name", flat=True))
    if waiting:
        raise DelegationError(
            ngettext("%(count)d member has not completed their data yet: %(names)s. Approve the others one by one, "
                     "or wait until they complete it.",
                     "%(count)d members have not completed their data yet: %(names)s. Approve the others one by "
                     "one, or wait until they complete it.", len(waiting)),
            code="members_incomplete", params={"count": len(waiting), "names": ", ".join(waiting)},
        )
    approved = _approve(_locked_members(delegation.members.all()), actor)
    if delegation.status != DelegationStatus.APPROVED:
        delegation.status = DelegationStatus.APPROVED
        delegation.save(update_fields=["status", "updated_at"])
        # Once per approval: a delegation the focal point changed after approval is approved (and told) again.
        approvals = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Delegation),
                                              object_id=str(delegation.pk), note="approved").count()
        queue_focal_point_email(delegation=delegation, kind="delegation_approved", version=str(approvals + 1))
    record_audit(actor=actor, action=AuditAction.ACTION, obj=delegation, note="approved")
    return approved


@atomic_with_retry
def reject_delegation(*, delegation: Delegation, actor) -> int:
    """Reject the delegation: every live member is rejected (their registrations through guests'
    ``reject_registrations``, which frees their seats and emails them) and their links stop working."""
    delegation = _lock(delegation)
    if delegation.status == DelegationStatus.REJECTED:
        return 0
    rejected = _reject(_locked_members(delegation.members.all()), actor)
    delegation.status = DelegationStatus.REJECTED
    delegation.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=delegation, note="rejected")
    return rejected


@atomic_with_retry
def approve_members(*, members, actor) -> int:
    """Approve members one by one (those who completed their data); returns how many."""
    ids = list(members.values_list("delegation_id", flat=True).distinct())
    list(Delegation.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return _approve(_locked_members(members), actor)


@atomic_with_retry
def reject_members(*, members, actor) -> int:
    """Reject members one by one (any live member); returns how many."""
    ids = list(members.values_list("delegation_id", flat=True).distinct())
    list(Delegation.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return _reject(_locked_members(members), actor)


# --- Personal data (guests' signals) ----------------------------------------------------------------------------


def _members_of_guest(guest, registration_ids):
    return DelegationMember.objects.filter(Q(registration_id__in=registration_ids) | Q(email__iexact=guest.email))


def export_members(*, guest, registration_ids) -> dict:
    """The guest's delegation memberships, for their export."""
    return {"delegation_members": [
        {"id": member.pk, "delegation": member.delegation.name, "summit": member.delegation.summit.year,
         "email": member.email, "full_name": member.full_name, "native_name": member.native_name,
         "title": member.title, "is_head": member.is_head, "protocol_level": member.protocol_level,
         "status": member.status, "registration_id": member.registration_id, "created_at": member.created_at}
        for member in _members_of_guest(guest, registration_ids).select_related("delegation__summit")
        .order_by("pk")
    ]}


def erase_members(*, guest, registration_ids) -> int:
    """Erase what delegations hold on the guest: each member row's name, address and title (its link stops
    working), and the focal point's emails about the member (kept as a record, their text replaced; not sent if
    still waiting). Runs in guests' erasure transaction."""
    members = _members_of_guest(guest, registration_ids)
    member_ids = [str(pk) for pk in members.values_list("pk", flat=True)]
    emails = OutgoingEmail.objects.filter(content_type=ContentType.objects.get_for_model(DelegationMember),
                                          object_id__in=member_ids)
    emails.filter(status__in=[EmailStatus.QUEUED, EmailStatus.RETRY, EmailStatus.SENDING]).update(
        status=EmailStatus.FAILED, last_error=NOT_SENT_ERASED)
    emails.update(subject=ERASED, body_text=ERASED, body_html=ERASED, updated_at=timezone.now())
    return members.update(
        email=erased_email(guest.pk), full_name=ERASED_NAME, native_name="", title="",
        link_version=F("link_version") + 1, updated_at=timezone.now(),
    )
