"""Starting next year's edition from the one chosen, from the admin: asked first, once only, copied for review."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from awards.models import AwardCategory, AwardProgramme, ReviewCriterion
from core.enums import AuditAction
from core.models import AuditEntry
from expo.models import Booth, Exhibitor, Expo, Hall
from forums.models import Forum, Session, ThemeGroup
from summits import services
from summits.models import PressConference, Summit, SummitOrganization
from tests.factories.awards import AwardCategoryFactory, NominationFactory, ReviewCriterionFactory
from tests.factories.expo import BoothFactory, ExhibitorFactory, ExpoFactory, HallFactory
from tests.factories.forums import ForumFactory, SessionFactory, ThemeGroupFactory, at
from tests.factories.guests import ForumChoiceFactory
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
CHANGELIST = reverse("admin:summits_summit_changelist")


@pytest.fixture(autouse=True)
def _on_today():
    """Every test here on TODAY, its fixtures too: the organizer's session is opened on the day it is used."""
    with time_machine.travel(TODAY, tick=False):
        yield


def start_from(client, summit, *, confirm: bool):
    data = {"action": "start_next_edition", "_selected_action": [summit.pk]}
    if confirm:
        data["post"] = "yes"
    return client.post(CHANGELIST, data)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def edition_2024():
    """The 2024 edition with something of every kind: copied (partners, press conference, theme group, forum,
    programme with category and criterion, expo with hall and booths) and not (session, guest, nomination,
    exhibitor)."""
    summit = SummitFactory(year=2024, start_date=datetime.date(2024, 11, 19), end_date=datetime.date(2024, 11, 22))
    SummitOrganization.objects.create(summit=summit, organization=OrganizationFactory(), role="organiser")
    PressConference.objects.create(
        summit=summit, kind="announcement", title="Press conference on the 2024 WIC Wuzhen Summit",
        title_zh_hans="2024年世界互联网大会乌镇峰会新闻发布会", held_at=at(2024, 10, 24, 10), city="Beijing",
        status="published",
    )
    group = ThemeGroupFactory(summit=summit, name="Cooperation and Development", slug="cooperation")
    host = OrganizationFactory(name="Cyberspace Administration")
    forum = ForumFactory(summit=summit, title="AI Governance", slug="ai", host=host, theme_group=group,
                         start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 12), description="New this year: AI.")
    forum.co_hosts.add(OrganizationFactory())
    SessionFactory(forum=forum)
    ForumChoiceFactory(forum=forum, registration__summit=summit)
    category = AwardCategoryFactory(programme__summit=summit, programme__name="Leading Science and Technology Award",
                                    programme__status="published",
                                    programme__nominations_open=at(2024, 6, 1, 9),
                                    programme__nominations_close=at(2024, 8, 1, 17))
    ReviewCriterionFactory(programme=category.programme, name="Originality", weight=3)
    NominationFactory(programme=category.programme, category=category)
    hall = HallFactory(expo=ExpoFactory(summit=summit, name="Light of the Internet Expo 2024"),
                       name="Digital Life Hall", slug="digital-life")
    booth = BoothFactory(hall=hall, code="C-01", area_sqm=Decimal("54.00"))
    BoothFactory(hall=hall, code="C-02")
    ExhibitorFactory(expo=hall.expo, booth=booth)
    return summit


def test_asking_shows_the_new_year_its_dates_and_what_is_copied_and_creates_nothing(organizer_client, edition_2024):
    response = start_from(organizer_client, edition_2024, confirm=False)

    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "admin/summits/summit/start_next_edition.html"
    plan = response.context["plan"]
    assert (plan.year, plan.start_date, plan.end_date) == (2025, datetime.date(2025, 11, 18),
                                                           datetime.date(2025, 11, 21))
    copied = {line.label: line.count for line in plan.copied}
    assert copied == {"Organisers and supporters": 1, "Press conferences": 1, "Theme groups": 1, "Forums": 1,
                      "Award programmes": 1, "Award categories": 1, "Review criteria": 1, "Expos": 1, "Halls": 1,
                      "Booths": 2}
    assert {line.label: line.count for line in plan.not_copied} == {
        "Sessions": 1, "Nominations": 1, "Jury members": 0, "Exhibitors": 1,
    }
    page = response.content.decode()
    assert "2025 WIC Wuzhen Summit" in page and "Tuesday, Nov. 18, 2025" in page
    assert 'name="post" value="yes"' in page and "cancel-link" in page
    assert "These dates are already past" in page  # 18 November 2025 is before today, 6 December 2026
    assert Summit.objects.count() == 1


