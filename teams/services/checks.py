"""The scheduling rules (forums/scheduling.py) applied to a forum team's working copy: each session inside its
forum's time and the summit's dates, ending after it starts, its room holding one session at a time and each
speaker in one session at a time, against the live programme of every other forum and against the working copy
itself (the forum's own live sessions are what the copy replaces).

A team must learn what its session clashes with without learning what other forums keep unpublished: a clash is
named ("Opening Ceremony", its forum and time) only when that session, its forum and its edition are published;
otherwise it is "another forum's session" and its time. Organizers reviewing a change see every name.
"""

import datetime

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.enums import PublicationStatus
from forums.models import Forum, Session, SessionSpeaker, Speaker
from forums.scheduling import describe_slot, forum_outside_summit, lock_for_scheduling
from summits.models import Room

from ..agenda import as_time, draft_title, sorted_placements

Errors = dict[str, list[str]]  # by form field, as Session.clean() gives them


def _is_public(session: Session) -> bool:
    published = PublicationStatus.PUBLISHED
    return session.status == published and session.forum.status == published \
        and session.forum.summit.status == published


def _slot_text(start: datetime.datetime, end: datetime.datetime) -> dict:
    start, end = localtime(start), localtime(end)
    return {"day": date_format(start, "SHORT_MONTH_DAY_FORMAT"), "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M")}


def describe_live(session: Session, *, reveal: bool) -> str:
    """A live session of another forum as the team may see it; ``reveal`` (organizers) names it whatever it is."""
    if reveal or _is_public(session):
        return describe_slot(session)
    return _("another forum's session (%(day)s %(start)s–%(end)s)") % _slot_text(session.start, session.end)


def describe_draft(forum: Forum, session: dict) -> str:
    """A session of the working copy: the team's own, named."""
    return _("“%(title)s” (%(forum)s, %(day)s %(start)s–%(end)s)") % {
        "title": draft_title(session),
        "forum": forum.title, **_slot_text(as_time(session["start"]), as_time(session["end"])),
    }


def _overlaps(first: dict, start, end) -> bool:
    return as_time(first["start"]) < end and start < as_time(first["end"])


def session_errors(*, forum: Forum, agenda: dict, key: str, reveal: bool = False) -> Errors:
    """Every rule the session ``key`` of ``agenda`` (the forum's working copy) breaks, by form field."""
    session = agenda["sessions"][key]
    start, end = as_time(session["start"]), as_time(session["end"])
    if end <= start:
        return {"end": [_("A session must end after it starts.")]}
    errors: Errors = {}
    if start < forum.start or end > forum.end:
        slot = _slot_text(forum.start, forum.end)
        if localtime(forum.start).date() != localtime(forum.end).date():
            slot["end"] = f'{date_format(localtime(forum.end), "SHORT_MONTH_DAY_FORMAT")} {slot["end"]}'
        errors.setdefault("start", []).append(
            _("The session must lie within its forum's time, %(day)s %(start)s–%(end)s.") % slot)
    outside = forum_outside_summit(forum)
    if outside:
        errors.setdefault("start", []).append(outside)
    others = [(other_key, other) for other_key, other in agenda["sessions"].items()
              if other_key != key and _overlaps(other, start, end)]
    room_id = session["room"] or forum.room_id
    if room_id:
        room = Room.objects.get(pk=room_id)
        lock_for_scheduling(Room, [room_id])
        taken = [describe_live(clash, reveal=reveal) for clash in Session.objects.filter(
            room_id=room_id, start__lt=end, end__gt=start).exclude(forum=forum).select_related(
            "forum__summit").order_by("start")]
        taken += [describe_draft(forum, other) for _other_key, other in others
                  if (other["room"] or forum.room_id) == room_id]
        for description in taken:
            errors.setdefault("room", []).append(
                _("%(room)s is already taken by %(session)s.") % {"room": room.name, "session": description})
    speaking = _speaker_errors(forum=forum, session=session, others=others, start=start, end=end, reveal=reveal)
    if speaking:
        errors.setdefault("start", []).extend(speaking)
    return errors


def _speaker_errors(*, forum, session, others, start, end, reveal) -> list[str]:
    ids = [placement["speaker"] for _key, placement in sorted_placements(session) if placement["speaker"]]
    if not ids:
        return []
    lock_for_scheduling(Speaker, ids)
    names = dict(Speaker.objects.filter(pk__in=ids).values_list("pk", "name"))
    messages = [
        _("%(speaker)s is already speaking in %(session)s.")
        % {"speaker": placement.speaker.name, "session": describe_live(placement.session, reveal=reveal)}
        for placement in SessionSpeaker.objects.filter(
            speaker_id__in=ids, session__start__lt=end, session__end__gt=start,
        ).exclude(session__forum=forum).select_related("speaker", "session__forum__summit").order_by(
            "session__start", "pk")
    ]
    for _other_key, other in others:
        for placement in other["speakers"].values():
            if placement["speaker"] in names:
                messages.append(_("%(speaker)s is already speaking in %(session)s.") % {
                    "speaker": names[placement["speaker"]], "session": describe_draft(forum, other)})
    return messages


def agenda_errors(*, forum: Forum, agenda: dict, reveal: bool = False) -> list[str]:
    """Every rule any session of the working copy breaks, each message once, in the order of the day; and a
    reference given to several sessions (each save checks its own, but two edits merged may collide)."""
    messages: list[str] = []
    ordered = sorted(agenda["sessions"], key=lambda item: agenda["sessions"][item]["start"])
    for key in ordered:
        for field_errors in session_errors(forum=forum, agenda=agenda, key=key, reveal=reveal).values():
            messages += [message for message in field_errors if message not in messages]
    by_reference: dict[str, list[str]] = {}
    for key in ordered:
        if reference := agenda["sessions"][key]["reference"]:
            by_reference.setdefault(reference, []).append(draft_title(agenda["sessions"][key]))
    messages += [_("Several sessions have the reference %(reference)s: %(sessions)s.") % {
        "reference": reference, "sessions": pgettext("between the items of a list", ", ").join(titles)}
        for reference, titles in by_reference.items() if len(titles) > 1]
    return messages
