"""One guest's personal data, as China's PIPL and the GDPR ask: all of it exported, or erased wherever it is stored.

Personal data of a guest lives in six places: the guest row, their registrations' needs and details awaiting
verification, the invitations to their address (or accepted as their registration), the emails written to them in
the outbox (session move notices and report emails included: every row addressed to them), a report subscription
of their address, and the names the audit trail and Django's admin log give objects. Erasure replaces it with
placeholders and keeps the rows themselves, so that registrations, forum choices and seat counts stay exactly as
they were; the report subscription, which holds nothing but the address, is deleted.

Out of scope, because they are another role's records under another process, not the guest's: nominations naming
the same address (as nominator or nominee, awards), juror accounts, and the contact addresses of members,
exhibitors and partners, which belong to organisations. Logs and task results hold no address at all
(core/log_scrubbing.py), and access logs no token (core/access_log.py).
"""

from typing import cast

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Prefetch, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from core.enums import AuditAction, EmailStatus
from core.models import AuditEntry, OutgoingEmail
from core.services.audit import record_audit
from core.transactions import atomic_with_retry
from reports.models import ReportSubscriber

from ..enums import InvitationStatus
from ..models import ForumChoice, Guest, Invitation, Registration
from ..selectors import email_kind
from ..signals import guest_erased, guest_exported
from .seats import promote_waitlisted

ERASED = "[erased]"
ERASED_NAME = "Erased guest"
NOT_SENT_ERASED = "Not sent: the guest's personal data was erased."
GUEST_PERSONAL_FIELDS = ("email", "full_name", "native_name", "title", "organization_name", "phone")


def erased_email(guest_pk: int) -> str:
    """The address an erased guest keeps: unique, valid, and under the reserved ``.invalid`` top-level domain."""
    return f"erased-{guest_pk}@erased.invalid"


def _ids(values) -> list[str]:
    return [str(value) for value in values]


def _about(model, ids) -> Q:
    """Rows of the outbox, audit trail or admin log about these objects (their ids are stored as text)."""
    return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=_ids(ids))


def _guest_emails(guest: Guest, registration_ids: list[int]):
    """Every outbox row about the guest or their registrations, or addressed to them."""
    return OutgoingEmail.objects.filter(
        _about(Registration, registration_ids) | _about(Guest, [guest.pk]) | Q(to__iexact=guest.email)
    )


def _audit_about(guest: Guest, registration_ids: list[int], choice_ids: list[int]) -> Q:
    return _about(Guest, [guest.pk]) | _about(Registration, registration_ids) | _about(ForumChoice, choice_ids)


def _invitations(guest: Guest, registration_ids: list[int]):
    return Invitation.objects.filter(Q(email__iexact=guest.email) | Q(registration_id__in=registration_ids))


def _invitation(invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "summit": {"id": invitation.summit.pk, "year": invitation.summit.year, "name": invitation.summit.name},
        "email": invitation.email,
        "full_name": invitation.full_name,
        "native_name": invitation.native_name,
        "title": invitation.title,
        "organisation": invitation.organization_name,
        "category": invitation.category,
        "country": invitation.country.code,
        "language": invitation.language,
        "protocol_level": invitation.protocol_level,
        "reserved_forums": [forum.title for forum in invitation.reserved_forums.all()],
        "hold_until": invitation.hold_until,
        "status": invitation.status,
        "sent_at": invitation.sent_at,
        "reminded_at": invitation.reminded_at,
        "reminders": invitation.reminder_count,
        "answered_at": invitation.answered_at,
        "registration": invitation.registration_id,
        "created_at": invitation.created_at,
    }


