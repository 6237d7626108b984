"""The forum teams' business rules, one module per concern: the team's members and their accounts (members.py),
the team's edits to its working copy (drafts.py) under the scheduling rules (checks.py), and the organizers'
review (review.py), which applies a change to the live programme (applying.py)."""

from .drafts import (
    ChangeRefused,
    UnknownRow,
    delete_placement,
    delete_session,
    save_forum_description,
    save_placement,
    save_session,
    submit_forum_change,
)
from .members import TeamMemberRefused, invite_team_member
from .review import ReviewRefused, discard_forum_change, publish_forum_change, send_back_forum_change

__all__ = [
    "ChangeRefused", "ReviewRefused", "TeamMemberRefused", "UnknownRow", "delete_placement", "delete_session",
    "discard_forum_change", "invite_team_member", "publish_forum_change", "save_forum_description",
    "save_placement", "save_session", "send_back_forum_change", "submit_forum_change",
]
