"""Driving the admin's spreadsheet import as an organizer does: the upload, then the job's page, whose task runs
in the test's process after the commit (as outside `make run`), then the confirmation on that page."""

from django.test import TestCase


def post_upload(client, url: str, data: dict, **extra):
    """The upload, and the job's page it leads to (or the upload form again, with its error)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data, **extra)
    return client.get(response.url, **extra) if response.status_code == 302 else response


def post_to_job(client, page, data: dict, **extra):
    """A post to the job's page ``page`` showed (the mapping, the confirmation); its task runs after the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.request["PATH_INFO"], data, **extra)


def confirm_job(client, page, **extra):
    assert "confirm" in page.context, [row.errors for row in page.context["outcome"].rows if row.errors][:3]
    return post_to_job(client, page, {"confirm": "1"}, **extra)


def keep_private_files_in(folder, *, settings, monkeypatch) -> None:
    """Private storage (where a job keeps its upload) in ``folder``, for this process and a Celery worker it
    starts afterwards (which reads PRIVATE_MEDIA_ROOT from the environment it inherits)."""
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(folder))
    settings.STORAGES = {**settings.STORAGES, "private": {
        **settings.STORAGES["private"], "OPTIONS": {"location": str(folder), "base_url": None}}}
