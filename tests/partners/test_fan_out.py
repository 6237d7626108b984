"""Webhook events for rows a session's event shows (its room, speakers, their organisations, its forum): every
public session showing a changed row gets ``session.updated``, found and rendered after the commit (by the worker;
here in-process, at the commit), then sent by the worker (``deliver_due``)."""

import datetime

import pytest
from django.urls import reverse

from core.enums import PublicationStatus
from tests.admin_forms import form_on_page
from tests.factories.forums import SessionFactory, SessionSpeakerFactory, SpeakerFactory
from tests.factories.members import OrganizationFactory
from tests.factories.partners import WebhookFactory
from tests.partners.conftest import deliver_due

pytestmark = pytest.mark.django_db


def later_in(session, **kwargs):
    """Another session of the same forum, in the hour after ``session``."""
    return SessionFactory(forum=session.forum, start=session.end, end=session.end + datetime.timedelta(hours=1),
                          **kwargs)


def sent(receiver) -> dict[str, dict]:
    """What the partner received: each event's data by session guid (one event a session, or this fails)."""
    assert receiver.events() == ["session.updated"] * len(receiver.received)
    by_guid = {hook.json["data"]["guid"]: hook.json["data"] for hook in receiver.received}
    assert len(by_guid) == len(receiver.received)
    return by_guid


def test_room_renamed_in_the_admin_sends_its_public_sessions_with_the_new_name_after_the_commit(
    admin_client, webhook_receiver, django_capture_on_commit_callbacks
):
    in_room = SessionFactory()
    in_forums_room = later_in(in_room, room=None)  # shows its forum's room
    later_in(in_forums_room, status=PublicationStatus.DRAFT)
    elsewhere = SessionFactory()
    WebhookFactory(url=webhook_receiver.url)
    room = in_room.room
    page = admin_client.get(reverse("admin:summits_room_change", args=[room.pk]))
    form = form_on_page(page, "room_form") | {"name_en": ["Hall of Light"]}

    with django_capture_on_commit_callbacks() as after_commit:
        assert admin_client.post(reverse("admin:summits_room_change", args=[room.pk]), form).status_code == 302
    assert deliver_due() == 0  # the organizer's request only left a note for after the commit
    for callback in after_commit:
        callback()
    deliver_due()

    by_guid = sent(webhook_receiver)
    assert set(by_guid) == {str(in_room.guid), str(in_forums_room.guid)}
    assert {data["room"]["name"] for data in by_guid.values()} == {"Hall of Light"}
    assert str(elsewhere.guid) not in by_guid


def test_speaker_renamed_sends_each_public_session_of_theirs(webhook_receiver, django_capture_on_commit_callbacks):
    speaker = SpeakerFactory(name="Ada Lovelace")
    first = SessionSpeakerFactory(speaker=speaker).session
    second = later_in(first)
    SessionSpeakerFactory(session=second, speaker=speaker)
    SessionSpeakerFactory(session=later_in(second, status=PublicationStatus.DRAFT), speaker=speaker)
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        speaker.name = "Ada King, Countess of Lovelace"
        speaker.save()
    deliver_due()

    by_guid = sent(webhook_receiver)
    assert set(by_guid) == {str(first.guid), str(second.guid)}
    for data in by_guid.values():
        assert [item["speaker"]["name"] for item in data["speakers"]] == ["Ada King, Countess of Lovelace"]


def test_organisation_renamed_sends_the_sessions_of_its_speakers_and_of_the_forums_it_hosts(
    webhook_receiver, django_capture_on_commit_callbacks
):
    organisation = OrganizationFactory(name="CAICT")
    speakers_session = SessionSpeakerFactory(speaker__organization=organisation).session
    hosted_session = SessionFactory(forum__host=organisation)
    co_hosted_session = SessionFactory()
    co_hosted_session.forum.co_hosts.add(organisation)
    SessionFactory()  # another forum's, in another room
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "China Academy of Information and Communications Technology"
        organisation.save()
    deliver_due()

    by_guid = sent(webhook_receiver)
    assert set(by_guid) == {str(speakers_session.guid), str(hosted_session.guid), str(co_hosted_session.guid)}
    new_name = "China Academy of Information and Communications Technology"
    assert by_guid[str(speakers_session.guid)]["speakers"][0]["speaker"]["organization"]["name"] == new_name
    assert by_guid[str(hosted_session.guid)]["forum"]["host"]["name"] == new_name
    assert [host["name"] for host in by_guid[str(co_hosted_session.guid)]["forum"]["co_hosts"]] == [new_name]


