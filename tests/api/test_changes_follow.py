"""Change lists follow everything a row shows: a partner syncing with ?updated_since= learns of a renamed room, a
new co-host, a deleted image as surely as of a change to the row itself, and of a row that stopped being public."""

import datetime

import pytest
from django.utils import timezone

from awards.enums import NominationStatus
from core.enums import PublicationStatus
from reports.enums import EditionStatus
from tests.factories.awards import AwardCategoryFactory, AwardProgrammeFactory, NominationFactory
from tests.factories.expo import BoothFactory, ExhibitImageFactory, ExhibitorFactory
from tests.factories.forums import (
    ForumFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    ThemeGroupFactory,
)
from tests.factories.members import MembershipFactory, OrganizationFactory
from tests.factories.reports import ReportEditionFactory
from tests.factories.summits import RoomFactory, SummitFactory

from .conftest import all_pages

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def changes(api, resource, since, expand=""):
    """Every item of the change list of ``resource`` since ``since``, page after page."""
    stamp = since.isoformat().replace("+", "%2B")
    return all_pages(api, f"/api/v1/{resource}/?updated_since={stamp}&expand={expand}&page_size=2")


def listed(api, resource, change, expand=""):
    """The ids (and ``deleted`` flags) the change list of ``resource`` holds for what ``change()`` did."""
    since = timezone.now() - datetime.timedelta(microseconds=1)
    change()
    return [(item["id"], item.get("deleted", False)) for item in changes(api, resource, since, expand)]


def save(row, **values):
    def change():
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return change


def test_renaming_a_room_lists_the_sessions_that_show_it(api):
    forum = ForumFactory()
    in_room = SessionFactory(forum=forum)
    in_forums_room = SessionFactory(forum=forum, room=None, start=forum.start + datetime.timedelta(hours=2),
                                    end=forum.start + datetime.timedelta(hours=3))
    since = timezone.now()
    forum.room.name = "Hall of Light"
    forum.room.save()

    items = changes(api, "sessions", since, expand="room")

    assert sorted(item["id"] for item in items) == sorted([in_room.pk, in_forums_room.pk])
    assert {item["room"]["name"] for item in items} == {"Hall of Light"}
    # Without ?expand=room a session shows the room's id alone, which did not change.
    assert changes(api, "sessions", since) == []


def test_a_venue_lists_its_rooms_summits_and_the_sessions_showing_its_rooms(api):
    session = SessionFactory()
    since = timezone.now()
    without_venue = SummitFactory(year=2023, venue=None)  # dated all the same (SQLite's MAX() of a NULL is NULL)
    session.room.venue.slug = "wuzhen-water-town"
    session.room.venue.save()

    assert [item["id"] for item in changes(api, "rooms", since)] == [session.room_id]
    assert sorted(item["id"] for item in changes(api, "summits", since)) == sorted(
        [session.forum.summit_id, without_venue.pk])
    assert [item["id"] for item in changes(api, "sessions", since, expand="room")] == [session.pk]


def test_an_organisation_lists_the_speakers_naming_it_and_their_sessions(api):
    organization = OrganizationFactory()
    placement = SessionSpeakerFactory(speaker__organization=organization)
    speaker, session = placement.speaker, placement.session

    assert listed(api, "speakers", save(organization, name="Renamed")) == [(speaker.pk, False)]
    assert listed(api, "sessions", save(organization), expand="speakers") == [(session.pk, False)]
    assert listed(api, "sessions", save(organization)) == []
    # A speaker without one is followed all the same.
    alone = SessionSpeakerFactory(speaker__organization=None)
    assert listed(api, "sessions", save(alone.speaker, title="Professor"), expand="speakers") == [
        (alone.session_id, False)]
    # Deleted, it leaves the speaker without an organisation.
    assert listed(api, "speakers", organization.delete) == [(speaker.pk, False)]


def test_a_forum_follows_its_host_co_hosts_and_theme(api):
    forum = ForumFactory(host=OrganizationFactory(), theme_group=ThemeGroupFactory())
    session = SessionFactory(forum=forum)
    co_host = OrganizationFactory()
    expected = [(forum.pk, False)]

    assert listed(api, "forums", save(forum.host, name="Renamed host")) == expected
    assert listed(api, "sessions", save(forum.host), expand="forum") == [(session.pk, False)]
    assert listed(api, "forums", lambda: forum.co_hosts.add(co_host)) == expected
    assert listed(api, "forums", save(co_host, short_name="CH")) == expected
    assert listed(api, "forums", lambda: co_host.co_hosted_forums.clear()) == expected
    assert listed(api, "forums", save(forum.theme_group, slug="renamed-theme")) == expected
    assert listed(api, "forums", forum.theme_group.delete) == expected
    assert api.get(f"/api/v1/forums/{forum.pk}/").json()["theme"] is None


