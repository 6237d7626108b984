"""The guests' business rules, one module per concern: the registration life cycle, the seats of each forum,
the notices sent to many guests at once, and a guest's personal data (export and erasure)."""

from .notices import notify_forum_change, schedule_forum_change_notice, send_reminders, summits_due_for_reminders
from .privacy import erase_guest, export_guest
from .registration import (
    ACTIVE_STATUSES,
    CheckIn,
    RegistrationError,
    RegistrationOutcome,
    RegistrationRequest,
    approve_registrations,
    cancel_registration,
    change_forums,
    check_in,
    register_guest,
    reject_registrations,
    verify_registration,
)
from .seats import REGISTRABLE_FORUM_KINDS, forum_capacity, promote_waitlisted, registrable_forums

__all__ = [
    "notify_forum_change", "schedule_forum_change_notice", "send_reminders", "summits_due_for_reminders",
    "erase_guest", "export_guest",
    "ACTIVE_STATUSES", "CheckIn", "RegistrationError", "RegistrationOutcome", "RegistrationRequest",
    "approve_registrations", "cancel_registration", "change_forums", "check_in", "register_guest",
    "reject_registrations", "verify_registration",
    "REGISTRABLE_FORUM_KINDS", "forum_capacity", "promote_waitlisted", "registrable_forums",
]
