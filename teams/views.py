"""The forum team's pages, after the site's sign-in: their forums and, per forum, its working copy (description,
sessions, speakers), submitted for the organizers' review. A forum whose team the account is not on, and a
session or speaker its working copy does not hold, is a 404, as if it did not exist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.site import trail
from core.views import signed_in_page

from . import selectors, services
from .agenda import FORUM_FIELDS, SESSION_FIELDS, as_time, draft_title, sorted_placements, sorted_sessions
from .diff import agenda_diff, organizer_change_labels
from .enums import OPEN_STATES
from .forms import DescriptionForm, PlacementForm, SessionForm
from .models import ForumChange

GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def team_forum_or_404(request, forum_id: int):
    forum = selectors.team_forum(request.user, forum_id)
    if forum is None:
        raise Http404
    return forum


def _session_or_404(agenda: dict, key: str) -> dict:
    if key not in agenda["sessions"]:
        raise Http404
    return agenda["sessions"][key]


def _trail(forum, *steps):
    home = (_("Forum team"), reverse("teams:home"))
    if not steps:
        return trail(home, (str(forum), None))
    return trail(home, (str(forum), reverse("teams:forum", kwargs={"forum_id": forum.pk})), *steps)


def _saved(request, forum):
    messages.success(request, _("Saved in your working copy. The organizers see it once you submit it for review."))
    return redirect("teams:forum", forum_id=forum.pk)


def _save(request, forum, form, save):
    """Run ``save``: the forum's page when the working copy kept the edit, None when it was refused (the reasons
    are on the form, whose fields keep what was typed)."""
    try:
        save()
    except services.UnknownRow as unknown:
        raise Http404 from unknown
    except ValidationError as refused:
        _refused(form, refused)
        return None
    return _saved(request, forum)


def _refused(form, refused: ValidationError) -> None:
    field = getattr(refused, "field", None)
    if hasattr(refused, "error_dict"):
        for name, errors in refused.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field if field in form.fields else None, refused.messages)


@signed_in_page
def home(request):
    forums = list(selectors.team_forums(request.user))
    changes = {change.forum_id: change for change in ForumChange.objects.filter(
        forum__in=forums, state__in=OPEN_STATES)}
    return render(request, "teams/home.html", {
        "forums": [(forum, changes.get(forum.pk)) for forum in forums], "trail": trail((_("Forum team"), None)),
    })


@signed_in_page
def forum_page(request, forum_id: int):
    forum = team_forum_or_404(request, forum_id)
    change, agenda = selectors.working_agenda(forum)
    speakers = {speaker.pk: speaker for speaker in selectors.forum_speakers(forum, agenda)}
    live = _live_speakers(forum)
    statuses = {standing.placement.pk: standing.placement.get_invitation_status_display()
                for row in live["live"] for standing in row.speakers}
    sessions = [{
        "key": key, "title": draft_title(session), "start": localtime(as_time(session["start"])),
        "end": localtime(as_time(session["end"])), "room": session["room"], "session": session,
        "speakers": [{"key": placement_key, "role": placement["role"],
                      "name": str(speakers[placement["speaker"]]) if placement["speaker"] in speakers
                      else (placement["new"] or {}).get("name_en", ""),
                      "status": statuses.get(placement["id"], "") if placement["id"] else ""}
                     for placement_key, placement in sorted_placements(session)],
    } for key, session in sorted_sessions(agenda)]
    rooms = {room.pk: room for room in selectors.team_rooms(forum)}
    for item in sessions:
        item["room"] = rooms.get(item["room"] or forum.room_id, forum.room)
    return render(request, "teams/forum.html", {
        "forum": forum, "change": change, "agenda": agenda, "sessions": sessions,
        "editable": change is None or change.is_editable,
        "diff": agenda_diff(change.base, change.proposed) if change else None,
        "organizer_changes": organizer_change_labels(change) if change else [],
        "decision": selectors.last_decision(forum), "trail": _trail(forum),
        **live,
    })


def _live_speakers(forum) -> dict:
    """The live sessions' speakers, and which of the whole forum's buttons apply (none once the edition ended)."""
    live = selectors.live_speakers(forum)
    can_send = not forum.summit.has_ended
    return {"live": live, "can_send": can_send, "invite_any": can_send and any(row.can_invite for row in live),
            "remind_any": can_send and any(row.can_remind for row in live)}


@signed_in_page
@GET_OR_POST
def description(request, forum_id: int):
    forum = team_forum_or_404(request, forum_id)
    _change, agenda = selectors.working_agenda(forum)
    form = DescriptionForm(request.POST or None, initial=agenda["forum"])
    if request.method == "POST" and form.is_valid() and (saved := _save(
            request, forum, form, lambda: services.save_forum_description(
                forum=forum, actor=request.user, values={name: form.cleaned_data[name] for name in FORUM_FIELDS}))):
        return saved
    return _form_page(request, forum, form, _("The forum's description"))


def _form_page(request, forum, form, title, *, delete_url=None):
    return render(request, "teams/form.html", {
        "forum": forum, "form": form, "title": title, "delete_url": delete_url, "trail": _trail(forum, (title, None)),
    })


def _session_initial(forum, session: dict) -> dict:
    return {**{name: session[name] for name in SESSION_FIELDS},
            "start": localtime(as_time(session["start"])), "end": localtime(as_time(session["end"])),
            "room": session["room"] or forum.room_id}


@signed_in_page
@GET_OR_POST
def session_page(request, forum_id: int, key: str | None = None):
    forum = team_forum_or_404(request, forum_id)
    _change, agenda = selectors.working_agenda(forum)
    initial = _session_initial(forum, _session_or_404(agenda, key)) if key else {
        "start": localtime(forum.start), "end": localtime(forum.start), "room": forum.room_id}
    form = SessionForm(request.POST or None, initial=initial, rooms=selectors.team_rooms(forum))
    if request.method == "POST" and form.is_valid() and (saved := _save(
            request, forum, form, lambda: services.save_session(forum=forum, actor=request.user, key=key,
                                                                values=form.cleaned_data))):
        return saved
    title = draft_title(agenda["sessions"][key]) if key else _("A new session")
    delete_url = reverse("teams:session-delete", kwargs={"forum_id": forum.pk, "key": key}) if key else None
    return _form_page(request, forum, form, title, delete_url=delete_url)


def _remove(request, forum_id: int, remove):
    """A session or a speaker taken out of the working copy: a key it does not hold is a 404."""
    forum = team_forum_or_404(request, forum_id)
    try:
        remove(forum)
    except services.UnknownRow as unknown:
        raise Http404 from unknown
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("teams:forum", forum_id=forum.pk)
    return _saved(request, forum)


@signed_in_page
@require_POST
def session_delete(request, forum_id: int, key: str):
    return _remove(request, forum_id, lambda forum: services.delete_session(forum=forum, actor=request.user,
                                                                            key=key))


@signed_in_page
@GET_OR_POST
def placement_page(request, forum_id: int, key: str, speaker_key: str | None = None):
    forum = team_forum_or_404(request, forum_id)
    _change, agenda = selectors.working_agenda(forum)
    session = _session_or_404(agenda, key)
    if speaker_key and speaker_key not in session["speakers"]:
        raise Http404
    placement = session["speakers"].get(speaker_key) if speaker_key else None
    initial = {"role": placement["role"], "order": placement["order"], "speaker": placement["speaker"],
               **(placement["new"] or {})} if placement else {"order": len(session["speakers"])}
    if placement and placement["new"]:
        initial["speaker_language"] = placement["new"].get("language")
    form = PlacementForm(request.POST or None, initial=initial, speakers=selectors.forum_speakers(forum, agenda))
    if request.method == "POST" and form.is_valid() and (saved := _save(
            request, forum, form, lambda: services.save_placement(
                forum=forum, actor=request.user, session_key=key, key=speaker_key,
                speaker_id=form.cleaned_data["speaker"], new_speaker=form.new_speaker(),
                role=form.cleaned_data["role"], order=form.cleaned_data["order"]))):
        return saved
    title = _("A speaker of “%(session)s”") % {"session": draft_title(session)}
    delete_url = reverse("teams:speaker-delete", kwargs={"forum_id": forum.pk, "key": key,
                                                          "speaker_key": speaker_key}) if speaker_key else None
    return _form_page(request, forum, form, title, delete_url=delete_url)


@signed_in_page
@require_POST
def placement_delete(request, forum_id: int, key: str, speaker_key: str):
    return _remove(request, forum_id, lambda forum: services.delete_placement(
        forum=forum, actor=request.user, session_key=key, key=speaker_key))


@signed_in_page
@require_POST
def submit(request, forum_id: int):
    forum = team_forum_or_404(request, forum_id)
    try:
        services.submit_forum_change(forum=forum, actor=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted: the organizers review your change, and you will get an email when "
                                    "they publish it or send it back."))
    return redirect("teams:forum", forum_id=forum.pk)
