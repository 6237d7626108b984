"""The demo loader: the facts of the 2022-2024 editions, the scheduling rules on what it loads, and a second run
that writes nothing."""

import ctypes
import datetime
import logging
from dataclasses import replace
from io import StringIO

import pypdfium2
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.test import override_settings
from django.utils.timezone import localtime
from PIL import Image

from awards.models import AwardProgramme, Nomination
from core.enums import PublicationStatus
from demo import pdfs as demo_pdfs
from demo import reports as demo_reports
from expo.models import Exhibit, Expo
from forums.enums import ForumKind, SessionType
from forums.models import Forum, Session, SessionSpeaker, Speaker
from members.enums import MembershipStatus
from members.models import Body, Membership, Organization
from reports.enums import EditionStatus
from reports.models import ReportEdition
from reports.pdf import COVER_WIDTH, cover_png, facts, page_count
from summits.enums import PartnerRole, SummitMode
from summits.models import PressConference, Room, Summit, SummitOrganization
from tests.demo_data import DEMO_LIVE_END, DEMO_TODAY

PROJECT_APPS = ("core", "members", "summits", "forums", "awards", "expo", "guests", "reports", "press", "visas",
                "demo")
SEED_YEARS = (2022, 2023, 2024)  # the facts of the seeds; the demo also makes up an upcoming edition (test_live)


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """Where the module's demo load writes the reports' PDFs and covers (never the project's own media)."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_media, demo_loader):
    """The demo loaded once for the whole module, inside a transaction rolled back at the end of it."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MEDIA_ROOT=demo_media):
        yield demo_loader()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def test_load_creates_the_three_editions_with_their_dates_and_figures(demo):
    summits = {summit.year: summit for summit in Summit.objects.filter(year__in=SEED_YEARS)}

    assert {year: (s.start_date, s.end_date) for year, s in summits.items()} == {
        2022: (datetime.date(2022, 11, 9), datetime.date(2022, 11, 11)),
        2023: (datetime.date(2023, 11, 8), datetime.date(2023, 11, 10)),
        2024: (datetime.date(2024, 11, 19), datetime.date(2024, 11, 22)),
    }
    assert {year: (s.guest_count, s.country_count, s.planned_subforum_count, s.signed_project_count)
            for year, s in summits.items()} == {
        2022: (2100, 120, 20, None), 2023: (1800, 126, 20, 70), 2024: (None, None, 24, None),
    }
    assert {(s.status, s.mode, s.city_en, s.city_zh_hans, s.venue.name_zh_hans) for s in summits.values()} == {
        (PublicationStatus.PUBLISHED, SummitMode.HYBRID, "Wuzhen", "乌镇", "乌镇互联网国际会展中心"),
    }
    assert summits[2024].theme_zh_hans == "拥抱以人为本、智能向善的数字未来——携手构建网络空间命运共同体"
    assert summits[2023].theme_zh_hans == "建设包容、普惠、有韧性的数字世界——携手构建网络空间命运共同体"
    assert summits[2022].theme_zh_hans == "共建网络世界 共创数字未来——携手构建网络空间命运共同体"
    assert summits[2024].name_zh_hans == "2024年世界互联网大会乌镇峰会"
    assert not Room.objects.filter(capacity__lte=0).exists()
    assert Room.objects.get(slug="main-hall").capacity == 2000


def test_load_gives_each_edition_its_programme(demo):
    sub_forums = {summit.year: summit.forums.filter(kind=ForumKind.SUB_FORUM).count()
                  for summit in Summit.objects.filter(year__in=SEED_YEARS)}
    grouped = Forum.objects.filter(kind=ForumKind.SUB_FORUM, theme_group__isnull=False, summit__year__in=SEED_YEARS)
    zhejiang = Forum.objects.get(summit__year=2023, slug="zhejiang")
    closing = {forum.summit.year: localtime(forum.start).date()
               for forum in Forum.objects.filter(kind=ForumKind.PRESS_CONFERENCE, summit__year__in=SEED_YEARS)
               .select_related("summit")}

    assert sub_forums == {2022: 20, 2023: 20, 2024: 24}
    assert grouped.count() == 64
    assert set(grouped.values_list("theme_group__slug", flat=True)) == {
        "cooperation-and-development", "technology-and-industry", "culture-and-society", "governance-and-security",
    }
    for kind in (ForumKind.OPENING_CEREMONY, ForumKind.MAIN_FORUM):
        for forum in Forum.objects.filter(kind=kind).select_related("summit", "room"):
            assert (localtime(forum.start).date(), localtime(forum.end).hour < 13, forum.room.slug) == (
                forum.summit.start_date, True, "main-hall"
            )
    assert closing == {2022: datetime.date(2022, 11, 11), 2023: datetime.date(2023, 11, 10),
                       2024: datetime.date(2024, 11, 22)}
    assert {localtime(f.start).date() for f in Forum.objects.filter(summit__year=2022, kind=ForumKind.SUB_FORUM)} == {
        datetime.date(2022, 11, 9), datetime.date(2022, 11, 10),
    }
    assert zhejiang.title_zh_hans == "浙江分论坛：数字经济引领现代化产业体系建设"
    assert zhejiang.is_demo is False
    assert SessionSpeaker.objects.filter(session__forum=zhejiang).values("speaker").distinct().count() == 15
    assert not Forum.objects.filter(Q(title_zh_hans="") | Q(title_zh_hans__isnull=True)).exists()
    assert not Session.objects.filter(Q(title_zh_hans="") | Q(title_zh_hans__isnull=True)).exists()
    assert not Speaker.objects.filter(is_demo=False).exists()
    assert not Speaker.objects.filter(country="").exists()


