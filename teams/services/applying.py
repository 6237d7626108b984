"""A team's change written into the live programme: merged three ways (the agenda the team started from, the live
agenda now, the team's proposal), then applied through the models' own validation and saves, the whole checked
before anything is written."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import AuditAction, PublicationStatus
from core.services.audit import record_audit
from core.slugs import unique_slug
from forums.models import Forum, Session, SessionSpeaker, Speaker
from forums.scheduling import room_exclusion_deferred

from ..agenda import FORUM_FIELDS, NEW_SPEAKER_FIELDS, PLACEMENT_FIELDS, SESSION_FIELDS, as_time, draft_title


def _merge_fields(base: dict, live: dict, proposed: dict, model, names, what: str, conflicts: list[str]) -> dict:
    """``live`` with the fields the team changed; a field changed on both sides (to different values) is a
    conflict."""
    merged = dict(live)
    for name in names:
        if proposed[name] == base[name]:
            continue
        if live[name] not in (base[name], proposed[name]):
            conflicts.append(_("%(what)s: an organizer changed “%(field)s” after the team began this change.")
                             % {"what": what, "field": model._meta.get_field(name).verbose_name})
        merged[name] = proposed[name]
    return merged


def _merge_rows(base: dict, live: dict, proposed: dict, merge_row, what, conflicts: list[str]) -> dict:
    """Rows by key: the team's additions and removals, the organizers' additions since; a row removed on one side
    and changed on the other is a conflict."""
    merged = {}
    for key in [*proposed, *(key for key in live if key not in proposed)]:
        old, now, new = base.get(key), live.get(key), proposed.get(key)
        if old is None and new is not None:
            merged[key] = new  # the team's addition
        elif old is None:
            merged[key] = now  # an organizer's addition since
        elif now is None:
            if new != old:
                conflicts.append(_("%(what)s: an organizer deleted it after the team began this change, and the "
                                   "team changed it.") % {"what": what(new)})
        elif new is None:
            if now != old:
                conflicts.append(_("%(what)s: an organizer changed it after the team began this change, and the "
                                   "team removed it.") % {"what": what(now)})
        else:
            merged[key] = merge_row(old, now, new)
    return merged


def merged_agenda(*, base: dict, live: dict, proposed: dict) -> tuple[dict, list[str]]:
    """The live agenda with the team's changes, and the conflicts that forbid it (empty when there are none)."""
    conflicts: list[str] = []

    def merge_session(old, now, new):
        session = _merge_fields(old, now, new, Session, SESSION_FIELDS, draft_title(now), conflicts)
        session["speakers"] = _merge_rows(
            old["speakers"], now["speakers"], new["speakers"],
            lambda o, n, p: _merge_fields(o, n, p, SessionSpeaker, PLACEMENT_FIELDS, draft_title(now), conflicts),
            lambda placement: draft_title(now), conflicts)
        return session

    forum = _merge_fields(base["forum"], live["forum"], proposed["forum"], Forum, FORUM_FIELDS, _("The forum"),
                          conflicts)
    sessions = _merge_rows(base["sessions"], live["sessions"], proposed["sessions"], merge_session, draft_title,
                           conflicts)
    return {"forum": forum, "sessions": sessions}, conflicts


