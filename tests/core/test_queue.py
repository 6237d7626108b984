"""A broker that is down never breaks the request: enqueue_on_commit logs it (no personal data) and the row waits
for the beat catch-up. The broker is a real Redis address where nothing listens, so the refusal is the real one."""

import logging
import uuid

import pytest
from celery import shared_task
from django.db import transaction

from core.models import OutgoingEmail
from core.services.outbox import queue_email
from core.services.queue import enqueue, enqueue_on_commit
from reports import services
from reports.enums import EditionStatus, RunStatus
from reports.models import PublishingRun
from reports.tasks import publish_report
from tests.factories.reports import ReportEditionFactory
from tests.infra import celery_broker
from wic.celery import app as celery_app

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down(settings):
    # Publishing retries a few times before it gives up: no retries here, the refusal is what is tested.
    saved = celery_app.conf.task_publish_retry
    celery_app.conf.task_publish_retry = False
    with celery_broker(celery_app, broker_url=NOTHING_LISTENS, queue=f"wic-down-{uuid.uuid4().hex[:8]}"):
        yield
    celery_app.conf.task_publish_retry = saved


def test_enqueue_when_the_broker_is_down_logs_the_task_name_only(broker_down, caplog):
    with caplog.at_level(logging.WARNING, logger="core.services.queue"):
        enqueue(publish_report, edition_id=424242)

    assert [record.getMessage() for record in caplog.records] == [
        "wic.reports.publish_report not run (OperationalError); the catch-up sends it later"
    ]


def test_publication_requested_while_the_broker_is_down_waits_for_the_catch_up(
    broker_down, django_user_model, django_capture_on_commit_callbacks
):
    staff = django_user_model.objects.create_user("editor", is_staff=True)
    edition = ReportEditionFactory(body="# Introduction\nEnglish.")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = services.request_publication(edition=edition, actor=staff)

    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.status, run.started_at) == (RunStatus.QUEUED, None)
    assert PublishingRun.objects.get().edition.status == EditionStatus.DRAFT
    assert services.publish_due_reports() == 0  # not yet due: the catch-up leaves it a few seconds to its own task


def test_enqueue_on_commit_tries_the_broker_only_once_the_transaction_commits(
    broker_down, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_on_commit(publish_report, edition_id=424242)

    assert len(callbacks) == 1  # registered for the commit only: nothing was tried before it
    assert caplog.records == []


@shared_task(name="wic.tests.always_fails")
def always_fails(**kwargs):
    raise ValueError("the task's own failure")


def test_a_task_failing_in_process_does_not_undo_the_request_or_skip_the_other_callbacks(
    caplog, django_capture_on_commit_callbacks
):
    """The embedded mode runs tasks inside apply_async and propagates their errors: the saved rows stay saved, the
    error is logged, and the transaction's other on-commit work (here an email) still runs."""
    with caplog.at_level(logging.WARNING, logger="core.services.queue"), \
            django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(always_fails, row_id=1)
        queue_email(key="queue-test:after-a-failure", to="ada@example.org", subject="Hello", body_text="Hello.")

    assert OutgoingEmail.objects.get(key="queue-test:after-a-failure").status == "sent"
    assert [record.getMessage() for record in caplog.records if record.name == "core.services.queue"] == [
        "wic.tests.always_fails not run (ValueError); the catch-up sends it later"
    ]
