"""The expo part of the demo: contacts and products for the exhibitors, and applications in every state."""

import pytest
from django.db import transaction

from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from expo.models import Exhibitor
from summits.selectors import published_summit
from tests.demo_data import load_demo
from website.selectors import edition_overview


def _load() -> None:
    load_demo()  # as on the day the module's demo was loaded


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, demo_loader):
    """The demo loaded once for the module, inside a transaction rolled back at the end of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    return None


def test_demo_gives_each_edition_pending_applications_and_one_rejected_and_contacts_to_everyone(demo):
    counts = {
        year: sorted(Exhibitor.objects.filter(expo__summit__year=year).exclude(
            application_status=ExhibitorStatus.APPROVED).values_list("application_status", flat=True))
        for year in (2022, 2023, 2024)
    }

    assert counts == {year: ["applied", "applied", "applied", "rejected"] for year in (2022, 2023, 2024)}
    assert not Exhibitor.objects.exclude(application_status=ExhibitorStatus.APPROVED).filter(
        status=PublicationStatus.PUBLISHED).exists()
    assert not Exhibitor.objects.filter(contact_name="").exists()
    assert not Exhibitor.objects.exclude(contact_email__endswith="@example.org").exists()
    assert not Exhibitor.objects.filter(products="").exists()
    pending_in_chinese = Exhibitor.objects.filter(contact_language="zh-hans", application_status="applied",
                                                  expo__summit__year__in=(2022, 2023, 2024))
    assert pending_in_chinese.count() == 3
    # The upcoming edition the demo makes up has applications waiting only.
    assert sorted(Exhibitor.objects.filter(expo__summit__year=2027).exclude(
        application_status=ExhibitorStatus.APPROVED).values_list("application_status", flat=True)) == ["applied"] * 3


def test_demo_figures_count_the_approved_exhibitors_only(demo):

    overview = edition_overview(published_summit(2024))

    assert overview.expo.exhibitor_count == Exhibitor.objects.filter(
        expo__summit__year=2024, application_status=ExhibitorStatus.APPROVED).count() == 24


def test_demo_when_loaded_twice_changes_no_exhibitor(demo):
    before = list(Exhibitor.objects.order_by("pk").values_list("pk", "updated_at"))

    _load()

    assert list(Exhibitor.objects.order_by("pk").values_list("pk", "updated_at")) == before
