"""Forum rules: when a saved forum or session has moved, which the apps above forums act on (guests tell their
guests); the programme copied into next year's edition."""

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from core.enums import PublicationStatus
from summits.models import Summit
from summits.services import CopyLine, plural_label

from ..models import Forum, Session, ThemeGroup
from ..signals import forum_moved, session_moved

# The names a save's ``update_fields`` may give for the slot's fields; a save naming none of them cannot move it.
SLOT_FIELD_NAMES = frozenset({"start", "end", "room", "room_id"})


@dataclass(frozen=True)
class Slot:
    """When and where a forum or a session happens: the times and room its guests are told about."""

    start: datetime
    end: datetime
    room: int | None  # the room's id

    @classmethod
    def of(cls, row: Forum | Session) -> "Slot":
        return cls(start=row.start, end=row.end, room=row.room_id)

    def changes_from(self, before: "Slot") -> frozenset[str]:
        """The fields ("start", "end", "room") in which this slot differs from ``before``."""
        return frozenset(
            slot_field.name for slot_field in fields(Slot)
            if getattr(before, slot_field.name) != getattr(self, slot_field.name)
        )


ForumSlot = Slot  # the name the forum's side has always used


def stored_slot(*, forum_id: int) -> Slot | None:
    """The slot the database holds for the forum, read before a save replaces it; None when it is not stored."""
    row = Forum.objects.filter(pk=forum_id).values_list("start", "end", "room").first()
    return Slot(*row) if row else None


def stored_session_slot(*, session_id: int) -> Slot | None:
    """The slot the database holds for the session, read before a save replaces it; None when it is not stored."""
    row = Session.objects.filter(pk=session_id).values_list("start", "end", "room").first()
    return Slot(*row) if row else None


def announce_forum_move(*, forum: Forum, before: Slot) -> frozenset[str]:
    """Send ``forum_moved`` if the just saved ``forum`` has another start, end or room than ``before`` (the stored
    slot it replaced). Returns what changed; empty when the forum did not move, and then nothing is sent."""
    changed = Slot.of(forum).changes_from(before)
    if changed:
        forum_moved.send(sender=Forum, forum_id=forum.pk, changed=changed, before=before)
    return changed


def announce_session_move(*, session: Session, before: Slot) -> frozenset[str]:
    """Send ``session_moved`` if the just saved ``session`` has another start, end or room than ``before`` (the
    stored slot it replaced), with that slot. Returns what changed; empty (and nothing sent) when it did not move."""
    changed = Slot.of(session).changes_from(before)
    if changed:
        session_moved.send(sender=Session, session_id=session.pk, forum_id=session.forum_id, changed=changed,
                           before=before)
    return changed
def planned_copy(*, source: Summit) -> list[CopyLine]:
    """What ``copy_programme`` would take from ``source`` and what it leaves: three count queries."""
    return [
        CopyLine(plural_label(ThemeGroup), source.theme_groups.count(), copied=True),
        CopyLine(plural_label(Forum), source.forums.count(), copied=True,
                 note=_("as drafts to review, their times moved, with their hosts and rooms")),
        CopyLine(plural_label(Session), Session.objects.filter(forum__summit=source).count(),
                 copied=False, note=_("nor their speakers: each year's agenda is new")),
    ]


def copy_programme(*, source: Summit, new_summit: Summit, shift: timedelta) -> None:
    """Copy ``source``'s theme groups and forums into ``new_summit``: forums as drafts marked to review
    (core/review.py), moved by ``shift``, with their hosts, co-hosts and rooms; no session. Runs inside
    ``summits.services.start_next_edition``'s transaction (on ``edition_started``)."""
    theme_groups = {}
    for group in source.theme_groups.all():
        old_pk = group.pk
        group.pk, group.id, group.summit = None, None, new_summit
        group.save()
        theme_groups[old_pk] = group
    for forum in source.forums.prefetch_related("co_hosts"):
        co_host_ids = [organization.pk for organization in forum.co_hosts.all()]
        forum.pk, forum.id, forum.summit = None, None, new_summit
        forum.theme_group = theme_groups.get(forum.theme_group_id)  # type: ignore[arg-type]  # None finds None
        forum.start, forum.end = forum.start + shift, forum.end + shift
        forum.status, forum.published_at, forum.needs_review = PublicationStatus.DRAFT, None, True
        forum.save()
        forum.co_hosts.add(*co_host_ids)  # add(), not set(): set() would read the prefetched old hosts
