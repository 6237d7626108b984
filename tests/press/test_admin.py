"""The press office's review in the admin: the list, the letter of assignment for staff only, the decisions (which
approve or reject the guest registration and email the journalist in their language), and the press conferences
with who may attend."""

import pytest
from django.urls import reverse

from core.enums import PublicationStatus
from core.models import AuditEntry, OutgoingEmail
from core.storage import private_storage
from forums.enums import ForumKind
from guests.enums import RegistrationStatus
from press.enums import AccreditationStatus, PressRole
from tests.factories.forums import ForumFactory
from tests.factories.press import PressAccreditationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:press_pressaccreditation_changelist")


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def application(summit):
    return PressAccreditationFactory(
        registration__summit=summit, registration__status=RegistrationStatus.VERIFIED,
        registration__guest__full_name="Li Na", registration__guest__native_name="李娜",
        registration__guest__language="zh-hans", role=PressRole.PHOTOGRAPHER,
    )


def test_list_shows_status_outlet_country_and_role_in_a_fixed_number_of_queries(press_client, summit,
                                                                                  django_assert_max_num_queries):
    for index in range(12):
        PressAccreditationFactory(registration__summit=summit, media_outlet=f"Outlet {index}")

    with django_assert_max_num_queries(12):
        response = press_client.get(CHANGELIST, {"registration__summit__id__exact": summit.pk})

    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("Outlet ") >= 12
    assert "China" in text and "Journalist" in text and "Applied" in text


def test_list_filters_by_status_role_and_country(press_client, summit):
    PressAccreditationFactory(registration__summit=summit, media_outlet="Reuters", outlet_country="GB",
                              role=PressRole.CAMERA_CREW, status=AccreditationStatus.ACCREDITED)
    PressAccreditationFactory(registration__summit=summit, media_outlet="Xinhua")

    response = press_client.get(CHANGELIST, {"status__exact": "accredited", "role__exact": "camera_crew",
                                             "outlet_country": "GB"})

    assert [row.media_outlet for row in response.context["cl"].result_list] == ["Reuters"]


def test_list_in_chinese(press_client, application):
    response = press_client.get(CHANGELIST, headers={"accept-language": "zh-hans"})

    text = response.content.decode()
    assert "媒体注册" in text and "摄影记者" in text and "已申请" in text


def test_accredit_approves_the_registration_and_emails_the_journalist_in_their_language(
        press_client, press_officer, application, django_capture_on_commit_callbacks):
    ForumFactory(summit=application.registration.summit, kind=ForumKind.PRESS_CONFERENCE,
                 title="Press conference: the Light of the Internet Expo", title_zh_hans="互联网之光博览会新闻发布会",
                 status=PublicationStatus.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        response = press_client.post(CHANGELIST, {"action": "accredit_selected", "_selected_action": [application.pk]})

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.reviewed_by, application.decided_at is not None) == (
        AccreditationStatus.ACCREDITED, press_officer, True)
    assert application.registration.status == RegistrationStatus.APPROVED
    # The press office's email only, with the press conferences: not guests' "You are accredited for…" too.
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == [f"press:{application.pk}:accredited:1"]
    press_email = OutgoingEmail.objects.get(subject="您的2024年世界互联网大会乌镇峰会媒体注册")
    assert press_email.language == "zh-hans"
    assert "摄影记者" in press_email.body_text and "互联网之光博览会新闻发布会" in press_email.body_text
    assert AuditEntry.objects.filter(object_id=str(application.pk), note="accredited",
                                     object_repr=f"press accreditation #{application.pk}").exists()


