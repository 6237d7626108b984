"""The guests' pages through HTTP: registration, verification, the guest's own page and the agenda feed."""

import datetime
import re

import icalendar
import pytest
from django.urls import reverse

from core.enums import PublicationStatus
from core.models import OutgoingEmail
from forums.enums import ForumKind
from guests import links
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import ForumChoice, Guest, Registration
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

REGISTER = "/{lang}/summits/2024/register/"
THANKS = "/{lang}/summits/2024/register/thanks/"


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


@pytest.fixture
def forum(summit):
    return ForumFactory(summit=summit, title="Artificial Intelligence Forum", title_zh_hans="人工智能论坛",
                        room=RoomFactory(capacity=200))


@pytest.fixture
def second_forum(summit):
    return ForumFactory(summit=summit, title="Data Governance Forum", start=at(2024, 11, 20, 9),
                        end=at(2024, 11, 20, 12))


def form_data(chosen, **overrides) -> dict:
    data = {
        "email": "  Ada@Example.ORG ",
        "full_name": "Ada Lovelace",
        "native_name": "",
        "title": "Chief Scientist",
        "organization_name": "Analytical Engines",
        "category": "research_institute",
        "country": "GB",
        "phone": "+44 (20) 7946-0000",
        "participation": "offline",
        "forums": [str(forum.pk) for forum in chosen],
        "needs": "Vegetarian meals",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def manage_path(registration) -> str:
    """The guest's own page. The signed token holds a timestamp: make it once per test, then reuse it."""
    return links.manage_url(registration, absolute=False)


# --- The registration form --------------------------------------------------------------------------------------


def test_register_page_lists_the_forums_guests_can_choose_with_time_and_seats_left(client, summit, forum):
    ForumChoiceFactory(forum=forum, registration=RegistrationFactory(summit=summit))
    ForumFactory(summit=summit, title="Press conference", kind=ForumKind.PRESS_CONFERENCE)
    ForumFactory(summit=summit, title="Draft forum", status=PublicationStatus.DRAFT)

    response = client.get(REGISTER.format(lang="en"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Artificial Intelligence Forum" in content
    assert "Nov. 19, 2024 09:00" in content and "17:00" in content
    assert "On site: 199 seats left" in content
    assert "Press conference" not in content and "Draft forum" not in content
    assert 'name="website"' in content and 'class="hp" aria-hidden="true"' in content
    assert reverse("guests:privacy", kwargs={"year": 2024}) in content


def test_register_page_is_never_kept_by_a_cache(client, summit, forum):
    """The form carries the visitor's CSRF token (and, after a POST, what they typed): no shared or browser cache."""
    response = client.get(REGISTER.format(lang="en"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_register_page_in_chinese_names_forums_and_countries_in_chinese(client, forum):
    content = client.get(REGISTER.format(lang="zh-hans")).content.decode()

    assert "人工智能论坛" in content
    assert '<option value="GB">英国</option>' in content
    assert "2024年11月19日 09:00" in content


def test_register_page_says_when_a_forum_is_full(client, summit):
    full = ForumFactory(summit=summit, seat_quota=1)
    ForumChoiceFactory(forum=full, registration=RegistrationFactory(summit=summit))

    response = client.get(REGISTER.format(lang="en"))

    assert "On site: full, waiting list" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_register_saves_the_registration_and_queues_the_verification_email_when_valid(client, forum, lang):
    response = client.post(REGISTER.format(lang=lang), form_data([forum]))

    assert response.status_code == 302
    assert response["Location"] == THANKS.format(lang=lang)
    registration = Registration.objects.select_related("guest").get()
    guest = registration.guest
    assert (guest.email, guest.full_name, guest.phone, guest.country.code, guest.category, guest.language) == (
        "ada@example.org", "Ada Lovelace", "+44 (20) 7946-0000", "GB", "research_institute", lang)
    assert (registration.status, registration.participation, registration.needs) == (
        RegistrationStatus.SUBMITTED, "offline", "Vegetarian meals")
    assert list(ForumChoice.objects.values_list("registration_id", "forum_id", "seat_status")) == [
        (registration.pk, forum.pk, SeatStatus.SEATED)]
    email = OutgoingEmail.objects.get()
    assert (email.key, email.to, email.language) == (
        f"registration:{registration.pk}:verification:1", "ada@example.org", lang)
    assert f"/{lang}/summits/2024/registration/" in email.body_text


def test_registered_page_asks_the_guest_to_check_their_email(client, summit):
    response = client.get(THANKS.format(lang="en"))

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()


def test_register_shows_field_errors_in_chinese_when_the_page_is_chinese(client, forum):
    response = client.post(REGISTER.format(lang="zh-hans"), form_data([forum], email=""))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["该字段是必填项。"]
    assert '<ul class="errorlist" id="id_email_error"><li>该字段是必填项。</li></ul>' in response.content.decode()
    assert not Registration.objects.exists()


def test_register_shows_invalid_email_error_in_chinese(client, forum):
    response = client.post(REGISTER.format(lang="zh-hans"), form_data([forum], email="not-an-address"))

    assert response.context["form"].errors["email"] == ["请输入合法的邮件地址。"]


REQUIRED = "This field is required."


def invalid_choice(value) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."


def too_long(limit: int, length: int) -> str:
    return f"Ensure this value has at most {limit} characters (it has {length})."


PHONE_ERROR = "Enter a phone number of 6 to 20 digits; spaces, +, - and brackets are allowed."

BAD_INPUT = [
    ("email", "", REQUIRED),
    ("email", "not-an-address", "Enter a valid email address."),
    ("email", "ada@", "Enter a valid email address."),
    ("email", "a" * 250 + "@example.org", too_long(254, 262)),
    ("full_name", "", REQUIRED),
    ("full_name", "   ", REQUIRED),
    ("full_name", "x" * 201, too_long(200, 201)),
    ("full_name", "Ada\x00", "Null characters are not allowed."),
    ("native_name", "阿" * 201, too_long(200, 201)),
    ("title", "", REQUIRED),
    ("title", "x" * 301, too_long(300, 301)),
    ("organization_name", "", REQUIRED),
    ("organization_name", "x" * 301, too_long(300, 301)),
    ("category", "", REQUIRED),
    ("category", "astronaut", invalid_choice("astronaut")),
    ("country", "", REQUIRED),
    ("country", "XX", invalid_choice("XX")),
    ("phone", "", REQUIRED),
    ("phone", "12345", PHONE_ERROR),
    ("phone", "call me", PHONE_ERROR),
    ("phone", "+86 571 ext. 12345678", PHONE_ERROR),
    ("phone", "1" * 21, PHONE_ERROR),
    ("phone", "1" * 41, too_long(40, 41)),
    ("participation", "", REQUIRED),
    ("participation", "hybrid", invalid_choice("hybrid")),
    ("forums", [], "Choose at least one forum."),
    ("forums", ["999999"], invalid_choice("999999")),
    ("forums", ["abc"], invalid_choice("abc")),
    ("needs", "x" * 2001, too_long(2000, 2001)),
    ("consent", "", "You can register only if you accept the privacy notice."),
]


@pytest.mark.parametrize(("field", "value", "error"), BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in
                                                                       enumerate(BAD_INPUT)])
def test_register_shows_the_field_error_and_saves_nothing_when_a_field_is_wrong(client, forum, field, value, error):
    response = client.post(REGISTER.format(lang="en"), form_data([forum], **{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert error.replace("'", "&#x27;") in response.content.decode()
    assert not Guest.objects.exists() and not Registration.objects.exists() and not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("kind", [ForumKind.PRESS_CONFERENCE, "draft", "other_summit"])
def test_register_refuses_forums_not_open_to_registration(client, forum, kind):
    if kind == "draft":
        closed = ForumFactory(summit=forum.summit, status=PublicationStatus.DRAFT)
    elif kind == "other_summit":
        closed = ForumFactory(summit=SummitFactory(year=2023))
    else:
        closed = ForumFactory(summit=forum.summit, kind=kind)

    response = client.post(REGISTER.format(lang="en"), form_data([forum, closed]))

    assert response.status_code == 200
    assert response.context["form"].errors["forums"] == [invalid_choice(closed.pk)]
    assert not Registration.objects.exists()


def test_register_pretends_success_and_saves_nothing_when_the_honeypot_is_filled(client, forum):
    response = client.post(REGISTER.format(lang="en"), form_data([forum], website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == THANKS.format(lang="en")
    assert not Guest.objects.exists() and not Registration.objects.exists() and not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(("lang", "message"), [("en", "Too many attempts"), ("zh-hans", "尝试次数过多")])
def test_register_answers_429_past_the_rate_limit_per_address(client, settings, forum, lang, message):
    settings.REGISTRATION_RATE_LIMIT = 2
    url = REGISTER.format(lang=lang)
    statuses = [client.post(url, form_data([forum], email=f"g{n}@example.org")).status_code for n in range(2)]

    refused = client.post(url, form_data([forum], email="g3@example.org"))
    other_address = client.post(url, form_data([forum], email="g4@example.org"), REMOTE_ADDR="192.0.2.7")

    assert statuses == [302, 302]
    assert refused.status_code == 429
    assert message in refused.content.decode()
    assert f'<html lang="{lang}">' in refused.content.decode()
    assert other_address.status_code == 302
    assert sorted(Guest.objects.values_list("email", flat=True)) == [
        "g0@example.org", "g1@example.org", "g4@example.org"]


def test_register_counts_invalid_posts_against_the_rate_limit(client, settings, forum):
    settings.REGISTRATION_RATE_LIMIT = 1
    client.post(REGISTER.format(lang="en"), form_data([forum], email=""))

    response = client.post(REGISTER.format(lang="en"), form_data([forum]))

    assert response.status_code == 429
    assert not Registration.objects.exists()


def test_register_twice_with_the_same_email_shows_the_same_page_and_keeps_one_registration(client, forum):
    first = client.post(REGISTER.format(lang="en"), form_data([forum]), follow=True)
    second = client.post(REGISTER.format(lang="en"), form_data([forum], email="ADA@example.org",
                                                               full_name="Somebody Else"), follow=True)

    assert first.redirect_chain == second.redirect_chain == [(THANKS.format(lang="en"), 302)]
    assert first.content == second.content
    registration = Registration.objects.select_related("guest").get()
    assert registration.guest.full_name == "Ada Lovelace"
    kinds = sorted(key.split(":")[2] for key in OutgoingEmail.objects.values_list("key", flat=True))
    assert kinds == ["existing", "verification"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_register_is_404_for_an_unpublished_or_unknown_summit(client, method):
    SummitFactory(year=2025, status=PublicationStatus.DRAFT)

    draft = getattr(client, method)("/en/summits/2025/register/")
    unknown = getattr(client, method)("/en/summits/2031/register/")

    assert (draft.status_code, unknown.status_code) == (404, 404)
    assert not Registration.objects.exists()


def test_a_past_edition_takes_no_registration_and_points_to_the_current_one(client, summit):
    SummitFactory(year=2023)

    page = client.get("/en/summits/2023/register/")
    refused = client.post("/en/summits/2023/register/", {
        "full_name": "Ada Lovelace", "email": "ada@example.org", "participation": "online", "consent": "on",
    })

    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Registration is closed</h1>" in html
    assert "<form" not in html.split("<main", 1)[1]
    assert 'href="/en/summits/2024/register/"' in html
    assert refused.status_code == 403
    assert not Registration.objects.exists()


def test_privacy_notice_is_linked_and_readable(client, summit):
    response = client.get(reverse("guests:privacy", kwargs={"year": 2024}))

    assert response.status_code == 200
    assert "Privacy notice" in response.content.decode()


def test_register_page_query_count_does_not_grow_with_the_forums(client, summit, django_assert_max_num_queries):
    for _number in range(12):
        forum = ForumFactory(summit=summit)
        ForumChoiceFactory(forum=forum, registration=RegistrationFactory(summit=summit, guest=GuestFactory()))
        SessionFactory(forum=forum)

    with django_assert_max_num_queries(4):  # the summit, the forums, their seats, the seats held for invitees
        response = client.get(REGISTER.format(lang="en"))

    assert response.content.decode().count('name="forums"') == 12


# --- Verification ----------------------------------------------------------------------------------------------


def test_verify_link_confirms_the_email_and_links_to_the_guest_page(client, summit):
    registration = RegistrationFactory(summit=summit)

    response = client.post(links.verify_url(registration, absolute=False), follow=True)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Your email address is confirmed" in content
    main = content[content.index("<main"):]  # the header's language links point to this verify page itself
    manage_link = re.search(r'href="(/en/summits/2024/registration/[^"]+/)"', main).group(1)
    assert links.registration_for_manage_token(manage_link.split("/")[-2]) == registration
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VERIFIED
    assert OutgoingEmail.objects.filter(key=f"registration:{registration.pk}:received:1").exists()
    assert "no-store" in response["Cache-Control"]


def test_verify_link_opened_twice_still_confirms_and_emails_once(client, summit):
    registration = RegistrationFactory(summit=summit)
    url = links.verify_url(registration, absolute=False)

    client.post(url)
    response = client.post(url, follow=True)

    assert "Your email address is confirmed" in response.content.decode()
    assert OutgoingEmail.objects.filter(key__contains=":received:").count() == 1


@pytest.mark.parametrize("token", ["garbage", "MQ:1xV:forged"])
def test_verify_link_with_a_bad_token_is_a_friendly_404(client, summit, token):
    response = client.get(reverse("guests:verify", kwargs={"year": 2024, "token": token}))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_verify_link_expires(client, summit, settings, monkeypatch):
    registration = RegistrationFactory(summit=summit)
    real_time = __import__("time").time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real_time() - 15 * 24 * 3600)
    url = links.verify_url(registration, absolute=False)
    monkeypatch.undo()

    response = client.get(url)

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_manage_token_is_not_a_verify_token(client, summit):
    registration = RegistrationFactory(summit=summit)
    token = links.manage_token(registration)

    response = client.get(reverse("guests:verify", kwargs={"year": 2024, "token": token}))

    assert response.status_code == 404


# --- The guest's own page --------------------------------------------------------------------------------------


def test_manage_page_shows_the_registration_and_its_seats(client, summit, forum, second_forum):
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.VERIFIED,
                                       guest=GuestFactory(full_name="Ada Lovelace"))
    ForumChoiceFactory(registration=registration, forum=forum)
    ForumChoiceFactory(registration=registration, forum=second_forum, seat_status=SeatStatus.WAITLISTED)

    path = manage_path(registration)

    response = client.get(path)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ada Lovelace" in content and "Email verified" in content and "On site in Wuzhen" in content
    assert "Artificial Intelligence Forum" in content and "Data Governance Forum" in content
    assert '<span class="seat seat-seated">Seated</span>' in content
    assert '<span class="seat seat-waitlisted">On the waiting list</span>' in content
    assert "badge.png" not in content
    assert f"webcal://testserver{path}agenda.ics" in content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("token", ["garbage", "MQ:1xV:forged"])
def test_manage_page_with_a_bad_token_is_a_friendly_404(client, summit, token):
    response = client.get(reverse("guests:manage", kwargs={"year": 2024, "token": token}))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_manage_page_is_404_under_another_year(client, summit):
    registration = RegistrationFactory(summit=summit)
    token = links.manage_token(registration)

    response = client.get(reverse("guests:manage", kwargs={"year": 2023, "token": token}))

    assert response.status_code == 404


def test_manage_page_query_count_does_not_grow_with_the_forums(client, summit, django_assert_max_num_queries):
    registration = RegistrationFactory(summit=summit)
    for _number in range(10):
        ForumChoiceFactory(registration=registration, forum=ForumFactory(summit=summit))

    with django_assert_max_num_queries(2):
        response = client.get(manage_path(registration))

    assert response.content.decode().count('class="seat seat-seated"') == 10


def test_change_forums_page_ticks_the_current_forums(client, summit, forum, second_forum):
    registration = RegistrationFactory(summit=summit)
    ForumChoiceFactory(registration=registration, forum=forum)

    response = client.get(manage_path(registration) + "forums/")

    assert response.status_code == 200
    assert response.context["form"]["forums"].value() == [forum.pk]


def test_change_forums_swaps_the_forums_and_frees_the_seat(client, summit, forum, second_forum):
    registration = RegistrationFactory(summit=summit)
    ForumChoiceFactory(registration=registration, forum=forum)

    path = manage_path(registration)

    response = client.post(path + "forums/", {"forums": [str(second_forum.pk)]}, follow=True)

    assert response.redirect_chain == [(path, 302)]
    assert "Your forums are updated." in response.content.decode()
    assert list(registration.forum_choices.values_list("forum_id", "seat_status")) == [
        (second_forum.pk, SeatStatus.SEATED)]


def test_change_forums_with_no_forum_shows_the_error(client, summit, forum):
    registration = RegistrationFactory(summit=summit)
    ForumChoiceFactory(registration=registration, forum=forum)

    response = client.post(manage_path(registration) + "forums/", {})

    assert response.status_code == 200
    assert response.context["form"].errors["forums"] == ["Choose at least one forum."]
    assert list(registration.forum_choices.values_list("forum_id", flat=True)) == [forum.pk]


def test_change_forums_of_a_cancelled_registration_goes_back_to_its_page(client, summit, forum):
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.CANCELLED)

    response = client.post(manage_path(registration) + "forums/", {"forums": [str(forum.pk)]})

    assert response.status_code == 302
    assert not registration.forum_choices.exists()


def test_cancel_asks_for_confirmation_first(client, summit):
    registration = RegistrationFactory(summit=summit)

    response = client.get(manage_path(registration) + "cancel/")

    assert response.status_code == 200
    assert "Yes, cancel my registration" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_cancel_cancels_emails_and_gives_the_seat_to_the_next_guest(client, summit):
    small = ForumFactory(summit=summit, seat_quota=1)
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)
    ForumChoiceFactory(registration=registration, forum=small)
    waiting = ForumChoiceFactory(registration=RegistrationFactory(summit=summit), forum=small,
                                 seat_status=SeatStatus.WAITLISTED, waitlisted_at=at(2024, 10, 1, 9))

    path = manage_path(registration)

    response = client.post(path + "cancel/", follow=True)

    assert response.redirect_chain == [(path, 302)]
    content = response.content.decode()
    assert "Your registration is cancelled." in content and "Cancelled" in content
    assert "Change forums" not in content and "Cancel your registration" not in content
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert waiting.seat_status == SeatStatus.SEATED
    assert OutgoingEmail.objects.filter(key=f"registration:{registration.pk}:cancelled:1").exists()


# --- The agenda feed -------------------------------------------------------------------------------------------


def test_agenda_ics_has_one_event_per_session_of_the_seated_forums(client, summit, forum, second_forum):
    registration = RegistrationFactory(summit=summit, guest=GuestFactory(language="zh-hans"))
    ForumChoiceFactory(registration=registration, forum=forum)
    ForumChoiceFactory(registration=registration, forum=second_forum, seat_status=SeatStatus.WAITLISTED)
    opening = SessionFactory(forum=forum, title="Keynote", title_zh_hans="主旨演讲")
    panel = SessionFactory(forum=forum, start=at(2024, 11, 19, 14), end=at(2024, 11, 19, 15, 30))
    SessionFactory(forum=forum, start=at(2024, 11, 19, 16), status=PublicationStatus.DRAFT)
    SessionFactory(forum=second_forum)
    SessionFactory(forum=ForumFactory(summit=summit))

    response = client.get(manage_path(registration) + "agenda.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [f"{opening.guid}@127.0.0.1", f"{panel.guid}@127.0.0.1"]
    first = events[0]
    assert str(first["SUMMARY"]) == "主旨演讲"
    assert first["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert first.decoded("DTSTART") == at(2024, 11, 19, 9)
    assert events[1].decoded("DTEND") == at(2024, 11, 19, 15, 30)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_agenda_ics_is_empty_once_cancelled(client, summit, forum):
    registration = RegistrationFactory(summit=summit, status=RegistrationStatus.CANCELLED)
    ForumChoiceFactory(registration=registration, forum=forum)
    SessionFactory(forum=forum)

    response = client.get(manage_path(registration) + "agenda.ics")

    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []


def test_agenda_ics_follows_a_session_that_moves(client, summit, forum):
    registration = RegistrationFactory(summit=summit)
    ForumChoiceFactory(registration=registration, forum=forum)
    session = SessionFactory(forum=forum)
    feed = manage_path(registration) + "agenda.ics"
    before = icalendar.Calendar.from_ical(client.get(feed).content)

    session.start, session.end = at(2024, 11, 19, 11), at(2024, 11, 19, 12)
    session.save()
    after = icalendar.Calendar.from_ical(client.get(feed).content)

    assert str(before.walk("VEVENT")[0]["UID"]) == str(after.walk("VEVENT")[0]["UID"])
    assert after.walk("VEVENT")[0].decoded("DTSTART") == at(2024, 11, 19, 11)
    assert after.walk("VEVENT")[0].decoded("DTSTART") - before.walk("VEVENT")[0].decoded("DTSTART") == (
        datetime.timedelta(hours=2))


def _verify_over_http(client, registration):
    assert client.post(links.verify_url(registration, absolute=False)).status_code == 302


def test_a_returning_guests_new_details_wait_for_the_address_to_be_confirmed(client, forum):
    """Whoever types the address of a guest whose registration was cancelled must not rewrite that guest's name
    and organisation: the new details apply once the new registration's address is confirmed."""
    assert client.post(REGISTER.format(lang="en"), form_data([forum])).status_code == 302
    first = Registration.objects.get()
    _verify_over_http(client, first)
    manage = links.manage_url(first, absolute=False)
    client.post(manage + "cancel/")

    again = form_data([forum], full_name="Someone Else", organization_name="Other Org", title="Intern")
    assert client.post(REGISTER.format(lang="en"), again).status_code == 302

    guest = Guest.objects.get()
    assert (guest.full_name, guest.organization_name, guest.title) == (
        "Ada Lovelace", "Analytical Engines", "Chief Scientist")
    page = client.get(manage).content.decode()
    assert "Ada Lovelace" in page and "Someone Else" not in page and "Other Org" not in page
    second = Registration.objects.exclude(pk=first.pk).get()
    _verify_over_http(client, second)
    guest.refresh_from_db()
    assert (guest.full_name, guest.organization_name, guest.title) == ("Someone Else", "Other Org", "Intern")
    assert Registration.objects.get(pk=second.pk).submitted_details == {}


def test_bidirectional_controls_and_line_breaks_are_not_kept_in_names(client, forum):
    """An invisible right-to-left override left open in the title printed the organisation after it backwards."""
    data = form_data([forum], title="Chief\u202e RTL مدير", organization_name="Analytical\n  Engines\u2066",
                     full_name="Ada\u202d Lovelace", native_name="艾达\u202b")

    assert client.post(REGISTER.format(lang="en"), data).status_code == 302

    guest = Guest.objects.get()
    assert (guest.full_name, guest.native_name, guest.title, guest.organization_name) == (
        "Ada Lovelace", "艾达", "Chief RTL مدير", "Analytical Engines")


def test_the_cancellation_email_says_the_guest_holds_nothing_any_more(client, forum):
    assert client.post(REGISTER.format(lang="zh-hans"), form_data([forum])).status_code == 302
    registration = Registration.objects.get()
    client.post(links.manage_url(registration, absolute=False) + "cancel/")

    [email] = OutgoingEmail.objects.filter(key__contains="cancelled")
    assert "您不再占有任何席位或候补名额" in email.body_text
    assert "分配给其他嘉宾" not in email.body_text  # read as if the organizers had given the seat away


def test_a_name_written_as_a_link_arrives_as_text_in_the_html_email(client, forum):
    """The HTML email ran urlize over text already marked safe: a guest's name typed as an anchor became a live
    link in an email the site sends to any address it is given."""
    hostile = '<a href=//evil.test style="font-size:40px">CONFIRM YOUR SEAT</a>'
    assert client.post(REGISTER.format(lang="en"), form_data([forum], full_name=hostile)).status_code == 302

    [email] = OutgoingEmail.objects.all()
    assert "evil.test" in email.body_html and '<a href=//evil.test' not in email.body_html
    assert "&lt;a href=//evil.test" in email.body_html
    verify = links.verify_url(Registration.objects.get())
    assert f'<a href="{verify}"' in email.body_html  # the site's own link still a link
