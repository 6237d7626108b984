"""The organizers' review of a forum team's change: publish it into the live programme, or send it back with a
comment. The team is emailed each decision, in each member's language."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit
from core.signed_links import link_url

from ..agenda import live_agenda
from ..enums import OPEN_STATES, ChangeState
from ..models import ForumChange
from .applying import apply_agenda, merged_agenda
from .checks import agenda_errors
from .members import title_in
from .rebasing import rebased

DECISION_SUBJECTS = {
    ChangeState.PUBLISHED: gettext_lazy("%(forum)s: the organizers published your change"),
    ChangeState.SENT_BACK: gettext_lazy("%(forum)s: the organizers sent your change back"),
    ChangeState.DISCARDED: gettext_lazy("%(forum)s: the organizers discarded your change"),
}


class ReviewRefused(Refused):
    pass


def _submitted(change: ForumChange) -> ForumChange:
    change = ForumChange.objects.select_for_update(of=("self",)).select_related("forum__summit").get(pk=change.pk)
    if change.state != ChangeState.SUBMITTED:
        raise ReviewRefused(_("%(change)s is not waiting for review: nothing was done.") % {"change": change},
                            code="not_submitted")
    return change


@transaction.atomic
def publish_forum_change(*, change: ForumChange, actor) -> ForumChange:
    """Apply the team's change to the live forum, its sessions and speakers, in one transaction.

    Only what the team changed is written, over live rows as they are now: a field an organizer changed since the
    team began is refused rather than overwritten, and so is every scheduling rule the result would break
    against the live programme as it is now and against itself (rooms and speakers locked, clashes named in
    full), checked as a whole before anything is written: two sessions may exchange their rooms or times. Rows
    are validated and saved through the models (applying.py), so moved sessions are announced to guests, the
    content clock moves and partners' webhooks fire as for an organizer's own edit. Sessions the team added are
    published with it.
    """
    change = _submitted(change)
    forum = type(change.forum).objects.select_for_update().get(pk=change.forum_id)
    live = live_agenda(forum)
    merged, conflicts = merged_agenda(base=change.base, live=live, proposed=change.proposed)
    if conflicts:
        raise ReviewRefused(" ".join(conflicts), code="changed_since")
    errors = agenda_errors(forum=forum, agenda=merged, reveal=True)
    if errors:
        raise ReviewRefused(" ".join(errors), code="clash")
    try:
        apply_agenda(forum=forum, live=live, merged=merged, actor=actor)
    except ValidationError as invalid:
        raise ReviewRefused(" ".join(invalid.messages), code="invalid") from invalid
    return _decide(change, ChangeState.PUBLISHED, actor=actor)


@transaction.atomic
def send_back_forum_change(*, change: ForumChange, actor, comment: str) -> ForumChange:
    """Return the change to its team with the organizers' comment; the team edits it and submits it again."""
    change = _submitted(change)
    change.comment = comment.strip()
    rebase_forum_change(change)
    return _decide(change, ChangeState.SENT_BACK, actor=actor)


def rebase_forum_change(change: ForumChange) -> None:
    """Move the change (locked by the caller) onto the live forum as it is now (rebasing.py), not saved: what an
    organizer changed meanwhile becomes the team's "Before", and is named on the team's page."""
    base, proposed, moved = rebased(base=change.base, live=live_agenda(change.forum), proposed=change.proposed)
    change.base, change.proposed = base, proposed
    change.organizer_changes = [*change.organizer_changes,
                                *(place for place in moved if place not in change.organizer_changes)]


@transaction.atomic
def discard_forum_change(*, change: ForumChange, actor, comment: str) -> ForumChange:
    """Close an open change without publishing it, so that no change stays stuck; the team may start a new one."""
    change = ForumChange.objects.select_for_update(of=("self",)).select_related("forum__summit").get(pk=change.pk)
    if change.state not in OPEN_STATES:
        raise ReviewRefused(_("%(change)s is no longer open: nothing was done.") % {"change": change},
                            code="not_open")
    change.comment = comment.strip()
    return _decide(change, ChangeState.DISCARDED, actor=actor)


def _decide(change: ForumChange, state: ChangeState, *, actor) -> ForumChange:
    before = change.state
    change.state, change.decided_at, change.decided_by = state, timezone.now(), actor
    change.save(update_fields=["state", "comment", "decided_at", "decided_by", "base", "proposed",
                               "organizer_changes", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=change,
                 changes={"state": [before, state], **({"comment": change.comment} if change.comment
                                                                      else {})}, note=str(state))
    for member in change.forum.team_members.all():
        queue_templated_email(
            key=f"teams:change:{change.pk}:{state}:{change.decided_at.isoformat()}:{member.pk}", to=member.email,
            language=member.language, subject=DECISION_SUBJECTS[state], text_template="teams/email/decision.txt",
            heading=title_in(change.forum, member.language), about=change,
            context={"name": member.name, "forum": change.forum, "published": state == ChangeState.PUBLISHED,
                     "discarded": state == ChangeState.DISCARDED,
                     "comment": change.comment,
                     "url": link_url("teams:forum", language=member.language, kwargs={"forum_id": change.forum_id})},
        )
    return change
