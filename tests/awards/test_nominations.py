"""The public call for nominations and competition entries: the form, the service, and their refusals."""

import datetime
import importlib
import io
import re
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
import time_machine
from django.apps import apps as django_apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from awards import services
from awards.enums import NominationStatus, NomineeKind, ProgrammeKind
from awards.models import Nomination, NominationDocument, TeamMember
from awards.services.nominations import queue_receipt
from core.enums import PublicationStatus
from core.models import OutgoingEmail
from tests.factories.awards import AwardCategoryFactory, AwardProgrammeFactory, OpenCallFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _small_pdf() -> bytes:
    """A real one-page PDF, as pdfium writes it (a few hundred bytes)."""
    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 200)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def _small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PDF = _small_pdf()
PNG = _small_png()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    """Documents land in a private storage under tmp_path. The model field resolved its storage once, at import:
    point it at the overridden one too."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": tmp_path / "private", "base_url": None}},
    }
    return tmp_path / "private"


@pytest.fixture
def programme():
    programme = OpenCallFactory(
        summit=SummitFactory(year=2024), slug="leading-award", name="Leading Science and Technology Award",
        name_zh_hans="领先科技奖",
        nominations_open=datetime.datetime(2024, 6, 1, 9, 0, tzinfo=SHANGHAI),
        nominations_close=datetime.datetime(2099, 9, 30, 18, 0, tzinfo=SHANGHAI),
    )
    return programme


@pytest.fixture
def competition():
    programme = OpenCallFactory(
        summit=SummitFactory(year=2024), slug="straight-to-wuzhen", kind=ProgrammeKind.COMPETITION,
        name="Straight to Wuzhen Global Internet Competition", name_zh_hans="直通乌镇全球互联网大赛",
    )
    AwardCategoryFactory(programme=programme, name="Digital economy", slug="digital-economy", order=1)
    return programme


def url(programme, lang="en", thanks=False) -> str:
    return f"/{lang}/summits/{programme.summit.year}/awards/{programme.slug}/nominate/" + ("thanks/" if thanks
                                                                                            else "")


def pdf(name="evidence.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def nomination_data(**overrides) -> dict:
    data = {
        "nominee_kind": "person",
        "nominee_name": "  Ada   Lovelace ",
        "country": "GB",
        "title": "The first published algorithm",
        "citation": "For notes that showed what a general-purpose computer could do.",
        "documents": [pdf(), SimpleUploadedFile("portrait.png", PNG, content_type="image/png")],
        "nominated_by_name": "Charles Babbage",
        "nominated_by_email": " Charles@Example.ORG ",
        "nominated_by_organization": "Analytical Engines",
        "nominated_by_phone": "+44 20 7946 0000",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def members(*rows: dict) -> dict:
    data = {"members-TOTAL_FORMS": "10", "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "10"}
    for index in range(10):
        row = rows[index] if index < len(rows) else {}
        for field in ("name", "role", "email", "country"):
            data[f"members-{index}-{field}"] = row.get(field, "")
    return data


def entry_data(track, *rows, **overrides) -> dict:
    data = {
        "category": str(track.pk),
        "nominee_name": "Silk Road Coders",
        "title": "Farm-to-cup coffee traceability",
        "citation": "An AI app that lets Ethiopian coffee farmers sell online.",
        "documents": [pdf("pitch.pdf")],
        "nominated_by_organization": "",
        "nominated_by_phone": "+251 11 123 4567",
        "consent": "on",
        "website_url": "",
        **members(*rows),
    }
    data.update(overrides)
    return data


TEAM = (
    {"name": "Abebe Bekele", "role": "Lead developer", "email": "Abebe@Example.org", "country": "ET"},
    {"name": "Li Wei", "role": "Data scientist", "email": "li@example.cn", "country": "CN"},
    {"name": "Maria Silva", "role": "Designer", "country": "BR"},
)


def submission(**overrides) -> services.NominationSubmission:
    values = {
        "nominee_kind": NomineeKind.PERSON, "nominee_name": "Ada Lovelace", "title": "The first algorithm",
        "citation": "For her notes.", "nominated_by_name": "Charles Babbage",
        "nominated_by_email": "charles@example.org", "language": "en",
    }
    values.update(overrides)
    return services.NominationSubmission(**values)


# --- The form ---------------------------------------------------------------------------------------------------


def test_nominate_page_shows_the_form_while_the_call_is_open(client, programme, django_assert_max_num_queries):
    # The programme with its edition, categories and laureates; categories; the edition's expo (the navigation).
    with django_assert_max_num_queries(5):
        response = client.get(url(programme))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Nominate for the Leading Science and Technology Award</h1>" in html
    assert html.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in html
    assert '<input type="file" name="documents"' in html and " multiple" in html
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="category"' not in html  # the programme has no categories
    assert "style=" not in html and "<script" not in html
    assert "The call closes on Sept. 30, 2099 at 18:00 (China Standard Time)." in html
    assert "no-cache" in response["Cache-Control"]


def test_nominate_saves_the_nomination_with_its_documents_in_private_storage(client, programme, private_storage):
    response = client.post(url(programme), nomination_data())

    assert response.status_code == 302
    assert response["Location"] == url(programme, thanks=True)
    nomination = Nomination.objects.get()
    assert (nomination.programme, nomination.category, nomination.nominee_kind, nomination.nominee_name_en,
            nomination.title_en, nomination.citation_en, nomination.country.code, nomination.status,
            nomination.organization, nomination.language) == (
        programme, None, NomineeKind.PERSON, "Ada Lovelace", "The first published algorithm",
        "For notes that showed what a general-purpose computer could do.", "GB", NominationStatus.SUBMITTED,
        None, "en")
    assert (nomination.nominated_by_name, nomination.nominated_by_email, nomination.nominated_by_organization,
            nomination.nominated_by_phone) == (
        "Charles Babbage", "charles@example.org", "Analytical Engines", "+44 20 7946 0000")
    assert not nomination.nominee_name_zh_hans
    documents = list(nomination.documents.order_by("pk"))
    assert [(document.title, document.size) for document in documents] == [
        ("evidence.pdf", len(PDF)), ("portrait.png", len(PNG))]
    for document in documents:
        assert (private_storage / document.file.name).read_bytes() in (PDF, PNG)
        assert document.file.name.startswith("awards/documents/")
    assert not TeamMember.objects.exists()


def test_nominate_stores_documents_under_the_type_their_content_shows(client, programme, private_storage):
    """A name is the uploader's to choose, the stored one is not: a slug of the stem, a digest, the real extension."""
    page = b"<html><script>alert(1)</script></html>"
    response = client.post(url(programme), nomination_data(documents=[
        pdf("cv.php.pdf"), SimpleUploadedFile("notes.html.txt", page, content_type="text/html"),
        SimpleUploadedFile("<img src=x onerror=alert(1)>.png", PNG, content_type="image/png"),
    ]))

    assert response.status_code == 302
    stored = [document.file.name for document in NominationDocument.objects.order_by("pk")]
    year = r"awards/documents/\d{4}/"
    assert [bool(re.fullmatch(year + pattern, name)) for pattern, name in zip(
        [r"cv-[0-9a-f]{10}\.pdf", r"notes-[0-9a-f]{10}\.txt", r"img-srcx-onerroralert1-[0-9a-f]{10}\.png"], stored,
        strict=True)] == [True, True, True], stored
    assert (private_storage / stored[1]).read_bytes() == page  # private, downloaded as an attachment: kept as sent