def export_guest(*, guest: Guest) -> dict:
    """Everything held on one guest, ready for JSON (with ``DjangoJSONEncoder``): the answer to an access request.

    The profile; each registration with its forums and seats, timestamps and check-in; every email written to
    them with its delivery state; and the audit trail of the guest and their registrations. Organizers' names
    are left out: they are not the guest's data.
    """
    choices = ForumChoice.objects.select_related("forum").order_by("forum__start", "forum__pk")
    registrations = list(
        guest.registrations.select_related("summit")
        .prefetch_related(Prefetch("forum_choices", queryset=choices))
        .order_by("created_at", "pk")
    )
    registration_ids = [registration.pk for registration in registrations]
    choice_ids = [choice.pk for registration in registrations for choice in registration.forum_choices.all()]
    emails = _guest_emails(guest, registration_ids).order_by("created_at", "pk")
    audit = (
        AuditEntry.objects.filter(_audit_about(guest, registration_ids, choice_ids))
        .select_related("content_type")
        .order_by("at", "pk")
    )
    export: dict[str, object] = {
        "exported_at": timezone.now(),
        "guest": {
            "id": guest.pk,
            "email": guest.email,
            "full_name": guest.full_name,
            "native_name": guest.native_name,
            "title": guest.title,
            "organisation": guest.organization_name,
            "category": guest.category,
            "country": guest.country.code,
            "phone": guest.phone,
            "language": guest.language,
            "created_at": guest.created_at,
            "updated_at": guest.updated_at,
        },
        "registrations": [_registration(registration) for registration in registrations],
        "invitations": [
            _invitation(invitation) for invitation in _invitations(guest, registration_ids)
            .select_related("summit").prefetch_related("reserved_forums").order_by("created_at", "pk")
        ],
        "report_subscriptions": [
            {"email": subscriber.email, "language": subscriber.language, "created_at": subscriber.created_at,
             "confirmed_at": subscriber.confirmed_at, "unsubscribed_at": subscriber.unsubscribed_at}
            for subscriber in ReportSubscriber.objects.filter(email__iexact=guest.email).order_by("pk")
        ],
        "check_ins": [
            {"registration": registration.pk, "summit": registration.summit.year, "at": registration.checked_in_at}
            for registration in registrations
            if registration.checked_in_at
        ],
        "emails": [
            {
                "id": email.pk,
                "kind": email_kind(email.key),
                "to": email.to,
                "subject": email.subject,
                "body_text": email.body_text,
                "language": email.language,
                "status": email.status,
                "attempts": email.attempts,
                "created_at": email.created_at,
                "sent_at": email.sent_at,
            }
            for email in emails
        ],
        "audit_trail": [
            {
                "at": entry.at,
                "action": entry.action,
                "object_type": entry.content_type.model,
                "object_id": entry.object_id,
                "fields": sorted(entry.changes) if isinstance(entry.changes, dict) else [],
                "note": entry.note,
            }
            for entry in audit
        ],
    }
    # What the apps above guests hold on them (delegations, the press, visa letters): see guests/signals.py.
    for _receiver, sections in guest_exported.send(sender=Guest, guest=guest, registration_ids=registration_ids):
        export.update(cast(dict, sections) or {})
    return export


def _registration(registration: Registration) -> dict:
    return {
        "id": registration.pk,
        "summit": {"id": registration.summit.pk, "year": registration.summit.year, "name": registration.summit.name},
        "participation": registration.participation,
        "status": registration.status,
        "needs": registration.needs,
        "details_awaiting_verification": registration.submitted_details,
        "consented_at": registration.consented_at,
        "created_at": registration.created_at,
        "verified_at": registration.verified_at,
        "decided_at": registration.decided_at,
        "cancelled_at": registration.cancelled_at,
        "checked_in_at": registration.checked_in_at,
        "forums": [
            {
                "id": choice.forum.pk,
                "title": choice.forum.title,
                "seat_status": choice.seat_status,
                "chosen_at": choice.created_at,
                "waitlisted_at": choice.waitlisted_at,
            }
            for choice in registration.forum_choices.all()
        ],
    }


def _neutral_names(rows, model) -> int:
    """Name each row's object by type and id only, as the audit trail does for personal data."""
    return rows.filter(content_type=ContentType.objects.get_for_model(model)).update(
        object_repr=Concat(Value(f"{model._meta.verbose_name} #"), F("object_id"), output_field=CharField())
    )


