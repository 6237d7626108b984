"""The journalist's application form, through HTTP in both languages: the guest registration of source press and
the accreditation made together, the verification email, and bad input refused field by field."""

import io
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.models import OutgoingEmail
from guests import links
from guests.enums import GuestCategory, Participation, RegistrationSource, RegistrationStatus
from guests.models import Guest, Registration
from press.enums import AccreditationStatus
from press.models import PressAccreditation
from tests.factories.guests import RegistrationFactory
from tests.factories.press import small_pdf
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

APPLY = "/{lang}/summits/2024/press/accreditation/"
THANKS = "/{lang}/summits/2024/press/accreditation/thanks/"


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def form_data(**overrides) -> dict:
    data = {
        "full_name": "Li Na",
        "native_name": "李娜",
        "title": "",
        "email": " Li.Na@Example.CN ",
        "phone": "+86 10 6307 1234",
        "country": "CN",
        "language": "zh-hans",
        "media_outlet": "Xinhua News Agency",
        "outlet_country": "CN",
        "outlet_website": "www.xinhuanet.com",
        "role": "photographer",
        "press_card_number": "B11000123",
        "press_card_authority": "National Press and Publication Administration",
        "letter_of_assignment": SimpleUploadedFile("assignment letter.pdf", small_pdf(),
                                                   content_type="application/pdf"),
        "equipment": "Two camera bodies, a 600 mm lens",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_form_shows_in_the_visitors_language(client, summit, lang):
    response = client.get(APPLY.format(lang=lang))

    assert response.status_code == 200
    text = response.content.decode()
    assert ("Press accreditation for the 2024 WIC Wuzhen Summit" in text) == (lang == "en")
    assert ("2024年世界互联网大会乌镇峰会媒体注册" in text) == (lang == "zh-hans")
    assert 'enctype="multipart/form-data"' in text


def test_application_registers_the_journalist_as_press_and_records_the_accreditation(
        client, summit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY.format(lang="en"), form_data())

    assert response.status_code == 302
    assert response["Location"] == THANKS.format(lang="en")
    registration = Registration.objects.get()
    assert (registration.source, registration.status, registration.participation) == (
        RegistrationSource.PRESS, RegistrationStatus.SUBMITTED, Participation.OFFLINE)
    guest = registration.guest
    assert (guest.email, guest.full_name, guest.native_name, guest.category, guest.organization_name,
            guest.language, guest.title) == (
        "li.na@example.cn", "Li Na", "李娜", GuestCategory.MEDIA, "Xinhua News Agency", "zh-hans", "摄影记者")
    accreditation = PressAccreditation.objects.get()
    assert accreditation.registration == registration
    assert (accreditation.status, accreditation.role, accreditation.outlet_country.code,
            accreditation.outlet_website, accreditation.press_card_number) == (
        AccreditationStatus.APPLIED, "photographer", "CN", "https://www.xinhuanet.com", "B11000123")
    # Stored in private storage under a safe name, the original's spaces and case gone.
    assert accreditation.letter_of_assignment.name.startswith("press/letters/2024/assignment-letter-")
    assert accreditation.letter_of_assignment.name.endswith(".pdf")
    email = OutgoingEmail.objects.get()
    assert (email.to, email.language) == ("li.na@example.cn", "zh-hans")
    assert email.subject == "请确认您申请2024年世界互联网大会乌镇峰会媒体注册所用的电子邮箱地址"


def test_thanks_page_in_chinese(client, summit):
    response = client.get(THANKS.format(lang="zh-hans"))

    assert response.status_code == 200
    assert "感谢您申请" in response.content.decode()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["Media outlet: This field is required.", "Press card number: This field is required.",
            "Letter of assignment: This field is required.", "You can apply only if you accept the privacy notice."]),
    ("zh-hans", ["媒体机构: 该字段是必填项。", "记者证号: 该字段是必填项。", "派遣函: 该字段是必填项。",
                 "您须接受隐私声明方可提交申请。"]),
])
def test_missing_fields_are_named_in_the_visitors_language(client, summit, lang, expected):
    response = client.post(APPLY.format(lang=lang), form_data(media_outlet="", press_card_number="",
                                                              letter_of_assignment=None, consent=None))

    assert response.status_code == 200
    text = response.content.decode()
    for message in expected:
        assert message in text
    assert not Registration.objects.exists() and not PressAccreditation.objects.exists()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "This file is not a PDF, as its name (.pdf) says"),
    ("zh-hans", "该文件并非文件名（.pdf）所示的“PDF 文件”"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused(client, summit, lang, expected):
    fake = SimpleUploadedFile("letter.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")

    response = client.post(APPLY.format(lang=lang), form_data(letter_of_assignment=fake))

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Guest.objects.exists() and not PressAccreditation.objects.exists()


def test_a_png_named_pdf_is_refused_with_its_real_kind(client, summit):
    disguised = SimpleUploadedFile("letter.pdf", png(), content_type="application/pdf")

    response = client.post(APPLY.format(lang="en"), form_data(letter_of_assignment=disguised))

    assert "This file is a PNG image, not a PDF" in response.content.decode()
    assert not PressAccreditation.objects.exists()


def test_a_word_document_is_not_a_letter_of_assignment(client, summit):
    response = client.post(APPLY.format(lang="en"), form_data(
        letter_of_assignment=SimpleUploadedFile("letter.docx", b"PK\x03\x04...", content_type="application/msword")))

    assert "File extension “docx” is not allowed." in response.content.decode()
    assert not PressAccreditation.objects.exists()


def test_an_image_letter_is_accepted_and_stored_as_png(client, summit):
    response = client.post(APPLY.format(lang="en"), form_data(
        letter_of_assignment=SimpleUploadedFile("scan.PNG", png(), content_type="image/png")))

    assert response.status_code == 302
    assert PressAccreditation.objects.get().letter_of_assignment.name.endswith(".png")


def test_the_form_stays_open_when_the_public_registration_is_closed(client, settings, summit):
    summit.registration_closes = summit.start_date.replace(month=10, day=1)
    summit.save()
    assert not summit.registration_is_open

    response = client.post(APPLY.format(lang="en"), form_data())

    assert response.status_code == 302
    assert PressAccreditation.objects.count() == 1


def test_an_edition_that_has_ended_takes_no_application(client):
    SummitFactory(year=2024, start_date="2024-10-01", end_date="2024-10-03")

    page = client.get(APPLY.format(lang="en"))
    response = client.post(APPLY.format(lang="en"), form_data())

    assert page.status_code == 200 and "its press accreditation is closed" in page.content.decode()
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_an_address_already_registered_as_a_guest_gets_an_email_and_no_second_registration(
        client, summit, django_capture_on_commit_callbacks):
    existing = RegistrationFactory(summit=summit, guest__email="li.na@example.cn", guest__language="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY.format(lang="en"), form_data())

    assert response.status_code == 302  # the same page: nothing is revealed
    assert list(Registration.objects.all()) == [existing]
    assert not PressAccreditation.objects.exists()
    email = OutgoingEmail.objects.get()
    assert "already registered for it as a guest" in email.body_text


def test_the_honeypot_saves_nothing(client, summit):
    response = client.post(APPLY.format(lang="en"), form_data(website_url="http://spam.example"))

    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_applications_are_rate_limited_per_address(client, settings, summit):
    settings.REGISTRATION_RATE_LIMIT = 1
    client.post(APPLY.format(lang="en"), form_data(email="first@example.org"))

    response = client.post(APPLY.format(lang="en"), form_data(email="second@example.org"))

    assert response.status_code == 429
    assert "Retry-After" in response
    assert PressAccreditation.objects.count() == 1


@pytest.mark.parametrize(("language", "applying", "received_subject", "received", "page"), [
    ("en", "Thank you for applying for press accreditation to the 2024 WIC Wuzhen Summit.",
     "We have received your application for press accreditation to the 2024 WIC Wuzhen Summit",
     "your application for press accreditation to the 2024 WIC Wuzhen Summit is received. The press office",
     "Your accreditation page (forums you cover, cancel, badge, calendar):"),
    ("zh-hans", "感谢您申请2024年世界互联网大会乌镇峰会媒体注册。",
     "我们已收到您的2024年世界互联网大会乌镇峰会媒体注册申请",
     "我们已收到您的2024年世界互联网大会乌镇峰会媒体注册申请。新闻中心将进行审核",
     "您的媒体注册页面（采访报道的论坛、取消注册、证件、日历）："),
])
def test_the_journalists_emails_speak_of_their_press_application_not_a_registration(
        client, summit, django_capture_on_commit_callbacks, language, applying, received_subject, received, page):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY.format(lang="en"), form_data(language=language))
    verification = OutgoingEmail.objects.get()
    assert applying in verification.body_text and page in verification.body_text
    assert "Thank you for registering" not in verification.body_text and "感谢您报名" not in verification.body_text
    assert "change forums" not in verification.body_text and "更改论坛" not in verification.body_text
    assert "press accreditation" in verification.subject or "媒体注册" in verification.subject
    assert "报名" not in verification.subject

    with django_capture_on_commit_callbacks(execute=True):
        client.post(links.verify_url(Registration.objects.get(), absolute=False))

    confirmed = OutgoingEmail.objects.exclude(pk=verification.pk).get()
    assert confirmed.subject == received_subject
    assert received in confirmed.body_text and page in confirmed.body_text


def test_url_inputs_are_styled_as_wide_as_the_other_inputs(client, summit):
    """The outlet's website (an <input type="url">) was left out of the site's input rule: 177px against 480px."""
    page = client.get(APPLY.format(lang="en")).content.decode()
    assert 'type="url" name="outlet_website"' in page and "core/forms.css" in page
    css = Path(finders.find("core/forms.css")).read_text(encoding="utf-8")
    rule = css[:css.index("max-width: 30rem")]
    rule = rule[rule.rindex("}") + 1:]
    assert '.field input[type="text"]' in rule and '.field input[type="url"]' in rule
