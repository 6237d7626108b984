"""The WIC International Organization's workflow: applications to join, organizers' decisions, bodies' terms.

Each step is one function here; the website's views and the admin's actions only call them.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.clock import wuzhen_today  # where the organisation's decisions are dated
from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit
from core.slugs import unique_slug

from .emails import queue_membership_email
from .enums import APPLICATION_TYPES, DECIDABLE_STATUSES, MembershipStatus
from .models import BodyParticipant, Membership, Organization

SLUG_LENGTH = 70  # leaves room for a "-<n>" suffix in the 80 characters of the slug


class MembershipError(Refused):
    """A step refused, with the reason to show; ``field`` names the application form's field it belongs to."""


@dataclass(frozen=True)
class MembershipApplication:
    """What an organisation sends with the website's application form."""

    name: str
    name_zh_hans: str
    country: str
    kind: str
    type: str
    website: str
    contact_name: str
    contact_email: str
    contact_phone: str
    motivation: str
    language: str


def _pending_from(email: str) -> bool:
    return Membership.objects.filter(status=MembershipStatus.APPLIED, contact_email__iexact=email).exists()


def _pending_message() -> str:
    return _("An application from this email address is already being reviewed. The secretariat will write to you "
             "with its decision.")


def _check_application(application: MembershipApplication) -> None:
    if application.type not in dict(APPLICATION_TYPES):
        raise MembershipError(_("Individuals join by invitation only: choose the type of your organisation."),
                              code="invitation_only", field="type")
    if _pending_from(application.contact_email):
        raise MembershipError(_pending_message(), code="pending", field="contact_email")
    same_name = Q()
    for name in filter(None, (application.name, application.name_zh_hans)):
        same_name |= Q(name_en__iexact=name) | Q(name_zh_hans__iexact=name)
    holders = set(
        Organization.objects.filter(same_name, membership__status__in=(MembershipStatus.ACTIVE,
                                                                       MembershipStatus.APPLIED))
        .values_list("membership__status", flat=True)
    )
    if MembershipStatus.ACTIVE in holders:
        raise MembershipError(
            _("An organisation of this name is already a member of the World Internet Conference. If you represent "
              "it, please contact the WIC secretariat instead of applying again."),
            code="already_member", field="name",
        )
    if MembershipStatus.APPLIED in holders:
        raise MembershipError(
            _("An application for an organisation of this name is already being reviewed. Please contact the WIC "
              "secretariat if you wish to add to it."),
            code="already_applied", field="name",
        )


def unique_organization_slug(name: str, *, fallback: str = "organisation") -> str:
    """A free slug for a new organisation named ``name`` (``fallback`` when the name has no ASCII letters)."""
    return unique_slug(name, among=Organization.objects.all(), max_length=SLUG_LENGTH, fallback=fallback)


@transaction.atomic
def apply_for_membership(*, application: MembershipApplication) -> Membership:
    """Record an application from the website: a new organisation, its membership in status "applied" with the
    contact and motivation, and the confirmation email to the contact, all committed together (the email is sent
    after the commit, once).

    Refused (``MembershipError`` naming the form field) while the same contact email has an application pending,
    and for the name of an organisation that is already a member or has applied.
    """
    _check_application(application)
    organization = Organization.objects.create(
        name_en=application.name, name_zh_hans=application.name_zh_hans or None,
        slug=unique_organization_slug(application.name), kind=application.kind, country=application.country,
        website=application.website,
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                organization=organization, type=application.type, status=MembershipStatus.APPLIED,
                contact_name=application.contact_name, contact_email=application.contact_email,
                contact_phone=application.contact_phone, motivation=application.motivation,
                language=application.language, applied_at=now, consented_at=now,
            )
    except IntegrityError as error:  # the same address submitted twice at once: one application is enough
        raise MembershipError(_pending_message(), code="pending", field="contact_email") from error
    queue_membership_email(membership=membership, kind="received")
    return membership


def _locked(membership: Membership) -> Membership:
    """The membership row locked until the decision commits: two organizers approving at once decide once."""
    return Membership.objects.select_for_update(of=("self",)).select_related("organization").get(pk=membership.pk)


def _already_member(membership: Membership) -> MembershipError:
    return MembershipError(
        _("%(member)s is already a member since %(since)s: nothing was changed.")
        # An active membership has a since date (constraint membership_active_has_since).
        % {"member": membership, "since": date_format(membership.since, "DATE_FORMAT")},  # type: ignore[arg-type]
        code="already_member",
    )


