"""Load the Light of the Internet Expo of each edition: halls, booths, exhibitors (made-up member
organisations, with made-up contacts) and their exhibits, with the online cloud hall open for a year from the first
day; and the applications of the year still waiting for a decision, and one rejected."""

import datetime
from decimal import Decimal

from django.utils.text import slugify

from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from expo.models import Booth, Exhibit, Exhibitor, Expo, Hall

from .context import DemoContext, at, local
from .data import expo as data
from .data import live
from .editions import published_at
from .upsert import translated


def load_expos(ctx: DemoContext, venue) -> None:
    for year, edition in ctx.editions.items():
        spec = data.EXPOS[edition.source]
        summit = ctx.summits[year]
        opens_on = edition.start if edition.live else spec["opens_on"]
        # A made-up edition's online hall opens the day it is made, so that it can be visited before the summit.
        hall_opens_on = edition.made_on or opens_on
        expo, _ = ctx.upsert(Expo, {"summit": summit}, {
            **translated("name", *_retitled(spec["name"], edition)), **translated("description", *spec["description"]),
            **translated("focus", *spec["focus"]), "venue": venue, "opens_on": opens_on,
            "closes_on": edition.end, "online_hall_open_from": hall_opens_on,
            "online_hall_open_until": _a_year_after(opens_on),
            "status": PublicationStatus.PUBLISHED, "published_at": published_at(edition),
        })
        talent, others = _exhibiting_organisations(ctx, year)
        for order, (slug, name, name_zh, categories) in enumerate(spec["halls"]):
            hall, _ = ctx.upsert(Hall, {"expo": expo, "slug": slug}, {
                **translated("name", name, name_zh), **translated("description", "", ""), "order": order,
            })
            organisations = talent if slug == "talent-fair" else others
            for number in range(data.BOOTHS_PER_HALL):
                _load_booth(ctx, expo, hall, number, organisations.pop(0), categories, published_at(edition))
        _load_applications(ctx, expo, others, edition)


def _retitled(texts: tuple[str, str], edition) -> tuple[str, str]:
    return tuple(text.replace(str(edition.source), str(edition.year)) for text in texts)


def _a_year_after(day: datetime.date) -> datetime.date:
    return day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _exhibiting_organisations(ctx: DemoContext, year: int) -> tuple[list, list]:
    """Member organisations in a yearly rotation: universities and institutes for the talent fair, the rest
    (enterprises first) for the halls; none exhibits twice at one expo."""
    members = [organization for organization, _template in ctx.members]
    shift = (year * 11) % len(members)
    rotated = members[shift:] + members[:shift]
    templates = {organization.pk: template for organization, template in ctx.members}
    talent = [org for org in rotated if templates[org.pk] in data.TALENT_FAIR_TEMPLATES]
    others = [org for org in rotated if templates[org.pk] not in data.TALENT_FAIR_TEMPLATES]
    others.sort(key=lambda org: org.kind != "enterprise")  # stable: keeps the rotation within each group
    return talent, others


def _load_booth(ctx, expo, hall, number, organization, categories, published_at) -> None:
    area, width, depth = data.BOOTH_SIZES[number % len(data.BOOTH_SIZES)]
    prefix = "T" if hall.slug == "talent-fair" else hall.slug[-1].upper()
    booth, _ = ctx.upsert(Booth, {"hall": hall, "code": f"{prefix}-{number + 1:02d}"}, {
        "area_sqm": Decimal(area), "width_m": Decimal(width), "depth_m": Decimal(depth),
    })
    titles = _exhibit_titles(hall, number, categories)
    exhibitor, _ = ctx.upsert(Exhibitor, {"expo": expo, "organization": organization}, {
        "booth": booth, **translated("description", "", ""), "website": "", **_contact(organization, number),
        "products": "; ".join(title for _category, title, _title_zh in titles), "interest_categories": [],
        "wanted_area_sqm": Decimal(area), "applied_at": None, "decided_at": None,
        "application_status": ExhibitorStatus.APPROVED, "is_demo": True,
        "status": PublicationStatus.PUBLISHED, "published_at": published_at,
    })
    for order, (category, title, title_zh) in enumerate(titles):
        ctx.upsert(Exhibit, {"exhibitor": exhibitor, "slug": slugify(title)[:100]}, {
            **translated("title", title, title_zh), **translated("summary", "", ""),
            **translated("description", "", ""), "category": category,
            "is_new_release": order == 0 and number % 3 == 0 and category != "talent", "shown_online": True,
            "order": order, "is_demo": True, "status": PublicationStatus.PUBLISHED, "published_at": published_at,
        })


def _exhibit_titles(hall, number: int, categories: list[str]) -> list[tuple[str, str, str]]:
    """The (category, title, Chinese title) of the exhibits of the ``number``-th booth of ``hall``."""
    exhibits = []
    for order in range(data.EXHIBITS_PER_EXHIBITOR):
        category = categories[(number + order) % len(categories)]
        titles = data.EXHIBITS[category]
        title, title_zh = titles[(number * data.EXHIBITS_PER_EXHIBITOR + order + hall.order) % len(titles)]
        exhibits.append((category, title, title_zh))
    return exhibits


def _contact(organization, number: int, language: str = "en") -> dict:
    """A made-up contact person of ``organization``, with an address on example.org of its own."""
    name, _name_zh = data.CONTACTS[(organization.pk + number) % len(data.CONTACTS)]
    return {
        "contact_name": name, "contact_email": f"expo.{organization.slug}@example.org"[:254],
        "contact_phone": "", "contact_language": language,
    }


def _load_applications(ctx: DemoContext, expo, candidates: list, edition) -> None:
    """Applications of member organisations not exhibiting this year: a few pending, one rejected; drafts, so they
    never show on the public site nor in its figures. A made-up edition has only pending ones, sent in the days
    before it was made."""
    specs = [*((spec, ExhibitorStatus.APPLIED) for spec in data.PENDING_APPLICATIONS),
             (data.REJECTED_APPLICATION, ExhibitorStatus.REJECTED)]
    opens = datetime.datetime.combine(expo.opens_on, datetime.time(10))
    for number, ((categories, area, products, language), status) in enumerate(specs):
        if number >= len(candidates):
            break
        organization = candidates[number]
        if edition.live:
            if status != ExhibitorStatus.APPLIED:
                continue
            applied_at = at(edition.made_on - datetime.timedelta(days=live.PENDING_APPLIED_DAYS_BEFORE[number]),
                            "10:00")
        else:
            applied_at = local(opens - datetime.timedelta(days=data.APPLIED_DAYS_BEFORE[number]))
        decided_at = (local(opens - datetime.timedelta(days=data.DECIDED_DAYS_BEFORE))
                      if status == ExhibitorStatus.REJECTED else None)
        ctx.upsert(Exhibitor, {"expo": expo, "organization": organization}, {
            "booth": None, **translated("description", "", ""), "website": organization.website,
            **_contact(organization, number, language), "products": products, "interest_categories": categories,
            "wanted_area_sqm": Decimal(area) if area else None, "applied_at": applied_at, "decided_at": decided_at,
            "application_status": status, "is_demo": True, "status": PublicationStatus.DRAFT, "published_at": None,
        })
