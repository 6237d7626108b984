"""What a guest or an organizer typed never breaks the email it ends in: a forum title over the subject's column,
or with a line break, gives a one-line subject that fits, and the registration that queues it is saved."""

import pytest

from core.enums import EmailStatus
from core.models import OutgoingEmail
from guests.enums import SeatStatus
from guests.models import ForumChoice, Registration
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.summits import SummitFactory
from tests.guests.test_views import REGISTER, THANKS, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.smtp]


def test_a_waitlisted_registration_for_a_forum_with_a_long_multi_line_title_is_saved_and_emailed(
    client, smtp_server, django_capture_on_commit_callbacks
):
    summit = SummitFactory(year=2024)
    title = "Forum on\r\nDigital Cooperation " + "and Shared Futures in Cyberspace " * 8  # ~290 characters
    full = ForumFactory(summit=summit, title=title.strip()[:300], seat_quota=1)
    ForumChoiceFactory(forum=full, registration=RegistrationFactory(summit=summit))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER.format(lang="en"), form_data([full]))

    assert (response.status_code, response["Location"]) == (302, THANKS.format(lang="en"))
    registration = Registration.objects.get(guest__email="ada@example.org")
    assert ForumChoice.objects.get(registration=registration).seat_status == SeatStatus.WAITLISTED
    waitlisted = OutgoingEmail.objects.get(key__startswith=f"registration:{registration.pk}:waitlisted:")
    assert waitlisted.status == EmailStatus.SENT
    assert waitlisted.subject.startswith("You are on the waiting list for Forum on Digital Cooperation and Shared")
    assert waitlisted.subject.endswith("…")
    assert len(waitlisted.subject) <= OutgoingEmail._meta.get_field("subject").max_length
    assert sorted(message["Subject"].strip() for message in smtp_server) == sorted(
        email.subject for email in OutgoingEmail.objects.filter(to="ada@example.org"))
