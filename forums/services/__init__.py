"""The programme's business rules, one module per concern: moves of forums and sessions and the programme copied
into next year's edition (moves.py); the speaker portal (speaker_portal.py) and what a speaker's consent lets the
public see of their photo (photo_consent.py)."""

from .moves import (
    SLOT_FIELD_NAMES,
    ForumSlot,
    Slot,
    announce_forum_move,
    announce_session_move,
    copy_programme,
    planned_copy,
    stored_session_slot,
    stored_slot,
)
from .photo_consent import refresh_photo_publication
from .speaker_portal import (
    Sending,
    SpeakerPortalRefused,
    SpeakerProfile,
    TravelDetails,
    accept_session,
    decline_session,
    give_consent,
    invite_speakers,
    remind_speakers,
    send_new_portal_links,
    update_profile,
    update_travel,
    upload_slides,
)

__all__ = [
    "SLOT_FIELD_NAMES", "ForumSlot", "Slot", "announce_forum_move", "announce_session_move", "copy_programme",
    "planned_copy", "stored_session_slot", "stored_slot",
    "Sending", "SpeakerPortalRefused", "SpeakerProfile", "TravelDetails", "accept_session", "decline_session",
    "give_consent", "invite_speakers", "remind_speakers", "send_new_portal_links", "update_profile", "update_travel",
    "upload_slides", "refresh_photo_publication",
]
