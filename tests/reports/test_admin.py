import pytest
from django.urls import reverse

from tests.factories.reports import ReportEditionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["admin:reports_reportseries_changelist", "admin:reports_reportseries_add",
                 "admin:reports_reportedition_changelist", "admin:reports_reportedition_add"],
)
def test_admin_page_opens_when_an_admin_asks(admin_client, url_name):
    ReportEditionFactory(version="4.0")

    assert admin_client.get(reverse(url_name)).status_code == 200


def test_admin_change_pages_open_for_a_series_and_an_edition(admin_client):
    edition = ReportEditionFactory(version="4.0")

    assert admin_client.get(reverse("admin:reports_reportseries_change", args=[edition.series.pk])).status_code \
        == 200
    assert admin_client.get(reverse("admin:reports_reportedition_change", args=[edition.pk])).status_code == 200


def test_report_admin_opens_for_an_organizer(organizer_client):
    assert organizer_client.get(reverse("admin:reports_reportedition_changelist")).status_code == 200
    assert organizer_client.get(reverse("admin:reports_reportseries_add")).status_code == 200
