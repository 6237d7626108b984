"""The guests dashboard in the admin: exact figures on a small edition, and queries that do not grow with it."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.enums import ForumKind
from guests.dashboard import SECTION_BUILDERS
from guests.enums import GuestCategory, Participation, RegistrationStatus, SeatStatus
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "admin:guests_registration_dashboard"


def register(summit, country, category, *, status=RegistrationStatus.APPROVED, participation=Participation.OFFLINE,
             forums=()):
    registration = RegistrationFactory(
        summit=summit, guest=GuestFactory(country=country, category=category), status=status,
        participation=participation,
    )
    for forum, seat_status in forums:
        ForumChoiceFactory(registration=registration, forum=forum, seat_status=seat_status)
    return registration


@pytest.fixture
def edition():
    """Six registrations of 2024 (one rejected, one cancelled) in two forums, and one of 2023 that must not count."""
    summit = SummitFactory(year=2024)
    quota_forum = ForumFactory(summit=summit, title="AI Forum", room=RoomFactory(capacity=200), seat_quota=2)
    open_forum = ForumFactory(summit=summit, title="Online Forum", room=None, seat_quota=None)
    ForumFactory(summit=summit, title="Press conference", kind=ForumKind.PRESS_CONFERENCE)
    seated, waiting = SeatStatus.SEATED, SeatStatus.WAITLISTED
    register(summit, "CN", GuestCategory.GOVERNMENT, forums=[(quota_forum, seated)])
    register(summit, "CN", GuestCategory.MEDIA, status=RegistrationStatus.VERIFIED, forums=[(quota_forum, seated)])
    register(summit, "FR", GuestCategory.ENTERPRISE, status=RegistrationStatus.SUBMITTED,
             forums=[(quota_forum, waiting)])
    register(summit, "US", GuestCategory.UNIVERSITY, participation=Participation.ONLINE,
             forums=[(quota_forum, seated), (open_forum, seated)])
    register(summit, "KE", GuestCategory.GOVERNMENT, status=RegistrationStatus.REJECTED,
             forums=[(quota_forum, seated)])
    register(summit, "JP", GuestCategory.MEDIA, status=RegistrationStatus.CANCELLED)
    earlier = SummitFactory(year=2023)
    register(earlier, "BR", GuestCategory.OTHER, forums=[(ForumFactory(summit=earlier), seated)])
    return {"summit": summit, "quota_forum": quota_forum, "open_forum": open_forum}


def counts(bars) -> dict[str, int]:
    return {bar.key: bar.count for bar in bars}


def test_dashboard_figures_are_exact_for_a_small_edition(admin_client, edition):
    response = admin_client.get(reverse(DASHBOARD), {"summit": edition["summit"].pk})

    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert (dashboard.summit, dashboard.registration_count, dashboard.guest_count, dashboard.country_count) == (
        edition["summit"], 6, 4, 3)
    assert counts(dashboard.by_status) == {
        "submitted": 1, "verified": 1, "approved": 2, "rejected": 1, "cancelled": 1, "checked_in": 0}
    assert [(bar.key, bar.count, bar.percent) for bar in dashboard.by_country] == [
        ("CN", 2, 50.0), ("FR", 1, 25.0), ("US", 1, 25.0)]
    assert [(bar.label, bar.count) for bar in dashboard.by_continent] == [("Asia", 2), ("Europe", 1),
                                                                         ("North America", 1)]
    assert counts(dashboard.by_category) == {
        "government": 1, "media": 1, "enterprise": 1, "university": 1, "international_organisation": 0,
        "industry_association": 0, "research_institute": 0, "other": 0}
    assert counts(dashboard.by_participation) == {"offline": 3, "online": 1}
    assert [(fill.forum.title, fill.capacity, fill.seated, fill.waitlisted, fill.online, fill.is_full)
            for fill in dashboard.forums] == [
        ("AI Forum", 2, 2, 1, 1, True),
        ("Online Forum", None, 0, 0, 1, False),
    ]


def test_dashboard_draws_bars_as_meters_without_script(admin_client, edition):
    response = admin_client.get(reverse(DASHBOARD), {"summit": edition["summit"].pk})

    content = response.content.decode()
    assert '<meter min="0" max="2" value="2">100.0%</meter>' in content  # the AI forum, full
    assert '<meter min="0" max="4" value="2">50.0%</meter>' in content  # guests from China
    assert "No limit" in content
    main = content.split('id="content-main"', 1)[1].split('<footer', 1)[0]
    assert "<script" not in main and "style=" not in main
    assert "guests/admin-dashboard.css" in content


def test_dashboard_shows_the_latest_summit_when_none_is_asked(admin_client, edition):
    response = admin_client.get(reverse(DASHBOARD))

    assert response.context["summit"] == edition["summit"]
    assert response.context["dashboard"].registration_count == 6


def test_dashboard_answers_404_for_an_unknown_summit(admin_client, edition):
    assert admin_client.get(reverse(DASHBOARD), {"summit": "999999"}).status_code == 404
    assert admin_client.get(reverse(DASHBOARD), {"summit": "abc"}).status_code == 404


def test_dashboard_says_so_when_there_is_no_summit(admin_client):
    response = admin_client.get(reverse(DASHBOARD))

    assert response.status_code == 200
    assert "No summit yet." in response.content.decode()


def test_dashboard_is_refused_to_staff_who_cannot_view_registrations(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_guest"))
    client.force_login(user)

    assert client.get(reverse(DASHBOARD)).status_code == 403


def test_dashboard_opens_for_an_organizer_from_the_registration_list(organizer_client, edition):
    changelist = organizer_client.get(reverse("admin:guests_registration_changelist"),
                                      {"summit__id__exact": edition["summit"].pk})
    link = f'{reverse(DASHBOARD)}?summit={edition["summit"].pk}'

    assert link in changelist.content.decode()
    assert organizer_client.get(link).context["dashboard"].guest_count == 4


def fill_edition(size: int):
    summit = SummitFactory(year=2024)
    forums = ForumFactory.create_batch(3, summit=summit, seat_quota=10)
    countries = ["CN", "FR", "US", "KE", "BR", "JP", "DE"]
    for number in range(size):
        register(summit, countries[number % len(countries)], GuestCategory.values[number % 8],
                 forums=[(forums[number % 3], SeatStatus.SEATED), (forums[(number + 1) % 3], SeatStatus.WAITLISTED)])
    return summit


@pytest.mark.parametrize("size", [5, 50])
def test_dashboard_reads_a_fixed_number_of_queries_whatever_the_number_of_guests(
    admin_client, django_assert_max_num_queries, size
):
    summit = fill_edition(size)

    # Session and user, the summits, the figures (one), the countries (one), the forums, their seats and the seats
    # held for invitees (three), and one for each section an app registers (invitations, visa letters, the press,
    # delegations).
    with django_assert_max_num_queries(8 + len(SECTION_BUILDERS)):
        response = admin_client.get(reverse(DASHBOARD), {"summit": summit.pk})

    assert response.context["dashboard"].registration_count == size


def test_dashboard_queries_are_the_same_for_5_and_50_guests(admin_client):
    def queries_for(size: int) -> int:
        summit = fill_edition(size)
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(reverse(DASHBOARD), {"summit": summit.pk})
        summit.registrations.all().delete()
        return len(captured)

    assert queries_for(5) == queries_for(50)