def test_nominate_queues_the_confirmation_email_once_and_sends_it(
    client, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(programme), nomination_data())

    nomination = Nomination.objects.get()
    email = OutgoingEmail.objects.get()
    assert (email.key, email.to, email.language, email.subject) == (
        f"nomination:{nomination.pk}:received", "charles@example.org", "en",
        "We have received your nomination for the Leading Science and Technology Award")
    assert "Dear Charles Babbage," in email.body_text
    assert "Nominee: Ada Lovelace" in email.body_text
    assert "Achievement or case: The first published algorithm" in email.body_text
    assert "Supporting documents: evidence.pdf, portrait.png" in email.body_text
    assert "The jury reviews the nominations after the call closes on Sept. 30, 2099." in email.body_text
    assert len(mail.outbox) == 1
    assert (mail.outbox[0].to, mail.outbox[0].subject) == (["charles@example.org"], email.subject)

    with django_capture_on_commit_callbacks(execute=True):
        queue_receipt(nomination=nomination, documents=list(nomination.documents.all()))

    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nominate_in_chinese_fills_the_chinese_fields_and_writes_in_chinese(client, programme):
    response = client.post(url(programme, "zh-hans"), nomination_data(
        nominee_name="王小明", title="量子通信网络", citation="推动了量子通信的应用。"))

    assert response["Location"] == url(programme, "zh-hans", thanks=True)
    nomination = Nomination.objects.get()
    assert (nomination.nominee_name_zh_hans, nomination.title_zh_hans, nomination.citation_zh_hans,
            nomination.language) == ("王小明", "量子通信网络", "推动了量子通信的应用。", "zh-hans")
    assert not nomination.nominee_name_en and not nomination.title_en and not nomination.citation_en
    email = OutgoingEmail.objects.get()
    assert email.language == "zh-hans"
    assert "领先科技奖" in email.subject and "王小明" in email.body_text


