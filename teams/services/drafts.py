"""A forum team's edits: each goes into the forum's working copy (``ForumChange.proposed``), never into live rows,
and each save is checked against every scheduling rule (checks.py) before it is kept. The first edit starts the
copy from the live agenda; a copy submitted for review waits, unchanged, for the organizers' decision."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit
from forums.models import Forum

from .. import selectors
from ..agenda import FORUM_FIELDS, NEW_SPEAKER_FIELDS, SESSION_FIELDS, edited, live_agenda, new_key
from ..enums import OPEN_STATES, ChangeState
from ..models import ForumChange
from .checks import agenda_errors, session_errors
from .review import rebase_forum_change


class ChangeRefused(Refused):
    pass


class UnknownRow(LookupError):
    """A key the working copy does not hold: the views answer 404, as for a row that does not exist."""


def as_text(value: datetime.datetime) -> str:
    """A time as the agenda's JSON holds it: ISO 8601 in UTC, as the live rows give it."""
    return value.astimezone(datetime.UTC).isoformat()


@transaction.atomic
def _edit(*, forum: Forum, actor, note: str, edit: Callable[[dict], Any]) -> Any:
    """Run ``edit`` on a copy of the forum's working agenda and keep the result, with one audit line.

    The forum's row is locked first, so two team members saving at once start one working copy and each sees the
    other's save; ``edit`` raises to refuse, and then nothing is kept.
    """
    Forum.objects.select_for_update().filter(pk=forum.pk).values_list("pk", flat=True).first()
    change = ForumChange.objects.select_for_update().filter(forum=forum, state__in=OPEN_STATES).first()
    if change is None:
        base = live_agenda(forum)
        change = ForumChange(forum=forum, base=base, proposed=edited(base), started_by=actor)
    elif not change.is_editable:
        raise ChangeRefused(_("Your change is waiting for the organizers' review: you can edit again once they "
                              "publish it or send it back."), code="under_review")
    elif change.state == ChangeState.SENT_BACK:
        rebase_forum_change(change)  # reopened: against the live forum as it is now
    proposed = edited(change.proposed)
    result = edit(proposed)
    created = change.pk is None
    change.proposed = proposed
    change.save()
    record_audit(actor=actor, action=AuditAction.CREATED if created else AuditAction.CHANGED, obj=change,
                 note=note)
    return result


def _session(agenda: dict, key: str) -> dict:
    if key not in agenda["sessions"]:
        raise UnknownRow(key)
    return agenda["sessions"][key]


def save_forum_description(*, forum: Forum, actor, values: dict[str, str]) -> None:
    """The forum's description in both languages."""
    def edit(agenda):
        agenda["forum"].update({name: values.get(name, "") for name in FORUM_FIELDS})

    _edit(forum=forum, actor=actor, note="forum description", edit=edit)


def save_session(*, forum: Forum, actor, key: str | None, values: dict) -> str:
    """Add (``key`` None) or change a session of the working copy; returns its key. ``values`` has the fields of
    ``agenda.SESSION_FIELDS``, times as aware datetimes and the room as a Room or None (the forum's room)."""
    room = values.get("room")
    if room is not None and room.pk not in selectors.team_room_ids(forum):
        raise ChangeRefused(_("Choose one of the rooms the organizers gave your forum."), code="room", field="room")

    def edit(agenda):
        session_key = key or new_key()
        session = _session(agenda, key) if key else {"id": None, "speakers": {}}
        session.update({name: values.get(name) or "" for name in SESSION_FIELDS})
        session.update(start=as_text(values["start"]), end=as_text(values["end"]), room=room.pk if room else None)
        agenda["sessions"][session_key] = session
        reference = session["reference"]
        if reference and any(other["reference"] == reference for other_key, other in agenda["sessions"].items()
                             if other_key != session_key):
            raise Refused({"reference": [_("Another session of this forum has this reference.")]},
                          code="reference")
        errors = session_errors(forum=forum, agenda=agenda, key=session_key)
        if errors:
            raise Refused(errors, code="clash")
        return session_key

    return _edit(forum=forum, actor=actor, note=f"session {key or 'added'}", edit=edit)


