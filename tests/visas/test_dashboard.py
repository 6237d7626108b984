"""The visa letters' section of the guests' dashboard: by status and by nationality, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.guests import RegistrationFactory
from tests.factories.summits import SummitFactory
from tests.factories.visas import VisaLetterFactory
from visas.enums import LetterStatus

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:guests_registration_dashboard")


def sections(response) -> dict:
    return {section.caption: {bar.key: bar.count for bar in section.bars}
            for section in response.context["dashboard"].sections}


def test_letters_are_counted_by_status_and_nationality(organizer_client):
    summit = SummitFactory(year=2024)
    for status, nationality in [(LetterStatus.APPROVED, "KE"), (LetterStatus.APPROVED, "DE"),
                                (LetterStatus.REQUESTED, "KE"), (LetterStatus.REVOKED, "BR")]:
        VisaLetterFactory(registration=RegistrationFactory(summit=summit), status=status, nationality=nationality)
    VisaLetterFactory(registration=RegistrationFactory(summit=SummitFactory(year=2023)))  # another edition

    response = organizer_client.get(DASHBOARD, {"summit": summit.pk})

    found = sections(response)
    assert found["Visa invitation letters by status"] == {"requested": 1, "approved": 2, "refused": 0, "revoked": 1}
    assert found["Visa invitation letters by nationality"] == {"KE": 2, "DE": 1, "BR": 1}
    assert "AK000" not in response.content.decode()  # counts only: no passport data for organizers


def test_the_section_takes_the_same_queries_for_3_and_30_letters(organizer_client):
    summit = SummitFactory(year=2024)
    counts = []
    for size in (3, 27):
        for index in range(size):
            nationality = ["KE", "DE", "CN"][index % 3]
            VisaLetterFactory(registration=RegistrationFactory(summit=summit), nationality=nationality)
        with CaptureQueriesContext(connection) as captured:
            assert organizer_client.get(DASHBOARD, {"summit": summit.pk}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
