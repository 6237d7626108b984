"""A scheduled edition's release time is the truth: moved in the admin (or the shell), its publication moves with
it; cleared, or cancelled by the admin action, nothing is published. The task sent for the old time publishes
nothing early (tasks run eagerly here: each is also run again at the time its ETA would bring it)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, OutgoingEmail
from reports import tasks
from reports.enums import EditionStatus, RunStatus
from reports.models import PublishingRun, ReportEdition
from tests.admin_forms import errors_of, form_on_page, split
from tests.factories.reports import ReportEditionFactory, ReportSubscriberFactory

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
PAST_GRACE = datetime.timedelta(seconds=11)  # publish_due_reports leaves a due run 10 s to its own task


def _at(minutes: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) + minutes * MINUTE


def _scheduled(client, captured, *, release_at: datetime.datetime, edition=None) -> ReportEdition:
    """The edition (a new one, with a subscriber, if None), scheduled from the editions' list with "Publish at the
    release time"."""
    if edition is None:
        ReportSubscriberFactory(email="reader@example.org")
        edition = ReportEditionFactory(body="# Introduction\nThe digital economy grew.", release_at=release_at)
    else:
        ReportEdition.objects.filter(pk=edition.pk).update(release_at=release_at)
    with captured(execute=True):  # in-process, the task runs at once: not due, it leaves the run waiting
        client.post(reverse("admin:reports_reportedition_changelist") + "?summit__id__exact=all",
                    {"action": "publish_at_release_time", "_selected_action": [edition.pk]}, follow=True)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SCHEDULED
    return edition


def _change_page(client, edition):
    return client.get(reverse("admin:reports_reportedition_change", args=[edition.pk]))


def _save_release_at(client, captured, edition, release_at: datetime.datetime | None):
    """Save the edition's change form as the browser sends it, with another release time (None: cleared)."""
    data = form_on_page(_change_page(client, edition), "reportedition_form")
    data.update(split("release_at", release_at) if release_at else {"release_at_0": "", "release_at_1": ""})
    with captured(execute=True):
        return client.post(reverse("admin:reports_reportedition_change", args=[edition.pk]), data, follow=True)


def _publish_task_at(moment: datetime.datetime, edition) -> str:
    """The publishing task, run at ``moment``: as its ETA brings it, or as publish_due_reports sends it."""
    with time_machine.travel(moment):
        return tasks.publish_report.delay(edition_id=edition.pk).get()


def _status(edition) -> str:
    return ReportEdition.objects.get(pk=edition.pk).status


def test_moving_the_release_time_later_in_the_admin_form_publishes_nothing_at_the_old_time(
    organizer_client, django_capture_on_commit_callbacks
):
    old, new = _at(2), _at(15)
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=old)

    response = _save_release_at(organizer_client, django_capture_on_commit_callbacks, edition, new)

    assert errors_of(response) == []
    assert list(edition.publishing_runs.values_list("status", "run_at")) == [(RunStatus.QUEUED, new)]
    # The task sent for the old time comes: the edition is not due, nothing is published nor emailed.
    assert _publish_task_at(old + MINUTE, edition) == RunStatus.QUEUED
    with time_machine.travel(old + 5 * MINUTE):
        assert tasks.publish_due_reports.delay().get() == 0
    assert (_status(edition), OutgoingEmail.objects.count()) == (EditionStatus.SCHEDULED, 0)

    with time_machine.travel(new + PAST_GRACE), django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_due_reports.delay().get() == 1
    assert _status(edition) == EditionStatus.PUBLISHED
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["reader@example.org"]


def test_moving_the_release_time_earlier_in_the_admin_form_publishes_at_the_new_time(
    organizer_client, django_capture_on_commit_callbacks
):
    old, new = _at(10), _at(1)
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=old)

    _save_release_at(organizer_client, django_capture_on_commit_callbacks, edition, new)

    assert list(edition.publishing_runs.values_list("run_at", flat=True)) == [new]
    assert AuditEntry.objects.filter(object_id=str(edition.pk), note__startswith="publication moved from").count() == 1
    # Beat catches up a task lost for the new time...
    with time_machine.travel(new + PAST_GRACE):
        assert tasks.publish_due_reports.delay().get() == 1
    # ... and the new time's own task, run then, publishes the edition.
    assert _publish_task_at(new + PAST_GRACE, edition) == RunStatus.SUCCEEDED
    assert _status(edition) == EditionStatus.PUBLISHED