def _not_an_application(membership: Membership) -> MembershipError:
    return MembershipError(
        _("%(member)s is not an application (its membership is %(status)s): nothing was changed.")
        % {"member": membership, "status": membership.get_status_display().lower()},
        code="not_an_application",
    )


@transaction.atomic
def approve_membership(*, membership: Membership, actor) -> Membership:
    """Admit an applicant (or reconsider a rejected one): active and a member since today in Wuzhen, the decision
    audited and the welcome email queued, together.

    Refused for a membership already active (naming the date it began), suspended, ended or withdrawn; a refusal
    changes nothing and sends nothing.
    """
    membership = _locked(membership)
    if membership.status == MembershipStatus.ACTIVE:
        raise _already_member(membership)
    if membership.status not in DECIDABLE_STATUSES:
        raise _not_an_application(membership)
    before = membership.status
    membership.status, membership.since, membership.ended_on = MembershipStatus.ACTIVE, wuzhen_today(), None
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "since", "ended_on", "decided_at", "updated_at"])
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=membership,
        changes={"status": [before, membership.status], "since": [None, membership.since.isoformat()]},
        note="approved" if before == MembershipStatus.APPLIED else "approved after reconsideration",
    )
    queue_membership_email(membership=membership, kind="welcome")
    return membership


@transaction.atomic
def reject_membership(*, membership: Membership, actor, reason: str = "") -> Membership:
    """Turn down a pending application, with an optional reason that the email to the applicant quotes; the
    decision is audited and the email queued together.

    Refused for a member (naming the date it became one), an application already rejected or withdrawn, and a
    suspended or ended membership.
    """
    membership = _locked(membership)
    if membership.status == MembershipStatus.ACTIVE:
        raise _already_member(membership)
    if membership.status == MembershipStatus.REJECTED:
        raise MembershipError(
            _("The application of %(member)s is already rejected: nothing was changed.") % {"member": membership},
            code="already_rejected",
        )
    if membership.status != MembershipStatus.APPLIED:
        raise _not_an_application(membership)
    membership.status, membership.decided_at = MembershipStatus.REJECTED, timezone.now()
    membership.rejection_reason = reason.strip()
    membership.save(update_fields=["status", "decided_at", "rejection_reason", "updated_at"])
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=membership,
        changes={"status": [MembershipStatus.APPLIED, membership.status]}, note="rejected",
    )
    queue_membership_email(membership=membership, kind="rejected")
    return membership


@transaction.atomic
def withdraw_application(*, membership: Membership) -> Membership:
    """The applicant takes back a pending application (from the page of their signed link); audited.

    Refused once organizers have decided: a member ends its membership with the secretariat.
    """
    membership = _locked(membership)
    if membership.status != MembershipStatus.APPLIED:
        raise MembershipError(_("This application has already been decided: it can no longer be withdrawn."),
                              code="already_decided")
    membership.status = MembershipStatus.WITHDRAWN
    membership.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=None, action=AuditAction.ACTION, obj=membership,
        changes={"status": [MembershipStatus.APPLIED, membership.status]}, note="withdrawn by the applicant",
    )
    return membership


@transaction.atomic
def end_participation(*, participant: BodyParticipant, on: datetime.date, actor) -> BodyParticipant:
    """End a participant's term in a body on the day ``on`` (its last day), audited.

    Refused for a day before the term starts, and for a term that already ends on or before that day.
    """
    participant = (
        BodyParticipant.objects.select_for_update(of=("self",)).select_related("organization").get(pk=participant.pk)
    )
    if participant.term_start and on < participant.term_start:
        raise MembershipError(
            _("The term of %(participant)s starts on %(start)s: it cannot end before, on %(end)s.")
            % {"participant": participant, "start": date_format(participant.term_start, "DATE_FORMAT"),
               "end": date_format(on, "DATE_FORMAT")},
            code="ends_before_start",
        )
    if participant.term_end and participant.term_end <= on:
        raise MembershipError(
            _("The term of %(participant)s already ends on %(end)s: nothing was changed.")
            % {"participant": participant, "end": date_format(participant.term_end, "DATE_FORMAT")},
            code="already_ended",
        )
    before = participant.term_end
    participant.term_end = on
    participant.save(update_fields=["term_end", "updated_at"])
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=participant,
        changes={"term_end": [before.isoformat() if before else None, on.isoformat()]}, note="term ended",
    )
    return participant
