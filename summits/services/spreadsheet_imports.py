"""Spreadsheet imports run as background jobs, as pretix runs its order import: the upload is kept with the job's
row (in private storage), a task that takes the job's id checks the sheet (the dry run, the preview) and, once an
organizer confirms, imports it in one transaction. A sheet of 2,500 sessions takes longer than the web server
waits for an answer (gunicorn's and nginx's 30 s); the organizer follows the job on its page instead.

A job nobody confirmed (its columns never mapped, its preview never confirmed, or stopped) is pruned with its upload
a day after it was last touched (``prune_spreadsheet_imports``, beat's job every hour): a guest list holds names and
addresses that private storage should not keep for an import nobody made.

Progress goes to the cache, which readers see while the import's transaction is still open. A job whose worker
stops (killed, a lost machine) leaves its transaction uncommitted, so nothing of it is saved; its page tells so
once no progress has come for STALLED_AFTER seconds, and the job is marked stopped under the row's lock, which the
import also takes before it commits: whichever comes first wins, never both.
"""

import datetime
import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from core.services.queue import enqueue_on_commit
from core.spreadsheets.reading import read_sheet
from core.spreadsheets.resources import NEW, UPDATE, AuditedResource, ImportOutcome, RowOutcome, as_dataset
from core.storage import private_storage

from ..enums import SpreadsheetJobStatus as Status
from ..models import SpreadsheetImport, Summit

logger = logging.getLogger(__name__)

STALLED_AFTER = 90  # seconds without a sign of life from a running job: its worker stopped
PROGRESS_EVERY = 0.5  # seconds between two progress writes to the cache
QUEUED = (Status.PREVIEW_QUEUED, Status.IMPORT_QUEUED)
RUNNING = (Status.PREVIEWING, Status.IMPORTING)
WORKER_STOPPED, SERVER_ERROR = "worker_stopped", "server_error"  # why a job stopped (its page says it in words)
UNCONFIRMED = (Status.MAPPING, Status.PREVIEW_QUEUED, Status.PREVIEWING, Status.PREVIEWED, Status.FAILED)
KEEP_UNCONFIRMED = datetime.timedelta(days=1)
UPLOADS = "spreadsheets"  # the uploads' folder in private storage (SpreadsheetImport.file's upload_to)


class JobStopped(Exception):
    """The job was marked stopped while it ran: its import must not commit."""


def _task():
    # At call time: summits.tasks imports this package.
    from ..tasks import run_spreadsheet_import

    return run_spreadsheet_import


def _progress_key(job_id: int) -> str:
    return f"spreadsheet-import:{job_id}:progress"


def job_progress(*, job: SpreadsheetImport) -> tuple[int, float]:
    """Rows done so far, and when the job last showed life (its start without any progress yet)."""
    done, at = cache.get(_progress_key(job.pk)) or (0, None)
    started = job.started_at.timestamp() if job.started_at else time.time()
    return done, max(at or 0.0, started)


def _report_progress(job_id: int) -> Callable[[int], None]:
    last = [0.0]

    def report(done: int) -> None:
        now = time.time()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            cache.set(_progress_key(job_id), (done, now), timeout=24 * 3600)

    return report


def class_path(resource: type) -> str:
    return f"{resource.__module__}.{resource.__qualname__}"


@transaction.atomic
def start_spreadsheet_import(*, resource: type, model: str, summit: Summit | None, user, data: bytes,
                             file_name: str, columns: list[str | None], complete: bool, language: str,
                             total_rows: int) -> SpreadsheetImport:
    """Keep the upload with a new job; when every column is known (``complete``), queue its check at once,
    otherwise the job waits for the organizer's mapping."""
    job = SpreadsheetImport(
        resource=class_path(resource), model=model, summit=summit, created_by=user, file_name=file_name[:200],
        columns=columns, language=language, total_rows=total_rows,
        status=Status.PREVIEW_QUEUED if complete else Status.MAPPING,
    )
    job.file.save("sheet", ContentFile(data), save=False)
    job.save()
    if complete:
        enqueue_on_commit(_task(), job_id=job.pk)
    return job


