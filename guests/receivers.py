"""Guests' signal receivers, listed in ``GuestsConfig``'s docstring; imported by ``GuestsConfig.ready()``."""

from django.dispatch import receiver

from forums.signals import forum_moved, forum_seats_changed, session_moved

from .services import record_session_move, schedule_forum_change_notice, seat_waiting_guests_on_commit


@receiver(forum_moved, dispatch_uid="guests:forum-moved:notice")
def forum_moved_notice(sender, forum_id, **kwargs):
    """Whatever path moved the forum, its guests are emailed (after commit, once per new slot)."""
    schedule_forum_change_notice(forum_id=forum_id)


@receiver(session_moved, dispatch_uid="guests:session-moved:notice")
def session_moved_notice(sender, session_id, before, **kwargs):
    """Whatever path moved the session, the guests seated in its forum get one summary once editing stops."""
    record_session_move(session_id=session_id, before=before)


@receiver(forum_seats_changed, dispatch_uid="guests:forum-seats-changed:promote")
def forum_seats_changed_promote(sender, forum_id, **kwargs):
    """An organizer raised a forum's seats (its quota, or a larger room): the guests waiting are seated at once,
    first come first served, each emailed; before, they waited for the next cancellation."""
    seat_waiting_guests_on_commit(forum_id=forum_id)
