"""The content clock: one version for every process, moving forward at least a second at each committed change.

Last-Modified says whole seconds: two edits within one second must still give two times, or a client asking
If-Modified-Since the first one's would be told nothing changed. The clock lives in the database (the cache keeps a
copy), so losing the cache (a Redis restart) keeps the version and its ETags, and any process that writes moves it.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.utils.http import parse_http_date

from core.http import local_renders
from tests.api.conftest import make_programme
from tests.conftest import SUITE_NOW
from tests.factories.forums import SessionFactory

FEED = "/summits/2024/schedule.json"
SESSIONS = "/api/v1/sessions/"


def rename(session, title: str) -> None:
    session.title = title
    session.save()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", [SESSIONS, FEED])
def test_a_second_edit_within_the_same_second_is_not_hidden_from_if_modified_since(api, url):
    session = SessionFactory(title="Opening keynote")
    moment = SUITE_NOW + datetime.timedelta(hours=1)
    with time_machine.travel(moment, tick=False):
        rename(session, "Edit A")
        after_a = api.get(url)
        rename(session, "Edit B")  # the same second
        after_b = api.get(url, HTTP_IF_MODIFIED_SINCE=after_a["Last-Modified"])
    with time_machine.travel(moment + datetime.timedelta(seconds=5), tick=False):
        later = api.get(url, HTTP_IF_MODIFIED_SINCE=after_a["Last-Modified"])

    assert after_a.status_code == 200 and "Edit A" in after_a.content.decode()
    assert after_b.status_code == 200 and "Edit B" in after_b.content.decode()
    # Edit B's time is a second ahead of the wall clock: no Last-Modified later than the answer's Date.
    assert "Last-Modified" not in after_b
    assert later.status_code == 200 and "Edit B" in later.content.decode()
    assert parse_http_date(later["Last-Modified"]) == parse_http_date(after_a["Last-Modified"]) + 1


@pytest.mark.django_db(transaction=True)
def test_last_modified_moves_a_second_per_commit_and_never_back(api):
    session = SessionFactory()
    moment = SUITE_NOW + datetime.timedelta(hours=2)
    with time_machine.travel(moment, tick=False):
        rename(session, "One")
        first = parse_http_date(api.get(SESSIONS)["Last-Modified"])
        for title in ("Two", "Three"):
            rename(session, title)
            assert "Last-Modified" not in api.get(SESSIONS)  # ahead of the wall clock: not said yet
    with time_machine.travel(moment + datetime.timedelta(seconds=10), tick=False):
        caught_up = parse_http_date(api.get(SESSIONS)["Last-Modified"])
        rename(session, "Four")  # the clock is behind the wall clock again: the edit takes the wall clock's time
        now = parse_http_date(api.get(SESSIONS)["Last-Modified"])

    assert first == int(moment.timestamp())
    assert caught_up == first + 2
    assert now == first + 10


@pytest.mark.django_db(transaction=True)
def test_a_transaction_writing_many_rows_moves_the_clock_once(api):
    session = SessionFactory()
    moment = SUITE_NOW + datetime.timedelta(hours=3)
    with time_machine.travel(moment, tick=False):
        rename(session, "Zero")
        before = parse_http_date(api.get(SESSIONS)["Last-Modified"])
        # One transaction writing several public rows (a form and its inlines): one step of the clock.
        with transaction.atomic():
            for title in ("First", "Second", "Third"):
                rename(session, title)
    with time_machine.travel(moment + datetime.timedelta(seconds=10), tick=False):
        after = parse_http_date(api.get(SESSIONS)["Last-Modified"])

    assert after == before + 1


@pytest.mark.django_db(transaction=True)
def test_the_version_survives_losing_the_cache(api):
    SessionFactory()
    first = api.get(SESSIONS)
    cache.clear()  # Redis restarted: the renders are gone, the version is not
    local_renders.clear()

    again = api.get(SESSIONS, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_an_edit_elsewhere_leaves_a_feed_s_validators_alone(api):
    """ETag and Last-Modified follow an answer's bytes: an .ics subscriber of one forum is not sent the calendar
    again for an edit in another forum (the version moved, the answer is rendered again, its bytes are the same)."""
    first_forum, *_rest, other = make_programme(forum_count=2, sessions_per_forum=2)
    ours = f"/summits/2024/forums/{first_forum.forum.slug}/schedule.ics"
    theirs = f"/summits/2024/forums/{other.forum.slug}/schedule.ics"
    before, before_theirs = api.get(ours), api.get(theirs)

    with time_machine.travel(SUITE_NOW + datetime.timedelta(minutes=5)):
        rename(other, "Moved to the afternoon")
        again = api.get(ours, HTTP_IF_NONE_MATCH=before["ETag"])
        since = api.get(ours, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
        changed = api.get(theirs, HTTP_IF_NONE_MATCH=before_theirs["ETag"])

    assert again.status_code == 304 and again["ETag"] == before["ETag"]
    assert since.status_code == 304
    assert changed.status_code == 200 and "Moved to the afternoon" in changed.content.decode()