def test_reject_asks_for_a_reason_then_rejects_and_quotes_it(press_client, application,
                                                              django_capture_on_commit_callbacks):
    data = {"action": "reject_selected", "_selected_action": [application.pk]}
    page = press_client.post(CHANGELIST, data)
    assert page.status_code == 200 and "Reason (quoted in the email to the journalist)" in page.content.decode()

    empty = press_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    assert empty.status_code == 200  # the reason is required: asked again
    application.refresh_from_db()
    assert application.status == AccreditationStatus.APPLIED

    with django_capture_on_commit_callbacks(execute=True):
        response = press_client.post(CHANGELIST, {**data, "apply": "1", "reason": "No letter from the editor."})

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (AccreditationStatus.REJECTED,
                                                                  "No letter from the editor.")
    assert application.registration.status == RegistrationStatus.REJECTED
    press_email = OutgoingEmail.objects.get()  # the press office's only, not guests' rejection too
    assert press_email.key == f"press:{application.pk}:rejected:1"
    assert "No letter from the editor." in press_email.body_text and "很遗憾" in press_email.body_text


def test_withdraw_cancels_the_registration(press_client, application):
    press_client.post(CHANGELIST, {"action": "withdraw_selected", "_selected_action": [application.pk]})

    application.refresh_from_db()
    assert application.status == AccreditationStatus.WITHDRAWN
    assert application.registration.status == RegistrationStatus.CANCELLED


def test_a_decided_application_is_skipped_by_accredit(press_client, summit):
    rejected = PressAccreditationFactory(registration__summit=summit, status=AccreditationStatus.REJECTED,
                                         registration__status=RegistrationStatus.REJECTED)

    response = press_client.post(CHANGELIST, {"action": "accredit_selected", "_selected_action": [rejected.pk]},
                                 follow=True)

    assert "1 skipped" in response.content.decode()
    rejected.refresh_from_db()
    assert rejected.status == AccreditationStatus.REJECTED


def test_change_page_is_read_only_with_a_download_link(press_client, application):
    response = press_client.get(reverse("admin:press_pressaccreditation_change", args=[application.pk]))

    text = response.content.decode()
    letter_url = reverse("admin:press_pressaccreditation_letter", kwargs={"object_id": application.pk})
    assert letter_url in text
    assert 'name="media_outlet"' not in text  # what the journalist sent is kept as sent
    assert 'name="_save"' not in text  # decided with the list's actions, not saved


def test_letter_of_assignment_is_served_to_the_press_office_only(client, press_client, application, django_user_model,
                                                                settings):
    url = reverse("admin:press_pressaccreditation_letter", kwargs={"object_id": application.pk})

    response = press_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    with application.letter_of_assignment.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()

    client.logout()
    assert client.get(url).status_code == 302  # to the admin's login
    stranger = django_user_model.objects.create_user("staff-only", password="x", is_staff=True)
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    # Kept in private storage, outside MEDIA_ROOT: no web server serves it.
    path = application.letter_of_assignment.path
    assert path.startswith(str(private_storage().location)) and not path.startswith(str(settings.MEDIA_ROOT))


def test_press_conferences_list_the_accredited_journalists(press_client, summit):
    ForumFactory(summit=summit, kind=ForumKind.PRESS_CONFERENCE, title="Press conference: World Internet Report",
                 status=PublicationStatus.PUBLISHED)
    PressAccreditationFactory(registration__summit=summit, registration__guest__full_name="Li Na",
                              status=AccreditationStatus.ACCREDITED)
    PressAccreditationFactory(registration__summit=summit, registration__guest__full_name="Waiting Person")

    response = press_client.get(reverse("admin:press_pressaccreditation_conferences"), {"summit": summit.pk})

    text = response.content.decode()
    assert "Press conference: World Internet Report" in text
    assert "Li Na" in text and "Waiting Person" not in text
    assert "1 accredited journalist may attend" in text


def test_accrediting_from_the_list_filtered_by_applied_reports_no_row_skipped(press_client, application):
    """The rows decided leave a list filtered by status: the report counts what was selected, not what is left."""
    response = press_client.post(f"{CHANGELIST}?status__exact=applied",
                                 {"action": "accredit_selected", "_selected_action": [application.pk]}, follow=True)

    text = response.content.decode()
    assert "1 journalist accredited" in text
    assert "skipped" not in text
