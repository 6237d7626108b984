"""Load the permanent venue and its rooms, the editions, their organisers and press conferences."""

import datetime

from core.enums import PublicationStatus
from summits.enums import PartnerRole, PressConferenceKind, SummitMode
from summits.models import PressConference, Room, Summit, SummitOrganization, Venue

from .context import DemoContext, Edition, at, local
from .data import editions as data
from .data import live
from .upsert import translated


def load_venue(ctx: DemoContext) -> Venue:
    venue, _ = ctx.upsert(Venue, {"slug": data.VENUE["slug"]}, {
        **translated("name", *data.VENUE["name"]), **translated("city", *data.VENUE["city"]),
        **translated("address", *data.VENUE["address"]), "country": "CN",
    })
    for order, (slug, name, name_zh, capacity, floor) in enumerate(data.ROOMS):
        ctx.rooms[slug], _ = ctx.upsert(Room, {"venue": venue, "slug": slug}, {
            **translated("name", name, name_zh), "capacity": capacity, "floor": floor, "order": order,
        })
    return venue


def load_summits(ctx: DemoContext, venue: Venue) -> None:
    for year, edition in ctx.editions.items():
        spec = data.EDITIONS[edition.source]
        ctx.summits[year], _ = ctx.upsert(Summit, {"year": year}, {
            "slug": f"wic{year}",
            **translated("theme", *spec["theme"]), **translated("city", *data.VENUE["city"]),
            **(_live_texts(edition) if edition.live else {
                **translated("name", *spec["name"]), **translated("description", *spec["description"]),
            }),
            "start_date": edition.start, "end_date": edition.end, "venue": venue, "mode": SummitMode.HYBRID,
            **({"guest_count": None, "country_count": None, "signed_project_count": None} if edition.live else {
                "guest_count": spec["guest_count"], "country_count": spec["country_count"],
                "signed_project_count": spec["signed_project_count"],
            }),
            "planned_subforum_count": spec["planned_subforum_count"],
            "status": PublicationStatus.PUBLISHED, "published_at": published_at(edition),
        })


def published_at(edition: Edition) -> datetime.datetime:
    """When the edition was published: the seeds say; a made-up edition on the day it was made."""
    return edition.published_at or local(data.EDITIONS[edition.year]["published_at"])


def _live_texts(edition: Edition) -> dict:
    made_on = edition.made_on
    name, name_zh = live.NAME
    description, description_zh = live.DESCRIPTION
    return {
        **translated("name", name.format(year=edition.year), name_zh.format(year=edition.year)),
        **translated("description",
                     description.format(made_on_en=f"{made_on.day} {live.MONTHS[made_on.month - 1]} {made_on.year}"),
                     description_zh.format(made_on_zh=f"{made_on.year}年{made_on.month}月{made_on.day}日")),
    }


def load_partners(ctx: DemoContext) -> None:
    for summit in ctx.summits.values():
        for role, slugs in ((PartnerRole.ORGANISER, data.ORGANISERS), (PartnerRole.SUPPORTER, data.SUPPORTERS)):
            for order, slug in enumerate(slugs):
                ctx.upsert(
                    SummitOrganization,
                    {"summit": summit, "organization": ctx.organizations[slug], "role": role},
                    {"order": order},
                )


def load_press_conferences(ctx: DemoContext) -> None:
    for conference in data.PRESS_CONFERENCES:
        held_at = local(conference["held_at"])
        _press_conference(ctx, ctx.summits[conference["year"]], conference["kind"], conference, held_at, held_at)
    for year, edition in ctx.editions.items():
        if edition.live:
            _live_press_conferences(ctx, ctx.summits[year], edition)


def _press_conference(ctx, summit, kind, texts, held_at, published_at) -> None:
    ctx.upsert(PressConference, {"summit": summit, "kind": kind}, {
        **translated("title", *texts["title"]), **translated("city", *texts["city"]),
        **translated("location", *texts["location"]), **translated("spokespeople", *texts["spokespeople"]),
        **translated("summary", *texts["summary"]),
        "held_at": held_at, "status": PublicationStatus.PUBLISHED, "published_at": published_at,
    })


def _live_press_conferences(ctx: DemoContext, summit, edition: Edition) -> None:
    """The announcement in Beijing weeks before, and the closing one on the last day, as in the source year."""
    subforums = data.EDITIONS[edition.source]["planned_subforum_count"]
    summary, summary_zh = live.ANNOUNCEMENT["summary"]
    announcement = {
        **live.ANNOUNCEMENT, "title": _with_year(live.ANNOUNCEMENT["title"], edition.year),
        "spokespeople": data.RENXIANLIANG,
        "summary": (summary.format(dates_en=dates_en(edition.start, edition.end), subforums=subforums),
                    summary_zh.format(dates_zh=dates_zh(edition.start, edition.end), subforums=subforums)),
    }
    held_at = at(edition.start - datetime.timedelta(days=live.ANNOUNCEMENT_DAYS_BEFORE), "10:00")
    _press_conference(ctx, summit, PressConferenceKind.ANNOUNCEMENT, announcement, held_at, edition.published_at)
    closing = {**live.CLOSING, "title": _with_year(live.CLOSING["title"], edition.year), "spokespeople": ("", "")}
    _press_conference(ctx, summit, PressConferenceKind.CLOSING, closing, at(edition.end, live.CLOSING["clock"]),
                      edition.published_at)


def _with_year(texts: tuple[str, str], year: int) -> tuple[str, str]:
    return texts[0].format(year=year), texts[1].format(year=year)


def dates_en(start: datetime.date, end: datetime.date) -> str:
    """"from 5 to 8 January", "from 30 March to 2 April"."""
    month = live.MONTHS[end.month - 1]
    if start.month == end.month:
        return f"from {start.day} to {end.day} {month}"
    return f"from {start.day} {live.MONTHS[start.month - 1]} to {end.day} {month}"


def dates_zh(start: datetime.date, end: datetime.date) -> str:
    """"1月5日至8日", "3月30日至4月2日"."""
    if start.month == end.month:
        return f"{start.month}月{start.day}日至{end.day}日"
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日"
