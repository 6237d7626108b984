import datetime

import pytest
from rest_framework.test import APIClient

from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory


@pytest.fixture
def api():
    return APIClient()


def all_pages(api, url) -> list[dict]:
    """The results of ``url`` and of every page after it."""
    results = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        results += response.json()["results"]
        url = response.json()["next"]
    return results


def make_programme(forum_count: int, sessions_per_forum: int, speakers_per_session: int = 2):
    """Published forums of 2024, each with back-to-back sessions and their speakers."""
    sessions = []
    for _ in range(forum_count):
        forum = ForumFactory()
        for index in range(sessions_per_forum):
            start = forum.start + datetime.timedelta(minutes=30 * index)
            session = SessionFactory(forum=forum, start=start, end=start + datetime.timedelta(minutes=30))
            for order in range(speakers_per_session):
                SessionSpeakerFactory(session=session, order=order)
            sessions.append(session)
    return sessions