def test_confirming_from_2024_makes_2025_a_draft_copy_to_review_without_guests_sessions_or_exhibitors(
    organizer_client, organizer, edition_2024,
):
    response = start_from(organizer_client, edition_2024, confirm=True)

    new = Summit.objects.get(year=2025)
    assert response.status_code == 302 and response.url == reverse("admin:summits_summit_change", args=[new.pk])
    shift = datetime.timedelta(weeks=52)
    assert (new.start_date, new.end_date, new.start_date.weekday()) == (
        datetime.date(2025, 11, 18), datetime.date(2025, 11, 21), edition_2024.start_date.weekday())
    assert (new.status, new.slug, new.name, new.needs_review) == ("draft", "wic2025", "2025 WIC Wuzhen Summit", True)
    assert new.partners.count() == 1 and new.registrations.count() == 0
    conference = PressConference.objects.get(summit=new)
    assert (conference.title, conference.title_zh_hans) == (
        "Press conference on the 2025 WIC Wuzhen Summit", "2025年世界互联网大会乌镇峰会新闻发布会")
    assert (conference.held_at, conference.status, conference.needs_review) == (
        at(2024, 10, 24, 10) + shift, "draft", True)
    forum = Forum.objects.get(summit=new)
    assert (forum.title, forum.start, forum.status, forum.needs_review, forum.theme_group) == (
        "AI Governance", at(2024, 11, 20, 9) + shift, "draft", True, ThemeGroup.objects.get(summit=new))
    assert (forum.host.name, forum.co_hosts.count(), forum.sessions.count()) == ("Cyberspace Administration", 1, 0)
    programme = AwardProgramme.objects.get(summit=new)
    assert (programme.name, programme.status, programme.needs_review, programme.nominations_open,
            programme.nominations.count()) == ("Leading Science and Technology Award", "draft", True,
                                               at(2024, 6, 1, 9) + shift, 0)
    assert list(AwardCategory.objects.filter(programme=programme).values_list("needs_review", flat=True)) == [True]
    assert list(ReviewCriterion.objects.filter(programme=programme).values_list("name", "weight")) == [
        ("Originality", 3)]
    expo = Expo.objects.get(summit=new)
    assert (expo.name, expo.status, expo.needs_review, expo.opens_on) == (
        "Light of the Internet Expo 2025", "draft", True, datetime.date(2025, 11, 18))
    hall = Hall.objects.get(expo=expo)
    assert (hall.name, hall.needs_review) == ("Digital Life Hall", True)
    assert sorted(Booth.objects.filter(hall=hall).values_list("code", "area_sqm")) == [
        ("C-01", Decimal("54.00")), ("C-02", Decimal("36.00"))]
    assert not Exhibitor.objects.filter(expo=expo).exists()
    assert not Booth.objects.filter(hall=hall, exhibitor__isnull=False).exists()
    assert Session.objects.count() == 1 and Summit.objects.count() == 2
    entry = AuditEntry.objects.get(content_type__model="summit", object_id=str(new.pk))
    assert (entry.actor, entry.action, entry.note) == (organizer, AuditAction.CREATED, "Started from the 2024 edition")


def test_from_2022_when_2023_exists_is_refused_naming_2023_and_nothing_is_made(organizer_client):
    source = SummitFactory(year=2022, start_date=datetime.date(2022, 11, 9), end_date=datetime.date(2022, 11, 11))
    existing = SummitFactory(year=2023, start_date=datetime.date(2023, 11, 8), end_date=datetime.date(2023, 11, 10))
    ForumFactory(summit=source)

    for confirm in (False, True):
        response = start_from(organizer_client, source, confirm=confirm)

        assert response.status_code == 302
        assert response.url == reverse("admin:summits_summit_change", args=[existing.pk])
        assert messages_of(response)[-1] == (
            "The 2023 edition already exists: “2023 WIC Wuzhen Summit” (published). Nothing was created: a year "
            "has one edition, so change that one."
        )
    assert sorted(Summit.objects.values_list("year", flat=True)) == [2022, 2023]
    assert Forum.objects.count() == 1


def test_starting_from_2024_twice_is_refused_the_second_time_and_leads_to_the_first(organizer_client, edition_2024):
    first = start_from(organizer_client, edition_2024, confirm=True)
    second = start_from(organizer_client, edition_2024, confirm=True)  # a double click, or the page posted again

    new = Summit.objects.get(year=2025)
    assert first.url == second.url == reverse("admin:summits_summit_change", args=[new.pk])
    assert messages_of(second)[-1].startswith("The 2025 edition already exists: “2025 WIC Wuzhen Summit” (draft).")
    assert sorted(Summit.objects.values_list("year", flat=True)) == [2024, 2025]
    assert (Forum.objects.filter(summit=new).count(), Hall.objects.filter(expo__summit=new).count(),
            PressConference.objects.filter(summit=new).count()) == (1, 1, 1)


def test_a_refusal_inside_the_service_is_a_refusal_with_its_code_not_an_integrity_error():
    source = SummitFactory(year=2030)
    services.start_next_edition(summit=source, actor=None)

    with pytest.raises(services.EditionRefused) as refused:
        services.start_next_edition(summit=source, actor=None)

    assert (refused.value.code, refused.value.existing.year) == ("edition_exists", 2031)


def test_choosing_two_editions_is_refused(organizer_client):
    summits = [SummitFactory(year=2023), SummitFactory(year=2024)]

    response = organizer_client.post(CHANGELIST, {"action": "start_next_edition",
                                                  "_selected_action": [summit.pk for summit in summits]})

    assert messages_of(response) == ["Choose exactly one edition to start the next one from."]
    assert Summit.objects.count() == 2


@pytest.mark.parametrize(("start", "expected"), [
    (datetime.date(2024, 11, 19), datetime.date(2025, 11, 18)),  # 52 weeks
    (datetime.date(2024, 1, 1), datetime.date(2025, 1, 6)),  # 52 weeks would stay in 2024 (a leap year): 53
    (datetime.date(2025, 1, 1), datetime.date(2026, 1, 7)),
    (datetime.date(2024, 12, 31), datetime.date(2025, 12, 30)),
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 27)),
])
def test_the_shift_keeps_the_weekday_and_lands_in_the_next_year(start, expected):
    summit = Summit(year=start.year, start_date=start, end_date=start)

    moved = start + services.next_edition_shift(summit=summit)

    assert (moved, moved.weekday()) == (expected, start.weekday())
