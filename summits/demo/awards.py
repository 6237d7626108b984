"""Load the award programmes of each edition, their categories (competition tracks) and nominations."""

import datetime

from awards.enums import NominationStatus, NomineeKind
from awards.models import AwardCategory, AwardProgramme, Nomination
from core.enums import PublicationStatus

from .context import WUZHEN, DemoContext, local
from .data import awards as data
from .data.editions import EDITIONS
from .upsert import translated


def load_awards(ctx: DemoContext) -> None:
    for year, programmes in data.PROGRAMMES.items():
        summit = ctx.summits[year]
        for order, spec in enumerate(programmes):
            ceremony = ctx.sessions[(year, *spec["ceremony"])]
            programme, _ = ctx.upsert(AwardProgramme, {"summit": summit, "slug": spec["slug"]}, {
                "kind": spec["kind"], **translated("name", *spec["name"]),
                **translated("description", *spec["description"]), **translated("criteria", "", ""),
                "nominations_open": None, "nominations_close": None, "ceremony_session": ceremony,
                "laureates_announced_at": ceremony.start, "order": order, "is_demo": False,
                "status": PublicationStatus.PUBLISHED, "published_at": local(EDITIONS[year]["published_at"]),
            })
            NOMINATIONS[spec["nominations"]](ctx, programme, year)


def _submitted(year: int, number: int) -> datetime.datetime:
    return datetime.datetime(year, 8, 1, 10, 0, tzinfo=WUZHEN) + datetime.timedelta(hours=number)


def _nominate(ctx, programme, year, number, *, title=("", ""), organization=None, name=("", ""), country="",
              status, rank=None, citation=("", ""), is_demo=True, category=None):
    """One nomination, found again by what it nominates: the achievement or case, the organisation, the person."""
    kind = NomineeKind.ORGANISATION if organization or title[0] else NomineeKind.PERSON
    lookup = {"programme": programme, "title_en": title[0], "organization": organization, "nominee_name_en": name[0]}
    ctx.upsert(Nomination, lookup, {
        "category": category, "nominee_kind": kind, "nominee_name_zh_hans": name[1], "title_zh_hans": title[1],
        "country": country or (organization.country if organization else ""), **translated("citation", *citation),
        "status": status, "nominated_by_name": "", "nominated_by_email": "", "submitted_at": _submitted(year, number),
        "awarded_rank": rank, "is_demo": is_demo,
    })


def _rotating_members(ctx, year: int, templates: tuple[int, ...]) -> list:
    candidates = [organization for template in templates for organization in ctx.members_of(template=template)]
    shift = year % len(candidates)
    return candidates[shift:] + candidates[:shift]


def _achievements(ctx, programme, year):
    organizations = _rotating_members(ctx, year, (6, 2, 0, 3))
    for number, title in enumerate(data.ACHIEVEMENTS[year]):
        awarded = number < data.AWARDED_ACHIEVEMENTS
        _nominate(ctx, programme, year, number, title=title, organization=organizations[number],
                  status=NominationStatus.AWARDED if awarded else NominationStatus.SHORTLISTED)


def _cases(ctx, programme, year):
    organizations = _rotating_members(ctx, year, (7, 8, 1, 5))
    number = 0
    if year == 2023:
        for title, parties, country in data.SEED_CASES_2023:
            _nominate(ctx, programme, year, number, title=title, name=parties, country=country,
                      status=NominationStatus.AWARDED, is_demo=False)
            number += 1
    for title in data.CASES[year]:
        _nominate(ctx, programme, year, number, title=title, organization=organizations[number],
                  status=NominationStatus.AWARDED)
        number += 1


def _honours(ctx, programme, year):
    for number, (organization, _template) in enumerate(ctx.members[:data.TEN_YEAR_HONOUREES * 5:5]):
        _nominate(ctx, programme, year, number, organization=organization, citation=data.TEN_YEAR_CITATION,
                  status=NominationStatus.AWARDED)


def _laureates(ctx, programme, year):
    for number, (name, country) in enumerate(data.OUTSTANDING_LAUREATES):
        _nominate(ctx, programme, year, number, name=name, country=country,
                  citation=data.OUTSTANDING_CITATION, status=NominationStatus.AWARDED)


def _competition(ctx, programme, year):
    organizations = _rotating_members(ctx, year, (2, 5, 8, 3))
    number = 0
    for order, (slug, name, name_zh) in enumerate(data.TRACKS[year]):
        track, _ = ctx.upsert(AwardCategory, {"programme": programme, "slug": slug}, {
            **translated("name", name, name_zh), **translated("description", "", ""), "order": order,
        })
        for place, project in enumerate(data.PROJECTS[slug]):
            # The first three of a track win (ranked), the fourth is a finalist, the fifth did not go through.
            status = (NominationStatus.AWARDED if place < 3 else
                      NominationStatus.SHORTLISTED if place == 3 else NominationStatus.REJECTED)
            _nominate(ctx, programme, year, number, title=project, organization=organizations[number],
                      status=status, rank=place + 1 if place < 3 else None, category=track)
            number += 1


NOMINATIONS = {
    "achievements": _achievements, "cases": _cases, "honours": _honours, "laureates": _laureates,
    "competition": _competition,
}