def test_nominate_asks_for_the_category_when_the_programme_has_categories(client, programme):
    category = AwardCategoryFactory(programme=programme, name="Outstanding cases")

    missing = client.post(url(programme), nomination_data())
    chosen = client.post(url(programme), nomination_data(category=str(category.pk)))

    assert missing.status_code == 200
    assert missing.context["form"].errors["category"] == ["This field is required."]
    assert chosen.status_code == 302
    assert Nomination.objects.get().category == category


def test_thanks_page_says_what_happens_next(client, programme):
    response = client.get(url(programme, thanks=True))

    assert response.status_code == 200
    html = response.content.decode()
    assert "We have received your nomination for the Leading Science and Technology Award." in html
    assert "The jury reviews the submissions after the call closes on Sept. 30, 2099" in html


# --- The competition --------------------------------------------------------------------------------------------


def test_enter_competition_saves_the_team_with_one_leader(
    client, competition, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    track = competition.categories.get()
    with django_assert_max_num_queries(6):  # as a nomination's, and the tracks of the select
        page = client.get(url(competition))
    assert 'name="members-TOTAL_FORMS"' in page.content.decode()
    assert "<h1>Enter the Straight to Wuzhen Global Internet Competition</h1>" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(competition), entry_data(track, *TEAM))

    assert response.status_code == 302
    entry = Nomination.objects.get()
    assert (entry.category, entry.nominee_name, entry.title, entry.citation, entry.nominee_kind) == (
        track, "Silk Road Coders", "Farm-to-cup coffee traceability",
        "An AI app that lets Ethiopian coffee farmers sell online.", NomineeKind.ORGANISATION)
    assert (entry.nominated_by_name, entry.nominated_by_email, entry.nominated_by_phone, entry.country.code) == (
        "Abebe Bekele", "abebe@example.org", "+251 11 123 4567", "ET")
    assert list(entry.team_members.values_list("name", "role", "email", "country", "is_leader", "order")) == [
        ("Abebe Bekele", "Lead developer", "abebe@example.org", "ET", True, 0),
        ("Li Wei", "Data scientist", "li@example.cn", "CN", False, 1),
        ("Maria Silva", "Designer", "", "BR", False, 2),
    ]
    assert entry.documents.get().title == "pitch.pdf"
    email = OutgoingEmail.objects.get()
    assert email.subject == "We have received your entry to the Straight to Wuzhen Global Internet Competition"
    assert "Track: Digital economy" in email.body_text
    assert "Team:\n- Abebe Bekele (team leader)\n- Li Wei\n- Maria Silva\n" in email.body_text
    assert [message.to for message in mail.outbox] == [["abebe@example.org"]]


def test_enter_competition_refuses_an_entry_without_a_team(client, competition):
    response = client.post(url(competition), entry_data(competition.categories.get()))

    assert response.status_code == 200
    assert response.context["team"].non_form_errors() == ["Name at least one team member: the team leader."]
    assert "Name at least one team member: the team leader." in response.content.decode()
    assert not Nomination.objects.exists()


def test_enter_competition_refuses_a_leader_without_email(client, competition):
    leader = {"name": "Abebe Bekele", "role": "Lead developer"}
    response = client.post(url(competition), entry_data(competition.categories.get(), leader, TEAM[1]))

    assert response.status_code == 200
    assert response.context["team"].forms[0].errors["email"] == [
        "Give the team leader's email: we write to this address."]
    assert not Nomination.objects.exists()


def test_enter_competition_lets_the_first_member_given_lead_when_the_first_row_is_empty(client, competition):
    response = client.post(url(competition), entry_data(competition.categories.get(), {}, {"name": "Li Wei"}))

    assert response.status_code == 200
    assert response.context["team"].forms[1].errors["email"] == [
        "Give the team leader's email: we write to this address."]
    assert not Nomination.objects.exists()


def test_enter_competition_refuses_a_member_row_without_a_name(client, competition):
    response = client.post(url(competition), entry_data(competition.categories.get(), TEAM[0], {"role": "Designer"}))

    assert response.status_code == 200
    assert response.context["team"].forms[1].errors["name"] == ["Give this member's name, or leave the row empty."]
    assert ('<a href="#id_members-1-name">Member 2, Name: Give this member&#x27;s name, or leave the row empty.</a>'
            in response.content.decode())
    assert not Nomination.objects.exists()


def test_enter_competition_requires_a_track(client, competition):
    response = client.post(url(competition), entry_data(competition.categories.get(), *TEAM, category=""))

    assert response.status_code == 200
    assert response.context["form"].errors["category"] == ["This field is required."]
    assert not Nomination.objects.exists()


# --- Refusals through the page ----------------------------------------------------------------------------------


