"""What a forum team's change would change, readable: the forum's fields, the sessions added, removed and changed
field by field, and their speakers; in the reader's language (the organizer's in the admin, the team's on its
page and in its emails)."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.enums import SessionLanguage, SessionType, SpeakerRole
from forums.models import Forum, Session, Speaker
from summits.models import Room

from .agenda import FORUM_FIELDS, SESSION_FIELDS, as_time, draft_title, sorted_placements, sorted_sessions


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class SessionChange:
    kind: str  # "added", "removed", "changed"
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


@dataclass
class AgendaDiff:
    forum: list[FieldChange]
    sessions: list[SessionChange]

    def __bool__(self) -> bool:
        return bool(self.forum or self.sessions)


class _Names:
    """Rooms and speakers by id, read once for the whole diff."""

    def __init__(self, *agendas: dict):
        sessions = [session for agenda in agendas for session in agenda["sessions"].values()]
        self.rooms = {room.pk: str(room) for room in Room.objects.select_related("venue").filter(
            pk__in={session["room"] for session in sessions if session["room"]})}
        self.speakers = dict(Speaker.objects.filter(pk__in={
            placement["speaker"] for session in sessions for placement in session["speakers"].values()
            if placement["speaker"]}).values_list("pk", "name"))

    def speaker(self, placement: dict) -> str:
        if placement["speaker"]:
            return self.speakers.get(placement["speaker"], "?")
        return _("%(name)s (new speaker)") % {"name": placement["new"]["name_en"]}

    def value(self, name: str, value) -> str:
        if value in (None, ""):
            return "—" if name != "room" else _("the forum's room")
        if name in {"start", "end"}:
            return date_format(localtime(as_time(value)), "DATETIME_FORMAT")
        if name == "room":
            return self.rooms.get(value, "?")
        if name == "type":
            return str(SessionType(value).label) if value in SessionType.values else value
        if name == "language":
            return str(SessionLanguage(value).label) if value in SessionLanguage.values else value
        return str(value)


LANGUAGE_SUFFIXES = {"_en": gettext_lazy("%(field)s (English)"), "_zh_hans": gettext_lazy("%(field)s (Chinese)")}


def _label(model, name: str) -> str:
    """The field's name as the admin shows it, a translation's language in words: "Description (English)"."""
    for suffix, label in LANGUAGE_SUFFIXES.items():
        if name.endswith(suffix):
            field = capfirst(str(model._meta.get_field(name.removesuffix(suffix)).verbose_name))
            return str(label) % {"field": field}
    return capfirst(str(model._meta.get_field(name).verbose_name))


def organizer_change_labels(change) -> list[str]:
    """The places an organizer changed since the team began (kept when the change was sent back), named for the
    team."""
    sessions = {**change.base["sessions"], **change.proposed["sessions"]}
    labels = []
    for key, name in change.organizer_changes:
        if not key:
            labels.append(_("The forum: %(field)s") % {"field": _label(Forum, name)})
            continue
        title = draft_title(sessions[key]) if key in sessions else _("a session the organizers deleted")
        labels.append(_("“%(session)s”: %(field)s") % {"session": title, "field": _label(Session, name)} if name
                      else _("“%(session)s”: the session or its speakers") % {"session": title})
    return labels


def _speaker_lines(names: _Names, before: dict, after: dict) -> list[str]:
    lines = []
    for key, placement in sorted_placements(after):
        role = str(SpeakerRole(placement["role"]).label) if placement["role"] in SpeakerRole.values else ""
        old = before["speakers"].get(key)
        if old is None:
            lines.append(_("Added: %(speaker)s, %(role)s") % {"speaker": names.speaker(placement), "role": role})
        elif (old["role"], old["order"]) != (placement["role"], placement["order"]):
            lines.append(_("%(speaker)s: now %(role)s, in place %(order)s") % {
                "speaker": names.speaker(placement), "role": role, "order": placement["order"]})
    lines += [_("Removed: %(speaker)s") % {"speaker": names.speaker(placement)}
              for key, placement in sorted_placements(before) if key not in after["speakers"]]
    return lines


def agenda_diff(base: dict, proposed: dict) -> AgendaDiff:
    """What ``proposed`` changes in ``base`` (two agendas of teams/agenda.py)."""
    names = _Names(base, proposed)
    forum_changes = [FieldChange(_label(Forum, name), base["forum"][name] or "—", proposed["forum"][name] or "—")
                     for name in FORUM_FIELDS if base["forum"][name] != proposed["forum"][name]]
    sessions = []
    empty = {"speakers": {}}
    for key, session in sorted_sessions(proposed):
        old = base["sessions"].get(key)
        if old is None:
            sessions.append(SessionChange("added", draft_title(session), [
                FieldChange(_label(Session, name), "", names.value(name, session[name]))
                for name in SESSION_FIELDS if session[name] not in (None, "")], _speaker_lines(names, empty, session)))
            continue
        fields = [FieldChange(_label(Session, name), names.value(name, old[name]), names.value(name, session[name]))
                  for name in SESSION_FIELDS if old[name] != session[name]]
        speakers = _speaker_lines(names, old, session)
        if fields or speakers:
            sessions.append(SessionChange("changed", draft_title(session), fields, speakers))
    sessions += [SessionChange("removed", draft_title(session)) for key, session in sorted_sessions(base)
                 if key not in proposed["sessions"]]
    return AgendaDiff(forum_changes, sessions)
