"""Names and titles that end in an email's subject are refused at the form when they hold a line break (the mail
library refuses such a subject at every retry) or are longer than any subject can hold; public forms make them one
line. Every subject template leaves room for SUBJECT_PART_MAX_LENGTH characters."""

import pytest
from django.urls import reverse
from django.utils import translation

from awards.services import jurors, reviews
from awards.services.nominations import SUBJECTS as AWARD_SUBJECTS
from core.models import OutgoingEmail
from core.text import SUBJECT_PART_MAX_LENGTH
from expo.models import Exhibitor
from forums.models import Forum
from guests.emails import SUBJECTS as GUEST_SUBJECTS
from guests.models import Registration
from members.emails import SUBJECTS as MEMBERSHIP_SUBJECTS
from tests.admin_forms import errors_of, form_on_page
from tests.factories.awards import AwardProgrammeFactory
from tests.factories.expo import ExpoFactory
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.members import OrganizationFactory
from tests.factories.reports import ReportEditionFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

SUBJECT_MAX_LENGTH = OutgoingEmail._meta.get_field("subject").max_length
ONE_LINE = ("Write this on one line, without line breaks or other control characters: it is used in the subject of "
            "emails.")
ONE_LINE_ZH = "请写在一行内，不要包含换行符或其他控制字符：它会用于电子邮件的主题。"


def too_long(length: int) -> str:
    return (f"Keep this to {SUBJECT_PART_MAX_LENGTH} characters (it has {length}): it is used in the subject of "
            "emails.")


ADMIN_PAGES = [
    # (what, factory, admin URL name, the form's field, its form id)
    ("summit name", lambda: SummitFactory(), "admin:summits_summit_change", "name_en", "summit_form"),
    ("forum title", lambda: ForumFactory(), "admin:forums_forum_change", "title_en", "forum_form"),
    ("award programme", lambda: AwardProgrammeFactory(), "admin:awards_awardprogramme_change", "name_en",
     "awardprogramme_form"),
    ("expo name", lambda: ExpoFactory(), "admin:expo_expo_change", "name_en", "expo_form"),
    ("report title", lambda: ReportEditionFactory(), "admin:reports_reportedition_change", "title_en",
     "reportedition_form"),
    ("organisation name", lambda: OrganizationFactory(), "admin:members_organization_change", "name_en",
     "organization_form"),
]


@pytest.mark.parametrize(("what", "factory", "url_name", "field", "form_id"), ADMIN_PAGES,
                         ids=[page[0] for page in ADMIN_PAGES])
@pytest.mark.parametrize("value", ["Digital\nSilk Road", "Digital\r\nBcc: all@example.org", "Tab\there",
                                   "Line\u2028separator", "Escape \x1b[31m", "Digital\u202eEconomy Forum",
                                   "Isolated \u2067text", "Mark\u200f"])
def test_admin_refuses_a_subject_name_with_a_line_break_or_control_character(
    admin_client, what, factory, url_name, field, form_id, value
):
    row = factory()
    change = reverse(url_name, args=[row.pk])
    data = form_on_page(admin_client.get(change), form_id)

    response = admin_client.post(change, {**data, field: value})

    assert response.status_code == 200
    assert ONE_LINE in errors_of(response)
    assert getattr(type(row).objects.get(pk=row.pk), field) != value


@pytest.mark.parametrize(("what", "factory", "url_name", "field", "form_id"), ADMIN_PAGES,
                         ids=[page[0] for page in ADMIN_PAGES])
def test_admin_refuses_a_subject_name_longer_than_a_subject_holds_and_accepts_the_limit(
    admin_client, what, factory, url_name, field, form_id
):
    row = factory()
    change = reverse(url_name, args=[row.pk])
    data = form_on_page(admin_client.get(change), form_id)

    refused = admin_client.post(change, {**data, field: "W" * (SUBJECT_PART_MAX_LENGTH + 1)})
    accepted = admin_client.post(change, {**data, field: "W" * SUBJECT_PART_MAX_LENGTH})

    assert too_long(SUBJECT_PART_MAX_LENGTH + 1) in errors_of(refused)
    assert accepted.status_code == 302, errors_of(accepted)


def test_admin_says_it_in_chinese(admin_client):
    forum = ForumFactory()
    change = reverse("admin:forums_forum_change", args=[forum.pk])
    data = form_on_page(admin_client.get(change), "forum_form")

    response = admin_client.post(change, {**data, "title_en": "A\nB"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert ONE_LINE_ZH in errors_of(response)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("subject", [
    *GUEST_SUBJECTS.values(), *MEMBERSHIP_SUBJECTS.values(), *AWARD_SUBJECTS.values(),
    reviews.ROUND_OPEN_SUBJECT, jurors.INVITATION_SUBJECT,
])
def test_every_subject_template_holds_parts_at_their_limit(subject, language):
    part = "W" * SUBJECT_PART_MAX_LENGTH
    with translation.override(language):
        rendered = str(subject) % {"summit": part, "forum": part, "organization": part, "programme": part}

    assert len(rendered) <= SUBJECT_MAX_LENGTH


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_registration_waitlisted_in_a_forum_with_the_longest_title_is_saved_and_told(client, language):
    """A title over 268 characters made a waitlisted registration answer 500 and be lost."""
    summit = SummitFactory(year=2024, name="S" * SUBJECT_PART_MAX_LENGTH, name_zh_hans="峰" * SUBJECT_PART_MAX_LENGTH)
    forum = ForumFactory(summit=summit, title="T" * SUBJECT_PART_MAX_LENGTH, title_zh_hans="论" * 200,
                         room=RoomFactory(capacity=1))
    ForumChoiceFactory(registration=RegistrationFactory(summit=summit), forum=forum)
    from tests.guests.test_views import form_data

    response = client.post(f"/{language}/summits/2024/register/", form_data([forum]))

    assert response.status_code == 302
    registration = Registration.objects.exclude(forum_choices__forum=forum, forum_choices__seat_status="seated").get()
    subjects = list(OutgoingEmail.objects.filter(key__startswith=f"registration:{registration.pk}:")
                    .values_list("subject", flat=True))
    assert subjects and all(len(subject) <= SUBJECT_MAX_LENGTH for subject in subjects)
    assert any(("T" * SUBJECT_PART_MAX_LENGTH if language == "en" else "论" * 200) in subject for subject in subjects)


def test_public_forms_make_subject_names_one_line(client):
    """The expo's application form cleans the organisation's name (it becomes an Organization, named in subjects)."""
    ExpoFactory(summit=SummitFactory(year=2024))
    from tests.expo.test_application import form_data

    response = client.post("/en/summits/2024/expo/apply/", form_data(
        organization_name="Cloud\r\nBcc: all@example.org\x1b[31m Robotics"))

    assert response.status_code == 302
    assert Exhibitor.objects.get().organization.name == "Cloud Bcc: all@example.org [31m Robotics"
    assert not Forum.objects.exists()
