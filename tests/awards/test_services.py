"""Selecting nominations and announcing laureates."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.enums import NominationStatus
from awards.models import AwardProgramme, Nomination
from core.enums import AuditAction, PublicationStatus
from core.models import AuditEntry
from tests.factories.awards import AwardProgrammeFactory, NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(django_user_model):
    return django_user_model.objects.create_user(username="organizer")


def test_publish_laureates_publishes_the_programme_and_counts_the_awarded(organizer):
    programme = AwardProgrammeFactory(name="Leading Science and Technology Award", with_ceremony=True)
    NominationFactory.create_batch(2, programme=programme, status=NominationStatus.AWARDED)
    NominationFactory(programme=programme, status=NominationStatus.REJECTED)

    count = services.publish_laureates(programme=programme, actor=organizer)

    programme.refresh_from_db()
    assert count == 2
    assert programme.status == PublicationStatus.PUBLISHED
    assert programme.published_at is not None
    assert programme.laureates_announced_at is not None
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_repr, entry.note) == (
        organizer, AuditAction.ACTION, "Leading Science and Technology Award", "Laureates announced: 2"
    )


def test_publish_laureates_keeps_the_first_publication_time(organizer):
    programme = AwardProgrammeFactory(with_ceremony=True)
    NominationFactory(programme=programme, status=NominationStatus.AWARDED)
    services.publish_laureates(programme=programme, actor=organizer)
    published_at = AwardProgramme.objects.get().published_at

    services.publish_laureates(programme=programme, actor=organizer)

    programme.refresh_from_db()
    assert programme.published_at == published_at
    assert programme.laureates_announced_at > published_at


def test_publish_laureates_without_awarded_nomination_is_refused(organizer):
    programme = AwardProgrammeFactory(name="Outstanding Contribution Award")
    NominationFactory(programme=programme, status=NominationStatus.SHORTLISTED)

    with pytest.raises(ValidationError) as error:
        services.publish_laureates(programme=programme, actor=organizer)

    programme.refresh_from_db()
    assert error.value.messages == [
        "Outstanding Contribution Award has no awarded nomination yet: award at least one before announcing the "
        "laureates."
    ]
    assert (programme.status, programme.laureates_announced_at) == (PublicationStatus.DRAFT, None)
    assert not AuditEntry.objects.exists()


def test_set_nomination_status_changes_and_audits_only_the_others(organizer):
    programme = AwardProgrammeFactory()
    submitted = NominationFactory(programme=programme, nominee_name="Ada")
    already = NominationFactory(programme=programme, nominee_name="Grace", status=NominationStatus.SHORTLISTED)
    NominationFactory(programme=programme, nominee_name="Alan")

    count = services.set_nomination_status(
        nominations=Nomination.objects.filter(pk__in=[submitted.pk, already.pk]),
        status=NominationStatus.SHORTLISTED, actor=organizer,
    )

    assert count == 1
    assert dict(Nomination.objects.values_list("nominee_name", "status")) == {
        "Ada": NominationStatus.SHORTLISTED, "Grace": NominationStatus.SHORTLISTED, "Alan": NominationStatus.SUBMITTED,
    }
    entry = AuditEntry.objects.get()
    assert (entry.object_id, entry.changes, entry.note) == (
        str(submitted.pk), {"status": ["submitted", "shortlisted"]}, "Shortlisted"
    )


def test_set_nomination_status_away_from_awarded_drops_the_rank(organizer):
    laureate = NominationFactory(status=NominationStatus.AWARDED, awarded_rank=1)

    services.set_nomination_status(nominations=Nomination.objects.all(), status=NominationStatus.REJECTED,
                                   actor=organizer)

    laureate.refresh_from_db()
    assert (laureate.status, laureate.awarded_rank) == (NominationStatus.REJECTED, None)


def test_set_nomination_status_to_an_unknown_status_is_refused(organizer):
    NominationFactory()

    with pytest.raises(ValueError):
        services.set_nomination_status(nominations=Nomination.objects.all(), status="won", actor=organizer)

    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


def test_publish_laureates_without_a_ceremony_session_is_refused(organizer):
    """Laureates are announced bound to the session of the agenda where they are honoured."""
    programme = AwardProgrammeFactory(name="Commemorative Honor")
    NominationFactory(programme=programme, status=NominationStatus.AWARDED)

    with pytest.raises(ValidationError) as error:
        services.publish_laureates(programme=programme, actor=organizer)

    programme.refresh_from_db()
    assert error.value.code == "no_ceremony"
    assert (programme.status, programme.laureates_announced_at) == (PublicationStatus.DRAFT, None)
