"""Load the report series and their editions, published, released at a session of the summit or on a known date.

Files stay empty: the PDFs are generated later by the reports app."""

import datetime

from reports.enums import EditionStatus
from reports.models import ReportEdition, ReportSeries

from .context import WUZHEN, DemoContext
from .data import reports as data
from .upsert import translated


def load_reports(ctx: DemoContext) -> None:
    series = {}
    for order, (slug, kind, name, name_zh, body, description) in enumerate(data.SERIES):
        series[slug], _ = ctx.upsert(ReportSeries, {"slug": slug}, {
            "kind": kind, **translated("name", name, name_zh), **translated("description", *description),
            "authoring_body": ctx.bodies[body] if body else None, "order": order,
        })
    for edition in data.EDITIONS:
        session = ctx.sessions[edition["release"]] if edition["release"] else None
        released_on = session.start.astimezone(WUZHEN).date() if session else edition["released_on"]
        published_at = session.start if session else (
            datetime.datetime.combine(released_on, datetime.time(10), tzinfo=WUZHEN) if released_on else None
        )
        ctx.upsert(
            ReportEdition,
            {"series": series[edition["series"]], "year": edition["year"], "version": edition["version"]},
            {
                "summit": ctx.summits[edition["release"][0]] if session else None,
                **translated("title", *edition["title"]),
                **translated("summary", *edition["summary"]), "status": EditionStatus.PUBLISHED,
                "release_session": session, "release_at": session.start if session else None,
                "released_on": released_on, "published_at": published_at, "is_demo": False,
            },
        )
