"""Reads for the forum teams' pages and the organizers' review: a team member reaches only their own forums."""

from django.db.models import QuerySet

from forums.models import Forum, SessionSpeaker, Speaker
from summits.models import Room

from .agenda import live_agenda, speaker_ids
from .enums import OPEN_STATES, ChangeState
from .models import ForumChange


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
    return ForumChange.objects.filter(forum=forum, state__in=[ChangeState.PUBLISHED, ChangeState.SENT_BACK]) \
        .exclude(decided_at=None).order_by("-decided_at").first()


def working_agenda(forum: Forum) -> tuple[ForumChange | None, dict]:
    """The working copy and its agenda; the live agenda while the team has not started one."""
    change = open_change(forum)
    return change, change.proposed if change else live_agenda(forum)


def team_rooms(forum: Forum) -> list[Room]:
    """The rooms the team may place sessions in: the forum's own, and those the organizers assigned."""
    rooms = list(forum.team_rooms.select_related("venue").order_by("name"))
    if forum.room is not None and all(room.pk != forum.room_id for room in rooms):
        rooms.insert(0, forum.room)
    return rooms


def team_room_ids(forum: Forum) -> set[int]:
    return {room.pk for room in team_rooms(forum)}


def forum_speaker_ids(forum: Forum, agenda: dict) -> set[int]:
    """The speakers a team may place: those of the forum's live sessions and of its working copy."""
    live = SessionSpeaker.objects.filter(session__forum=forum).values_list("speaker_id", flat=True)
    return set(live) | speaker_ids(agenda)


def forum_speakers(forum: Forum, agenda: dict) -> QuerySet[Speaker]:
    return Speaker.objects.filter(pk__in=forum_speaker_ids(forum, agenda)).order_by("name", "pk")


def invitation_statuses(forum: Forum) -> dict[int, str]:
    """Each live placement's invitation status, by placement id (the speaker portal's; read-only here)."""
    return {pk: label for pk, label in (
        (placement.pk, placement.get_invitation_status_display())
        for placement in SessionSpeaker.objects.filter(session__forum=forum).only("pk", "invitation_status"))}

