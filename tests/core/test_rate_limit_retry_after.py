"""Every form's 429 page says when to try again (Retry-After, in seconds): the rate limit counts attempts per clock
hour, so a client refused at 10:45 may try again in 15 minutes, not at once and not blindly in an hour."""

import datetime

import pytest
import time_machine

from core.clock import WUZHEN
from tests.factories.awards import OpenCallFactory
from tests.factories.expo import ExpoFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

QUARTER_TO_ELEVEN = datetime.datetime(2024, 11, 1, 10, 45, 0, tzinfo=WUZHEN)
SUBSCRIBE_RATE_LIMIT = 10  # reports.views: subscriptions per address per hour, not a setting


@pytest.fixture
def summit():
    return SummitFactory(year=2024)


def refused_form(client, settings, summit, form: str):
    """Post ``form`` past its rate limit (limits made 0 where they are settings) and return the refusal."""
    settings.REGISTRATION_RATE_LIMIT = settings.NOMINATION_RATE_LIMIT = 0
    settings.MEMBERSHIP_APPLICATION_RATE_LIMIT = settings.EXHIBITOR_APPLICATION_RATE_LIMIT = 0
    if form == "nomination":
        url = f"/en/summits/2024/awards/{OpenCallFactory(summit=summit, slug='leading-award').slug}/nominate/"
    elif form == "exhibitor application":
        ExpoFactory(summit=summit)
        url = "/en/summits/2024/expo/apply/"
    else:
        url = {"registration": "/en/summits/2024/register/", "membership application": "/en/members/apply/",
               "report subscription": "/en/reports/subscribe/"}[form]
    attempts = SUBSCRIBE_RATE_LIMIT if form == "report subscription" else 0
    for _attempt in range(attempts):
        client.post(url, {})
    return client.post(url, {})


@pytest.mark.parametrize("form", ["registration", "nomination", "exhibitor application", "membership application",
                                  "report subscription"])
def test_a_form_past_its_rate_limit_says_when_its_window_ends(client, settings, summit, form):
    with time_machine.travel(QUARTER_TO_ELEVEN, tick=False):
        refused = refused_form(client, settings, summit, form)

    assert refused.status_code == 429
    assert refused["Retry-After"] == str(15 * 60)