@transaction.atomic
def map_spreadsheet_columns(*, job_id: int, columns: list[str]) -> SpreadsheetImport:
    """The organizer's mapping of the sheet's columns; the check is queued once (a second post changes nothing)."""
    job = SpreadsheetImport.objects.select_for_update().get(pk=job_id)
    if job.status == Status.MAPPING:
        job.columns, job.status = columns, Status.PREVIEW_QUEUED
        job.save(update_fields=["columns", "status", "updated_at"])
        enqueue_on_commit(_task(), job_id=job.pk)
    return job


def can_confirm(job: SpreadsheetImport) -> bool:
    outcome = job_outcome(job=job)
    return (job.status == Status.PREVIEWED and outcome is not None and not outcome.error_count
            and bool(outcome.count(NEW) + outcome.count(UPDATE)))


@transaction.atomic
def confirm_spreadsheet_import(*, job_id: int, user) -> SpreadsheetImport | None:
    """Queue the import of a checked sheet without errors. Two organizers confirming at once: the job's row lock
    lets the first through, and the second finds the import already queued (it is imported once). None: the job
    was pruned meanwhile."""
    job = SpreadsheetImport.objects.select_for_update().filter(pk=job_id).first()
    if job is not None and can_confirm(job):
        job.status, job.confirmed_by = Status.IMPORT_QUEUED, user
        job.save(update_fields=["status", "confirmed_by", "updated_at"])
        enqueue_on_commit(_task(), job_id=job.pk)
    return job


def stop_stalled_spreadsheet_import(*, job: SpreadsheetImport) -> SpreadsheetImport:
    """A running job without a sign of life for STALLED_AFTER seconds: marked stopped (its worker died, and its
    transaction with it). Under the row's lock, which a living import takes before it commits."""
    if job.status not in RUNNING or time.time() - job_progress(job=job)[1] < STALLED_AFTER:
        return job
    with transaction.atomic():
        locked = SpreadsheetImport.objects.select_for_update().get(pk=job.pk)
        if locked.status in RUNNING:
            locked.status, locked.finished_at = Status.FAILED, timezone.now()
            locked.error = WORKER_STOPPED
            locked.save(update_fields=["status", "finished_at", "error", "updated_at"])
    return locked


def job_outcome(*, job: SpreadsheetImport) -> ImportOutcome | None:
    if not job.outcome:
        return None
    return ImportOutcome(rows=[RowOutcome(*row) for row in job.outcome["rows"]],
                         base_errors=job.outcome["base_errors"])


def _claim(job_id: int) -> SpreadsheetImport | None:
    """Queued to running, in one UPDATE: a second delivery of the task finds nothing queued and does nothing."""
    claimed = SpreadsheetImport.objects.filter(pk=job_id, status__in=QUEUED).update(
        status=Case(When(status=Status.PREVIEW_QUEUED, then=Value(Status.PREVIEWING)),
                    default=Value(Status.IMPORTING)),
        started_at=timezone.now(), finished_at=None, error="",
    )
    return SpreadsheetImport.objects.select_related("summit", "created_by", "confirmed_by").get(pk=job_id) \
        if claimed else None


def _resource(job: SpreadsheetImport, *, dry_run: bool) -> AuditedResource:
    resource_class = import_string(job.resource)
    if not (isinstance(resource_class, type) and issubclass(resource_class, AuditedResource)):
        raise TypeError(f"{job.resource} is not a spreadsheet resource")
    resource = resource_class(actor=job.created_by if dry_run else job.confirmed_by, summit=job.summit)
    resource.on_progress = _report_progress(job.pk)
    return resource


def _as_json(outcome: ImportOutcome, *, headers: list[str], confirmed: bool) -> dict[str, Any]:
    return {"rows": [[row.line, row.kind, row.label, row.errors, row.note] for row in outcome.rows],
            "base_errors": outcome.base_errors, "headers": headers, "confirmed": confirmed}


