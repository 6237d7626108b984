import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail
from reports.enums import EditionStatus, PublishingStep, RunStatus
from reports.models import PublishingRun, ReportEdition
from tests.admin_forms import errors_of, management
from tests.factories.forums import SessionFactory
from tests.factories.reports import ReportEditionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["admin:reports_reportseries_changelist", "admin:reports_reportseries_add",
                 "admin:reports_reportedition_changelist", "admin:reports_reportedition_add"],
)
def test_admin_page_opens_when_an_admin_asks(admin_client, url_name):
    ReportEditionFactory(version="4.0")

    assert admin_client.get(reverse(url_name)).status_code == 200


def test_admin_change_pages_open_for_a_series_and_an_edition(admin_client):
    edition = ReportEditionFactory(version="4.0")

    assert admin_client.get(reverse("admin:reports_reportseries_change", args=[edition.series.pk])).status_code \
        == 200
    assert admin_client.get(reverse("admin:reports_reportedition_change", args=[edition.pk])).status_code == 200


def test_report_admin_opens_for_an_organizer(organizer_client):
    assert organizer_client.get(reverse("admin:reports_reportedition_changelist")).status_code == 200
    assert organizer_client.get(reverse("admin:reports_reportseries_add")).status_code == 200


# --- Publishing from the admin ---------------------------------------------------------------------------------


