"""Load the Light of the Internet Expo of each edition: halls, booths, exhibitors (made-up member
organisations) and their exhibits, with the online cloud hall open for a year from the first day."""

from decimal import Decimal

from django.utils.text import slugify

from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from expo.models import Booth, Exhibit, Exhibitor, Expo, Hall

from .context import DemoContext, local
from .data import expo as data
from .data.editions import EDITIONS
from .upsert import translated


def load_expos(ctx: DemoContext, venue) -> None:
    for year, spec in data.EXPOS.items():
        summit = ctx.summits[year]
        published_at = local(EDITIONS[year]["published_at"])
        opens_on = spec["opens_on"]
        expo, _ = ctx.upsert(Expo, {"summit": summit}, {
            **translated("name", *spec["name"]), **translated("description", *spec["description"]),
            **translated("focus", *spec["focus"]), "venue": venue, "opens_on": opens_on,
            "closes_on": summit.end_date, "online_hall_open_from": opens_on,
            "online_hall_open_until": opens_on.replace(year=opens_on.year + 1),
            "status": PublicationStatus.PUBLISHED, "published_at": published_at,
        })
        talent, others = _exhibiting_organisations(ctx, year)
        for order, (slug, name, name_zh, categories) in enumerate(spec["halls"]):
            hall, _ = ctx.upsert(Hall, {"expo": expo, "slug": slug}, {
                **translated("name", name, name_zh), **translated("description", "", ""), "order": order,
            })
            organisations = talent if slug == "talent-fair" else others
            for number in range(data.BOOTHS_PER_HALL):
                _load_booth(ctx, expo, hall, number, organisations.pop(0), categories, published_at)


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
    exhibitor, _ = ctx.upsert(Exhibitor, {"expo": expo, "organization": organization}, {
        "booth": booth, **translated("description", "", ""), "website": "", "contact_name": "", "contact_email": "",
        "application_status": ExhibitorStatus.APPROVED, "is_demo": True,
        "status": PublicationStatus.PUBLISHED, "published_at": published_at,
    })
    for order in range(data.EXHIBITS_PER_EXHIBITOR):
        category = categories[(number + order) % len(categories)]
        titles = data.EXHIBITS[category]
        title, title_zh = titles[(number * data.EXHIBITS_PER_EXHIBITOR + order + hall.order) % len(titles)]
        ctx.upsert(Exhibit, {"exhibitor": exhibitor, "slug": slugify(title)[:100]}, {
            **translated("title", title, title_zh), **translated("summary", "", ""),
            **translated("description", "", ""), "category": category,
            "is_new_release": order == 0 and number % 3 == 0 and category != "talent", "shown_online": True,
            "order": order, "is_demo": True, "status": PublicationStatus.PUBLISHED, "published_at": published_at,
        })
