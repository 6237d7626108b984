"""Incremental sync: ?updated_since= returns changes and tombstones, so a partner can mirror the agenda."""

import datetime

import pytest
from django.utils import timezone

from core.enums import PublicationStatus
from tests.factories.forums import ForumFactory, SessionFactory

from .conftest import all_pages

pytestmark = pytest.mark.django_db


def changes(api, since, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return all_pages(api, f"/api/v1/sessions/?updated_since={since.isoformat().replace('+', '%2B')}&{query}")


def mirror(api, since, mirror_state):
    """What a partner does: apply each change to its copy."""
    for item in changes(api, since):
        if item.get("deleted"):
            mirror_state.pop(item["id"], None)
        else:
            mirror_state[item["id"]] = item["title"]
    return mirror_state


def test_updated_since_lists_only_what_changed_after_that_time(api):
    old = SessionFactory()
    since = timezone.now()
    edited = SessionFactory()

    assert [item["id"] for item in changes(api, since)] == [edited.pk]
    assert {item["id"] for item in changes(api, since - datetime.timedelta(hours=1))} == {old.pk, edited.pk}


def test_a_deleted_session_comes_back_as_a_tombstone_with_its_guid(api):
    session = SessionFactory()
    since = timezone.now()
    session_id, guid = session.pk, str(session.guid)
    session.delete()

    (tombstone,) = changes(api, since)

    assert tombstone["id"] == session_id and tombstone["guid"] == guid and tombstone["deleted"] is True


def test_unpublishing_the_session_or_its_forum_makes_tombstones(api):
    forum = ForumFactory()
    alone = SessionFactory()
    in_forum = SessionFactory(forum=forum)
    since = timezone.now()
    alone.status = PublicationStatus.DRAFT
    alone.save()
    forum.status = PublicationStatus.DRAFT
    forum.save()

    items = changes(api, since)

    assert {item["id"] for item in items} == {alone.pk, in_forum.pk}
    assert all(item["deleted"] for item in items)


def test_a_partner_mirror_equals_the_full_list_after_any_sequence_of_changes(api):
    sessions = [SessionFactory() for _ in range(5)]
    state = {item["id"]: item["title"] for item in api.get("/api/v1/sessions/").json()["results"]}
    since = timezone.now() - datetime.timedelta(seconds=1)

    sessions[0].title = "Renamed"
    sessions[0].save()
    sessions[1].delete()
    sessions[2].status = PublicationStatus.DRAFT
    sessions[2].save()
    added = SessionFactory(title="Added late")
    mirror(api, since, state)

    full = {item["id"]: item["title"] for item in api.get("/api/v1/sessions/").json()["results"]}
    assert state == full
    assert state[sessions[0].pk] == "Renamed" and state[added.pk] == "Added late"


def test_change_pages_are_ordered_and_complete(api):
    since = timezone.now()
    created = [SessionFactory() for _ in range(7)]
    for session in created[:3]:
        session.delete()

    items = changes(api, since, page_size=2)

    assert len(items) == 7
    assert [item["changed_at"] for item in items] == sorted(item["changed_at"] for item in items)
    assert sum(1 for item in items if item.get("deleted")) == 3


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01T00:00:00Z", "2024-11-20T09:00:00"])
def test_bad_updated_since_is_a_400(api, value):
    response = api.get(f"/api/v1/sessions/?updated_since={value}")

    assert response.status_code == 400
    assert "updated_since" in response.json()["errors"]


def test_tombstones_for_other_resources(api):
    from tests.factories.members import MembershipFactory

    membership = MembershipFactory()
    since = timezone.now()
    organization_id = membership.organization_id
    membership.organization.delete()

    items = api.get(f"/api/v1/members/?updated_since={since.isoformat().replace('+', '%2B')}").json()["results"]

    assert items == [{"id": organization_id, "deleted": True, "changed_at": items[0]["changed_at"]}]


def since_now():
    return timezone.now() - datetime.timedelta(microseconds=1)


def updated_since(api, url, since):
    stamp = since.isoformat().replace("+", "%2B")
    return api.get(f"{url}?updated_since={stamp}").json()["results"]


def test_a_speaker_appears_and_leaves_with_their_session(api):
    from tests.factories.forums import SessionSpeakerFactory

    session = SessionFactory(status=PublicationStatus.DRAFT)
    speaker = SessionSpeakerFactory(session=session).speaker
    since = since_now()
    session.status = PublicationStatus.PUBLISHED
    session.save()

    assert [item["id"] for item in updated_since(api, "/api/v1/speakers/", since)] == [speaker.pk]

    since = since_now()
    session.delete()
    assert updated_since(api, "/api/v1/speakers/", since)[0]["deleted"] is True


def test_adding_or_removing_a_speaker_changes_the_session(api):
    from tests.factories.forums import SessionSpeakerFactory

    session = SessionFactory()
    since = since_now()
    placement = SessionSpeakerFactory(session=session)
    assert [item["id"] for item in updated_since(api, "/api/v1/sessions/", since)] == [session.pk]

    since = since_now()
    placement.delete()
    (item,) = updated_since(api, "/api/v1/sessions/", since)
    assert item["id"] == session.pk and item["speakers"] == []


def test_unpublishing_a_summit_tombstones_its_exhibitors_and_laureates(api):
    from awards.enums import NominationStatus
    from tests.factories.awards import AwardProgrammeFactory, NominationFactory
    from tests.factories.expo import ExhibitFactory

    exhibit = ExhibitFactory()
    programme = AwardProgrammeFactory(status=PublicationStatus.PUBLISHED, laureates_announced_at=timezone.now())
    laureate = NominationFactory(programme=programme, status=NominationStatus.AWARDED)
    since = since_now()
    summit = programme.summit
    summit.status = PublicationStatus.DRAFT
    summit.save()

    for url, row in [("/api/v1/exhibits/", exhibit), ("/api/v1/exhibitors/", exhibit.exhibitor),
                     ("/api/v1/laureates/", laureate)]:
        assert updated_since(api, url, since) == [
            {"id": row.pk, "deleted": True, "changed_at": updated_since(api, url, since)[0]["changed_at"]}
        ], url


def test_tombstones_follow_the_summit_filter(api):
    from tests.factories.summits import SummitFactory

    this_year = SessionFactory()
    last_year = SessionFactory(forum=ForumFactory(summit=SummitFactory(year=2023)))
    this_year_id = this_year.pk
    since = since_now()
    this_year.delete()
    last_year.delete()

    items = api.get(f"/api/v1/sessions/?summit=2024&updated_since={since.isoformat().replace('+', '%2B')}").json()
    assert [item["id"] for item in items["results"]] == [this_year_id]