def test_nominate_before_the_call_opens_says_when_and_refuses_a_post(client, programme):
    programme.nominations_open = timezone.now() + datetime.timedelta(days=3)
    programme.save()

    page = client.get(url(programme))
    post = client.post(url(programme), nomination_data())

    assert page.status_code == 200
    assert "The call is not open yet" in page.content.decode()
    assert "Nominations for the Leading Science and Technology Award open on" in page.content.decode()
    assert 'name="citation"' not in page.content.decode()
    assert post.status_code == 403
    assert not Nomination.objects.exists() and not NominationDocument.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_nominate_after_the_call_closes_says_when_and_refuses_a_post(client, programme):
    programme.nominations_open = datetime.datetime(2024, 6, 1, 9, 0, tzinfo=SHANGHAI)
    programme.nominations_close = datetime.datetime(2024, 8, 31, 18, 0, tzinfo=SHANGHAI)
    programme.save()

    page = client.get(url(programme))
    post = client.post(url(programme), nomination_data())

    assert page.status_code == 200
    assert ("Nominations for the Leading Science and Technology Award closed on Aug. 31, 2024 at 18:00 "
            "(China Standard Time).") in page.content.decode()
    assert post.status_code == 403
    assert not Nomination.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_nominate_says_so_when_the_programme_has_no_call(client):
    programme = AwardProgrammeFactory(summit=SummitFactory(year=2024), status=PublicationStatus.PUBLISHED,
                                      name="Wuzhen Summit 10-Year Commemorative Honor")

    page = client.get(url(programme))
    post = client.post(url(programme), nomination_data())

    assert page.status_code == 200
    assert "The Wuzhen Summit 10-Year Commemorative Honor has no public call for nominations." in page.content.decode()
    assert post.status_code == 403
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("where", ["programme", "summit"])
def test_nominate_is_404_when_the_programme_or_its_edition_is_not_published(client, programme, where):
    target = programme if where == "programme" else programme.summit
    target.status = PublicationStatus.DRAFT
    target.save()

    assert client.get(url(programme)).status_code == 404
    assert client.post(url(programme), nomination_data()).status_code == 404
    assert client.get(url(programme, thanks=True)).status_code == 404
    assert not Nomination.objects.exists()


def test_nominate_refuses_a_file_of_the_wrong_type(client, programme, private_storage):
    program = SimpleUploadedFile("setup.exe", b"MZ binary", content_type="application/octet-stream")
    response = client.post(url(programme), nomination_data(documents=[pdf(), program]))

    assert response.status_code == 200
    assert response.context["form"].errors["documents"] == [
        "setup.exe: File extension “exe” is not allowed. Allowed extensions are: pdf, docx, doc, pptx, xlsx, png, "
        "jpg, jpeg, webp, txt."]
    assert not Nomination.objects.exists() and not NominationDocument.objects.exists()
    assert not private_storage.exists() or not any(private_storage.rglob("*.*"))


