"""The awards' business rules, one module per step: nominations come in, the jury reviews them in rounds, and
organizers shortlist, award and announce the laureates."""

from .jurors import Invitation, InvitationOutcome, InvitationRefused, invitation_valid_until, invite_juror
from .laureates import publish_laureates, set_nomination_status
from .nominations import NominationRefused, NominationSubmission, TeamMemberEntry, submit_nomination
from .reviews import (
    ReviewRefused,
    advance_top_entries,
    award_from_ranking,
    close_round,
    declare_conflict,
    open_round,
    submit_review,
)

__all__ = [
    "ReviewRefused", "advance_top_entries", "award_from_ranking", "close_round", "declare_conflict", "open_round",
    "publish_laureates", "set_nomination_status", "submit_review",
    "NominationRefused", "NominationSubmission", "TeamMemberEntry", "submit_nomination",
    "Invitation", "InvitationOutcome", "InvitationRefused", "invitation_valid_until", "invite_juror",
]