def test_load_breaks_no_scheduling_rule(demo):
    same_room_at_once = Session.objects.filter(room=OuterRef("room"), start__lt=OuterRef("end"),
                                               end__gt=OuterRef("start")).exclude(pk=OuterRef("pk"))
    same_speaker_at_once = SessionSpeaker.objects.filter(
        speaker=OuterRef("speaker"), session__start__lt=OuterRef("session__end"),
        session__end__gt=OuterRef("session__start"),
    ).exclude(session=OuterRef("session"))
    forums_outside_summit = [
        forum.slug for forum in Forum.objects.select_related("summit")
        if localtime(forum.start).date() < forum.summit.start_date
        or localtime(forum.end).date() > forum.summit.end_date
    ]

    assert Session.objects.filter(forum__summit__year__in=SEED_YEARS).count() == 438
    assert Session.objects.count() == 438 + 163  # and the upcoming edition, 2024's programme again
    assert Session.objects.filter(Exists(same_room_at_once)).count() == 0
    assert SessionSpeaker.objects.filter(Exists(same_speaker_at_once)).count() == 0
    assert Session.objects.filter(Q(start__lt=F("forum__start")) | Q(end__gt=F("forum__end"))).count() == 0
    assert forums_outside_summit == []
    assert Session.objects.exclude(room=F("forum__room")).exclude(room=None, forum__room=None).count() == 0


def test_load_records_120_members_from_24_countries_on_six_continents(demo):
    active = Membership.objects.filter(status=MembershipStatus.ACTIVE)
    figures = active.aggregate(
        members=Count("pk"), countries=Count("organization__country", distinct=True),
        continents=Count("organization__continent", distinct=True), first=Max("since"),
    )

    assert (figures["members"], figures["countries"], figures["continents"]) == (122, 24, 6)
    assert not active.filter(Q(since__lt=datetime.date(2022, 7, 12)) | Q(organization__isnull=True)).exists()
    assert set(active.values_list("organization__continent", flat=True)) == {"AF", "AS", "EU", "NA", "OC", "SA"}
    assert not active.filter(organization__is_demo=False).exists()
    assert sorted(Membership.objects.exclude(status=MembershipStatus.ACTIVE).values_list("status", flat=True)) == [
        MembershipStatus.APPLIED, MembershipStatus.APPLIED, MembershipStatus.REJECTED]


def test_load_names_organisers_supporters_and_press_conferences(demo):
    roles = set(SummitOrganization.objects.filter(summit__year=2024).values_list("organization__short_name_en",
                                                                                 "role"))
    beijing = PressConference.objects.filter(city_en="Beijing", summit__year__in=SEED_YEARS).order_by("held_at")

    assert roles == {("WIC", PartnerRole.ORGANISER), ("Zhejiang", PartnerRole.ORGANISER),
                     ("UN DESA", PartnerRole.SUPPORTER), ("WIPO", PartnerRole.SUPPORTER),
                     ("GSMA", PartnerRole.SUPPORTER)}
    assert [localtime(conference.held_at).date() for conference in beijing] == [
        datetime.date(2022, 10, 31), datetime.date(2024, 10, 24),
    ]
    assert all("任贤良" in conference.spokespeople_zh_hans for conference in beijing)
    assert PressConference.objects.filter(kind="closing", summit__year__in=SEED_YEARS).count() == 3
    assert Organization.objects.get(slug="wic").name_zh_hans == "世界互联网大会"


