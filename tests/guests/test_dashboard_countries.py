"""The guests dashboard names countries and regions as the host writes them, in the organizer's language."""

import pytest
from django.urls import reverse

from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_dashboard_in_chinese_names_taiwan_hong_kong_and_macao_as_regions_of_china(admin_client):
    summit = SummitFactory(year=2024)
    for country in ("TW", "HK", "MO", "NP"):
        RegistrationFactory(summit=summit, guest=GuestFactory(country=country))

    response = admin_client.get(reverse("admin:guests_registration_dashboard"), {"summit": summit.pk},
                                HTTP_ACCEPT_LANGUAGE="zh-hans")

    labels = [bar.label for bar in response.context["dashboard"].by_country]
    assert labels == ["尼泊尔", "中国澳门", "中国台湾", "中国香港"]  # as many each: in pinyin order
    assert "<dt>国家和地区</dt><dd>4</dd>" in response.content.decode().replace("\n", "").replace("  ", "")
