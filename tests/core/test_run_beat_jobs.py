"""`manage.py run_beat_jobs`: the embedded mode's beat, run by hand."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from core.models import OutgoingEmail
from forums.models import Session
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.guests import ForumChoiceFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_a_moved_sessions_summary_waiting_for_beat_is_sent_by_the_command(settings, capsys):
    """Under `make run` tasks run at once and nothing runs later: the summary of a moved session, due ten minutes
    after the last move, leaves only when the command is run, once."""
    summit = SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))
    forum = ForumFactory(summit=summit, start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 17))
    session = SessionFactory(forum=forum, start=at(2027, 1, 20, 9), end=at(2027, 1, 20, 10))
    registration = RegistrationFactory(summit=summit, status="approved")
    ForumChoiceFactory(registration=registration, forum=forum, seat_status="seated")

    session.start, session.end = at(2027, 1, 20, 11), at(2027, 1, 20, 12)
    session.save()
    moved = OutgoingEmail.objects.filter(to=registration.guest.email, key__contains="session")
    assert not moved.exists()  # the task queued with the move ran at once, found it not yet due, sent nothing

    quiet = datetime.timedelta(seconds=settings.SESSION_MOVE_NOTICE_DELAY + 60)
    later = datetime.datetime.now(tz=datetime.UTC) + quiet
    with time_machine.travel(later, tick=False):
        call_command("run_beat_jobs")
        call_command("run_beat_jobs")

    assert moved.count() == 1
    assert "guest-session-move-notices: 1" in capsys.readouterr().out
    assert Session.objects.get(pk=session.pk).start == at(2027, 1, 20, 11)
