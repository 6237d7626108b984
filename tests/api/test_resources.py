"""Every endpoint shows published content only, and never private fields (contacts, nominators, scores)."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from awards.enums import NominationStatus
from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from members.enums import MembershipStatus
from reports.enums import EditionStatus
from reports.pdf import facts, render_pdf
from tests.factories.awards import AwardProgrammeFactory, NominationFactory
from tests.factories.expo import ExhibitFactory, ExhibitImageFactory, ExhibitorFactory
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory
from tests.factories.members import MembershipFactory
from tests.factories.reports import ReportEditionFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db


def ids(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_summits_published_only_and_looked_up_by_year(api):
    published = SummitFactory(year=2024)
    SummitFactory(year=2025, status=PublicationStatus.DRAFT)

    assert ids(api, "/api/v1/summits/") == {published.pk}
    detail = api.get("/api/v1/summits/2024/").json()
    assert detail["year"] == 2024
    assert detail["feeds"]["json"].endswith("/summits/2024/schedule.json")
    assert api.get("/api/v1/summits/2025/").status_code == 404


def test_speakers_only_when_they_speak_in_a_public_session(api):
    public = SessionSpeakerFactory().speaker
    SessionSpeakerFactory(session=SessionFactory(status=PublicationStatus.DRAFT))

    assert ids(api, "/api/v1/speakers/") == {public.pk}


def test_rooms_only_when_public_content_uses_them_and_per_summit(api):
    used = SessionFactory().room
    RoomFactory()
    ForumFactory(status=PublicationStatus.DRAFT)

    assert ids(api, "/api/v1/rooms/") == {used.pk}
    assert ids(api, "/api/v1/rooms/?summit=2024") == {used.pk}
    assert ids(api, "/api/v1/rooms/?summit=2023") == set()


def test_laureates_only_once_announced_and_without_nominators(api):
    announced = AwardProgrammeFactory(status=PublicationStatus.PUBLISHED, laureates_announced_at=timezone.now())
    laureate = NominationFactory(programme=announced, status=NominationStatus.AWARDED,
                                 nominated_by_email="secret-nominator@example.org")
    NominationFactory(programme=announced, status=NominationStatus.SHORTLISTED)
    quiet = AwardProgrammeFactory(status=PublicationStatus.PUBLISHED)
    NominationFactory(programme=quiet, status=NominationStatus.AWARDED)

    response = api.get("/api/v1/laureates/")

    assert {item["id"] for item in response.json()["results"]} == {laureate.pk}
    assert b"secret-nominator" not in response.content
    assert ids(api, "/api/v1/award-programmes/") == {announced.pk, quiet.pk}


def test_exhibitors_approved_and_published_without_contacts(api):
    shown = ExhibitorFactory(contact_email="booth-manager@example.org")
    ExhibitorFactory(application_status=ExhibitorStatus.APPLIED)
    ExhibitorFactory(status=PublicationStatus.DRAFT)

    response = api.get("/api/v1/exhibitors/")

    assert {item["id"] for item in response.json()["results"]} == {shown.pk}
    assert b"booth-manager" not in response.content


def test_exhibits_with_thumbnails_never_the_original(api):
    image = ExhibitImageFactory()
    ExhibitFactory(exhibitor=ExhibitorFactory(application_status=ExhibitorStatus.REJECTED))

    (exhibit,) = api.get("/api/v1/exhibits/?lang=zh-hans").json()["results"]

    assert exhibit["id"] == image.exhibit_id
    assert exhibit["images"][0]["alt_text"] == "向观众挥手的人形机器人"
    assert exhibit["images"][0]["image"].endswith(".webp")
    assert image.image.name not in exhibit["images"][0]["image"]


def test_members_active_only_with_continent(api):
    active = MembershipFactory(organization__country="BR")
    MembershipFactory(status=MembershipStatus.APPLIED, since=None)

    (member,) = api.get("/api/v1/members/").json()["results"]

    assert member["id"] == active.organization_id
    assert member["continent"] == "SA" and member["membership"]["type"] == active.type
    assert ids(api, "/api/v1/members/?continent=EU") == set()


def test_reports_published_with_file_size_and_checksum(api):
    content = b"%PDF-1.4 a small report"
    edition = ReportEditionFactory(status=EditionStatus.PUBLISHED, file_size=len(content),
                                   file_sha256=hashlib.sha256(content).hexdigest())
    edition.file.save("report.pdf", ContentFile(content))
    ReportEditionFactory()

    (report,) = api.get("/api/v1/reports/").json()["results"]

    assert report["id"] == edition.pk
    assert report["files"]["en"]["size"] == len(content)
    assert report["files"]["en"]["sha256"] == hashlib.sha256(content).hexdigest()
    assert report["files"]["en"]["url"].startswith("http")
    assert report["files"]["zh-hans"] is None


def test_reports_list_each_language_file_with_the_size_and_sha256_of_its_stored_bytes(api):
    english = render_pdf(html="<h1>World Internet Development Report 2024</h1>")
    chinese = render_pdf(html='<h1 style="font-family: WenQuanYi Micro Hei">世界互联网发展报告2024</h1>')
    edition = ReportEditionFactory(status=EditionStatus.PUBLISHED)
    for language, content in (("en", english), ("zh_hans", chinese)):
        getattr(edition, f"file_{language}").save(f"report-{language}.pdf", ContentFile(content), save=False)
        setattr(edition, f"file_size_{language}", facts(content).size)
        setattr(edition, f"file_sha256_{language}", facts(content).sha256)
    edition.save()

    (report,) = api.get("/api/v1/reports/").json()["results"]

    assert english != chinese
    for code, language in (("en", "en"), ("zh-hans", "zh_hans")):
        stored_file = getattr(edition, f"file_{language}")
        with stored_file.open("rb") as stored:
            content = stored.read()
        assert report["files"][code] == {
            "url": f"http://testserver{stored_file.url}", "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
        assert stored_file.url.startswith("/media/reports/files/report-")
