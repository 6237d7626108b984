"""Load the award programmes of each edition: their call for nominations, categories (competition tracks),
nominations and teams, review criteria, jury, conflicts of interest and the jury's rounds with every score.

The scores are made up to agree with the loaded outcome: in each round every juror scores around the entry's
level, and the jurors' deviations cancel out, so the mean of an entry reviewed by its whole jury is its level.
"""

import datetime
from decimal import Decimal

from awards.enums import NominationStatus, NomineeKind, RoundStage
from awards.models import (
    AwardCategory,
    AwardProgramme,
    ConflictOfInterest,
    JuryMember,
    Nomination,
    Review,
    ReviewCriterion,
    ReviewRound,
    ReviewScore,
    TeamMember,
)
from awards.services.reviews import weighted_mean
from core.enums import PublicationStatus

from .context import WUZHEN, DemoContext, Edition, at, local
from .data import awards as data
from .data import live
from .data.editions import EDITIONS
from .upsert import translated


def load_awards(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        summit = ctx.summits[year]
        for order, spec in enumerate(data.PROGRAMMES[edition.source]):
            if edition.live:
                _live_programme(ctx, summit, edition, order, spec)
                continue
            ceremony = ctx.sessions[(year, *spec["ceremony"])]
            criteria_spec = data.CRITERIA.get(spec["kind"], {"summary": ("", ""), "criteria": []})
            programme, _ = ctx.upsert(AwardProgramme, {"summit": summit, "slug": spec["slug"]}, {
                "kind": spec["kind"], **translated("name", *spec["name"]),
                **translated("description", *spec["description"]), **translated("criteria", *criteria_spec["summary"]),
                "nominations_open": _on(year, data.CALL_OPENS), "nominations_close": _on(year, data.CALL_CLOSES),
                "ceremony_session": ceremony, "laureates_announced_at": ceremony.start, "order": order,
                "is_demo": False, "status": PublicationStatus.PUBLISHED,
                "published_at": local(EDITIONS[year]["published_at"]),
            })
            placed = NOMINATIONS[spec["nominations"]](ctx, programme, year)
            criteria = _criteria(ctx, programme, criteria_spec["criteria"])
            if spec["kind"] == "competition":
                _competition_rounds(ctx, programme, year, placed, criteria, spec["ceremony"])
            else:
                _selection(ctx, programme, year, spec["kind"], placed, criteria)


def _live_programme(ctx: DemoContext, summit, edition: Edition, order: int, spec: dict) -> None:
    """A programme of a made-up upcoming edition: its call open from the day the edition was made until two weeks
    before the summit, its criteria, categories (tracks) and jury; no nomination, round or laureate yet."""
    year = edition.year
    criteria_spec = data.CRITERIA.get(spec["kind"], {"summary": ("", ""), "criteria": []})
    programme, _ = ctx.upsert(AwardProgramme, {"summit": summit, "slug": spec["slug"]}, {
        "kind": spec["kind"], **translated("name", *spec["name"]),
        **translated("description", *live.PROGRAMME_DESCRIPTIONS.get(spec["slug"], spec["description"])),
        **translated("criteria", *criteria_spec["summary"]),
        "nominations_open": edition.published_at,
        "nominations_close": at(edition.start - datetime.timedelta(days=live.CALL_CLOSES_DAYS_BEFORE),
                                live.CALL_CLOSES_AT),
        "ceremony_session": ctx.sessions[(year, *spec["ceremony"])], "laureates_announced_at": None, "order": order,
        "is_demo": True, "status": PublicationStatus.PUBLISHED, "published_at": edition.published_at,
    })
    _criteria(ctx, programme, criteria_spec["criteria"])
    if spec["kind"] != "competition":
        _jurors(ctx, programme, year, data.JURY_SIZE[spec["kind"]])
        return
    tracks = []
    for track_order, (slug, name, name_zh) in enumerate(data.TRACKS[edition.source]):
        track, _ = ctx.upsert(AwardCategory, {"programme": programme, "slug": slug}, {
            **translated("name", name, name_zh), **translated("description", "", ""), "order": track_order,
        })
        tracks.append(track)
    track_jurors = [[track] for track in tracks for _ in range(data.TRACK_JURORS)]
    _jurors(ctx, programme, year, 1 + len(track_jurors), track_jurors)


def _on(year: int, when: tuple[int, int, str]) -> datetime.datetime:
    month, day, clock = when
    return at(datetime.date(year, month, day), clock)


def _submitted(year: int, number: int) -> datetime.datetime:
    return datetime.datetime(year, 8, 1, 10, 0, tzinfo=WUZHEN) + datetime.timedelta(hours=number)


def _nominate(ctx, programme, year, number, *, title=("", ""), organization=None, name=("", ""), country="",
              status, rank=None, citation=("", ""), is_demo=True, category=None) -> Nomination:
    """One nomination, found again by what it nominates: the achievement or case, the organisation, the person."""
    kind = NomineeKind.ORGANISATION if organization or title[0] else NomineeKind.PERSON
    lookup = {"programme": programme, "title_en": title[0], "organization": organization, "nominee_name_en": name[0]}
    nomination, _ = ctx.upsert(Nomination, lookup, {
        "category": category, "nominee_kind": kind, "nominee_name_zh_hans": name[1], "title_zh_hans": title[1],
        "country": country or (organization.country if organization else ""), **translated("citation", *citation),
        "status": status, "nominated_by_name": "", "nominated_by_email": "", "submitted_at": _submitted(year, number),
        "awarded_rank": rank, "is_demo": is_demo,
    })
    return nomination


def _rotating_members(ctx, year: int, templates: tuple[int, ...]) -> list:
    candidates = [organization for template in templates for organization in ctx.members_of(template=template)]
    shift = year % len(candidates)
    return candidates[shift:] + candidates[:shift]


# Each of these returns the programme's nominations best first (the competition: by track), in their final places.

def _achievements(ctx, programme, year) -> list[Nomination]:
    organizations = _rotating_members(ctx, year, (6, 2, 0, 3))
    awarded, shortlisted = NominationStatus.AWARDED, NominationStatus.SHORTLISTED
    return [
        _nominate(ctx, programme, year, number, title=title, organization=organizations[number],
                  status=awarded if number < data.AWARDED_ACHIEVEMENTS else shortlisted)
        for number, title in enumerate(data.ACHIEVEMENTS[year])
    ]


def _cases(ctx, programme, year) -> list[Nomination]:
    organizations = _rotating_members(ctx, year, (7, 8, 1, 5))
    placed = []
    if year == 2023:
        for title, parties, country in data.SEED_CASES_2023:
            placed.append(_nominate(ctx, programme, year, len(placed), title=title, name=parties, country=country,
                                    status=NominationStatus.AWARDED, is_demo=False))
    for title in data.CASES[year]:
        number = len(placed)
        placed.append(_nominate(ctx, programme, year, number, title=title, organization=organizations[number],
                                status=NominationStatus.AWARDED))
    return placed


def _honours(ctx, programme, year) -> list[Nomination]:
    return [
        _nominate(ctx, programme, year, number, organization=organization, citation=data.TEN_YEAR_CITATION,
                  status=NominationStatus.AWARDED)
        for number, (organization, _template) in enumerate(ctx.members[:data.TEN_YEAR_HONOUREES * 5:5])
    ]


def _laureates(ctx, programme, year) -> list[Nomination]:
    return [
        _nominate(ctx, programme, year, number, name=name, country=country, citation=data.OUTSTANDING_CITATION,
                  status=NominationStatus.AWARDED)
        for number, (name, country) in enumerate(data.OUTSTANDING_LAUREATES)
    ]


def _competition(ctx, programme, year) -> dict[AwardCategory, list[Nomination]]:
    organizations = _rotating_members(ctx, year, (2, 5, 8, 3))
    number = 0
    by_track = {}
    for order, (slug, name, name_zh) in enumerate(data.TRACKS[year]):
        track, _ = ctx.upsert(AwardCategory, {"programme": programme, "slug": slug}, {
            **translated("name", name, name_zh), **translated("description", "", ""), "order": order,
        })
        by_track[track] = []
        for place, (project, description) in enumerate(data.PROJECTS[slug]):
            # The first three of a track win (ranked), the fourth is a finalist, the fifth did not go through.
            status = (NominationStatus.AWARDED if place < 3 else
                      NominationStatus.SHORTLISTED if place == 3 else NominationStatus.REJECTED)
            entry = _nominate(ctx, programme, year, number, title=project, organization=organizations[number],
                              status=status, rank=place + 1 if place < 3 else None, category=track,
                              citation=description)
            _team(ctx, entry, year, number)
            by_track[track].append(entry)
            number += 1
    return by_track


def _team(ctx, entry: Nomination, year: int, number: int) -> None:
    """Two to four members, the first of them the leader."""
    for order in range(2 + number % 3):
        name, country = data.TEAM_PEOPLE[(year + number * 3 + order) % len(data.TEAM_PEOPLE)]
        ctx.upsert(TeamMember, {"nomination": entry, "order": order}, {
            "name": name, "role": data.TEAM_ROLES[order], "email": "", "country": country, "is_leader": order == 0,
        })


NOMINATIONS = {
    "achievements": _achievements, "cases": _cases, "honours": _honours, "laureates": _laureates,
    "competition": _competition,
}


# --- The jury and its rounds -------------------------------------------------------------------------------------

def _criteria(ctx, programme, specs) -> list[ReviewCriterion]:
    return [
        ctx.upsert(ReviewCriterion, {"programme": programme, "order": order}, {
            **translated("name", *name), **translated("description", *description), "weight": weight,
        })[0]
        for order, (name, description, weight) in enumerate(specs)
    ]


def _jurors(ctx, programme, year: int, count: int, categories=()) -> list[JuryMember]:
    """``count`` jurors taking their turn in the list, the first the chair; ``categories`` by juror after the
    chair (the chair judges all)."""
    start = (year * 5 + programme.order * 4) % len(data.JURORS)
    jurors = []
    for index in range(count):
        name, affiliation = data.JURORS[(start + index) % len(data.JURORS)]
        juror, _ = ctx.upsert(JuryMember, {"programme": programme, "name": name}, {
            **translated("affiliation", *affiliation), "is_chair": index == 0,
        })
        ctx.upserter.set_m2m(juror, "categories", categories[index - 1] if index and categories else [])
        jurors.append(juror)
    return jurors


def _conflict(ctx, juror: JuryMember, nomination: Nomination, reason: str) -> None:
    ctx.upsert(ConflictOfInterest, {"juror": juror, "nomination": nomination}, {"reason": reason})


def _round(ctx, programme, stage, order, places, opened_at, closed_at, entries) -> ReviewRound:
    round, _ = ctx.upsert(ReviewRound, {"programme": programme, "stage": stage}, {
        "order": order, "places_per_category": places, "opened_at": opened_at, "closed_at": closed_at,
    })
    ctx.upserter.set_m2m(round, "entries", entries)
    return round


def _levels(count: int, tied_place: int | None) -> list[int]:
    """Each place's score level (0 the best); a tied place shares the level of the place before it."""
    levels = []
    for place in range(count):
        if not levels:
            levels.append(0)
        else:
            levels.append(levels[-1] if place == tied_place else levels[-1] + 1)
    return levels


def _selection(ctx, programme, year, kind, placed, criteria) -> None:
    """An award's one round: every juror scores every nomination, but one declares a conflict with the last."""
    jurors = _jurors(ctx, programme, year, data.JURY_SIZE[kind])
    conflicted = (jurors[1], placed[-1])
    _conflict(ctx, *conflicted, data.CONFLICT_REASONS["other"])
    opened_at, closed_at = (_on(year, when) for when in data.SELECTION_ROUND)
    awarded = sum(nomination.status == NominationStatus.AWARDED for nomination in placed)
    round = _round(ctx, programme, RoundStage.SELECTION, 1, awarded, opened_at, closed_at, placed)
    levels = _levels(len(placed), data.TIED_PLACES.get(kind))
    for place, nomination in enumerate(placed):
        _score(ctx, round, nomination, jurors, levels[place], Decimal(data.SELECTION_TOP), criteria,
               skip={conflicted})


def _competition_rounds(ctx, programme, year, by_track, criteria, ceremony) -> None:
    """A chair on all tracks and jurors per track; preliminary on all the entries, semi-final and final on the four
    that went on; one track juror declares a conflict with the entry of their track that did not."""
    tracks = list(by_track)
    track_jurors = [[track] for track in tracks for _ in range(data.TRACK_JURORS)]
    jurors = _jurors(ctx, programme, year, 1 + len(track_jurors), track_jurors)
    first_track = by_track[tracks[0]]
    conflicted = (jurors[1], first_track[-1])
    _conflict(ctx, *conflicted, data.CONFLICT_REASONS["competition"])
    forum_slug, index = ceremony
    pitches, announcement = ctx.sessions[(year, forum_slug, 0)], ctx.sessions[(year, forum_slug, index)]
    for order, (stage, places, opens, closes, top) in enumerate(data.COMPETITION_ROUNDS, start=1):
        opened_at = _on(year, opens) if opens else pitches.start
        closed_at = _on(year, closes) if closes else announcement.start - datetime.timedelta(minutes=5)
        positions = data.ROUND_PLACES[stage]
        entries = [entry for track in tracks for entry in by_track[track][:len(positions)]]
        round = _round(ctx, programme, stage, order, places, opened_at, closed_at, entries)
        for track in tracks:
            judges = [jurors[0], *(juror for juror, categories in zip(jurors[1:], track_jurors, strict=True)
                                   if track in categories)]
            for place, entry in enumerate(by_track[track][:len(positions)]):
                _score(ctx, round, entry, judges, positions[place], Decimal(top), criteria, skip={conflicted})


def _score(ctx, round, nomination, judges, level, top, criteria, *, skip) -> None:
    """Each judge's review of ``nomination``: around ``top`` less a step per level, each judge off by a step of
    their own on each criterion, the steps of all the judges cancelling out; a conflicted judge gives none."""
    base = top - Decimal(data.SCORE_STEP) * level
    count = len(judges)
    deviations = [Decimal(2 * index - (count - 1)) / 10 for index in range(count)]
    span = int((round.closed_at - round.opened_at).total_seconds() // 60)
    for index, juror in enumerate(judges):
        if (juror, nomination) in skip:
            continue
        if criteria:
            given = [(criterion, base + deviations[(index + level + number) % count])
                     for number, criterion in enumerate(criteria)]
            score = weighted_mean([(criterion.weight, value) for criterion, value in given])
        else:
            given, score = [], weighted_mean([(1, base + deviations[(index + level) % count])])
        submitted_at = round.opened_at + datetime.timedelta(minutes=span * (index + 1) // (count + 2) + level)
        review, _ = ctx.upsert(Review, {"round": round, "nomination": nomination, "juror": juror}, {
            "score": score, "comment": "", "submitted_at": submitted_at,
        }, clean=False)
        for criterion, value in given:
            ctx.upsert(ReviewScore, {"review": review, "criterion": criterion}, {"score": value}, clean=False)