def _changelist_action(client, model: str, action: str, *objects):
    # The editions' list opens on the current summit's: act from the list of all of them, as these may have none.
    every_edition = "?summit__id__exact=all" if model == "reportedition" else ""
    return client.post(
        reverse(f"admin:reports_{model}_changelist") + every_edition,
        {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True,
    )


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_publish_now_action_publishes_the_edition(organizer_client, organizer, django_capture_on_commit_callbacks):
    edition = ReportEditionFactory(body="# Introduction\nThe digital economy grew.")

    with django_capture_on_commit_callbacks(execute=True):
        response = _changelist_action(organizer_client, "reportedition", "publish_now", edition)

    edition.refresh_from_db()
    assert _messages(response) == [
        "Publication of 1 edition requested: follow its run on the edition's page."
    ]
    assert edition.status == EditionStatus.PUBLISHED
    assert list(edition.publishing_runs.values_list("status", "requested_by")) == [
        (RunStatus.SUCCEEDED, organizer.pk)
    ]


def test_publish_now_action_reports_an_edition_with_nothing_to_publish(admin_client):
    edition = ReportEditionFactory()

    response = _changelist_action(admin_client, "reportedition", "publish_now", edition)

    assert _messages(response) == [
        f"“{edition}” has nothing to publish: upload its English PDF or write its English text first."
    ]
    assert not PublishingRun.objects.exists()


def test_publish_at_release_time_action_schedules_at_the_release_session_start(
    admin_client, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    session = SessionFactory(start=start)
    edition = ReportEditionFactory(body="# Introduction", release_session=session)

    with django_capture_on_commit_callbacks(execute=True):
        _changelist_action(admin_client, "reportedition", "publish_at_release_time", edition)

    edition.refresh_from_db()
    assert (edition.status, edition.release_at) == (EditionStatus.SCHEDULED, start)
    assert list(edition.publishing_runs.values_list("status", "run_at")) == [(RunStatus.QUEUED, start)]


def test_publish_at_release_time_action_prefers_the_release_time(admin_client, django_capture_on_commit_callbacks):
    release_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=5)
    edition = ReportEditionFactory(body="# Introduction", release_at=release_at,
                                   release_session=SessionFactory(start=release_at + datetime.timedelta(days=1)))

    with django_capture_on_commit_callbacks(execute=True):
        _changelist_action(admin_client, "reportedition", "publish_at_release_time", edition)

    assert list(edition.publishing_runs.values_list("run_at", flat=True)) == [release_at]


def test_publish_at_release_time_action_is_refused_without_a_release_time(admin_client):
    edition = ReportEditionFactory(body="# Introduction")

    response = _changelist_action(admin_client, "reportedition", "publish_at_release_time", edition)

    assert _messages(response) == [
        f"“{edition}” has no release time: set its release time or its release session."
    ]
    assert not PublishingRun.objects.exists()
    assert ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.DRAFT


def test_edition_page_shows_the_runs_progress_emails_sent_and_error(admin_client):
    edition = ReportEditionFactory(body="# Introduction")
    PublishingRun.objects.create(edition=edition, status=RunStatus.FAILED, step=PublishingStep.RENDER,
                                 error="PdfError: the font file is unreadable")
    PublishingRun.objects.create(edition=edition, status=RunStatus.SUCCEEDED, step=PublishingStep.DONE,
                                 emails_total=3)
    for number, status in enumerate([EmailStatus.SENT, EmailStatus.SENT, EmailStatus.QUEUED]):
        OutgoingEmail.objects.create(key=f"report:{edition.pk}:subscriber:{number}", to=f"r{number}@example.org",
                                     subject="New report", body_text="...", status=status)
    OutgoingEmail.objects.create(key=f"report:{edition.pk + 1}:subscriber:9", to="x@example.org", subject="Other",
                                 body_text="...", status=EmailStatus.SENT)

    html = admin_client.get(reverse("admin:reports_reportedition_change", args=[edition.pk])).content.decode()

    assert '<progress max="3" value="2"' in html
    assert "step 5 of 5 · 2 of 3 emails sent" in html
    assert '<progress max="5" value="1"' in html
    assert "step 1 of 5" in html
    assert "PdfError: the font file is unreadable" in html
    assert 'name="body_en"' in html and 'name="body_zh_hans"' in html


def test_run_admin_lists_runs_filtered_by_status(admin_client):
    failed = PublishingRun.objects.create(edition=ReportEditionFactory(title="Failed one"), status=RunStatus.FAILED)
    PublishingRun.objects.create(edition=ReportEditionFactory(title="Done one", year=2020),
                                 status=RunStatus.SUCCEEDED)

    response = admin_client.get(reverse("admin:reports_publishingrun_changelist"), {"status__exact": "failed"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failed]
    assert admin_client.get(reverse("admin:reports_publishingrun_change", args=[failed.pk])).status_code == 200


def test_retry_failed_runs_action_publishes_the_edition(organizer_client, django_capture_on_commit_callbacks):
    edition = ReportEditionFactory(body="# Introduction")
    failed = PublishingRun.objects.create(edition=edition, status=RunStatus.FAILED, error="PdfError: boom")

    with django_capture_on_commit_callbacks(execute=True):
        response = _changelist_action(organizer_client, "publishingrun", "retry_failed_runs", failed)

    edition.refresh_from_db()
    assert _messages(response) == ["1 run retried."]
    assert edition.status == EditionStatus.PUBLISHED
    assert list(edition.publishing_runs.values_list("status", flat=True)) == [RunStatus.SUCCEEDED, RunStatus.FAILED]


def test_retry_failed_runs_action_refuses_a_run_that_has_not_failed(admin_client):
    edition = ReportEditionFactory(body="# Introduction", status=EditionStatus.PUBLISHED)
    done = PublishingRun.objects.create(edition=edition, status=RunStatus.SUCCEEDED, step=PublishingStep.DONE)

    response = _changelist_action(admin_client, "publishingrun", "retry_failed_runs", done)

    assert _messages(response) == [f"{edition}: Only a failed run can be retried; this one is “Published”."]
    assert PublishingRun.objects.count() == 1


def test_edition_upload_of_a_non_pdf_is_refused_with_the_validators_message(admin_client):
    edition = ReportEditionFactory(body="# Introduction")
    url = reverse("admin:reports_reportedition_change", args=[edition.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in ["series", "title_en", "year", "concurrency_token"]}
    data.update(management("publishing_runs", 0))

    response = admin_client.post(url, {**data, "file_en": SimpleUploadedFile("report.pdf", b"GIF89a not a pdf")})

    assert response.status_code == 200
    assert errors_of(response) == ["This file is not a PDF: upload the report as a PDF file."]
    assert not ReportEdition.objects.get(pk=edition.pk).file_en


def test_edition_status_cannot_be_typed_in_the_admin(admin_client):
    """Published only through the pipeline: a status typed in the form would skip checksums, cover and emails."""
    edition = ReportEditionFactory(body="# Introduction")
    url = reverse("admin:reports_reportedition_change", args=[edition.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in ["series", "title_en", "year", "concurrency_token"]}

    admin_client.post(url, {**data, **management("publishing_runs", 0), "status": EditionStatus.PUBLISHED})

    assert ReportEdition.objects.get(pk=edition.pk).status == EditionStatus.DRAFT
