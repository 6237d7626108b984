"""The upcoming edition's forum teams: one co-host's team member on two sub-forums, one with a draft change to its
agenda and one with a change submitted for the organizers' review. The account has no password: an organizer
sends the invitation from the admin (Forum teams › Forum team members, "Send the invitation (again)") and the
email in var/mail/ has the link to choose one. Written once: a later load leaves the changes as the team and the
organizers left them."""

import contextlib

from django.core.exceptions import ValidationError

from core.services.accounts import account_for
from forums.enums import ForumKind
from forums.models import Forum
from teams import services
from teams.models import ForumChange, ForumTeamMember

from .context import DemoContext
from .upsert import gone

EMAIL, NAME, LANGUAGE = "team.lead@cohost.example", "Chen Jing", "zh-hans"
DESCRIPTION_NOTE = ("The host's team is preparing this forum's agenda (demo).",
                    "主办方团队正在准备本论坛议程（演示）。")


def load_teams(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        summit = ctx.summits.get(year)
        if not edition.live or edition.end < ctx.today or summit is None or gone(summit):
            continue
        ids = [forum.pk for (forum_year, _slug), forum in ctx.forums.items()
               if forum_year == year and not gone(forum) and forum.kind == ForumKind.SUB_FORUM]
        forums = list(Forum.objects.filter(pk__in=ids, co_hosts__isnull=False).distinct()
                      .order_by("start", "pk").prefetch_related("co_hosts")[:2])
        started = set(ForumChange.objects.filter(forum__in=forums).values_list("forum_id", flat=True))
        account = account_for(EMAIL)
        for forum, submit in zip(forums, (False, True), strict=False):
            member, _ = ctx.upsert(ForumTeamMember, {"forum": forum, "email": EMAIL}, {
                "name": NAME, "organization": min(forum.co_hosts.all(), key=lambda host: host.pk),
                "language": LANGUAGE, "user": account,
            })
            if not gone(member) and forum.pk not in started:
                _change(forum, account, submit=submit)


def _change(forum, account, *, submit: bool) -> None:
    english, chinese = DESCRIPTION_NOTE
    services.save_forum_description(forum=forum, actor=account, values={
        "description_en": f"{forum.description_en or ''}\n\n{english}".strip(),
        "description_zh_hans": f"{forum.description_zh_hans or ''}\n\n{chinese}".strip(),
    })
    first = forum.sessions.order_by("start", "pk").first()
    if first is not None:
        values = {name: getattr(first, name) or "" for name in (
            "title_en", "title_zh_hans", "description_zh_hans", "type", "start", "end", "language", "reference")}
        values.update(room=first.room, description_en="Speakers to be confirmed by the host's team (demo).")
        services.save_session(forum=forum, actor=account, key=f"s{first.pk}", values=values)
    if submit:
        with contextlib.suppress(ValidationError):  # a programme the demo moved since: the change stays a draft
            services.submit_forum_change(forum=forum, actor=account)