def test_nominate_refuses_a_file_over_the_size_limit(client, programme, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    response = client.post(url(programme), nomination_data(documents=[pdf("big.pdf", b"x" * 2048)]))

    assert response.status_code == 200
    assert response.context["form"].errors["documents"] == ["big.pdf: This file is 2.0\xa0KB; the limit is 1.0\xa0KB."]
    assert not Nomination.objects.exists()


def test_nominate_keeps_a_document_with_a_very_long_name(client, programme, private_storage):
    name = "a" * 150 + ".pdf"

    response = client.post(url(programme), nomination_data(documents=[pdf(name)]))

    assert response.status_code == 302
    document = NominationDocument.objects.get()
    assert document.title == name
    assert len(document.file.name) <= 100
    assert (private_storage / document.file.name).read_bytes() == PDF


def test_nominate_refuses_an_empty_file(client, programme):
    response = client.post(url(programme), nomination_data(documents=[pdf("empty.pdf", b"")]))

    assert response.context["form"].errors["documents"] == ["empty.pdf: The submitted file is empty."]
    assert not Nomination.objects.exists()


def test_nominate_refuses_more_than_five_documents(client, programme):
    response = client.post(url(programme), nomination_data(documents=[pdf(f"doc{n}.pdf") for n in range(6)]))

    assert response.status_code == 200
    assert response.context["form"].errors["documents"] == ["Attach at most 5 documents; you chose 6."]
    assert not Nomination.objects.exists()


def test_nominate_refuses_a_missing_citation_and_lists_it_in_the_error_summary(client, programme):
    response = client.post(url(programme), nomination_data(citation="   "))

    assert response.status_code == 200
    assert response.context["form"].errors["citation"] == ["This field is required."]
    html = response.content.decode()
    assert '<a href="#id_citation">Citation: This field is required.</a>' in html
    assert "<title>Error:" in html
    assert not Nomination.objects.exists()


def test_nominate_refuses_a_citation_over_5000_characters(client, programme):
    response = client.post(url(programme), nomination_data(citation="x" * 5001))

    assert response.context["form"].errors["citation"] == [
        "Ensure this value has at most 5000 characters (it has 5001)."]
    assert not Nomination.objects.exists()


def test_nominate_shows_errors_in_chinese_under_the_chinese_address(client, programme):
    response = client.post(url(programme, "zh-hans"), nomination_data(citation=""))

    assert response.status_code == 200
    assert response.context["form"].errors["citation"] == ["该字段是必填项。"]
    assert '<ul class="errorlist" id="id_citation_error"><li>该字段是必填项。</li></ul>' in response.content.decode()
    assert not Nomination.objects.exists()


def test_nominate_pretends_success_to_a_bot_and_saves_nothing(client, programme):
    response = client.post(url(programme), nomination_data(website_url="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == url(programme, thanks=True)
    assert not Nomination.objects.exists() and not NominationDocument.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_nominate_answers_429_past_the_rate_limit(client, programme, settings):
    settings.NOMINATION_RATE_LIMIT = 2
    for number in range(2):
        assert client.post(url(programme), nomination_data(nominee_name=f"Nominee {number}")).status_code == 302

    response = client.post(url(programme), nomination_data(nominee_name="Nominee 2"))

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert Nomination.objects.count() == 2


# --- The service ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("now", [
    datetime.datetime(2024, 6, 1, 8, 59, tzinfo=SHANGHAI),  # a minute before it opens
    datetime.datetime(2099, 9, 30, 18, 1, tzinfo=SHANGHAI),  # a minute after it closes
])
def test_submit_nomination_refuses_outside_the_call(programme, now):
    with pytest.raises(ValidationError) as refusal:
        services.submit_nomination(programme=programme, submission=submission(), now=now)

    assert refusal.value.code == "call_not_open"
    assert not Nomination.objects.exists()


def test_submit_nomination_takes_one_at_the_opening_minute(programme):
    opening = datetime.datetime(2024, 6, 1, 9, 0, tzinfo=SHANGHAI)

    nomination = services.submit_nomination(programme=programme, submission=submission(), now=opening)

    assert (nomination.submitted_at, nomination.nominee_name_en) == (opening, "Ada Lovelace")


def test_submit_nomination_refuses_a_programme_without_a_call():
    programme = AwardProgrammeFactory(status=PublicationStatus.PUBLISHED)

    with pytest.raises(ValidationError) as refusal:
        services.submit_nomination(programme=programme, submission=submission())

    assert refusal.value.code == "call_not_open"


@pytest.mark.parametrize("where", ["programme", "summit"])
def test_submit_nomination_refuses_an_unpublished_programme_or_edition(programme, where):
    target = programme if where == "programme" else programme.summit
    target.status = PublicationStatus.DRAFT
    target.save()

    with pytest.raises(ValidationError) as refusal:
        services.submit_nomination(programme=programme, submission=submission())

    assert refusal.value.code == "call_not_open"
    assert not Nomination.objects.exists()


def test_submit_nomination_refuses_a_category_of_another_programme(programme):
    other = AwardCategoryFactory(programme=AwardProgrammeFactory(name="Outstanding Contribution Award"))

    with pytest.raises(ValidationError) as refusal:
        services.submit_nomination(programme=programme, submission=submission(category=other))

    assert refusal.value.code == "wrong_category"
    assert refusal.value.messages == [
        "This category belongs to another programme: Outstanding Contribution Award."]
    assert not Nomination.objects.exists()


def test_submit_nomination_refuses_a_team_with_two_leaders(competition):
    team = (services.TeamMemberEntry(name="A", is_leader=True), services.TeamMemberEntry(name="B", is_leader=True))

    with pytest.raises(ValidationError) as refusal:
        services.submit_nomination(programme=competition, submission=submission(
            category=competition.categories.get(), team_members=team))

    assert refusal.value.code == "one_leader"
    assert not Nomination.objects.exists()


def test_submit_nomination_makes_the_first_member_the_leader_when_none_is_marked(competition):
    team = (services.TeamMemberEntry(name="A"), services.TeamMemberEntry(name="B"))

    entry = services.submit_nomination(programme=competition, submission=submission(
        category=competition.categories.get(), team_members=team))

    assert list(entry.team_members.values_list("name", "is_leader")) == [("A", True), ("B", False)]


def test_submit_nomination_refuses_a_document_the_model_refuses(programme):
    with pytest.raises(ValidationError) as refusal:
        services.submit_nomination(programme=programme, submission=submission(
            documents=(SimpleUploadedFile("run.sh", b"echo"),)))

    assert "file" in refusal.value.message_dict
    assert not Nomination.objects.exists()


# --- The programme page's link ----------------------------------------------------------------------------------


def test_programme_page_links_to_the_form_only_while_the_call_is_open(client, programme):
    open_page = client.get(f"/en/summits/2024/awards/{programme.slug}/").content.decode()
    programme.nominations_close = datetime.datetime(2024, 8, 31, 18, 0, tzinfo=SHANGHAI)
    programme.save()
    closed_page = client.get(f"/en/summits/2024/awards/{programme.slug}/").content.decode()

    assert f'<a class="call-link" href="{url(programme)}">Nominate</a>' in open_page
    assert url(programme) not in closed_page


def test_competition_page_links_to_the_entry_form(client, competition):
    html = client.get("/en/summits/2024/competition/").content.decode()

    assert f'<a class="call-link" href="{url(competition)}">Enter the competition</a>' in html


# --- Issue 14: seen by nominators on today's date ---------------------------------------------------------------

WUZHEN = ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def _edition_2027():
    return SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))


