"""The demo's writes (demo/upsert.py): a row is written only when it differs, and never over what someone else
changed, deleted or owns since the demo wrote it. On an empty database of their own: the registry of the demo's
rows must hold only what each test puts there."""

import pytest
from django.core.exceptions import ValidationError

from core.enums import AuditAction
from core.models import AuditEntry
from core.services.audit import record_audit
from demo.models import DemoRow
from demo.upsert import Upserter, translated
from members.models import Organization
from summits.models import Room, Venue
from tests.factories.summits import VenueFactory

LAB = {**translated("name", "Example Lab", "示例实验室"), "country": "KE", "kind": "research"}


def _written_by_the_demo(model, lookup: dict, values: dict):
    """A row as a load of the demo writes it: saved, and registered as the demo's."""
    upserter = Upserter()
    row, _ = upserter.upsert(model, lookup, values)
    upserter.save_registry()
    return row


@pytest.mark.django_db
def test_upsert_creates_a_missing_row_then_writes_nothing_when_it_holds_the_values():
    upserter = Upserter()
    created, changed = upserter.upsert(Organization, {"slug": "example-lab"}, LAB)
    upserter.save_registry()
    stamp = Organization.objects.get(pk=created.pk).updated_at

    again, changed_again = Upserter().upsert(Organization, {"slug": "example-lab"}, LAB)

    assert (changed, changed_again, again.pk) == (True, False, created.pk)
    assert Organization.objects.get(pk=created.pk).updated_at == stamp


@pytest.mark.django_db
def test_upsert_saves_only_the_fields_that_differ_and_says_so_in_the_audit_trail():
    _written_by_the_demo(Organization, {"slug": "example-lab"}, LAB)
    upserter = Upserter()

    row, changed = upserter.upsert(Organization, {"slug": "example-lab"}, {**LAB, "name_zh_hans": "示例研究所"})

    stored = Organization.objects.get(slug="example-lab")
    entry = AuditEntry.objects.get(object_id=str(stored.pk), content_type__model="organization")
    assert (changed, row.pk, stored.name_en, stored.name_zh_hans) == (True, stored.pk, "Example Lab", "示例研究所")
    assert upserter.updated == {"members.Organization": 1}
    assert (entry.actor, entry.changes) == (None, {"name_zh_hans": ["示例实验室", "示例研究所"]})
    assert entry.note == "Demo data brought up to date by manage.py load_wic_demo"
    assert Upserter().upsert(Organization, {"slug": "example-lab"}, {**LAB, "name_zh_hans": "示例研究所"})[1] is False


@pytest.mark.django_db
def test_upsert_keeps_a_row_changed_since_the_demo_wrote_it():
    lab = _written_by_the_demo(Organization, {"slug": "example-lab"}, LAB)
    lab.name_en = "Example Laboratory"
    lab.save()  # as the admin or the shell saves it: updated_at moves
    upserter = Upserter()

    row, changed = upserter.upsert(Organization, {"slug": "example-lab"}, {**LAB, "country": "TZ"})

    assert (changed, row.pk, upserter.is_ours(row)) == (False, lab.pk, False)
    assert Organization.objects.get(pk=lab.pk).name_en == "Example Laboratory"
    assert [(kept.pk, kept.fields, kept.reason) for kept in upserter.kept] == [
        (lab.pk, ("name_en", "country"), "changed"),
    ]
    assert upserter.updated == {}


@pytest.mark.django_db
def test_upsert_does_not_create_again_a_row_deleted_since_nor_what_hangs_from_it():
    venue = _written_by_the_demo(Venue, {"slug": "hall"}, {"name_en": "Hall", "city_en": "Wuzhen"})
    Venue.objects.filter(pk=venue.pk).delete()
    upserter = Upserter()

    again, changed = upserter.upsert(Venue, {"slug": "hall"}, {"name_en": "Hall", "city_en": "Wuzhen"})
    room, room_changed = upserter.upsert(Room, {"venue": again, "slug": "room"}, {"name_en": "Room", "capacity": 9})

    assert (changed, room_changed, upserter.is_ours(again), upserter.is_ours(room)) == (False, False, False, False)
    assert not Venue.objects.filter(slug="hall").exists() and not Room.objects.filter(slug="room").exists()
    assert [(kept.label, kept.reason) for kept in upserter.kept] == [("summits.Venue", "deleted")]


@pytest.mark.django_db
def test_upsert_leaves_alone_a_row_under_the_demos_key_that_the_demo_did_not_write():
    _written_by_the_demo(Organization, {"slug": "example-lab"}, LAB)
    own = Organization.objects.create(slug="own-lab", name_en="Own Lab", country="KE")
    upserter = Upserter()

    row, changed = upserter.upsert(Organization, {"slug": "own-lab"}, {**LAB, "name_en": "Demo Lab"})

    assert (changed, row.pk, Organization.objects.get(pk=own.pk).name_en) == (False, own.pk, "Own Lab")
    assert [(kept.pk, kept.reason) for kept in upserter.kept] == [(own.pk, "not the demo's")]


@pytest.mark.django_db
def test_upsert_on_a_demo_loaded_before_the_registry_keeps_the_rows_a_user_changed(organizer):
    """A database the demo filled before it registered its rows: a user's entry in the audit trail tells."""
    edited = Organization.objects.create(slug="edited-lab", name_en="Edited Lab", country="KE")
    untouched = Organization.objects.create(slug="untouched-lab", name_en="Untouched Lab", country="KE")
    record_audit(actor=organizer, action=AuditAction.CHANGED, obj=edited, changes={"name_en": ["Lab", "Edited Lab"]})
    upserter = Upserter()

    upserter.upsert(Organization, {"slug": "edited-lab"}, {"name_en": "Lab", "country": "KE"})
    upserter.upsert(Organization, {"slug": "untouched-lab"}, {"name_en": "Lab", "country": "KE"})
    upserter.save_registry()

    assert Organization.objects.get(pk=edited.pk).name_en == "Edited Lab"
    assert Organization.objects.get(pk=untouched.pk).name_en == "Lab"
    assert [kept.pk for kept in upserter.kept] == [edited.pk]
    assert set(DemoRow.objects.values_list("object_id", flat=True)) == {edited.pk, untouched.pk}
    again = Upserter()
    again.upsert(Organization, {"slug": "edited-lab"}, {"name_en": "Lab", "country": "KE"})
    assert [(kept.pk, kept.reason) for kept in again.kept] == [(edited.pk, "changed")]  # and on every later run


@pytest.mark.django_db
def test_upsert_validates_before_writing():
    with pytest.raises(ValidationError):
        Upserter().upsert(Room, {"venue": VenueFactory(), "slug": "closet"}, {"name_en": "Closet", "capacity": 0})

    assert not Room.objects.filter(slug="closet").exists()