def test_moving_the_release_time_in_the_shell_moves_the_run(organizer_client, django_capture_on_commit_callbacks):
    old, new = _at(2), _at(30)
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=old)

    edition.release_at = new
    with django_capture_on_commit_callbacks(execute=True):
        edition.save()

    assert list(edition.publishing_runs.values_list("run_at", flat=True)) == [new]
    assert _publish_task_at(old + MINUTE, edition) == RunStatus.QUEUED
    assert _status(edition) == EditionStatus.SCHEDULED


def test_clearing_the_release_time_in_the_admin_form_cancels_the_publication(
    organizer_client, organizer, django_capture_on_commit_callbacks
):
    old = _at(2)
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=old)

    response = _save_release_at(organizer_client, django_capture_on_commit_callbacks, edition, None)

    assert errors_of(response) == []
    edition.refresh_from_db()
    assert (edition.status, edition.release_at) == (EditionStatus.DRAFT, None)
    assert list(edition.publishing_runs.values_list("status", flat=True)) == [RunStatus.CANCELLED]
    assert AuditEntry.objects.filter(object_id=str(edition.pk), actor=organizer,
                                     note__startswith="scheduled publication cancelled").count() == 1
    assert _publish_task_at(old + MINUTE, edition) == RunStatus.CANCELLED
    with time_machine.travel(old + 5 * MINUTE):
        assert tasks.publish_due_reports.delay().get() == 0
    assert (_status(edition), OutgoingEmail.objects.count()) == (EditionStatus.DRAFT, 0)


def test_cancel_action_returns_the_edition_to_draft_and_the_old_task_publishes_nothing(
    organizer_client, django_capture_on_commit_callbacks
):
    old = _at(2)
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=old)
    draft = ReportEditionFactory(year=2020)

    response = organizer_client.post(
        reverse("admin:reports_reportedition_changelist") + "?summit__id__exact=all",
        {"action": "cancel_scheduled_release", "_selected_action": [edition.pk, draft.pk]}, follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "The scheduled release of 1 edition was cancelled: it is a draft again.",
        f"“{draft}” is not scheduled for publication.",
    ]
    edition.refresh_from_db()
    assert (edition.status, edition.release_at) == (EditionStatus.DRAFT, old)
    assert _publish_task_at(old + MINUTE, edition) == RunStatus.CANCELLED
    assert (_status(edition), OutgoingEmail.objects.count()) == (EditionStatus.DRAFT, 0)
    # Scheduled again, it is published at its time.
    with time_machine.travel(old + MINUTE):
        _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=old + 2 * MINUTE, edition=edition)
    assert _publish_task_at(old + 2 * MINUTE, edition) == RunStatus.SUCCEEDED


def test_cancel_is_refused_while_the_edition_is_being_published(organizer_client, django_capture_on_commit_callbacks):
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=_at(2))
    PublishingRun.objects.filter(edition=edition).update(status=RunStatus.RUNNING, started_at=timezone.now())

    response = _save_release_at(organizer_client, django_capture_on_commit_callbacks, edition, None)

    assert errors_of(response) == ["The edition is being published now: it is too late to cancel."]
    assert _status(edition) == EditionStatus.SCHEDULED


def test_change_page_says_whether_and_when_the_edition_is_scheduled(
    organizer_client, django_capture_on_commit_callbacks
):
    draft = ReportEditionFactory(body="# Introduction", release_at=_at(30), year=2020)
    assert "Not scheduled. Saving a release time alone does not publish the edition" in (
        _change_page(organizer_client, draft).content.decode()
    )

    release_at = timezone.localtime(_at(45))
    edition = _scheduled(organizer_client, django_capture_on_commit_callbacks, release_at=release_at)
    page = _change_page(organizer_client, edition).content.decode()
    assert "Scheduled for " in page and ": published automatically then." in page
    assert release_at.strftime("%H:%M") in page


def test_cancel_action_and_schedule_hint_read_in_chinese(organizer_client):
    draft = ReportEditionFactory(body="# Introduction")

    changelist = organizer_client.get(reverse("admin:reports_reportedition_changelist") + "?summit__id__exact=all",
                                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    page = organizer_client.get(reverse("admin:reports_reportedition_change", args=[draft.pk]),
                                HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert ">取消定时发布</option>" in changelist
    assert "未定时。仅保存发布时间不会发布此版本" in page