@pytest.fixture
def call_2027(today):
    """The 2027 edition's award, whose call opened on 1 November and closes on 31 December 2026 at 18:00."""
    return OpenCallFactory(
        summit=_edition_2027(), slug="leading-award", name="Leading Science and Technology Award",
        name_zh_hans="领先科技奖", nominations_open=datetime.datetime(2026, 11, 1, 9, 0, tzinfo=WUZHEN),
        nominations_close=datetime.datetime(2026, 12, 31, 18, 0, tzinfo=WUZHEN),
    )


@pytest.fixture
def competition_2027(today):
    programme = OpenCallFactory(
        summit=_edition_2027(), slug="straight-to-wuzhen", kind=ProgrammeKind.COMPETITION,
        name="Straight to Wuzhen Global Internet Competition", name_zh_hans="直通乌镇全球互联网大赛",
        nominations_open=datetime.datetime(2026, 11, 1, 9, 0, tzinfo=WUZHEN),
        nominations_close=datetime.datetime(2026, 12, 31, 18, 0, tzinfo=WUZHEN),
    )
    AwardCategoryFactory(programme=programme, name="Digital economy", name_zh_hans="数字经济", slug="economy")
    return programme


def test_the_same_nominee_from_the_same_nominator_is_refused_on_the_nominee_field(client, call_2027):
    first = client.post(url(call_2027), nomination_data())
    # The same nominee and nominator, typed otherwise: case, spaces, full-width letters.
    again = client.post(url(call_2027), nomination_data(nominee_name="ＡＤＡ  lovelace", title="Another title",
                                                        nominated_by_email=" CHARLES@example.ORG"))

    assert first.status_code == 302
    assert again.status_code == 200
    assert again.context["form"].errors["nominee_name"] == [
        "You have already nominated ＡＤＡ lovelace for the Leading Science and Technology Award. We have the "
        "nomination: there is no need to send it again."]
    assert Nomination.objects.count() == 1 and NominationDocument.objects.count() == 2
    assert OutgoingEmail.objects.count() == 1


def test_the_same_nominee_refused_in_chinese_in_chinese(client, call_2027):
    client.post(url(call_2027, "zh-hans"), nomination_data(nominee_name="王小明"))

    again = client.post(url(call_2027, "zh-hans"), nomination_data(nominee_name=" 王小明 "))

    assert again.context["form"].errors["nominee_name"] == [
        "您已为领先科技奖提名王小明。我们已收到该提名，无需重复提交。"]
    assert Nomination.objects.count() == 1


def test_the_same_nominee_from_another_nominator_or_in_another_category_is_taken(client, call_2027):
    first, second = (AwardCategoryFactory(programme=call_2027, name=name) for name in ("Science", "Industry"))

    answers = [
        client.post(url(call_2027), nomination_data(category=str(first.pk))),
        client.post(url(call_2027), nomination_data(category=str(second.pk))),
        client.post(url(call_2027), nomination_data(category=str(first.pk), nominated_by_email="ada@example.org")),
        client.post(url(call_2027), nomination_data(category=str(first.pk))),
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 302, 200]
    assert answers[-1].context["form"].errors["nominee_name"] == [
        "You have already nominated Ada Lovelace in the Science category of the Leading Science and Technology "
        "Award. We have the nomination: there is no need to send it again."]
    assert Nomination.objects.count() == 3


def test_the_same_team_entered_twice_by_its_leader_is_refused_as_an_entry(client, competition_2027):
    track = competition_2027.categories.get()
    client.post(url(competition_2027), entry_data(track, *TEAM))

    again = client.post(url(competition_2027), entry_data(track, *TEAM, nominee_name="silk road  CODERS"))
    in_chinese = client.post(url(competition_2027, "zh-hans"), entry_data(track, *TEAM))

    assert again.context["form"].errors["nominee_name"] == [
        "Your team silk road CODERS has already entered the Digital economy track of the Straight to Wuzhen Global "
        "Internet Competition from this email address. We have the entry: there is no need to send it again."]
    assert in_chinese.context["form"].errors["nominee_name"] == [
        "您的团队“Silk Road Coders”已使用该电子邮箱报名直通乌镇全球互联网大赛“数字经济”赛道。"
        "我们已收到该参赛项目，无需重复提交。"]
    assert Nomination.objects.count() == 1


