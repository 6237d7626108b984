"""Publishing report editions: asking for a publication (now or at the release time), the publication itself
(run by reports.tasks.publish_report) and retrying a failed one."""

import datetime
import logging
from dataclasses import dataclass
from typing import cast

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import FileField, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit
from core.services.queue import enqueue, enqueue_on_commit

from .. import pdf
from ..enums import EditionStatus, PublishingStep, RunStatus
from ..models import PublishingRun, ReportEdition
from .subscriptions import queue_new_report_emails

logger = logging.getLogger(__name__)

# The edition's languages: (language code for translation, suffix of the modeltranslation fields).
LANGUAGES = (("en", "en"), ("zh-hans", "zh_hans"))
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)
# publish_due_reports leaves a due run this long to its own (ETA) task before sending another one after it.
DUE_GRACE = datetime.timedelta(seconds=10)
# A run "running" for longer than this was abandoned by a worker that died: publish_due_reports starts it again.
STALE_AFTER = datetime.timedelta(minutes=15)


def _refuse_unpublishable(edition: ReportEdition) -> None:
    if edition.status == EditionStatus.PUBLISHED:
        raise Refused(_("“%(edition)s” is already published."), code="published", params={"edition": edition})
    if not edition.file_en and not (edition.body_en or "").strip():
        raise Refused(
            _("“%(edition)s” has nothing to publish: upload its English PDF or write its English text first."),
            code="nothing_to_publish", params={"edition": edition},
        )


def _publish_report_task():
    # At call time: reports.tasks imports this package, so importing it at module level would be circular.
    from ..tasks import publish_report

    return publish_report


@transaction.atomic
def request_publication(*, edition: ReportEdition, actor, at: datetime.datetime | None = None) -> PublishingRun:
    """Ask for ``edition`` to be published now (``at`` None) or at ``at``; returns its run.

    Commits together: the run (or the edition's run already queued or running, given a new time), the edition
    SCHEDULED with its release time when ``at`` is in the future, and the audit line. The task is sent after
    commit, with ``at`` as its ETA. Refuses an edition already published or without an English file or text.
    """
    edition = ReportEdition.objects.select_for_update().get(pk=edition.pk)
    _refuse_unpublishable(edition)
    run = edition.publishing_runs.filter(status__in=ACTIVE).first()
    if run is None:
        run = PublishingRun.objects.create(edition=edition, run_at=at, requested_by=actor)
    elif run.status == RunStatus.QUEUED and run.run_at != at:
        # A new time for the waiting run: its old task, if it comes first, finds the run not due and leaves it.
        run.run_at = at
        run.save(update_fields=["run_at", "updated_at"])
    else:
        return run  # already queued for that time, or at work: the second "publish" joins the first
    if at is not None and at > timezone.now():
        edition.status, edition.release_at = EditionStatus.SCHEDULED, at
        edition.save(update_fields=["status", "release_at", "updated_at"])
    elif edition.status == EditionStatus.SCHEDULED:
        # Published now: no longer waiting for its release time, which would otherwise hold the run back.
        edition.status = EditionStatus.DRAFT
        edition.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=edition,
                 note=f"publication requested for {at.isoformat() if at else 'now'}")
    enqueue_on_commit(_publish_report_task(), eta=at, edition_id=edition.pk)
    return run


def _scheduled_run(edition: ReportEdition) -> PublishingRun | None:
    """The edition's run waiting for its release time, locked; None when it has none (or it is already at work)."""
    return edition.publishing_runs.select_for_update().filter(status=RunStatus.QUEUED, started_at__isnull=True).first()


