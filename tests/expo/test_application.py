"""The exhibitor application form on the website, and the service behind it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from core.clock import WUZHEN
from core.enums import PublicationStatus
from core.models import OutgoingEmail
from expo import services
from expo.enums import ExhibitorStatus
from expo.models import Exhibitor
from members.models import Organization
from tests.factories.expo import ExhibitorFactory, ExpoFactory
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

APPLY = "/{lang}/summits/{year}/expo/apply/"


@pytest.fixture
def expo():
    """The expo of 2024, the current edition (no newer one is published)."""
    return ExpoFactory(summit=SummitFactory(year=2024))


def form_data(**overrides) -> dict:
    data = {
        "organization_name": "  Cloudbridge Robotics ",
        "country": "SG",
        "kind": "enterprise",
        "website": "https://cloudbridge.example.org",
        "contact_name": "Mei Tan",
        "contact_email": "mei.tan@example.org",
        "contact_phone": "+65 6123 4567",
        "products": "A humanoid robot for elderly care, released at the expo.",
        "interest_categories": ["digital_health", "ai"],
        "wanted_area_sqm": "54",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_apply_page_when_edition_is_current_shows_the_form(client, expo):
    response = client.get(APPLY.format(lang="en", year=2024))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert "<h1>Apply to exhibit at the Light of the Internet Expo 2024</h1>" in html
    assert 'name="interest_categories"' in html
    assert '<div class="hp" aria-hidden="true">' in html
    assert "style=" not in html
    assert "no-cache" in response["Cache-Control"]


def test_apply_when_valid_creates_organisation_and_draft_applicant_and_emails_once(
    client, expo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY.format(lang="zh-hans", year=2024), form_data())

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/summits/2024/expo/apply/thank-you/"
    exhibitor = Exhibitor.objects.select_related("organization").get()
    organization = exhibitor.organization
    assert (organization.name_en, organization.slug, organization.country.code, organization.kind,
            organization.website) == (
        "Cloudbridge Robotics", "cloudbridge-robotics", "SG", "enterprise", "https://cloudbridge.example.org",
    )
    assert (exhibitor.expo, exhibitor.application_status, exhibitor.status, exhibitor.contact_name,
            exhibitor.contact_email, exhibitor.contact_phone, exhibitor.contact_language,
            exhibitor.interest_categories, exhibitor.wanted_area_sqm) == (
        expo, ExhibitorStatus.APPLIED, PublicationStatus.DRAFT, "Mei Tan", "mei.tan@example.org", "+65 6123 4567",
        "zh-hans", ["ai", "digital_health"], Decimal("54.00"),
    )
    assert exhibitor.products == "A humanoid robot for elderly care, released at the expo."
    assert exhibitor.applied_at is not None
    assert [(email.key, email.to, email.language) for email in OutgoingEmail.objects.all()] == [
        (f"expo:exhibitor:{exhibitor.pk}:application-received", "mei.tan@example.org", "zh-hans"),
    ]
    assert [message.to for message in mail.outbox] == [["mei.tan@example.org"]]
    assert "2024年“互联网之光”博览会" in mail.outbox[0].subject  # rendered in the applicant's language
    assert "A humanoid robot for elderly care, released at the expo." in mail.outbox[0].body


def test_apply_when_same_contact_has_a_pending_application_is_refused_and_saves_nothing(client, expo):
    ExhibitorFactory(expo=expo, applicant=True, contact_email="Mei.Tan@example.org")

    response = client.post(APPLY.format(lang="en", year=2024), form_data())

    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"] == [
        "An application from mei.tan@example.org to this expo is already being reviewed or approved; we will "
        "contact you at that address."
    ]
    assert Exhibitor.objects.count() == 1
    assert not OutgoingEmail.objects.exists()


def test_apply_when_same_contact_was_rejected_or_applied_to_another_expo_is_accepted(client, expo):
    ExhibitorFactory(expo=expo, application_status=ExhibitorStatus.REJECTED, contact_email="mei.tan@example.org")
    ExhibitorFactory(expo=ExpoFactory(summit=SummitFactory(year=2023)), contact_email="mei.tan@example.org")

    response = client.post(APPLY.format(lang="en", year=2024), form_data())

    assert response.status_code == 302
    assert Exhibitor.objects.filter(expo=expo, application_status=ExhibitorStatus.APPLIED).count() == 1


def test_apply_when_organisation_slug_is_taken_gets_a_numbered_slug(client, expo):
    OrganizationFactory(slug="cloudbridge-robotics")

    client.post(APPLY.format(lang="en", year=2024), form_data())

    assert Exhibitor.objects.get().organization.slug == "cloudbridge-robotics-2"


def test_apply_when_name_has_no_latin_letters_gets_a_slug_of_the_year(client, expo):
    client.post(APPLY.format(lang="zh-hans", year=2024), form_data(organization_name="云桥机器人"))

    organization = Exhibitor.objects.get().organization
    assert (organization.slug, organization.name_en, organization.name_zh_hans) == (
        "exhibitor-2024", "云桥机器人", "云桥机器人",
    )


@pytest.mark.parametrize(
    ("lang", "overrides", "errors"),
    [
        ("en", {"contact_email": "not-an-email", "consent": None, "interest_categories": None}, {
            "contact_email": ["Enter a valid email address."], "consent": ["This field is required."],
            "interest_categories": ["This field is required."],
        }),
        ("en", {"wanted_area_sqm": "0", "kind": "spaceship", "organization_name": "   "}, {
            "wanted_area_sqm": ["Ensure this value is greater than or equal to 1."],
            "kind": ["Select a valid choice. spaceship is not one of the available choices."],
            "organization_name": ["This field is required."],
        }),
        ("zh-hans", {"contact_email": "", "interest_categories": ["robots"]}, {
            "contact_email": ["该字段是必填项。"],
            "interest_categories": ["选择一个有效的选项。 robots 不在可用的选项中。"],
        }),
    ],
)
def test_apply_when_input_is_bad_shows_errors_in_the_language_and_saves_nothing(client, expo, lang, overrides, errors):
    response = client.post(APPLY.format(lang=lang, year=2024), form_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert not Exhibitor.objects.exists()
    assert not Organization.objects.exists()


def test_apply_when_area_is_not_a_number_shows_an_error_not_a_500(client, expo):
    response = client.post(APPLY.format(lang="en", year=2024), form_data(wanted_area_sqm="fifty"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"wanted_area_sqm": ["Enter a number."]}


def test_apply_when_wanted_area_is_empty_is_accepted(client, expo):
    response = client.post(APPLY.format(lang="en", year=2024), form_data(wanted_area_sqm=""))

    assert response.status_code == 302
    assert Exhibitor.objects.get().wanted_area_sqm is None


def test_apply_when_a_bot_fills_the_honeypot_pretends_success_and_saves_nothing(client, expo):
    response = client.post(APPLY.format(lang="en", year=2024), form_data(website_url="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == "/en/summits/2024/expo/apply/thank-you/"
    assert not Exhibitor.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_apply_past_the_rate_limit_answers_429_and_saves_nothing(client, expo):
    for number in range(settings.EXHIBITOR_APPLICATION_RATE_LIMIT):
        client.post(APPLY.format(lang="en", year=2024), form_data(contact_email=f"contact{number}@example.org"))

    refused = client.post(APPLY.format(lang="en", year=2024), form_data(contact_email="late@example.org"))

    assert refused.status_code == 429
    assert "<h1>Too many attempts</h1>" in refused.content.decode()
    assert Exhibitor.objects.count() == settings.EXHIBITOR_APPLICATION_RATE_LIMIT
    assert not Exhibitor.objects.filter(contact_email="late@example.org").exists()


def test_apply_for_an_ended_edition_says_closed_and_why_and_refuses_a_post(client, expo):
    ExpoFactory(summit=SummitFactory(year=2025))

    with time_machine.travel(datetime.datetime(2024, 12, 6, 10, 0, tzinfo=WUZHEN)):  # 2024 ended on 21 November
        page = client.get(APPLY.format(lang="en", year=2024))
        refused = client.post(APPLY.format(lang="en", year=2024), form_data())

    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Exhibitor applications are closed</h1>" in html
    assert "The 2024 WIC Wuzhen Summit ended on Nov. 21, 2024" in html
    assert 'href="/en/summits/2025/expo/apply/"' in html
    assert refused.status_code == 403
    assert not Exhibitor.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_apply_when_the_edition_has_no_expo_says_closed_and_refuses_a_post(client):
    SummitFactory(year=2024)

    page = client.get(APPLY.format(lang="en", year=2024))
    refused = client.post(APPLY.format(lang="en", year=2024), form_data())

    assert (page.status_code, refused.status_code) == (200, 403)
    assert "<h1>Exhibitor applications are closed</h1>" in page.content.decode()
    assert not Exhibitor.objects.exists()


def test_apply_for_an_unknown_or_unpublished_edition_is_not_found(client):
    ExpoFactory(summit=SummitFactory(year=2024, status=PublicationStatus.DRAFT))

    assert client.get(APPLY.format(lang="en", year=2024)).status_code == 404
    assert client.get(APPLY.format(lang="en", year=1999)).status_code == 404


def test_applied_page_thanks_the_applicant(client, expo):
    response = client.get("/en/summits/2024/expo/apply/thank-you/")

    assert response.status_code == 200
    assert "<h1>Thank you for your application</h1>" in response.content.decode()


def test_apply_for_expo_when_called_twice_for_one_contact_refuses_the_second(expo):
    application = services.ExhibitorApplication(
        organization_name="Example Lab", country="CN", kind="research", website="", contact_name="Li Lei",
        contact_email="li.lei@example.org", contact_phone="", products="Edge AI chip", interest_categories=("ai",),
        wanted_area_sqm=None, language="en",
    )
    services.apply_for_expo(expo=expo, application=application)

    with pytest.raises(ValidationError) as refused:
        services.apply_for_expo(expo=expo, application=application)

    assert refused.value.code == "duplicate_application"
    assert Exhibitor.objects.count() == 1
    assert Organization.objects.count() == 1


def test_apply_for_expo_after_the_edition_ended_is_refused_whoever_calls_it(expo):
    application = services.ExhibitorApplication(
        organization_name="Example Lab", country="CN", kind="research", website="", contact_name="Li Lei",
        contact_email="li.lei@example.org", contact_phone="", products="Edge AI chip", interest_categories=("ai",),
        wanted_area_sqm=None, language="en",
    )

    with time_machine.travel(datetime.datetime(2024, 11, 22, 0, 10, tzinfo=WUZHEN)), \
            pytest.raises(ValidationError) as refused:
        services.apply_for_expo(expo=expo, application=application)

    assert refused.value.code == "applications_closed"
    assert not Exhibitor.objects.exists() and not Organization.objects.exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_apply_for_expo_when_one_contact_sends_twice_at_once_records_one_application(on_postgres):
    import threading

    from django.db import connection

    expo = ExpoFactory(summit=SummitFactory(year=2024))
    application = services.ExhibitorApplication(
        organization_name="Example Lab", country="CN", kind="research", website="", contact_name="Li Lei",
        contact_email="li.lei@example.org", contact_phone="", products="Edge AI chip", interest_categories=("ai",),
        wanted_area_sqm=None, language="en",
    )
    start = threading.Barrier(2)
    outcomes = []

    def apply():
        try:
            start.wait()
            services.apply_for_expo(expo=expo, application=application)
            outcomes.append("recorded")
        except ValidationError as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["duplicate_application", "recorded"]
    assert Exhibitor.objects.count() == 1


# --- Issue 14: the form, the thank-you page and the confirmation email agree --------------------------------------


SAME_WORDS = {
    "en": ["The expo is held on site in Wuzhen from Jan. 20, 2027 to Jan. 22, 2027.",
           "The organizers review every application and tell you their decision by email. Approved exhibitors "
           "receive a link to present their exhibits, and later their booth."],
    "zh-hans": ["博览会将于2027年1月20日至2027年1月22日在乌镇举办。",
                "主办方将审核每一份申请，并通过电子邮件告知审核结果。"
                "获批准的参展商将收到用于展示展品的链接，展位安排将另行通知。"],
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_form_the_thank_you_page_and_the_email_say_the_same_dates_and_next_steps(client, lang):
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN), tick=False):
        expo = ExpoFactory(summit=SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20),
                                                end_date=datetime.date(2027, 1, 22), city_zh_hans="乌镇"))
        form = client.get(APPLY.format(lang=lang, year=2027)).content.decode()
        sent = client.post(APPLY.format(lang=lang, year=2027), form_data(), follow=True)
    thanks = sent.content.decode()
    email = OutgoingEmail.objects.get()

    assert sent.redirect_chain[-1][0] == f"/{lang}/summits/2027/expo/apply/thank-you/"
    for words in SAME_WORDS[lang]:
        assert words in form, words
        assert words in thanks, words
        assert words in " ".join(email.body_text.split()), words
    expo_crumb = f'<a href="/{lang}/summits/2027/expo/">{expo.name if lang == "en" else expo.name_zh_hans}</a>'
    assert expo_crumb in form and expo_crumb in thanks
    assert {"en": "We have received your application to exhibit at the Light of the Internet Expo 2027",
            "zh-hans": "我们已收到您参加2027年“互联网之光”博览会的申请"}[lang] in thanks


def test_the_thank_you_page_of_an_edition_without_an_expo_is_not_found(client):
    SummitFactory(year=2024)

    assert client.get("/en/summits/2024/expo/apply/thank-you/").status_code == 404