def test_the_service_refuses_a_duplicate_and_the_database_refuses_two_sent_at_once(call_2027, monkeypatch):
    services.submit_nomination(programme=call_2027, submission=submission())
    with pytest.raises(services.NominationRefused) as refused:
        services.submit_nomination(programme=call_2027, submission=submission(nominee_name="ada LOVELACE"))
    assert (refused.value.code, refused.value.field) == ("duplicate_nomination", "nominee_name")

    # Two identical submissions at once both pass the check: the constraint turns the second one away.
    monkeypatch.setattr("awards.services.nominations._refuse_duplicate", lambda *args: None)
    with pytest.raises(services.NominationRefused) as raced:
        services.submit_nomination(programme=call_2027,
                                   submission=submission(nominated_by_email="Charles@Example.org"))

    assert raced.value.code == "duplicate_nomination"
    assert Nomination.objects.count() == 1


def test_the_migration_keys_earlier_submissions_once_each():
    """The constraint is added over data that may hold the same nomination twice: the first keeps its key."""
    migration = importlib.import_module("awards.migrations.0007_nominations_once_per_nominator_and_checked_documents")
    programme = AwardProgrammeFactory()
    submitted = [("Ada Lovelace", "c@example.org"), ("ADA lovelace ", "C@example.org"),
                 ("Grace Hopper", "c@example.org"), ("Alan Turing", "")]
    for minutes, (name, email) in enumerate(submitted):
        Nomination.objects.create(programme=programme, nominee_name_en=name, nominated_by_email=email,
                                  submitted_at=timezone.now() + datetime.timedelta(minutes=minutes))

    migration.key_earlier_submissions(django_apps, None)

    keys = list(Nomination.objects.order_by("submitted_at").values_list("submission_key", flat=True))
    assert [bool(key) for key in keys] == [True, False, True, False]
    assert keys[0] == services.nominations.submission_key(category_id=None, nominee="Ada Lovelace",
                                                          email="c@example.org")


# Supporting documents are checked as report files are.

@pytest.mark.parametrize(("name", "content", "message"), [
    ("evidence.pdf", b"%PDF-1.4 fake", "evidence.pdf: This PDF cannot be read: it may be damaged or encrypted."),
    ("evidence.pdf", b"<html><body>Not a PDF</body></html>",
     "evidence.pdf: This file is not a PDF, as its name (.pdf) says: it may be damaged or of another kind."),
    ("evidence.docx", PDF, "evidence.docx: This file is a PDF, not a Word document as its name (.docx) says: "
                           "rename it with .pdf, or send the right file."),
    ("portrait.png", b"\x89PNG data", "portrait.png: This file is not a PNG image, as its name (.png) says: it may "
                                      "be damaged or of another kind."),
])
def test_nominate_refuses_a_document_that_is_not_what_its_name_says(client, call_2027, private_storage, name,
                                                                    content, message):
    response = client.post(url(call_2027), nomination_data(documents=[pdf(), pdf(name, content)]))

    assert response.status_code == 200
    assert response.context["form"].errors["documents"] == [message]
    assert not Nomination.objects.exists() and not NominationDocument.objects.exists()
    assert not private_storage.exists() or not any(private_storage.rglob("*.*"))


def test_nominate_refuses_a_fake_pdf_in_chinese(client, call_2027):
    response = client.post(url(call_2027, "zh-hans"), nomination_data(documents=[pdf("证明.pdf", b"%PDF-1.4 fake")]))

    assert response.context["form"].errors["documents"] == ["证明.pdf：无法读取此 PDF：文件可能已损坏或已加密。"]


def test_the_service_refuses_an_empty_or_fake_document_as_the_form_does(call_2027):
    for document in (pdf("empty.pdf", b""), pdf("fake.pdf", b"%PDF-1.4 fake")):
        with pytest.raises(ValidationError):
            services.submit_nomination(programme=call_2027, submission=submission(documents=(document,)))

    assert not Nomination.objects.exists()


def test_a_real_small_pdf_is_kept(client, call_2027, private_storage):
    response = client.post(url(call_2027), nomination_data(documents=[pdf()]))

    assert response.status_code == 302
    document = NominationDocument.objects.get()
    assert (private_storage / document.file.name).read_bytes() == PDF


# The call closes at its closing time, and for good once the laureates are announced.

