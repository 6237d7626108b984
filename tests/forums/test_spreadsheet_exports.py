"""The export writes what the list shows: its filters and search, every page, in its order; the list's buttons
carry its filters and say so (issue 18, round 3: an export of one forum's list wrote the whole edition)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guests.enums import RegistrationStatus
from tests.factories.forums import ForumFactory, SessionFactory, at
from tests.factories.guests import RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def exported_column(response, header: str) -> list[str]:
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    column = rows[0].index(header)
    return [row[column] for row in rows[1:]]


@pytest.fixture
def two_forums():
    summit = SummitFactory(year=2024)
    return [ForumFactory(summit=summit, slug=slug, start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 18))
            for slug in ("digital-economy", "ai-governance")]


def test_the_export_of_a_filtered_and_searched_list_writes_only_its_rows(organizer_client, two_forums):
    first, second = two_forums
    for index in range(3):
        SessionFactory(forum=first, reference=f"DE-{index}", title=f"Economy {index}",
                       start=at(2024, 11, 19, 9 + index), end=at(2024, 11, 19, 9 + index, 30))
        SessionFactory(forum=second, reference=f"AI-{index}", title=f"Governance {index}",
                       start=at(2024, 11, 19, 9 + index), end=at(2024, 11, 19, 9 + index, 30))
    export = reverse("admin:forums_session_export")

    by_forum = organizer_client.get(export, {"forum__id__exact": first.pk, "format": "xlsx"})
    searched = organizer_client.get(export, {"q": "Governance", "format": "xlsx"})
    whole = organizer_client.get(export, {"format": "xlsx"})

    assert exported_column(by_forum, "Reference") == ["DE-0", "DE-1", "DE-2"]
    assert exported_column(searched, "Reference") == ["AI-0", "AI-1", "AI-2"]
    assert sorted(exported_column(whole, "Reference")) == ["AI-0", "AI-1", "AI-2", "DE-0", "DE-1", "DE-2"]
    assert by_forum["Content-Disposition"] == 'attachment; filename="sessions-2024-2024-11-01.xlsx"'


def test_the_guests_export_is_the_lists_live_registrations(organizer_client):
    summit = SummitFactory(year=2024)
    kept = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)
    RegistrationFactory(summit=summit, status=RegistrationStatus.CANCELLED)
    other = RegistrationFactory(summit=SummitFactory(year=2023), status=RegistrationStatus.APPROVED)
    export = reverse("admin:guests_registration_export")

    listed = organizer_client.get(export, {"summit__id__exact": summit.pk, "format": "xlsx"})
    every_edition = organizer_client.get(export, {"summit__id__exact": "all", "format": "xlsx"})

    assert exported_column(listed, "Email") == [kept.guest.email]
    assert sorted(exported_column(every_edition, "Email")) == sorted([kept.guest.email, other.guest.email])


def test_the_lists_buttons_carry_its_filters_and_say_so(organizer_client, two_forums):
    page = organizer_client.get(reverse("admin:forums_session_changelist"),
                                {"forum__id__exact": two_forums[0].pk, "q": "x"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    content = page.content.decode()
    assert (f'href="/admin/forums/session/export/?forum__id__exact={two_forums[0].pk}&amp;q=x&amp;format=csv"'
            in content)
    assert "按当前筛选导出（CSV）" in content
    unfiltered = organizer_client.get(reverse("admin:forums_speaker_changelist")).content.decode()
    assert 'href="/admin/forums/speaker/export/?format=xlsx"' in unfiltered


def test_a_list_filter_that_does_not_exist_sends_back_to_the_list(organizer_client, two_forums):
    response = organizer_client.get(reverse("admin:forums_session_export"), {"forum__id__exact": "abc"})

    assert response.status_code == 302 and response.url == "/admin/forums/session/?e=1"
