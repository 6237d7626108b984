import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from guests.enums import RegistrationStatus, SeatStatus
from guests.models import Guest, Registration
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_guest_email_is_refused_when_it_differs_only_in_case():
    GuestFactory(email="A@x.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        GuestFactory(email="a@x.org")

    assert list(Guest.objects.values_list("email", flat=True)) == ["A@x.org"]


def test_guest_full_clean_names_the_duplicate_email():
    GuestFactory(email="A@x.org")
    guest = GuestFactory.build(email="a@X.org")

    with pytest.raises(ValidationError) as error:
        guest.full_clean()

    assert error.value.messages == ["A guest with this email address already exists."]


def test_registration_second_active_one_is_refused_for_the_same_guest_and_summit():
    first = RegistrationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(guest=first.guest, summit=first.summit, status=RegistrationStatus.APPROVED)

    assert Registration.objects.count() == 1


def test_registration_new_one_is_allowed_when_the_earlier_one_was_cancelled():
    cancelled = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    again = RegistrationFactory(guest=cancelled.guest, summit=cancelled.summit)

    assert set(cancelled.guest.registrations.values_list("pk", "status")) == {
        (cancelled.pk, RegistrationStatus.CANCELLED),
        (again.pk, RegistrationStatus.SUBMITTED),
    }


def test_registration_same_guest_may_register_for_two_summits():
    first = RegistrationFactory(summit=SummitFactory(year=2023))

    RegistrationFactory(guest=first.guest, summit=SummitFactory(year=2024))

    assert first.guest.registrations.count() == 2


def test_registration_badge_tokens_are_unguessable_and_distinct():
    first, second = RegistrationFactory(), RegistrationFactory()

    assert len(first.badge_token) == 32
    assert first.badge_token != second.badge_token


def test_forum_choice_same_forum_twice_is_refused():
    choice = ForumChoiceFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ForumChoiceFactory(registration=choice.registration, forum=choice.forum, seat_status=SeatStatus.WAITLISTED)

    assert choice.registration.forum_choices.count() == 1


def test_forum_choice_full_clean_refuses_a_forum_of_another_summit():
    registration = RegistrationFactory(summit=SummitFactory(year=2024))
    choice = ForumChoiceFactory.build(
        registration=registration, forum=ForumFactory(summit=SummitFactory(year=2023)), seat_status=SeatStatus.SEATED
    )

    with pytest.raises(ValidationError) as error:
        choice.full_clean()

    assert error.value.message_dict == {"forum": ["Choose a forum of the summit this registration is for."]}