def test_a_call_closing_at_midnight_shows_closed_on_its_programme_page_that_day(client, call_2027, today):
    call_2027.nominations_close = datetime.datetime(2027, 1, 1, 0, 0, tzinfo=WUZHEN)
    call_2027.save()
    programme_page = f"/en/summits/2027/awards/{call_2027.slug}/"

    today.move_to(datetime.datetime(2026, 12, 31, 23, 0, tzinfo=WUZHEN))
    last_evening = client.get(programme_page).content.decode()
    today.move_to(datetime.datetime(2027, 1, 1, 9, 0, tzinfo=WUZHEN))
    next_morning = client.get(programme_page).content.decode()
    form = client.get(url(call_2027))

    assert ">Nominations open<" in last_evening and url(call_2027) in last_evening
    assert ">Nominations closed<" in next_morning and url(call_2027) not in next_morning
    assert 'Closing time: <time datetime="2027-01-01T00:00:00+08:00">Jan. 1, 2027 00:00</time>' in next_morning
    assert "Nominations for the Leading Science and Technology Award closed on Jan. 1, 2027 at 00:00" in \
        form.content.decode()


def test_the_call_takes_nominations_through_its_closing_minute_and_not_after(client, call_2027, today):
    today.move_to(datetime.datetime(2026, 12, 31, 18, 0, tzinfo=WUZHEN))
    on_time = client.post(url(call_2027), nomination_data())
    today.move_to(datetime.datetime(2026, 12, 31, 18, 1, tzinfo=WUZHEN))
    late = client.post(url(call_2027), nomination_data(nominee_name="Grace Hopper"))

    assert (on_time.status_code, late.status_code) == (302, 403)
    assert list(Nomination.objects.values_list("nominee_name_en", flat=True)) == ["Ada Lovelace"]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_once_the_laureates_are_announced_the_call_is_closed_and_a_post_saves_nothing(client, call_2027, lang):
    call_2027.laureates_announced_at = datetime.datetime(2026, 12, 5, 16, 0, tzinfo=WUZHEN)
    call_2027.save()

    page = client.get(url(call_2027, lang))
    post = client.post(url(call_2027, lang), nomination_data())
    programme_page = client.get(f"/{lang}/summits/2027/awards/{call_2027.slug}/").content.decode()

    assert page.status_code == 200 and "form" not in page.context
    assert {"en": "The laureates of the Leading Science and Technology Award were announced on Dec. 5, 2026: "
                  "nominations are closed.",
            "zh-hans": "领先科技奖获奖名单已于2026年12月5日公布，提名已截止。"}[lang] in page.content.decode()
    assert post.status_code == 403
    assert not Nomination.objects.exists() and not OutgoingEmail.objects.exists()
    assert url(call_2027, lang) not in programme_page
    assert {"en": ">Nominations closed<", "zh-hans": ">提名已截止<"}[lang] in programme_page
    with pytest.raises(services.NominationRefused) as refused:
        services.submit_nomination(programme=call_2027, submission=submission())
    assert refused.value.code == "call_not_open"


# A competition speaks of entries; only the team leader's row is required.

def test_the_competition_entry_form_marks_only_the_leaders_row_required(client, competition_2027):
    html = client.get(url(competition_2027)).content.decode()

    leader, second = (re.search(rf'<div class="field[^"]*">\s*<label for="id_members-{row}-name"', html)
                      for row in (0, 1))
    assert "field-required" in leader.group(0)
    assert "field-required" not in second.group(0)
    assert 'id="id_members-1-name" required' not in html


@pytest.mark.parametrize(("lang", "words", "not_words"), [
    ("en", [">Entries open<", "Enter the competition", "Entries close on Dec. 31, 2026 at 18:00"],
     [">Nominations open<", "The call closes on"]),
    ("zh-hans", [">报名中<", "报名参赛", "报名将于2026年12月31日 18:00（北京时间）截止"], [">提名进行中<", "提名"]),
])
def test_the_competition_pages_speak_of_entries(client, competition_2027, lang, words, not_words):
    competition = client.get(f"/{lang}/summits/2027/competition/").content.decode()
    form = client.get(url(competition_2027, lang)).content.decode()

    assert words[0] in competition and words[1] in competition
    assert words[2] in form
    for word in not_words:
        assert word not in competition + form, word


def test_the_chinese_entry_receipt_lists_the_team_in_chinese_punctuation(client, competition_2027):
    client.post(url(competition_2027, "zh-hans"), entry_data(competition_2027.categories.get(), *TEAM))

    email = OutgoingEmail.objects.get()
    assert "团队：\n- Abebe Bekele（团队负责人）\n- Li Wei\n- Maria Silva\n" in email.body_text


@pytest.mark.parametrize(("lang", "heading"), [("en", "<h1>Entries are closed</h1>"),
                                               ("zh-hans", "<h1>报名已截止</h1>")])
def test_a_closed_competition_says_its_entries_are_closed(client, competition_2027, today, lang, heading):
    today.move_to(datetime.datetime(2027, 1, 2, 9, 0, tzinfo=WUZHEN))

    html = client.get(url(competition_2027, lang)).content.decode()

    assert heading in html
    assert {"en": "The jury is reviewing the entries; the winners are announced at the final.",
            "zh-hans": "评审委员会正在评审参赛项目，获奖者将在决赛中公布。"}[lang] in html
