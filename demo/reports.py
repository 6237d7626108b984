"""Load the report series and their editions, published, released at a session of the summit or on a known date.

Each edition gets a small generated PDF per language (demo.pdfs), its size and SHA-256, and a cover per language
drawn from the first page of that language's file. A file is generated only where the edition has none, so a
second load renders nothing and writes nothing.
"""

import datetime

from django.core.files.base import ContentFile
from modeltranslation.utils import build_localized_fieldname

from reports.enums import EditionStatus
from reports.models import ReportEdition, ReportSeries
from reports.pdf import facts

from . import pdfs
from .context import WUZHEN, DemoContext
from .data import reports as data
from .upsert import translated

LANGUAGES = ("en", "zh-hans")


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
        row, created = ctx.upsert(
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
        if not ctx.upserter.is_ours(row):
            continue  # someone else changed or deleted it since: its files are theirs too
        if _add_missing_files(row):
            ctx.upserter.touched(row)
            if not created:
                ctx.upserter.updated[ReportEdition._meta.label] += 1


def _add_missing_files(edition: ReportEdition) -> bool:
    """Give ``edition`` the PDF of each language it lacks (with its facts) and each language's cover it lacks; True
    if anything was written. Reads nothing from the database: the row comes from the upserter's index."""
    update_fields = []
    first_pages = {}
    for language in LANGUAGES:
        field = build_localized_fieldname("file", language)
        if getattr(edition, field):
            continue
        content = pdfs.render(_document(edition, language))
        file_facts = facts(content)
        _store(edition, field, _file_name(edition, language), content)
        setattr(edition, build_localized_fieldname("file_size", language), file_facts.size)
        setattr(edition, build_localized_fieldname("file_sha256", language), file_facts.sha256)
        update_fields += [field, build_localized_fieldname("file_size", language),
                          build_localized_fieldname("file_sha256", language)]
        first_pages[language] = content
    for language in LANGUAGES:  # each language's cover from its own first page: the Chinese page shows its own
        field = build_localized_fieldname("cover", language)
        if getattr(edition, field):
            continue
        source = first_pages.get(language) or _stored(getattr(edition, build_localized_fieldname("file", language)))
        _store(edition, field, f"{_stem(edition)}-{language}.png", pdfs.cover(source))
        update_fields.append(field)
    if update_fields:
        # The untranslated columns follow the English ones (the load runs in English), as the upserter keeps them.
        untranslated = ["file", "file_size", "file_sha256"] if "file_en" in update_fields else []
        untranslated += ["cover"] if "cover_en" in update_fields else []
        edition.save(update_fields=[*update_fields, *untranslated, "updated_at"])
    return bool(update_fields)


def _document(edition: ReportEdition, language: str) -> pdfs.DemoDocument:
    series = edition.series

    def value(model, field: str) -> str:
        return getattr(model, build_localized_fieldname(field, language)) or ""

    return pdfs.DemoDocument(
        language=language, title=value(edition, "title"), series=value(series, "name"), year=edition.year,
        version=edition.version, summary=value(edition, "summary") or value(series, "description"),
    )


def _stem(edition: ReportEdition) -> str:
    return "-".join(str(part) for part in (edition.series.slug, edition.year, edition.version) if part)


def _file_name(edition: ReportEdition, language: str) -> str:
    return f"{_stem(edition)}-{language}.pdf"


def _store(edition: ReportEdition, field_name: str, name: str, content: bytes) -> None:
    """Point ``field_name`` at ``name`` if storage already holds these very bytes there, else save them."""
    file = getattr(edition, field_name)
    stored_name = file.field.generate_filename(edition, name)
    if file.storage.exists(stored_name):
        with file.storage.open(stored_name, "rb") as stored:
            if stored.read() == content:
                setattr(edition, field_name, stored_name)
                return
    file.save(name, ContentFile(content), save=False)


def _stored(file) -> bytes:
    with file.open("rb") as handle:
        return handle.read()