def apply_agenda(*, forum: Forum, live: dict, merged: dict, actor) -> None:
    """Write ``merged`` over ``live`` (the forum as it is, locked by the caller, who checked ``merged`` whole against
    the scheduling rules): only rows that differ are written, each audited.

    Every session to write is validated first, before any is written: its fields and constraints through
    ``full_clean()``, but not its schedule, checked with the others' (alone against the database, two sessions
    exchanging rooms or times would each clash with the other's old slot). Then removals first, references that
    change cleared (so two sessions may exchange theirs too), and the writes, with the room's exclusion constraint
    checked at their end (PostgreSQL). Saves go through ``save()``: every receiver runs as for an organizer's edit.
    """
    changed = [(_session_row(forum, session, live["sessions"].get(key)), session, live["sessions"].get(key))
               for key, session in sorted(merged["sessions"].items(), key=lambda item: item[1]["start"])
               if session != live["sessions"].get(key)]
    for (row, changes), _session, _before in changed:
        if changes:
            row.full_clean(validate_constraints=False)
            row.validate_constraints(exclude={"reference"})  # unique in the whole agenda: checks.agenda_errors
    with room_exclusion_deferred():
        _apply_forum(forum, live["forum"], merged["forum"], actor)
        for key, session in live["sessions"].items():
            if key not in merged["sessions"]:
                row = Session.objects.get(pk=session["id"])
                record_audit(actor=actor, action=AuditAction.DELETED, obj=row, note="forum team's change")
                row.delete()
        Session.objects.filter(pk__in=[row.pk for (row, changes), _session, _before in changed
                                       if "reference" in changes and row.pk]).update(reference="")
        for (row, changes), session, before in changed:
            _write_session(row, changes, session, before, actor)


def _apply_forum(forum: Forum, live: dict, merged: dict, actor) -> None:
    if merged == live:
        return
    changes = {name: [live[name], merged[name]] for name in FORUM_FIELDS if live[name] != merged[name]}
    for name, (_before, after) in changes.items():
        setattr(forum, name, after)
    forum.full_clean()
    forum.save()
    record_audit(actor=actor, action=AuditAction.CHANGED, obj=forum, changes=changes, note="forum team's change")


def _session_row(forum: Forum, session: dict, before: dict | None) -> tuple[Session, dict]:
    """The session's row with the merged values set, not saved, and the fields that change."""
    if before is None:
        row = Session(forum=forum, status=PublicationStatus.PUBLISHED, published_at=timezone.now())
    else:
        row = Session.objects.get(pk=session["id"])
    row.schedule_checked_as_a_whole = True
    changes = {}
    for name in SESSION_FIELDS:
        value = session[name]
        if before is None or before[name] != value:
            changes[name] = [before[name] if before else "", value]
        if name in {"start", "end"}:
            value = as_time(value)
        setattr(row, "room_id" if name == "room" else name, value)
    return row, changes


def _write_session(row: Session, changes: dict, session: dict, before: dict | None, actor) -> None:
    if changes:
        row.save()
        record_audit(actor=actor, action=AuditAction.CREATED if before is None else AuditAction.CHANGED, obj=row,
                     changes=changes, note="forum team's change")
    placements = before["speakers"] if before else {}
    for key, placement in placements.items():
        if key not in session["speakers"]:
            SessionSpeaker.objects.filter(pk=placement["id"]).delete()
    for key, placement in session["speakers"].items():
        if placement == placements.get(key):
            continue
        link = SessionSpeaker.objects.get(pk=placement["id"]) if placement.get("id") else SessionSpeaker(session=row)
        link.speaker_id = placement["speaker"] or _new_speaker(placement["new"], actor).pk
        link.role, link.order = placement["role"], placement["order"]
        link.full_clean()
        link.save()


def _new_speaker(values: dict, actor) -> Speaker:
    """The speaker the team added; one whose email a speaker already has is that speaker, placed, not created
    again (two speakers with one address would each get the portal's emails)."""
    email = values.get("email", "")
    existing = Speaker.objects.filter(email__iexact=email).order_by("pk").first() if email else None
    if existing is not None:
        return existing
    speaker = Speaker(**{name: values.get(name, "") for name in NEW_SPEAKER_FIELDS})
    speaker.slug = unique_slug(values.get("name_en", ""), among=Speaker.objects.all(), max_length=90,
                               fallback="speaker")
    speaker.full_clean()
    speaker.save()
    record_audit(actor=actor, action=AuditAction.CREATED, obj=speaker, note="forum team's change")
    return speaker
