"""Load the organisations: organisers and supporters, the members of the WIC International Organization, and
its bodies and programmes with their participants."""

import datetime

from django.utils.text import slugify

from members.enums import MembershipStatus, ParticipantRole
from members.models import Body, BodyParticipant, Membership, Organization

from .context import DemoContext
from .data import organisations as data
from .upsert import translated


def load_organisations(ctx: DemoContext) -> None:
    for slug, name, short, name_zh, short_zh, kind, country, website, about, about_zh in data.REAL_ORGANISATIONS:
        ctx.organizations[slug], _ = ctx.upsert(Organization, {"slug": slug}, {
            **translated("name", name, name_zh), **translated("short_name", short, short_zh),
            **translated("description", about, about_zh),
            "kind": kind, "country": country, "website": website, "is_demo": False,
        })
    _load_members(ctx)


def _member_templates(country_index: int, place_index: int) -> list[int]:
    """Which templates a place's members are made from: rotated so every country has a mix of kinds."""
    count = data.MEMBERS_PER_CHINESE_PLACE if country_index == 0 else data.MEMBERS_PER_OTHER_COUNTRY
    start = (country_index + place_index) * 3
    return [(start + offset) % len(data.MEMBER_TEMPLATES) for offset in range(count)]


def _member_since(number: int) -> datetime.date:
    """Two in three members joined when the organisation was founded, the others over the following two years."""
    if number % 3 != 2:
        return data.FOUNDED_ON
    return data.FOUNDED_ON + datetime.timedelta(days=(number * 37) % 820)


NO_APPLICATION = {
    "contact_name": "", "contact_email": "", "contact_phone": "", "motivation": "", "language": "",
    "applied_at": None, "consented_at": None, "decided_at": None, "rejection_reason": "",
}


def _load_member(ctx, *, template: int, place: str, place_zh: str, country: str, status: str, since,
                 application: dict | None = None):
    name, name_zh, kind, membership_type = data.MEMBER_TEMPLATES[template]
    name, name_zh = name.format(place=place), name_zh.format(place_zh=place_zh)
    organization, _ = ctx.upsert(Organization, {"slug": f"demo-{slugify(name)}"[:80]}, {
        **translated("name", name, name_zh), **translated("short_name", "", ""),
        **translated("description", "", ""), "kind": kind, "country": country, "website": "", "is_demo": True,
    })
    ctx.upsert(Membership, {"organization": organization}, {
        "type": membership_type, "status": status, "since": since, "ended_on": None, "individual_name": "",
        "individual_country": "", **NO_APPLICATION, **(application or {}),
    })
    return organization


def _application(*, status: str, contact: str, email: str, motivation: str, reason: str) -> dict:
    """What an applicant sent from the website, and the decision when there is one."""
    decided = status == MembershipStatus.REJECTED
    return {
        "contact_name": contact, "contact_email": email, "contact_phone": "+86 573 8888 0000",
        "motivation": motivation, "language": "en", "applied_at": data.APPLIED_AT, "consented_at": data.APPLIED_AT,
        "decided_at": data.REJECTED_AT if decided else None, "rejection_reason": reason,
    }


def _load_members(ctx: DemoContext) -> None:
    number = 0
    for country_index, (country, _country_zh, places) in enumerate(data.MEMBER_COUNTRIES):
        for place_index, (place, place_zh) in enumerate(places):
            for template in _member_templates(country_index, place_index):
                organization = _load_member(
                    ctx, template=template, place=place, place_zh=place_zh, country=country,
                    status=MembershipStatus.ACTIVE, since=_member_since(number),
                )
                ctx.members.append((organization, template))
                number += 1
    for template, place, place_zh, country, status, contact, email, motivation, reason in data.APPLICATIONS:
        _load_member(ctx, template=template, place=place, place_zh=place_zh, country=country, status=status,
                     since=None, application=_application(status=status, contact=contact, email=email,
                                                          motivation=motivation, reason=reason))


def load_bodies(ctx: DemoContext) -> None:
    """The bodies and programmes, after the summits (some were launched at one)."""
    for body in data.BODIES:
        ctx.bodies[body["slug"]], _ = ctx.upsert(Body, {"slug": body["slug"]}, {
            **translated("name", *body["name"]), **translated("description", *body["description"]),
            "kind": body["kind"], "established_on": None, "planned_participants": body["planned"],
            "launched_at_summit": ctx.summits.get(body["launched_year"]),
        })
    term_start = ctx.editions[2024].start
    for slug, templates, count, first_role, role in data.BODY_MEMBERS:
        candidates = [organization for template in templates for organization in ctx.members_of(template=template)]
        for position, organization in enumerate(candidates[:count]):
            ctx.upsert(BodyParticipant, {"body": ctx.bodies[slug], "organization": organization, "person_name": ""}, {
                "country": organization.country, "role": first_role if position == 0 else role,
                "term_start": term_start, "term_end": None,
            })
    for slug, templates, which, role, start, end in data.PAST_BODY_MEMBERS:
        candidates = [organization for template in templates for organization in ctx.members_of(template=template)]
        for organization in candidates[which]:
            ctx.upsert(BodyParticipant, {"body": ctx.bodies[slug], "organization": organization, "person_name": ""}, {
                "country": organization.country, "role": role, "term_start": start, "term_end": end,
            })
    youth = ctx.bodies["global-youth-leaders-program"]
    for person_name, country in data.YOUTH_LEADERS_2024:
        ctx.upsert(BodyParticipant, {"body": youth, "organization": None, "person_name": person_name}, {
            "country": country, "role": ParticipantRole.PARTICIPANT, "term_start": term_start, "term_end": None,
        })
