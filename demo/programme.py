"""Load the programme of each edition: theme groups, forums, sessions and made-up speakers.

Rooms and times are allocated deterministically so that no rule is broken: the sub-forums of a half-day slot
take the forum halls in order, the other forums have fixed rooms and times (data/events.py), and a speaker is
booked for the whole of a forum, never in two forums at once.
"""

import datetime
import zlib
from dataclasses import dataclass, field
from itertools import zip_longest

from django.utils.text import slugify

from core.enums import PublicationStatus
from forums.enums import ForumKind, SessionType, SpeakerRole
from forums.models import Forum, Session, SessionSpeaker, Speaker, ThemeGroup

from .context import DemoContext, Edition, at, session_guid
from .data import editions as edition_data
from .data import forums as data
from .data.events import EVENTS
from .data.people import NAME_PARTS, POSITIONS
from .editions import published_at
from .streams import session_links, speaker_consent
from .upsert import translated


@dataclass
class SessionPlan:
    type: str
    title: tuple[str, str]
    start: datetime.datetime
    end: datetime.datetime
    speakers: list[str] = field(default_factory=list)  # labels; a label repeated in a forum is the same person


@dataclass
class ForumPlan:
    slug: str
    kind: str
    title: tuple[str, str]
    description: tuple[str, str]
    room: str | None
    named: bool
    sessions: list[SessionPlan]
    theme_group: str | None = None
    host: str = "wic"
    co_hosts: list[str] = field(default_factory=list)

    @property
    def start(self):
        return self.sessions[0].start

    @property
    def end(self):
        return self.sessions[-1].end


def _sub_forum_sessions(source, slug, day, start, finale) -> list[SessionPlan]:
    opening, keynotes, roundtable, closing = data.SPEAKER_COUNTS_BY_FORUM.get((source, slug), data.SPEAKER_COUNTS)
    first = at(day, start)

    def span(begin, minutes):
        return first + datetime.timedelta(minutes=begin), first + datetime.timedelta(minutes=begin + minutes)

    host = ["host"] * opening
    return [
        SessionPlan(SessionType.KEYNOTE, ("Opening remarks", "开幕致辞"), *span(0, 15), host),
        SessionPlan(SessionType.KEYNOTE, ("Keynote speeches", "主旨演讲"), *span(15, 60),
                    [f"keynote-{n}" for n in range(keynotes)]),
        SessionPlan(SessionType.BREAK, ("Tea break", "茶歇"), *span(75, 15)),
        SessionPlan(SessionType.PANEL, ("Roundtable", "圆桌对话"), *span(90, 75),
                    [f"panel-{n}" for n in range(roundtable)]),
        SessionPlan(finale[0], finale[1:], *span(165, 35), [f"finale-{n}" for n in range(closing)]),
        SessionPlan(SessionType.KEYNOTE, ("Closing remarks", "闭幕致辞"), *span(200, 10), host),
    ]


def forum_plans(edition: Edition) -> list[ForumPlan]:
    """Every forum of an edition, in the order of the agenda; a made-up edition has its source year's, on its own
    days (the same weekdays) and with its own year in the titles."""
    year, source, days = edition.year, edition.source, edition.days

    def retitled(texts: tuple[str, str]) -> tuple[str, str]:
        return tuple(text.replace(str(source), str(year)) for text in texts) if edition.live else texts

    plans = []
    used_halls: dict[str, int] = {}
    for slug, slot, group, title, title_zh, named, finale in data.SUB_FORUMS[source]:
        day, start, _end = data.SLOTS[slot]
        hall = edition_data.FORUM_HALLS[used_halls.setdefault(slot, 0)]
        used_halls[slot] += 1
        topic, topic_zh = title.removesuffix(" Forum"), title_zh.removesuffix("论坛")
        description = (not edition.live and data.FORUM_DESCRIPTIONS.get((year, slug))) or (
            f"A sub-forum of the {year} Wuzhen Summit on \"{topic}\": government officials, international "
            "organisations, enterprises and researchers exchange views and share practice.",
            f"{year}年乌镇峰会分论坛，围绕“{topic_zh}”，来自政府、国际组织、企业和研究机构的代表交流观点、分享实践。",
        )
        sessions = _sub_forum_sessions(source, slug, days[day], start, (finale[0], *retitled(finale[1:])))
        plans.append(ForumPlan(
            slug=slug, kind=ForumKind.SUB_FORUM, title=retitled((title, title_zh)), description=description,
            room=hall, named=named and not edition.live, sessions=sessions, theme_group=group,
            host="zhejiang-government" if slug == "zhejiang" else "wic",
        ))
    for event in EVENTS[source]:
        day = days[event["day"]]
        sessions = []
        for index, (kind, title, title_zh, start, end, speakers) in enumerate(event["sessions"]):
            labels = [f"{index}-{n}" for n in range(speakers)]
            sessions.append(SessionPlan(kind, retitled((title, title_zh)), at(day, start), at(day, end), labels))
        plans.append(ForumPlan(
            slug=event["slug"], kind=event["kind"], title=retitled(event["title"]), description=("", ""),
            room=event["room"], named=event["named"] and not edition.live, sessions=sessions,
            co_hosts=["zhejiang-government"] if event["kind"] in (ForumKind.OPENING_CEREMONY, ForumKind.MAIN_FORUM)
            else [],
        ))
    plans.sort(key=lambda plan: (plan.start, plan.room or "", plan.slug))
    return plans