@atomic_with_retry
def erase_guest(*, guest: Guest, actor) -> None:
    """Replace the guest's personal data with placeholders everywhere it is stored; all of it commits together.

    The guest keeps their country, category and language (counted in the summit's figures, naming no one); their
    registrations and forum choices keep status and seats, so no seat is freed or given. Emails still waiting in
    the outbox are marked failed rather than sent to the placeholder. The erasure itself is audited, by id.
    """
    guest = Guest.objects.select_for_update().get(pk=guest.pk)
    registration_ids = list(guest.registrations.values_list("pk", flat=True))
    choice_ids = list(ForumChoice.objects.filter(registration_id__in=registration_ids).values_list("pk", flat=True))
    email_ids = list(_guest_emails(guest, registration_ids).values_list("pk", flat=True))
    now = timezone.now()

    emails = OutgoingEmail.objects.filter(pk__in=email_ids)
    emails.exclude(last_error="").update(last_error=ERASED)
    # One being sent right now is failed too: were its send to fail, it would be retried to the placeholder (and
    # were it to succeed, the worker records it as sent).
    emails.filter(status__in=[EmailStatus.QUEUED, EmailStatus.RETRY, EmailStatus.SENDING]).update(
        status=EmailStatus.FAILED, last_error=NOT_SENT_ERASED
    )
    # Headers too: a report email's List-Unsubscribe holds a link to the subscription, by its own signed token.
    emails.update(to=erased_email(guest.pk), subject=ERASED, body_text=ERASED, body_html=ERASED, headers={},
                  updated_at=now)

    Registration.objects.filter(pk__in=registration_ids).update(needs="", submitted_details={}, updated_at=now)
    invitation_ids = _erase_invitations(guest, registration_ids, now)
    # The apps above guests erase what they hold (guests/signals.py), while the address can still be matched.
    guest_erased.send(sender=Guest, guest=guest, registration_ids=registration_ids)
    # The report subscription of the same address holds nothing but it: erased means gone (its emails are in the
    # outbox rows above, addressed to the guest).
    subscriptions = ReportSubscriber.objects.filter(email__iexact=guest.email)
    subscription_ids = list(subscriptions.values_list("pk", flat=True))
    subscriptions.delete()

    audit = AuditEntry.objects.filter(
        _audit_about(guest, registration_ids, choice_ids) | _about(OutgoingEmail, email_ids)
        | _about(ReportSubscriber, subscription_ids) | _about(Invitation, invitation_ids)
    )
    for model in (Guest, Registration, ForumChoice, OutgoingEmail, ReportSubscriber, Invitation):
        _neutral_names(audit, model)
    for entry in audit.exclude(changes={}):
        if isinstance(entry.changes, dict) and any(value is not None for value in entry.changes.values()):
            entry.changes = dict.fromkeys(entry.changes)  # the names of the fields changed, not their values
            entry.save(update_fields=["changes"])

    # Django's admin log names a subscription by its address (its __str__), and it outlives the deleted row.
    admin_log = LogEntry.objects.filter(
        _about(Guest, [guest.pk]) | _about(Registration, registration_ids) | _about(ForumChoice, choice_ids)
        | _about(OutgoingEmail, email_ids) | _about(ReportSubscriber, subscription_ids)
        | _about(Invitation, invitation_ids)
    )
    admin_log.update(change_message="")  # may name inline objects, like a registration by its guest's name
    for model in (Guest, Registration, ForumChoice, OutgoingEmail, ReportSubscriber, Invitation):
        _neutral_names(admin_log, model)

    Guest.objects.filter(pk=guest.pk).update(
        email=erased_email(guest.pk), full_name=ERASED_NAME, native_name="", title="", organization_name="",
        phone="", updated_at=now,
    )
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=guest, note="erased", personal=True,
        changes=dict.fromkeys(GUEST_PERSONAL_FIELDS),
    )


def _erase_invitations(guest: Guest, registration_ids: list[int], now) -> list[int]:
    """The invitations to the guest's address keep their summit, status, country and protocol level (counted in the
    figures); their names, address and note become placeholders. A pending one is revoked (its link dies) and its
    held seats go to the guests waiting."""
    invitations = _invitations(guest, registration_ids)
    invitation_ids = list(invitations.values_list("pk", flat=True))
    pending = list(Invitation.objects.select_for_update(of=("self",))
                   .filter(pk__in=invitation_ids, status=InvitationStatus.PENDING).order_by("pk"))
    freed = set(Invitation.reserved_forums.through.objects.filter(invitation__in=pending)
                .values_list("forum_id", flat=True))
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in pending]).update(
        status=InvitationStatus.REVOKED, link_version=F("link_version") + 1, holds_released_at=now)
    Invitation.objects.filter(pk__in=invitation_ids).update(
        email=erased_email(guest.pk), full_name=ERASED_NAME, native_name="", title="", organization_name="",
        note="", updated_at=now,
    )
    if freed:
        promote_waitlisted(forum_ids=freed)
    return invitation_ids
