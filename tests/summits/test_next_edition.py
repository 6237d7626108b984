"""Starting next year's edition from this one, from the admin."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardCategory, AwardProgramme
from forums.models import Forum
from summits.models import Summit
from tests.factories.awards import AwardCategoryFactory, NominationFactory
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.guests import ForumChoiceFactory
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_next_edition_copies_forums_and_programmes_without_guests_sessions_or_past_dates(admin_client):
    summit = SummitFactory(year=2024, start_date=datetime.date(2024, 11, 19), end_date=datetime.date(2024, 11, 22))
    host = OrganizationFactory(name="Cyberspace Administration")
    forum = ForumFactory(summit=summit, title="AI Governance", slug="ai", host=host,
                         start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 12))
    forum.co_hosts.add(OrganizationFactory())
    SessionFactory(forum=forum)
    ForumChoiceFactory(forum=forum, registration__summit=summit)
    category = AwardCategoryFactory(programme__summit=summit, programme__name="Leading Science and Technology Award")
    NominationFactory(programme=category.programme, category=category)

    response = admin_client.post(reverse("admin:summits_summit_changelist"), {
        "action": "start_next_edition", "_selected_action": [summit.pk],
    })

    new_summit = Summit.objects.exclude(pk=summit.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("admin:summits_summit_change", args=[new_summit.pk])
    # 52-week steps keep the weekday; 2025 would already be past on today's date, so the copy lands in 2026 or later.
    assert new_summit.start_date > datetime.date.today()
    assert (new_summit.start_date - summit.start_date).days % 364 == 0
    assert new_summit.start_date.weekday() == summit.start_date.weekday()
    assert (new_summit.status, new_summit.slug) == ("draft", f"wic{new_summit.year}")
    new_forum = Forum.objects.get(summit=new_summit)
    shift = new_summit.start_date - summit.start_date
    assert (new_forum.title, new_forum.host, new_forum.start, new_forum.status) == (
        "AI Governance", host, forum.start + shift, "draft"
    )
    assert new_forum.co_hosts.count() == 1
    assert new_forum.sessions.count() == 0
    assert new_summit.registrations.count() == 0
    new_programme = AwardProgramme.objects.get(summit=new_summit)
    assert new_programme.name == "Leading Science and Technology Award"
    assert AwardCategory.objects.filter(programme=new_programme).count() == 1
    assert new_programme.nominations.count() == 0


def test_next_edition_skips_a_year_that_already_exists(admin_client):
    summit = SummitFactory(year=2030, start_date=datetime.date(2030, 11, 19), end_date=datetime.date(2030, 11, 21))
    SummitFactory(year=2031, start_date=datetime.date(2031, 11, 18), end_date=datetime.date(2031, 11, 20))

    admin_client.post(reverse("admin:summits_summit_changelist"), {
        "action": "start_next_edition", "_selected_action": [summit.pk],
    })

    assert sorted(Summit.objects.values_list("year", flat=True)) == [2030, 2031, 2032]