@transaction.atomic
def reschedule_publication(*, edition_id: int, actor=None) -> PublishingRun | None:
    """Move the waiting run of a scheduled edition to the edition's current release time, which is the truth;
    returns the run when it moved.

    Called after every save of an edition (reports/receivers.py), whatever the path: the admin's form, the shell.
    Commits together: the run's new time and the audit line; a task for the new time is sent after commit. The
    task sent for the old time finds the run not due and leaves it (see ``_claim_run``).
    """
    edition = ReportEdition.objects.select_for_update().filter(pk=edition_id).first()
    if edition is None or edition.status != EditionStatus.SCHEDULED or edition.release_at is None:
        return None
    run = _scheduled_run(edition)
    if run is None or run.run_at == edition.release_at:
        return None
    before, run.run_at = run.run_at, edition.release_at
    run.save(update_fields=["run_at", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=edition,
                 note=f"publication moved from {before.isoformat() if before else 'now'} "
                      f"to {edition.release_at.isoformat()}")
    enqueue_on_commit(_publish_report_task(), eta=edition.release_at, edition_id=edition.pk)
    return run


@transaction.atomic
def cancel_scheduled_release(*, edition: ReportEdition, actor,
                             clear_release_time: bool = False) -> PublishingRun | None:
    """Cancel the edition's waiting publication: its run is CANCELLED and the edition returns to draft (without a
    release time when ``clear_release_time``); returns the cancelled run (None for a scheduled edition whose run
    failed, which has none waiting).

    Commits together: the run, the edition and the audit line. Refused for an edition that is not waiting for a
    publication, or whose publication has already started (it cannot be taken back half way).
    """
    edition = ReportEdition.objects.select_for_update().get(pk=edition.pk)
    run = _scheduled_run(edition)
    if run is None and edition.publishing_runs.filter(status=RunStatus.RUNNING).exists():
        raise Refused(_("“%(edition)s” is being published now: it is too late to cancel."),
                      code="publishing", params={"edition": edition})
    if run is None and edition.status != EditionStatus.SCHEDULED:
        raise Refused(_("“%(edition)s” is not scheduled for publication."), code="not_scheduled",
                      params={"edition": edition})
    if run is not None:  # None: a scheduled edition whose run failed, only its status to take back
        run.status, run.step, run.finished_at = RunStatus.CANCELLED, PublishingStep.WAITING, timezone.now()
        run.save(update_fields=["status", "step", "finished_at", "updated_at"])
    edition_release = edition.release_at.isoformat() if edition.release_at else "now"
    fields = ["status", "updated_at"]
    edition.status = EditionStatus.DRAFT
    if clear_release_time:
        edition.release_at = None
        fields.append("release_at")
    edition.save(update_fields=fields)
    record_audit(actor=actor, action=AuditAction.ACTION, obj=edition,
                 note=f"scheduled publication cancelled (was for {edition_release})")
    return run


def release_time(*, edition: ReportEdition) -> datetime.datetime:
    """When ``edition`` is released: its release time, or else the start of the session where it is released;
    refused when it has neither."""
    if edition.release_at:
        return edition.release_at
    if edition.release_session:
        return edition.release_session.start
    raise Refused(_("“%(edition)s” has no release time: set its release time or its release session."),
                  code="no_release_time", params={"edition": edition})


def request_publication_at_release_time(*, edition: ReportEdition, actor) -> PublishingRun:
    """``request_publication`` at the edition's ``release_time`` (refused when it has none)."""
    return request_publication(edition=edition, actor=actor, at=release_time(edition=edition))


@transaction.atomic
def retry_publication(*, run: PublishingRun, actor) -> PublishingRun:
    """A new run, queued now, for the edition of a failed run; refused for a run that has not failed."""
    run = PublishingRun.objects.select_for_update(of=("self",)).select_related("edition").get(pk=run.pk)
    if run.status != RunStatus.FAILED:
        raise Refused(
            _("Only a failed run can be retried; this one is “%(status)s”."), code="not_failed",
            params={"status": run.get_status_display()},
        )
    return request_publication(edition=run.edition, actor=actor)


# --- The publication itself ------------------------------------------------------------------------------------


@dataclass
class _LanguageFile:
    suffix: str
    data: bytes
    new_name: str = ""  # set when this run rendered the file and stored it


def body_blocks(text: str) -> list[tuple[str, str]]:
    """The text of a report as ("heading" | "paragraph", text) blocks: a line starting with '# ' is a heading,
    blank lines separate paragraphs."""
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def close():
        if paragraph:
            blocks.append(("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# "):
            close()
            blocks.append(("heading", line[2:].strip()))
        elif not line:
            close()
        else:
            paragraph.append(line)
    close()
    return blocks


def edition_html(*, edition: ReportEdition, language: str) -> str:
    """The HTML the PDF of ``edition`` in ``language`` is rendered from (templates/reports/pdf/edition.html)."""
    suffix = language.replace("-", "_")

    def text(obj, name):
        return getattr(obj, f"{name}_{suffix}") or getattr(obj, f"{name}_en") or ""

    with translation.override(language):
        return render_to_string("reports/pdf/edition.html", {
            "language": language,
            "title": text(edition, "title"),
            "series": text(edition.series, "name"),
            "year": edition.year,
            "version": edition.version,
            "summary": text(edition, "summary"),
            "blocks": body_blocks(getattr(edition, f"body_{suffix}") or ""),
        })


def _set_step(run: PublishingRun, step: str) -> None:
    """Progress is committed at once (the caller is outside any transaction), so the admin sees it."""
    run.step = step
    # Filtered: a duplicate task that lost the race must not move a finished run's step back.
    PublishingRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(step=step, updated_at=timezone.now())


def _file_field(name: str) -> FileField:
    """The edition's file field ``name`` (``file_en``, ``cover``): ``_meta.get_field`` is typed for any field."""
    return cast(FileField, ReportEdition._meta.get_field(name))


def _stored_name(edition: ReportEdition, field: str, extension: str) -> str:
    base = f"{edition.series.slug}-{edition.year}" + (f"-{edition.version}" if edition.version else "")
    return _file_field(field).generate_filename(edition, f"{base}-{field}.{extension}")


def _language_files(edition: ReportEdition, written: list[str]) -> list[_LanguageFile]:
    """Each language's PDF: the uploaded one, or one rendered now from its text (stored, name kept in ``written``)."""
    files = []
    for language, suffix in LANGUAGES:
        upload = getattr(edition, f"file_{suffix}")
        if upload:
            with upload.open("rb") as stream:
                data = stream.read()
            pdf.page_count(data)  # a stored file that is not a readable PDF stops the publication here
            files.append(_LanguageFile(suffix=suffix, data=data))
        elif (getattr(edition, f"body_{suffix}") or "").strip():
            data = pdf.render_pdf(html=edition_html(edition=edition, language=language))
            storage = upload.storage
            name = storage.save(_stored_name(edition, f"file_{suffix}", "pdf"), ContentFile(data))
            written.append(name)
            files.append(_LanguageFile(suffix=suffix, data=data, new_name=name))
    if not any(file.suffix == "en" for file in files):
        raise pdf.PdfError("The edition has no English file and no English text.")
    return files


def _missing_covers(edition: ReportEdition, files: list[_LanguageFile], written: list[str]) -> dict[str, str]:
    """{suffix: stored name} of the cover drawn from the first page of each language's file, for each language
    whose cover was not uploaded: the Chinese page shows the Chinese cover. Names kept in ``written``."""
    covers = {}
    for file in files:
        field = f"cover_{file.suffix}"
        if getattr(edition, field):
            continue
        image = ContentFile(pdf.cover_png(file.data))
        covers[file.suffix] = _file_field(field).storage.save(_stored_name(edition, field, "png"), image)
        written.append(covers[file.suffix])
    return covers


def _due_at(edition: ReportEdition, run: PublishingRun) -> datetime.datetime | None:
    """When the edition's waiting run is due: a scheduled edition's release time is the truth (an organizer may have
    moved it since the run's task was sent); else the run's own time (None: at once)."""
    if edition.status == EditionStatus.SCHEDULED and edition.release_at:
        return edition.release_at
    return run.run_at


def _claim_run(edition_id: int) -> tuple[PublishingRun | None, bool]:
    """(run, whether to work on it) for the edition, in a short transaction of its own."""
    with transaction.atomic():
        edition = ReportEdition.objects.select_for_update().filter(pk=edition_id).first()
        if edition is None:
            return None, False
        if edition.status == EditionStatus.PUBLISHED:
            return edition.publishing_runs.first(), False
        run = edition.publishing_runs.select_for_update().filter(status__in=ACTIVE).first()
        if run is None:
            return edition.publishing_runs.first(), False  # cancelled (or never asked for): nothing to publish
        due_at = _due_at(edition, run)
        now = timezone.now()
        if run.status == RunStatus.QUEUED and due_at and due_at > now:
            return run, False  # moved to a later time: its own task (or publish_due_reports) comes then
        run.status, run.step, run.started_at, run.finished_at, run.error = (
            RunStatus.RUNNING, PublishingStep.RENDER, now, None, ""
        )
        run.save(update_fields=["status", "step", "started_at", "finished_at", "error", "updated_at"])
        return run, True


def _forget_files(storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s, written by a failed publication", name)


def publish_edition(*, edition_id: int) -> PublishingRun | None:
    """Publish the edition: render the missing PDFs, make each language's missing cover, then in ONE transaction
    store the files, their facts, the covers and the status, and queue the subscribers' emails. Returns the run
    (None if the edition is gone).

    Idempotent: an edition already published is left as it is, and nothing is sent again. On a failure the edition
    row stays exactly as it was, the files this run stored are deleted and the run is FAILED with the error; on a
    passing database error the run is queued again and the error raised, so that the task retries.
    """
    run, work = _claim_run(edition_id)
    if not work or run is None:  # a run to work on is never None; the check tells mypy so
        return run
    storage = _file_field("file_en").storage
    written: list[str] = []
    try:
        edition = ReportEdition.objects.select_related("series").get(pk=edition_id)
        files = _language_files(edition, written)
        _set_step(run, PublishingStep.COVER)
        covers = _missing_covers(edition, files, written)
        _set_step(run, PublishingStep.PUBLISH)
        published = _publish(run=run, edition_id=edition_id, files=files, covers=covers)
        if not published:
            _forget_files(storage, written)  # another run published the edition meanwhile
        return run
    except DatabaseError:
        _forget_files(storage, written)
        _end_run(run, status=RunStatus.QUEUED, step=PublishingStep.WAITING, error="")
        raise
    except Exception as error:  # noqa: BLE001 - any failure fails the run, recorded for the organizers
        logger.exception("Publication of report edition %s failed", edition_id)
        _forget_files(storage, written)
        _end_run(run, status=RunStatus.FAILED, step=run.step, error=f"{type(error).__name__}: {error}")
        return run


def _end_run(run: PublishingRun, *, status: str, step: str, error: str) -> None:
    """Record how the run stopped, unless another run's worker finished it meanwhile; never raises."""
    finished_at = timezone.now() if status == RunStatus.FAILED else None
    try:
        PublishingRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=status, step=step, error=error[:5000], finished_at=finished_at, updated_at=timezone.now()
        )
        run.refresh_from_db()
    except DatabaseError:
        logger.exception("Could not record the end of publishing run %s", run.pk)


@transaction.atomic
def _publish(*, run: PublishingRun, edition_id: int, files: list[_LanguageFile], covers: dict[str, str]) -> bool:
    """The publication proper: files, facts, covers, status, emails queued and the run's end commit together."""

    edition = ReportEdition.objects.select_for_update().get(pk=edition_id)
    locked_run = PublishingRun.objects.select_for_update().get(pk=run.pk)
    if edition.status == EditionStatus.PUBLISHED:
        return False
    fields = ["status", "published_at", "updated_at"]
    for file in files:
        facts = pdf.facts(file.data)
        if file.new_name:
            setattr(edition, f"file_{file.suffix}", file.new_name)
            fields.append(f"file_{file.suffix}")
        setattr(edition, f"file_size_{file.suffix}", facts.size)
        setattr(edition, f"file_sha256_{file.suffix}", facts.sha256)
        fields += [f"file_size_{file.suffix}", f"file_sha256_{file.suffix}"]
    for suffix, cover_name in covers.items():
        setattr(edition, f"cover_{suffix}", cover_name)
        fields.append(f"cover_{suffix}")
    edition.status, edition.published_at = EditionStatus.PUBLISHED, timezone.now()
    edition.save(update_fields=fields)
    locked_run.emails_total = queue_new_report_emails(edition=edition)
    locked_run.status, locked_run.step, locked_run.finished_at = (
        RunStatus.SUCCEEDED, PublishingStep.DONE, timezone.now()
    )
    locked_run.save(update_fields=["emails_total", "status", "step", "finished_at", "updated_at"])
    run.refresh_from_db()  # the caller holds its own copy of the run
    return True


def due_run_edition_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Editions whose run is due and not started (its ETA task lost, e.g. a broker restart), or whose running run
    was abandoned by a worker that died."""
    now = now or timezone.now()
    cutoff = now - DUE_GRACE
    # A scheduled edition's release time is the truth, as in _claim_run; the run's own time for the others.
    scheduled = Q(edition__status=EditionStatus.SCHEDULED, edition__release_at__isnull=False)
    waiting = Q(status=RunStatus.QUEUED, started_at__isnull=True) & (
        (scheduled & Q(edition__release_at__lte=cutoff))
        | (~scheduled & (Q(run_at__lte=cutoff) | Q(run_at__isnull=True, created_at__lte=cutoff)))
    )
    abandoned = Q(status=RunStatus.RUNNING, started_at__lte=now - STALE_AFTER)
    return list(PublishingRun.objects.filter(waiting | abandoned).values_list("edition_id", flat=True).distinct())


def publish_due_reports() -> int:
    """Send the publishing task for each due run (see due_run_edition_ids); returns how many were sent."""
    edition_ids = due_run_edition_ids()
    for edition_id in edition_ids:
        enqueue(_publish_report_task(), edition_id=edition_id)
    return len(edition_ids)
