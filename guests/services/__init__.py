"""The guests' business rules, one module per concern: the registration life cycle, the seats of each forum,
the notices sent to many guests at once, the summaries of moved sessions, and a guest's personal data (export and
erasure)."""

from .admission import Admission, admit_guest
from .invitations import (
    InvitationError,
    accept_invitation,
    decline_invitation,
    import_invitations,
    invitations_due_for_reminder,
    invitations_with_expired_holds,
    lock_reserved_forums,
    promote_after_hold_change,
    release_expired_hold,
    release_expired_holds,
    remind_invitations,
    revoke_invitations,
    send_due_reminder,
    send_invitations,
)
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
    invited_forum_ids,
    register_guest,
    reject_registrations,
    verify_registration,
)
from .schedule import (
    record_session_move,
    send_due_session_move_notices,
    send_session_move_notices,
    summits_with_session_moves_due,
)
from .seats import (
    REGISTRABLE_FORUM_KINDS,
    forum_capacity,
    held_seats,
    open_forums,
    promote_waitlisted,
    registrable_forums,
    seat_waiting_guests,
    seat_waiting_guests_on_commit,
)

__all__ = [
    "InvitationError", "accept_invitation", "decline_invitation", "import_invitations",
    "invitations_due_for_reminder", "invitations_with_expired_holds", "lock_reserved_forums",
    "promote_after_hold_change", "release_expired_hold", "release_expired_holds", "remind_invitations",
    "revoke_invitations", "send_due_reminder", "send_invitations", "invited_forum_ids", "Admission", "admit_guest",
    "notify_forum_change", "schedule_forum_change_notice", "send_reminders", "summits_due_for_reminders",
    "erase_guest", "export_guest", "ACTIVE_STATUSES", "CheckIn", "RegistrationError", "RegistrationOutcome",
    "RegistrationRequest", "approve_registrations", "cancel_registration", "change_forums", "check_in",
    "register_guest", "reject_registrations", "verify_registration", "record_session_move",
    "send_due_session_move_notices", "send_session_move_notices", "summits_with_session_moves_due",
    "REGISTRABLE_FORUM_KINDS", "forum_capacity", "held_seats", "open_forums", "promote_waitlisted",
    "registrable_forums", "seat_waiting_guests", "seat_waiting_guests_on_commit",
]