def delete_session(*, forum: Forum, actor, key: str) -> None:
    def edit(agenda):
        _session(agenda, key)
        del agenda["sessions"][key]

    _edit(forum=forum, actor=actor, note=f"session {key} removed", edit=edit)


def save_placement(*, forum: Forum, actor, session_key: str, key: str | None, speaker_id: int | None,
                   new_speaker: dict | None, role: str, order: int) -> str:
    """Place a speaker in a session of the working copy, or change their role and order: a speaker of this forum
    (``speaker_id``) or a new one (``new_speaker``, the fields of ``agenda.NEW_SPEAKER_FIELDS``)."""
    def edit(agenda):
        session = _session(agenda, session_key)
        placement_key = key or new_key()
        if key and key not in session["speakers"]:
            raise UnknownRow(key)
        if speaker_id is not None:
            if speaker_id not in selectors.forum_speaker_ids(forum, agenda):
                raise ChangeRefused(_("Choose a speaker of this forum, or add a new one."), code="speaker",
                                    field="speaker")
            if any(other["speaker"] == speaker_id for other_key, other in session["speakers"].items()
                   if other_key != placement_key):
                raise ChangeRefused(_("This speaker is already in the session."), code="twice", field="speaker")
        if speaker_id is None and _email_taken(agenda, (new_speaker or {}).get("email") or "", placement_key):
            raise ChangeRefused(_("Another new speaker of your working copy has this email: a speaker is added "
                                  "once, and each email address is one speaker."), code="email_twice", field="email")
        placement = session["speakers"].get(placement_key, {"id": None})
        placement.update(speaker=speaker_id, role=role, order=order,
                         new={name: (new_speaker or {}).get(name) or "" for name in NEW_SPEAKER_FIELDS}
                         if speaker_id is None else None)
        session["speakers"][placement_key] = placement
        errors = session_errors(forum=forum, agenda=agenda, key=session_key)
        if errors:
            raise Refused([message for messages in errors.values() for message in messages], code="clash")
        return placement_key

    return _edit(forum=forum, actor=actor, note=f"speaker in session {session_key}", edit=edit)


def _email_taken(agenda: dict, email: str, placement_key: str) -> bool:
    """Whether another new speaker of the working copy has ``email`` (any letter case)."""
    return bool(email) and any(
        (placement["new"] or {}).get("email", "").casefold() == email.casefold()
        for session in agenda["sessions"].values() for key, placement in session["speakers"].items()
        if key != placement_key and placement["speaker"] is None)


def delete_placement(*, forum: Forum, actor, session_key: str, key: str) -> None:
    def edit(agenda):
        session = _session(agenda, session_key)
        if key not in session["speakers"]:
            raise UnknownRow(key)
        del session["speakers"][key]

    _edit(forum=forum, actor=actor, note=f"speaker removed from session {session_key}", edit=edit)


@transaction.atomic
def submit_forum_change(*, forum: Forum, actor) -> ForumChange:
    """Send the working copy to the organizers' review, once it breaks no rule and changes something."""
    change = ForumChange.objects.select_for_update().filter(forum=forum, state__in=OPEN_STATES).first()
    if change is None or change.proposed == change.base:
        raise ChangeRefused(_("Nothing to submit: your working copy is the live agenda."), code="empty")
    if not change.is_editable:
        raise ChangeRefused(_("Your change is already waiting for the organizers' review."), code="under_review")
    errors = agenda_errors(forum=forum, agenda=change.proposed)
    if errors:
        raise ChangeRefused(errors, code="clash")
    change.state, change.submitted_at, change.submitted_by = ChangeState.SUBMITTED, timezone.now(), actor
    change.organizer_changes = []  # told; the organizers review against the live forum again
    change.save(update_fields=["state", "submitted_at", "submitted_by", "organizer_changes", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=change, changes={"state": ChangeState.SUBMITTED},
                 note="submitted for review")
    return change
