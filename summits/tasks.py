"""Summits' tasks: they take ids."""

from celery import shared_task

from .services import spreadsheet_imports


@shared_task(name="wic.summits.run_spreadsheet_import")
def run_spreadsheet_import(job_id: int) -> str:
    """Check or import an uploaded sheet (summits/services/spreadsheet_imports.py); a second delivery of the same
    job does nothing. Not retried: a failure ends the job stopped, with nothing saved, and the page says so."""
    return spreadsheet_imports.run_spreadsheet_import(job_id=job_id)


@shared_task(name="wic.summits.prune_spreadsheet_imports")
def prune_spreadsheet_imports() -> int:
    """Periodic (beat): delete the spreadsheet imports nobody confirmed within a day, with their uploads."""
    return spreadsheet_imports.prune_spreadsheet_imports()
