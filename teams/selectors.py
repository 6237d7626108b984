"""Reads for the forum teams' pages and the organizers' review: a team member reaches only their own forums."""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from forums.enums import SpeakerInvitationStatus as Status
from forums.models import Forum, Session, SessionSpeaker, Speaker
from forums.speaker_selectors import consent_is_given, profile_checklist, travel_given_ids
from summits.models import Room

from .agenda import live_agenda, speaker_ids
from .enums import OPEN_STATES, ChangeState
from .models import ForumChange

REMINDABLE = (Status.INVITED, Status.ACCEPTED)


def team_forums(user) -> QuerySet[Forum]:
    """The forums whose team the account is on, the latest edition first."""
    if not user.is_authenticated:
        return Forum.objects.none()
    return (Forum.objects.filter(team_members__user=user).distinct().select_related("summit")
            .order_by("-summit__year", "start", "pk"))


def is_on_a_team(user) -> bool:
    return user.is_authenticated and Forum.objects.filter(team_members__user=user).exists()


def team_forum(user, forum_id: int) -> Forum | None:
    """The forum if the account is on its team; None for any other forum, which its pages answer with a 404."""
    return team_forums(user).select_related("room__venue", "summit").filter(pk=forum_id).first()


def open_change(forum: Forum) -> ForumChange | None:
    """The forum's working copy: a draft, a change sent back, or one waiting for review."""
    return ForumChange.objects.filter(forum=forum, state__in=OPEN_STATES).first()


def last_decision(forum: Forum) -> ForumChange | None:
    decided = [ChangeState.PUBLISHED, ChangeState.SENT_BACK, ChangeState.DISCARDED]
    return ForumChange.objects.filter(forum=forum, state__in=decided) \
        .exclude(decided_at=None).order_by("-decided_at").first()


def working_agenda(forum: Forum) -> tuple[ForumChange | None, dict]:
    """The working copy and its agenda; the live agenda while the team has not started one."""
    change = open_change(forum)
    return change, change.proposed if change else live_agenda(forum)


def team_rooms(forum: Forum) -> list[Room]:
    """The rooms the team may place sessions in: the forum's own, and those the organizers assigned."""
    rooms = sorted(forum.team_rooms.select_related("venue"), key=lambda room: natural_order(room.name))
    if forum.room is not None and all(room.pk != forum.room_id for room in rooms):
        rooms.insert(0, forum.room)
    return rooms


def natural_order(name: str) -> tuple:
    """Numbers by their value: Hall 1, Hall 3, Hall 12, not Hall 1, Hall 12, Hall 3."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", name) if part)


def team_room_ids(forum: Forum) -> set[int]:
    return {room.pk for room in team_rooms(forum)}


def forum_speaker_ids(forum: Forum, agenda: dict) -> set[int]:
    """The speakers a team may place: those of the forum's live sessions and of its working copy."""
    live = SessionSpeaker.objects.filter(session__forum=forum).values_list("speaker_id", flat=True)
    return set(live) | speaker_ids(agenda)


def forum_speakers(forum: Forum, agenda: dict) -> QuerySet[Speaker]:
    return Speaker.objects.filter(pk__in=forum_speaker_ids(forum, agenda)).order_by("name", "pk")


@dataclass(frozen=True)
class SpeakerStanding:
    """Where one speaker of a live session stands with the speaker portal, as the forum's team reads it."""

    placement: SessionSpeaker
    profile_complete: bool
    consents: list[str] | None  # what the speaker allows (recording, streaming, photos); None before they answer
    missing: list[str]

    @property
    def can_invite(self) -> bool:
        return self.placement.invitation_status == Status.NOT_INVITED

    @property
    def can_remind(self) -> bool:
        return self.placement.invitation_status in REMINDABLE and bool(self.missing)


@dataclass(frozen=True)
class LiveSessionSpeakers:
    session: Session
    speakers: list[SpeakerStanding]

    @property
    def can_invite(self) -> bool:
        return any(standing.can_invite for standing in self.speakers)

    @property
    def can_remind(self) -> bool:
        return any(standing.can_remind for standing in self.speakers)


def _missing(placement: SessionSpeaker, *, checklist, travel_given: bool) -> list[str]:
    """What the speaker still owes, named for the team: an answer, or, once accepted, the profile's missing parts,
    the consent answers, the arrival and departure; and an email address, without which nothing reaches them."""
    missing = [] if placement.speaker.email else [gettext("an email address")]
    if placement.invitation_status == Status.INVITED:
        missing.append(gettext("an answer"))
    elif placement.invitation_status == Status.ACCEPTED:
        missing += [str(item.label) for item in checklist if not item.done]
        if not consent_is_given(placement):
            missing.append(gettext("consent answers"))
        if not travel_given:
            missing.append(gettext("arrival and departure"))
    return missing


def _consents(placement: SessionSpeaker) -> list[str] | None:
    if not consent_is_given(placement):
        return None
    return [label for allowed, label in ((placement.consent_recording, gettext("recording")),
                                         (placement.consent_streaming, gettext("streaming")),
                                         (placement.consent_photo, gettext("photos"))) if allowed]


def live_speakers(forum: Forum) -> list[LiveSessionSpeakers]:
    """The forum's live sessions, in the order of the day, each with its speakers' standing (the speaker portal's
    rules: forums/speaker_selectors.py), in three queries whatever their number."""
    sessions = list(forum.sessions.order_by("start", "pk").prefetch_related(Prefetch(
        "session_speakers", queryset=SessionSpeaker.objects.select_related("speaker").order_by("order", "pk"))))
    speakers = {placement.speaker_id for session in sessions for placement in session.session_speakers.all()}
    travelled = {speaker_id for speaker_id, _summit in travel_given_ids({forum.summit_id}, speakers)}
    rows = []
    for session in sessions:
        standings = []
        for placement in session.session_speakers.all():
            checklist = profile_checklist(placement.speaker)
            standings.append(SpeakerStanding(
                placement=placement, profile_complete=all(item.done for item in checklist),
                consents=_consents(placement),
                missing=_missing(placement, checklist=checklist, travel_given=placement.speaker_id in travelled)))
        rows.append(LiveSessionSpeakers(session=session, speakers=standings))
    return rows


def live_placements(forum: Forum, session_id: int | None = None) -> QuerySet[SessionSpeaker]:
    """The speakers of the forum's live sessions (of one of them): what the team may invite and remind."""
    placements = SessionSpeaker.objects.filter(session__forum=forum)
    return placements if session_id is None else placements.filter(session_id=session_id)