def test_load_creates_the_bodies_and_the_2024_youth_leaders(demo):
    bodies = {body.slug: body for body in Body.objects.select_related("launched_at_summit")}
    youth = bodies["global-youth-leaders-program"].participants.all()

    assert bodies["ai-committee"].launched_at_summit.year == 2024
    assert bodies["think-tank-cooperation-program"].planned_participants == 60
    assert bodies["global-youth-leaders-program"].launched_at_summit.year == 2023
    assert {"data-working-group", "digital-academy", "global-talent-excellence-program"} <= set(bodies)
    assert (youth.count(), youth.values("country").distinct().count()) == (18, 17)


def test_load_links_each_award_to_its_ceremony_session(demo):
    programmes = AwardProgramme.objects.select_related("summit", "ceremony_session__forum")
    seed_programmes = [p for p in programmes if p.summit.year in SEED_YEARS]
    cases_2023 = Nomination.objects.filter(programme__summit__year=2023, programme__slug="best-practices")
    competition_2024 = AwardProgramme.objects.get(summit__year=2024, slug="straight-to-wuzhen")

    assert sorted((p.summit.year, p.slug) for p in seed_programmes if p.slug in {
        "leading-tech-award", "outstanding-contribution-award", "ten-year-honor",
    }) == [(2023, "leading-tech-award"), (2023, "ten-year-honor"), (2024, "leading-tech-award"),
           (2024, "outstanding-contribution-award")]
    assert {(p.ceremony_session.type, p.ceremony_session.forum.summit_id == p.summit_id) for p in programmes} == {
        (SessionType.CEREMONY, True),
    }
    assert {p.ceremony_session.forum.kind for p in programmes if p.kind != "competition"} == {
        ForumKind.AWARD_CEREMONY,
    }
    assert cases_2023.count() == 13
    assert cases_2023.filter(title_en__icontains="Ethiopian", is_demo=False, country="ET").count() == 1
    assert cases_2023.filter(title_en__icontains="online classes", is_demo=False).count() == 1
    assert "ai-plus" in set(competition_2024.categories.values_list("slug", flat=True))
    assert competition_2024.nominations.filter(category__slug="ai-plus", awarded_rank=1).count() == 1


def test_load_opens_the_expo_and_its_cloud_hall_for_a_year(demo):
    expos = {expo.summit.year: expo for expo in Expo.objects.select_related("summit")}

    assert (expos[2022].opens_on, expos[2022].online_hall_open_from, expos[2022].online_hall_open_until) == (
        datetime.date(2022, 11, 8), datetime.date(2022, 11, 8), datetime.date(2023, 11, 8),
    )
    assert expos[2024].focus_en == "Artificial intelligence"
    assert all(expo.online_hall_open_on(expo.summit.end_date) for expo in expos.values())
    assert {"ai", "digital_health", "digital_travel", "industrial_internet", "talent"} <= set(
        Exhibit.objects.values_list("category", flat=True)
    )
    assert Exhibit.objects.filter(is_new_release=True).exists()
    assert not Exhibit.objects.filter(exhibitor__booth__isnull=True).exists()


def test_load_publishes_the_reports(demo, demo_media, settings):
    settings.MEDIA_ROOT = demo_media
    editions = ReportEdition.objects.select_related("series", "release_session__forum__summit")
    by_series = {}
    for edition in editions:
        by_series.setdefault(edition.series.slug, []).append(edition)

    assert sorted(e.year for e in by_series["world-internet-development-report"]) == [2022, 2023, 2024]
    assert sorted(e.year for e in by_series["china-internet-development-report"]) == [2022, 2023, 2024]
    assert sorted((e.version, e.year) for e in by_series["sovereignty-in-cyberspace"]) == [
        ("1.0", 2019), ("2.0", 2020), ("3.0", 2021), ("4.0", 2023),
    ]
    assert all(e.released_on for e in by_series["sovereignty-in-cyberspace"])
    assert by_series["ai-for-social-good-action-plan"][0].released_on == datetime.date(2023, 7, 7)
    data_report = by_series["data-cooperation-report"][0]
    assert (data_report.series.authoring_body.slug, data_report.release_session.forum.summit.year) == (
        "data-working-group", 2024,
    )
    assert len([slug for slug in by_series if slug.startswith("cross-border-e-commerce")]) == 3
    assert {e.status for e in editions} == {EditionStatus.PUBLISHED}
    assert all(e.release_at == e.release_session.start for e in editions if e.release_session)
    # Each edition has a generated PDF per language, its facts those of the stored bytes, and a cover.
    assert len(editions) == 18
    for edition in editions:
        for language in ("en", "zh_hans"):
            with getattr(edition, f"file_{language}").open("rb") as stored:
                content = stored.read()
            assert (getattr(edition, f"file_size_{language}"), getattr(edition, f"file_sha256_{language}")) == (
                facts(content).size, facts(content).sha256,
            )
            assert (content[:5], page_count(content)) == (b"%PDF-", 2)
            # each language's cover is its own first page: the Chinese library shows the Chinese cover
            with getattr(edition, f"cover_{language}").open("rb") as cover, Image.open(cover) as image:
                assert (image.format, image.width) == ("PNG", COVER_WIDTH)
                cover.seek(0)
                assert cover.read() == cover_png(content)
    assert _first_page_text(data_report.file_zh_hans).startswith("世界互联网大会")
    assert "推动开放、协作、共赢的数据国际合作报告" in _first_page_text(data_report.file_zh_hans)
    assert "2024" in _first_page_text(data_report.file_en)