class SpeakerPool:
    """The made-up speakers, handed out in turn to forums whose time they are free for."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        by_country = []
        for country, family_first, given_names, family_names in NAME_PARTS:
            people = []
            for family, family_zh in family_names:
                for given, given_zh in given_names:
                    if family_first:
                        people.append((f"{family} {given}", f"{family_zh}{given_zh}", country))
                    else:
                        people.append((f"{given} {family}", f"{given_zh}·{family_zh}", country))
            by_country.append(people)
        # Interleaved by country so that every forum hears several countries.
        self.people = [person for row in zip_longest(*by_country) for person in row if person]
        self.busy: dict[int, list[tuple]] = {}
        self.next = 0
        self.speakers: dict[int, Speaker] = {}

    def book(self, start, end, count: int) -> list[Speaker]:
        chosen = []
        for step in range(len(self.people)):
            if len(chosen) == count:
                break
            index = (self.next + step) % len(self.people)
            if all(end <= other_start or other_end <= start for other_start, other_end in self.busy.get(index, [])):
                chosen.append(index)
        if len(chosen) < count:
            raise RuntimeError(f"Not enough free demo speakers for {count} places at {start}.")
        self.next = (chosen[-1] + 1) % len(self.people) if chosen else self.next
        for index in chosen:
            self.busy.setdefault(index, []).append((start, end))
        return [self._speaker(index) for index in chosen]

    def _speaker(self, index: int) -> Speaker:
        if index not in self.speakers:
            name, name_zh, country = self.people[index]
            organizations = self.ctx.members_of(country=country)
            organization = organizations[index % len(organizations)]
            position, position_zh = POSITIONS[index % len(POSITIONS)]
            self.speakers[index], _ = self.ctx.upsert(Speaker, {"slug": f"demo-{slugify(name)}"}, {
                **translated("name", name, name_zh), **translated("title", position, position_zh),
                **translated("affiliation", "", ""),
                **translated(
                    "bio", f"{position}, {organization.name_en}.", f"{organization.name_zh_hans}{position_zh}。"
                ),
                "organization": organization, "country": country, "is_demo": True,
            })
        return self.speakers[index]


def _role(session_type: str, position: int, label: str) -> str:
    if label == "host" or (session_type == SessionType.CEREMONY and position == 0):
        return SpeakerRole.HOST
    if session_type in (SessionType.PANEL, SessionType.DIALOGUE) and position == 0:
        return SpeakerRole.MODERATOR
    return SpeakerRole.SPEAKER


def _co_hosts(ctx: DemoContext, year: int, plan: ForumPlan) -> list:
    """The named co-hosts, or for a sub-forum one or two member organisations, picked by a stable hash."""
    if plan.kind != ForumKind.SUB_FORUM:
        return [ctx.organizations[slug] for slug in plan.co_hosts]
    members = [organization for organization, _template in ctx.members]
    pick = zlib.crc32(f"{year}/{plan.slug}".encode())
    chosen = [members[pick % len(members)]]
    if pick % 2:
        chosen.append(members[(pick // 7) % len(members)])
    return list(dict.fromkeys(chosen))


def load_programme(ctx: DemoContext) -> None:
    pool = SpeakerPool(ctx)
    for year, edition in ctx.editions.items():
        summit = ctx.summits[year]
        groups = {}
        for order, (slug, name, name_zh) in enumerate(edition_data.THEME_GROUPS):
            groups[slug], _ = ctx.upsert(ThemeGroup, {"summit": summit, "slug": slug}, {
                **translated("name", name, name_zh), "order": order,
            })
        for order, plan in enumerate(forum_plans(edition)):
            _load_forum(ctx, pool, summit, plan, year=year, order=order, group=groups.get(plan.theme_group),
                        published_at=published_at(edition))


def _load_forum(ctx, pool, summit, plan: ForumPlan, *, year, order, group, published_at) -> None:
    room = ctx.rooms[plan.room] if plan.room else None
    forum, _ = ctx.upsert(Forum, {"summit": summit, "slug": plan.slug}, {
        "kind": plan.kind, "theme_group": group, **translated("title", *plan.title),
        **translated("description", *plan.description), "host": ctx.organizations[plan.host], "room": room,
        "start": plan.start, "end": plan.end, "seat_quota": None, "order": order, "is_demo": not plan.named,
        "status": PublicationStatus.PUBLISHED, "published_at": published_at,
    })
    ctx.forums[year, plan.slug] = forum
    ctx.upserter.set_m2m(forum, "co_hosts", _co_hosts(ctx, year, plan))
    labels = list(dict.fromkeys(label for session in plan.sessions for label in session.speakers))
    people = dict(zip(labels, pool.book(plan.start, plan.end, len(labels)), strict=True))
    for index, session_plan in enumerate(plan.sessions):
        session, _ = ctx.upsert(Session, {"guid": session_guid(year, plan.slug, index)}, {
            "forum": forum, "type": session_plan.type, **translated("title", *session_plan.title),
            **translated("description", "", ""), "start": session_plan.start, "end": session_plan.end,
            "room": room, "language": "bilingual", "status": PublicationStatus.PUBLISHED,
            "published_at": published_at,
            **session_links(ctx.editions[year], kind=plan.kind, forum_slug=plan.slug, index=index),
        })
        ctx.sessions[year, plan.slug, index] = session
        for position, label in enumerate(session_plan.speakers):
            # The loader books every speaker and room without overlap, so the per-row checks are skipped here.
            ctx.upsert(SessionSpeaker, {"session": session, "order": position}, {
                "speaker": people[label], "role": _role(session_plan.type, position, label),
                **speaker_consent(ctx.editions[year], kind=plan.kind, forum_slug=plan.slug, position=position,
                                  speakers=len(session_plan.speakers)),
            }, clean=False)
