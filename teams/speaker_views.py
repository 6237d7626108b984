"""The forum team's buttons for its speakers: invite those of the live agenda not invited yet, remind those who
still owe something, for one session or the whole forum, through the speaker portal's own services (those of the
organizers' actions in the admin), with the team member as the actor."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.views import signed_in_page
from forums import services as portal

from . import selectors
from .views import team_forum_or_404


def _placements(request, forum):
    """The live placements the button is for: one session's (the ``session`` field) or the whole forum's. A
    session that is not one of the forum's live sessions is a 404, as if it did not exist."""
    session_id = request.POST.get("session", "")
    if not session_id:
        return selectors.live_placements(forum)
    if not session_id.isdigit() or len(session_id) > 12 or not forum.sessions.filter(pk=session_id).exists():
        raise Http404
    return selectors.live_placements(forum, int(session_id))


@dataclass(frozen=True)
class Button:
    """A speaker portal service and how its outcome reads: what was sent, what was skipped and why."""

    send: Callable[..., portal.Sending]
    sent: Callable[[int], str]
    skipped: Callable[[int], str]


INVITE = Button(portal.invite_speakers,
                lambda count: ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", count),
                lambda count: ngettext(
                    "%(count)d speaker skipped: already invited or answered, or the edition has ended.",
                    "%(count)d speakers skipped: already invited or answered, or the edition has ended.", count))
REMIND = Button(portal.remind_speakers,
                lambda count: ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", count),
                lambda count: ngettext(
                    "%(count)d speaker skipped: nothing missing, no email address, reminded today already, or the "
                    "edition has ended.",
                    "%(count)d speakers skipped: nothing missing, no email address, reminded today already, or the "
                    "edition has ended.", count))


def _press(request, forum_id: int, button: Button):
    """Call the button's service and say, in the member's language, how many were sent and skipped; a refusal (a
    speaker without an email address) is the service's own message."""
    forum = team_forum_or_404(request, forum_id)
    try:
        outcome = button.send(placements=_placements(request, forum), actor=request.user)
    except portal.SpeakerPortalRefused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        text = button.sent(outcome.sent) % {"count": outcome.sent}
        if outcome.skipped:
            text = f"{text} {button.skipped(outcome.skipped) % {'count': outcome.skipped}}"
        (messages.success if outcome.sent else messages.warning)(request, text)
    return redirect(reverse("teams:forum", kwargs={"forum_id": forum.pk}) + "#speakers")


@signed_in_page
@require_POST
def invite(request, forum_id: int):
    return _press(request, forum_id, INVITE)


@signed_in_page
@require_POST
def remind(request, forum_id: int):
    return _press(request, forum_id, REMIND)