def test_the_reports_pdfs_keep_their_stylesheet_and_show_chinese_in_a_cjk_font(demo, caplog):
    """Every file the load renders, rendered again (the load keeps its renders for the process): WeasyPrint warns
    of nothing (an HTML-escaped stylesheet gave ~250 warnings a load), and the Chinese ones use the CJK font."""
    editions = ReportEdition.objects.select_related("series")
    documents = [demo_reports._document(edition, language) for edition in editions for language in ("en", "zh-hans")]

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendered = {document: demo_pdfs.render.__wrapped__(document) for document in documents}

    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []
    data_report = next(document for document in documents
                       if document.language == "zh-hans" and document.title.startswith("推动开放、协作、共赢的数据"))
    assert data_report.title in _text(rendered[data_report])
    assert {font.split("+", 1)[1] for font in _fonts(rendered[data_report])} == {
        "WenQuanYi-Micro-Hei", "WenQuanYi-Micro-Hei-Bold",  # the page numbers too: no fallback font anywhere
    }
    assert "<style>\n@page { size: A4" in demo_pdfs.html(data_report)
    assert "&lt;b&gt;" in demo_pdfs.html(replace(data_report, title="<b>"))  # the text is still escaped


def _fonts(pdf: bytes) -> set[str]:
    """The (subset) names of the fonts the text of every page is set in."""
    document = pypdfium2.PdfDocument(pdf)
    names = set()
    try:
        for page in document:
            for text in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_TEXT]):
                font = pypdfium2.raw.FPDFTextObj_GetFont(text.raw)
                size = pypdfium2.raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pypdfium2.raw.FPDFFont_GetBaseFontName(font, buffer, size)
                names.add(buffer.value.decode())
    finally:
        document.close()
    return names


def _text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


def _first_page_text(file) -> str:
    with file.open("rb") as stored:
        document = pypdfium2.PdfDocument(stored.read())
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


def _snapshot() -> dict:
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in PROJECT_APPS:
            continue
        has_updated_at = any(field.name == "updated_at" for field in model._meta.concrete_fields)
        snapshot[model._meta.label] = (
            model.objects.count(), model.objects.aggregate(last=Max("updated_at"))["last"] if has_updated_at else None,
        )
    return snapshot


@pytest.mark.parametrize("today", [DEMO_TODAY, DEMO_LIVE_END], ids=["the same day", "a later day, before it ends"])
def test_load_twice_changes_nothing(demo, django_assert_max_num_queries, today):
    before = _snapshot()
    output = StringIO()

    # +9 for the awards' jury work: criteria, jurors and their categories, conflicts, rounds and their entries,
    # reviews, criterion scores and team members, each read once; +3 for the registry of the demo's rows, its
    # upcoming editions and the editions' last days; +2 for issue 18's demo: the speakers' placements read once
    # with their forums (demo/speakers.py), and the forum teams' members and changes (demo/teams.py).
    with django_assert_max_num_queries(74):
        call_command("load_wic_demo", today=today, stdout=output)

    assert "nothing changed" in output.getvalue()
    assert "Kept" not in output.getvalue()
    assert "Created" in demo
    assert _snapshot() == before
    # The demo's guests: the invitee who accepted (demo/invitations.py), those who asked for its visa letters
    # (demo/visas.py), the journalists of its press accreditations (demo/press.py) and the members of a demo
    # delegation who completed their data (demo/delegations.py); nobody else is registered.
    assert before["guests.Guest"][0] == 1 + 4 + before["press.PressAccreditation"][0] + 2 == 1 + 4 + 6 + 2
    assert before["guests.Invitation"][0] == 8
    assert before["visas.VisaLetter"][0] == 4
