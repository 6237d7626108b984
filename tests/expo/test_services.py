import pytest
from django.core.exceptions import ValidationError

from core.enums import AuditAction
from core.models import AuditEntry
from expo import services
from expo.enums import ExhibitorStatus
from tests.factories.expo import BoothFactory, ExhibitorFactory, ExpoFactory, HallFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(admin_user):
    return admin_user


def test_assign_booth_when_free_gives_it_and_audits(actor):
    booth = BoothFactory(code="A-12", hall=HallFactory(name="Hall 1"))
    exhibitor = ExhibitorFactory(booth=None)

    result = services.assign_booth(exhibitor=exhibitor, booth=booth, actor=actor)

    exhibitor.refresh_from_db()
    assert exhibitor.booth == booth
    assert result.booth == booth
    entry = AuditEntry.objects.get(object_id=str(exhibitor.pk))
    assert (entry.actor, entry.action, entry.changes) == (actor, AuditAction.ACTION, {"booth": ["", "A-12 (Hall 1)"]})


def test_assign_booth_when_exhibitor_moves_frees_the_old_booth(actor):
    hall = HallFactory()
    old, new = BoothFactory(hall=hall, code="A-1"), BoothFactory(hall=hall, code="A-2")
    exhibitor = ExhibitorFactory(booth=old)

    services.assign_booth(exhibitor=exhibitor, booth=new, actor=actor)

    old.refresh_from_db()
    new.refresh_from_db()
    assert new.exhibitor == exhibitor
    assert not hasattr(old, "exhibitor")


def test_assign_booth_when_taken_is_refused_naming_the_holder(actor):
    booth = BoothFactory(code="B-7", hall=HallFactory(name="Hall 3"))
    holder = ExhibitorFactory(booth=booth, organization__name="Alibaba Cloud")
    newcomer = ExhibitorFactory(expo=holder.expo)

    with pytest.raises(ValidationError) as refused:
        services.assign_booth(exhibitor=newcomer, booth=booth, actor=actor)

    assert refused.value.messages == ["Booth B-7 (Hall 3) is already given to Alibaba Cloud; free it there first."]
    newcomer.refresh_from_db()
    booth.refresh_from_db()
    assert (newcomer.booth, booth.exhibitor) == (None, holder)
    assert not AuditEntry.objects.exists()


def test_assign_booth_when_booth_is_in_another_expo_is_refused(actor):
    other_expo = ExpoFactory(summit=SummitFactory(year=2023))
    booth = BoothFactory(code="C-1", hall=HallFactory(expo=other_expo, name="Hall 9"))
    exhibitor = ExhibitorFactory()

    with pytest.raises(ValidationError) as refused:
        services.assign_booth(exhibitor=exhibitor, booth=booth, actor=actor)

    assert refused.value.messages == [
        "Booth C-1 (Hall 9) is in Light of the Internet Expo 2023, not in this exhibitor's expo."
    ]
    exhibitor.refresh_from_db()
    assert exhibitor.booth is None


@pytest.mark.parametrize("status", [ExhibitorStatus.REJECTED, ExhibitorStatus.WITHDRAWN])
def test_assign_booth_when_exhibitor_is_rejected_or_withdrawn_is_refused(actor, status):
    exhibitor = ExhibitorFactory(application_status=status, organization__name="Example Robotics")

    with pytest.raises(ValidationError) as refused:
        services.assign_booth(exhibitor=exhibitor, booth=BoothFactory(), actor=actor)

    assert refused.value.messages == [f"Example Robotics is {status.label.lower()} and cannot be given a booth."]


def test_approve_exhibitors_when_mixed_approves_applied_and_rejected_only(actor):
    applied = ExhibitorFactory(application_status=ExhibitorStatus.APPLIED)
    rejected = ExhibitorFactory(application_status=ExhibitorStatus.REJECTED)
    withdrawn = ExhibitorFactory(application_status=ExhibitorStatus.WITHDRAWN)
    approved = ExhibitorFactory(application_status=ExhibitorStatus.APPROVED)

    count = services.approve_exhibitors(exhibitors=[applied, rejected, withdrawn, approved], actor=actor)

    assert count == 2
    for exhibitor in (applied, rejected, withdrawn, approved):
        exhibitor.refresh_from_db()
    assert [exhibitor.application_status for exhibitor in (applied, rejected, withdrawn, approved)] == [
        ExhibitorStatus.APPROVED, ExhibitorStatus.APPROVED, ExhibitorStatus.WITHDRAWN, ExhibitorStatus.APPROVED,
    ]
    entries = AuditEntry.objects.order_by("pk")
    assert [(entry.object_id, entry.changes) for entry in entries] == [
        (str(applied.pk), {"application_status": ["applied", "approved"]}),
        (str(rejected.pk), {"application_status": ["rejected", "approved"]}),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_assign_booth_when_two_organizers_race_gives_it_once(on_postgres, actor):
    import threading

    from django.db import connection

    booth = BoothFactory(code="F-1", hall=HallFactory(name="Hall 6"))
    first = ExhibitorFactory(organization__name="First Robotics")
    second = ExhibitorFactory(expo=first.expo, organization__name="Second Robotics")
    start = threading.Barrier(2)
    outcomes = {}

    def give(exhibitor):
        try:
            start.wait()
            services.assign_booth(exhibitor=exhibitor, booth=booth, actor=actor)
            outcomes[exhibitor.pk] = "given"
        except ValidationError as refused:
            outcomes[exhibitor.pk] = refused.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(exhibitor,)) for exhibitor in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    booth.refresh_from_db()
    winner, loser = (first, second) if booth.exhibitor == first else (second, first)
    assert outcomes == {
        winner.pk: "given",
        loser.pk: f"Booth F-1 (Hall 6) is already given to {winner}; free it there first.",
    }