def test_award_programmes_and_laureates_follow_categories_and_organisations(api):
    programme = AwardProgrammeFactory(status=PUBLISHED, laureates_announced_at=timezone.now())
    category, unused = AwardCategoryFactory(programme=programme), AwardCategoryFactory(programme=programme)
    laureate = NominationFactory(programme=programme, category=category, organization=OrganizationFactory(),
                                 status=NominationStatus.AWARDED)

    assert listed(api, "award-programmes", save(category, name="Renamed track")) == [(programme.pk, False)]
    assert listed(api, "laureates", save(category, slug="renamed-track")) == [(laureate.pk, False)]
    assert listed(api, "laureates", save(laureate.organization, name="Renamed")) == [(laureate.pk, False)]
    assert listed(api, "award-programmes", unused.delete) == [(programme.pk, False)]


def test_exhibitors_and_exhibits_follow_organisation_booth_and_images(api):
    exhibitor = ExhibitorFactory(booth=BoothFactory())
    image = ExhibitImageFactory(exhibit__exhibitor=exhibitor)
    expected = [(exhibitor.pk, False)]

    assert listed(api, "exhibitors", save(exhibitor.organization, name="Renamed")) == expected
    assert listed(api, "exhibitors", save(exhibitor.booth.hall, name="Hall 9")) == expected
    assert listed(api, "exhibitors", exhibitor.booth.delete) == expected
    assert listed(api, "exhibits", save(image, caption="A robot")) == [(image.exhibit_id, False)]
    assert listed(api, "exhibits", image.delete) == [(image.exhibit_id, False)]


def test_programmes_and_reports_naming_a_deleted_session_or_summit_change(api):
    session = SessionFactory()
    programme = AwardProgrammeFactory(status=PUBLISHED, ceremony_session=session)
    edition = ReportEditionFactory(status=EditionStatus.PUBLISHED, release_session=session)
    of_2023 = ReportEditionFactory(status=EditionStatus.PUBLISHED, summit=SummitFactory(year=2023), year=2022)
    since = timezone.now()
    session.delete()

    assert [(item["id"], item["ceremony_session"]) for item in changes(api, "award-programmes", since)] == [
        (programme.pk, None)]
    assert [(item["id"], item["release_session"]) for item in changes(api, "reports", since)] == [(edition.pk, None)]
    # A report whose summit is deleted shows none, and is dated all the same.
    assert listed(api, "reports", of_2023.summit.delete) == [(of_2023.pk, False)]


def test_a_room_that_a_session_or_forum_leaves_is_tombstoned_once_no_longer_public(api):
    forum = ForumFactory()
    session = SessionFactory(forum=forum, room=RoomFactory())
    left, entered = session.room, (forum.room_id, False)

    assert sorted(listed(api, "rooms", save(session, room=forum.room))) == [entered, (left.pk, True)]
    back = SessionFactory(forum=forum, room=left, start=forum.end - datetime.timedelta(hours=1))
    assert listed(api, "rooms", back.delete) == [(left.pk, True)]
    other_forum = ForumFactory(room=left)
    assert sorted(listed(api, "rooms", save(other_forum, room=forum.room))) == [entered, (left.pk, True)]


def test_a_member_whose_membership_ends_or_moves_is_tombstoned(api):
    membership = MembershipFactory()
    assert listed(api, "members", membership.delete) == [(membership.organization_id, True)]

    moved = MembershipFactory()
    before, after = moved.organization, OrganizationFactory()
    assert sorted(listed(api, "members", save(moved, organization=after))) == sorted(
        [(before.pk, True), (after.pk, False)])


def test_a_speaker_a_placement_leaves_is_tombstoned(api):
    placement = SessionSpeakerFactory()
    before, after = placement.speaker, SpeakerFactory()

    assert sorted(listed(api, "speakers", save(placement, speaker=after))) == sorted(
        [(before.pk, True), (after.pk, False)])