def _check_and_import(job: SpreadsheetImport) -> None:
    """The dry run or the import, and the job's new state, in one transaction: the rows an import writes commit
    with the job's "imported", or not at all."""
    dry_run = job.status == Status.PREVIEWING
    with job.file.open("rb") as stored:
        sheet = read_sheet(stored.read(), job.file_name)
    resource = _resource(job, dry_run=dry_run)
    with transaction.atomic():
        outcome = resource.run(as_dataset(sheet, job.columns), dry_run=dry_run)
        locked = SpreadsheetImport.objects.select_for_update().get(pk=job.pk)
        if locked.status != job.status:
            raise JobStopped
        imported = not dry_run and not outcome.error_count
        # An import refused by rows that no longer fit (the programme changed since the preview) saved nothing:
        # the job shows the new errors, as a preview does.
        locked.status = Status.IMPORTED if imported else Status.PREVIEWED
        locked.outcome = _as_json(outcome, headers=sheet.headers, confirmed=not dry_run)
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "outcome", "finished_at", "updated_at"])
    if imported:  # the sheet is in the database now: its upload is not kept
        job.file.delete(save=False)
        SpreadsheetImport.objects.filter(pk=job.pk).update(file="")


def run_spreadsheet_import(*, job_id: int) -> str:
    """The task's body: check or import the job's sheet, whichever it waits for; a job not waiting (a second
    delivery, a job gone) is left alone. Any failure ends the job stopped, with nothing saved."""
    job = _claim(job_id)
    if job is None:
        logger.info("Spreadsheet import %s is not waiting to run: nothing to do", job_id)
        return "skipped"
    cache.set(_progress_key(job.pk), (0, time.time()), timeout=24 * 3600)
    try:
        with translation.override(job.language):
            _check_and_import(job)
    except JobStopped:
        return "stopped"
    except Exception:  # noqa: BLE001 - whatever failed (a bug, a lost database), the job must say it stopped
        logger.exception("Spreadsheet import %s failed", job_id)
        SpreadsheetImport.objects.filter(pk=job_id, status__in=RUNNING).update(
            status=Status.FAILED, error=SERVER_ERROR, finished_at=timezone.now())
        return "failed"
    return "done"



def _stale(cutoff: datetime.datetime) -> Q:
    """Unconfirmed, and neither changed, started nor finished since ``cutoff``."""
    return (Q(status__in=UNCONFIRMED, updated_at__lt=cutoff)
            & (Q(started_at__isnull=True) | Q(started_at__lt=cutoff))
            & (Q(finished_at__isnull=True) | Q(finished_at__lt=cutoff)))


def prune_spreadsheet_imports() -> int:
    """Delete the unconfirmed jobs untouched for KEEP_UNCONFIRMED, each under its row's lock (an organizer
    confirming it at that moment either comes first, and the job is kept, or finds it gone), and their uploads once
    the deletion commits; then any upload older than that which no job holds (a deletion whose file removal was
    lost). Confirmed and imported jobs are kept. Run again, it finds nothing. Returns the number of jobs pruned."""
    cutoff = timezone.now() - KEEP_UNCONFIRMED
    pruned = 0
    for job_id in SpreadsheetImport.objects.filter(_stale(cutoff)).values_list("pk", flat=True):
        with transaction.atomic():
            job = SpreadsheetImport.objects.select_for_update().filter(_stale(cutoff), pk=job_id).first()
            if job is None:
                continue
            upload = job.file.name
            job.delete()
            if upload:
                transaction.on_commit(partial(private_storage().delete, upload))
            pruned += 1
    _delete_orphan_uploads(cutoff)
    if pruned:
        logger.info("Pruned %s unconfirmed spreadsheet imports", pruned)
    return pruned


def _delete_orphan_uploads(cutoff: datetime.datetime) -> None:
    storage = private_storage()
    held = set(SpreadsheetImport.objects.exclude(file="").values_list("file", flat=True))
    if not storage.exists(UPLOADS):
        return
    for year in storage.listdir(UPLOADS)[0]:
        for name in storage.listdir(f"{UPLOADS}/{year}")[1]:
            path = f"{UPLOADS}/{year}/{name}"
            if path not in held and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
