"""Load the permanent venue and its rooms, the three editions, their organisers and press conferences."""

from core.enums import PublicationStatus
from summits.enums import PartnerRole, SummitMode
from summits.models import PressConference, Room, Summit, SummitOrganization, Venue

from .context import DemoContext, local
from .data import editions as data
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
    for year, edition in data.EDITIONS.items():
        ctx.summits[year], _ = ctx.upsert(Summit, {"year": year}, {
            "slug": f"wic{year}",
            **translated("name", *edition["name"]), **translated("theme", *edition["theme"]),
            **translated("description", *edition["description"]), **translated("city", *data.VENUE["city"]),
            "start_date": edition["start"], "end_date": edition["end"], "venue": venue, "mode": SummitMode.HYBRID,
            "guest_count": edition["guest_count"], "country_count": edition["country_count"],
            "planned_subforum_count": edition["planned_subforum_count"],
            "signed_project_count": edition["signed_project_count"],
            "status": PublicationStatus.PUBLISHED, "published_at": local(edition["published_at"]),
        })


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
        ctx.upsert(PressConference, {"summit": ctx.summits[conference["year"]], "kind": conference["kind"]}, {
            **translated("title", *conference["title"]), **translated("city", *conference["city"]),
            **translated("location", *conference["location"]),
            **translated("spokespeople", *conference["spokespeople"]),
            **translated("summary", *conference["summary"]),
            "held_at": held_at, "status": PublicationStatus.PUBLISHED, "published_at": held_at,
        })
