"""What a guest and the organizers see of seats: a cancelled registration holds none anywhere (the guest's page,
the CSV export, the badge, the agenda, the dashboard), and a guest on a waiting list sees their place in it."""

import csv
import datetime
import io
import zoneinfo

import icalendar
import pytest
import time_machine
from django.urls import reverse

from core.models import OutgoingEmail
from guests import links, selectors
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import ForumChoice
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def summit():
    return SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))


@pytest.fixture
def forum(summit):
    return ForumFactory(summit=summit, title="Artificial Intelligence Forum", title_zh_hans="人工智能论坛",
                        seat_quota=1, start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 12))


@pytest.fixture
def second_forum(summit):
    return ForumFactory(summit=summit, title="Data Governance Forum", title_zh_hans="数据治理论坛", seat_quota=1,
                        start=at(2027, 1, 21, 9), end=at(2027, 1, 21, 12))


def waiting(forum, *, minute: int, **registration_fields) -> ForumChoice:
    """A choice on the forum's waiting list since 1 December 2026 at 09:<minute>."""
    registration = RegistrationFactory(summit=forum.summit, **registration_fields)
    return ForumChoiceFactory(registration=registration, forum=forum, seat_status=SeatStatus.WAITLISTED,
                              waitlisted_at=at(2026, 12, 1, 9, minute))


def csv_rows(response) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {row["id"]: row for row in rows}


# --- A cancelled registration holds no seat ----------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_a_cancelled_registration_shows_no_seat_on_the_guests_page_nor_in_the_organizers_csv(
    client, admin_client, summit, forum, second_forum
):
    SessionFactory(forum=forum, title="Opening keynote")
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED,
                                       guest=GuestFactory(full_name="Ada Lovelace"))
    ForumChoiceFactory(registration=registration, forum=forum)
    ForumChoiceFactory(registration=registration, forum=second_forum, seat_status=SeatStatus.WAITLISTED,
                       waitlisted_at=at(2026, 12, 1, 9))
    next_in_line = waiting(forum, minute=30)
    path = links.manage_url(registration, absolute=False)

    cancelled = client.post(path + "cancel/", follow=True)

    page = cancelled.content.decode()
    assert cancelled.redirect_chain == [(path, 302)]
    assert "Your registration is cancelled: you hold no seat and no place on a waiting list." in page
    assert "Artificial Intelligence Forum" not in page and "Data Governance Forum" not in page
    assert 'class="seat' not in page and "Seated" not in page and "On the waiting list" not in page
    # The seat went to the next guest waiting, who is told once.
    next_in_line.refresh_from_db()
    assert next_in_line.seat_status == SeatStatus.SEATED
    assert OutgoingEmail.objects.filter(key__contains=":promoted:").count() == 1
    assert OutgoingEmail.objects.get(key__contains=":promoted:").to == next_in_line.registration.guest.email
    # The organizers' export: the cancelled row holds no forum, seated or waiting; the promoted guest holds it.
    exported = admin_client.post(reverse("admin:guests_registration_changelist"), {
        "action": "export_csv", "_selected_action": [str(registration.pk), str(next_in_line.registration.pk)],
    })
    rows = csv_rows(exported)
    assert (rows[str(registration.pk)]["status"], rows[str(registration.pk)]["forums (seated)"],
            rows[str(registration.pk)]["forums (waitlisted)"]) == ("Cancelled", "", "")
    assert rows[str(next_in_line.registration.pk)]["forums (seated)"] == "Artificial Intelligence Forum"
    # Nor on the badge, the agenda or the dashboard.
    assert client.get(path + "badge.png").status_code == 404
    agenda = icalendar.Calendar.from_ical(client.get(path + "agenda.ics").content)
    assert list(agenda.walk("VEVENT")) == []
    dashboard = admin_client.get(reverse("admin:guests_registration_dashboard") + f"?summit={summit.pk}")
    fill = {row.forum.pk: (row.seated, row.waitlisted) for row in dashboard.context["dashboard"].forums}
    assert fill == {forum.pk: (1, 0), second_forum.pk: (0, 0)}


