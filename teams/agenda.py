"""A forum's agenda as JSON: what a forum team's working copy holds (``ForumChange.proposed``) and the live agenda it
started from (``ForumChange.base``), in one shape so that the two compare field by field.

    {"forum": {"description_en": ..., "description_zh_hans": ...},
     "sessions": {"<key>": {"id": <live id or None>, "title_en": ..., "start": "<ISO 8601>", "room": <id or None>,
                            ..., "speakers": {"<key>": {"id": <placement id or None>, "speaker": <id or None>,
                                                        "new": {<a new speaker's fields>} or None,
                                                        "role": ..., "order": ...}}}}}

Keys: "s<id>" for a live session, "p<id>" for a live placement, "n<hex>" for what the team added. They name rows
in the team's addresses; a key the working copy does not hold is a 404, whatever forum it belongs to.
"""

import copy
import datetime
import secrets

from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language

from forums.models import Forum

FORUM_FIELDS = ("description_en", "description_zh_hans")
SESSION_FIELDS = ("title_en", "title_zh_hans", "description_en", "description_zh_hans", "type", "start", "end",
                  "room", "language", "reference")
PLACEMENT_FIELDS = ("speaker", "role", "order")
NEW_SPEAKER_FIELDS = ("name_en", "name_zh_hans", "title_en", "title_zh_hans", "affiliation_en",
                      "affiliation_zh_hans", "email", "language")


def draft_title(session: dict) -> str:
    """The session's title in the reader's language, English when it has none in Chinese."""
    chinese = (get_language() or "").startswith("zh") and session.get("title_zh_hans")
    return chinese or session["title_en"]


def new_key() -> str:
    return f"n{secrets.token_hex(4)}"


def as_time(value: str) -> datetime.datetime:
    parsed = parse_datetime(value)
    assert parsed is not None, value
    return parsed


def live_agenda(forum: Forum) -> dict:
    """The forum's description and sessions as the database holds them now, with each session's speakers."""
    sessions = {}
    for session in forum.sessions.order_by("start", "pk").prefetch_related("session_speakers"):
        sessions[f"s{session.pk}"] = {
            "id": session.pk,
            **{name: getattr(session, name) or "" for name in SESSION_FIELDS if name not in {"start", "end", "room"}},
            "start": session.start.isoformat(), "end": session.end.isoformat(), "room": session.room_id,
            "speakers": {
                f"p{placement.pk}": {"id": placement.pk, "speaker": placement.speaker_id, "new": None,
                                     "role": placement.role, "order": placement.order}
                for placement in sorted(session.session_speakers.all(), key=lambda row: (row.order, row.pk))
            },
        }
    return {"forum": {name: getattr(forum, name) or "" for name in FORUM_FIELDS}, "sessions": sessions}


def sorted_sessions(agenda: dict) -> list[tuple[str, dict]]:
    """The sessions of ``agenda`` in the order of the day."""
    return sorted(agenda["sessions"].items(), key=lambda item: (item[1]["start"], item[0]))


def sorted_placements(session: dict) -> list[tuple[str, dict]]:
    return sorted(session["speakers"].items(), key=lambda item: (item[1]["order"], item[0]))


def speaker_ids(agenda: dict) -> set[int]:
    """The live speakers the agenda places."""
    return {placement["speaker"] for session in agenda["sessions"].values()
            for placement in session["speakers"].values() if placement["speaker"]}


def edited(agenda: dict) -> dict:
    """A deep copy to change: the stored JSON is replaced whole, never changed in place."""
    return copy.deepcopy(agenda)
