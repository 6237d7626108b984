"""Signals the forums app sends for the apps above it to act on; forums itself knows none of those apps."""

from django.dispatch import Signal

# A saved forum now has another start, end or room, whatever path saved it (the admin, the shell, a command, the
# demo loader). Sent by ``services.announce_forum_move`` with sender=Forum and the keywords ``forum_id``,
# ``changed``, the frozenset of what changed among "start", "end" and "room", and ``before``, the
# ``services.Slot`` the save replaced. Guests are told (guests/receivers.py); the room it left is touched for the
# API's change lists (forums/sync.py).
forum_moved = Signal()

# A saved session now has another start, end or room, whatever path saved it (the forum's inline rows in the
# admin, the session's own page, the shell, the demo loader). Sent by ``services.announce_session_move`` inside the
# save's transaction, with sender=Session and the keywords ``session_id``, ``forum_id``, ``changed`` (as above) and
# ``before``, the ``services.Slot`` the save replaced. The guests seated in its forum are told, in one summary
# after the organizers stop editing (guests/receivers.py).
session_moved = Signal()

# A saved forum now offers more seats, or may: its seat quota or its room changed, whatever path saved it. Sent with
# sender=Forum and the keyword ``forum_id`` after the save; guests seat those waiting (guests/receivers.py).
forum_seats_changed = Signal()