def test_a_rejected_registration_releases_its_seats_in_the_data_itself(admin_client, summit, forum):
    registration = RegistrationFactory(summit=summit)
    ForumChoiceFactory(registration=registration, forum=forum)

    admin_client.post(reverse("admin:guests_registration_changelist"), {
        "action": "reject_selected", "_selected_action": [str(registration.pk)],
    })

    assert list(registration.forum_choices.values_list("seat_status", "waitlisted_at")) == [
        (SeatStatus.RELEASED, None)]
    page = admin_client.get(reverse("admin:guests_registration_change", args=[registration.pk])).content.decode()
    assert "Released" in page and "Seated" not in page


# --- A guest's place on the waiting list -------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "third", "first"), [
    ("en", "You are number 3 on the waiting list for “Artificial Intelligence Forum”.",
     "You are number 1 on the waiting list for “Data Governance Forum”."),
    ("zh-hans", "您在“人工智能论坛”的候补名单中排第3位。", "您在“数据治理论坛”的候补名单中排第1位。"),
])
def test_a_waitlisted_guest_sees_their_place_on_the_waiting_list_of_each_forum(
    client, summit, forum, second_forum, lang, third, first
):
    waiting(forum, minute=1)
    waiting(forum, minute=2, status=RegistrationStatus.VERIFIED)
    waiting(forum, minute=3, status=RegistrationStatus.CANCELLED).registration.forum_choices.update(
        seat_status=SeatStatus.RELEASED)  # left: no longer ahead of anyone
    mine = waiting(forum, minute=4, guest=GuestFactory(language=lang))
    ForumChoiceFactory(registration=mine.registration, forum=second_forum, seat_status=SeatStatus.WAITLISTED,
                       waitlisted_at=at(2026, 12, 1, 8))  # first in that queue
    waiting(forum, minute=5)  # behind

    response = client.get(links.manage_url(mine.registration, absolute=False))

    page = response.content.decode()
    assert third in page and first in page


def test_waiting_places_are_read_in_one_query_whatever_the_forums(summit, django_assert_max_num_queries):
    mine = RegistrationFactory(summit=summit)
    for number in range(6):
        forum = ForumFactory(summit=summit, seat_quota=1, start=at(2027, 1, 20, 9) + datetime.timedelta(hours=number),
                             end=at(2027, 1, 20, 10) + datetime.timedelta(hours=number))
        for ahead in range(number):
            waiting(forum, minute=ahead)
        ForumChoiceFactory(registration=mine, forum=forum, seat_status=SeatStatus.WAITLISTED,
                           waitlisted_at=at(2026, 12, 1, 10))

    with django_assert_max_num_queries(1):
        choices = selectors.registration_choices(mine)
        places = [choice.waiting_place for choice in choices]

    assert places == [1, 2, 3, 4, 5, 6]
    assert all(choice.forum.room is not None for choice in choices)  # the room came with the same query


def test_the_guests_page_with_waiting_places_still_costs_two_queries(client, summit, django_assert_max_num_queries):
    mine = RegistrationFactory(summit=summit)
    for number in range(5):
        forum = ForumFactory(summit=summit, seat_quota=1, start=at(2027, 1, 20, 9) + datetime.timedelta(hours=number),
                             end=at(2027, 1, 20, 10) + datetime.timedelta(hours=number))
        waiting(forum, minute=number)
        ForumChoiceFactory(registration=mine, forum=forum, seat_status=SeatStatus.WAITLISTED,
                           waitlisted_at=at(2026, 12, 1, 10))
    path = links.manage_url(mine, absolute=False)

    with django_assert_max_num_queries(2):
        response = client.get(path)

    assert response.content.decode().count("You are number 2 on the waiting list") == 5