def test_forum_retitled_or_given_a_co_host_sends_its_public_sessions(
    webhook_receiver, django_capture_on_commit_callbacks
):
    first = SessionFactory()
    second = later_in(first)
    later_in(second, status=PublicationStatus.DRAFT)
    SessionFactory()  # another forum's
    forum = first.forum
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        forum.title = "Digital Silk Road Forum"
        forum.save()
    deliver_due()
    with django_capture_on_commit_callbacks(execute=True):
        forum.co_hosts.add(OrganizationFactory(name="ITU"))
    deliver_due()

    retitled, co_hosted = webhook_receiver.received[:2], webhook_receiver.received[2:]
    for hooks in (retitled, co_hosted):
        assert sorted(hook.json["data"]["guid"] for hook in hooks) == sorted([str(first.guid), str(second.guid)])
    assert {hook.json["data"]["forum"]["title"] for hook in retitled} == {"Digital Silk Road Forum"}
    assert {hook.json["data"]["forum"]["co_hosts"][0]["name"] for hook in co_hosted} == {"ITU"}


def test_room_of_a_draft_session_only_sends_the_public_one_beside_it(
    webhook_receiver, django_capture_on_commit_callbacks
):
    public = SessionFactory()
    draft = later_in(public, status=PublicationStatus.DRAFT)
    hidden_forums = SessionFactory(forum__status=PublicationStatus.DRAFT)
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        for room in (draft.room, hidden_forums.room):
            room.name = "Renamed"
            room.save()
    deliver_due()

    assert set(sent(webhook_receiver)) == {str(public.guid)}  # the draft's room is the public session's too
    assert draft.room == public.room and hidden_forums.room != public.room


def test_rename_while_nobody_listens_is_never_sent_the_next_one_is(
    webhook_receiver, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    room = session.room

    with django_capture_on_commit_callbacks(execute=True):
        room.name = "Nobody listens"
        room.save()
    WebhookFactory(url=webhook_receiver.url)
    assert deliver_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        room.name = "Somebody listens"
        room.save()
    deliver_due()

    assert [data["room"]["name"] for data in sent(webhook_receiver).values()] == ["Somebody listens"]


def test_renames_before_the_worker_sends_are_one_delivery_per_session_and_webhook(
    webhook_receiver, django_capture_on_commit_callbacks
):
    first = SessionFactory()
    second = later_in(first)
    WebhookFactory(url=webhook_receiver.url + "/a")
    WebhookFactory(url=webhook_receiver.url + "/b")
    room = first.room

    for name in ["Hall 1", "Hall One"]:
        with django_capture_on_commit_callbacks(execute=True):  # each rename its own transaction
            room.name = name
            room.save()
    assert deliver_due() == 4

    received = sorted((hook.path, hook.json["data"]["guid"]) for hook in webhook_receiver.received)
    assert received == sorted((path, str(session.guid)) for path in ("/wic-hooks/a", "/wic-hooks/b")
                              for session in (first, second))
    assert {hook.json["data"]["room"]["name"] for hook in webhook_receiver.received} == {"Hall One"}


def test_venue_renamed_sends_nothing_its_slug_changed_sends_its_sessions(
    webhook_receiver, django_capture_on_commit_callbacks
):
    """A room shows its venue by its slug only: a new name changes no event."""
    session = SessionFactory()
    venue = session.room.venue
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        venue.name = "Wuzhen Convention Center"
        venue.save()
    deliver_due()
    assert webhook_receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        venue.slug = "wuzhen-center"
        venue.save()
    deliver_due()

    assert [data["room"]["venue"] for data in sent(webhook_receiver).values()] == ["wuzhen-center"]


def test_save_writing_no_shown_field_sends_nothing(webhook_receiver, django_capture_on_commit_callbacks):
    session = SessionFactory()
    WebhookFactory(url=webhook_receiver.url)
    room = session.room

    with django_capture_on_commit_callbacks(execute=True):
        room.order = 3
        room.save(update_fields=["order"])
    assert deliver_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        room.capacity = 300
        room.save(update_fields=["capacity"])
    deliver_due()

    assert [data["room"]["capacity"] for data in sent(webhook_receiver).values()] == [300]


def test_organisation_deleted_sends_its_speakers_sessions_without_it(
    webhook_receiver, django_capture_on_commit_callbacks
):
    organisation = OrganizationFactory()
    session = SessionSpeakerFactory(speaker__organization=organisation).session
    WebhookFactory(url=webhook_receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    deliver_due()

    [data] = sent(webhook_receiver).values()
    assert data["guid"] == str(session.guid) and data["speakers"][0]["speaker"]["organization"] is None
