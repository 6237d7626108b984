"""The demo, loaded once for each module that asks for its upcoming edition (the spreadsheets' tests import and
export its whole programme)."""

import pytest
from django.db import transaction

from summits.models import Summit


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker, demo_loader):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_edition(_demo_for_module, db):
    """The demo's upcoming edition (its 2024 programme a few weeks ahead)."""
    return Summit.objects.get(name_en__endswith="(demo edition)")
