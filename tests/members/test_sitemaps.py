"""The bodies' pages are in the sitemap, in both languages, listed in one query."""

import pytest

from members.sitemaps import SITEMAPS
from tests.factories.members import BodyFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_body_page_in_both_languages(client, django_assert_max_num_queries):
    committee = BodyFactory(slug="ai-committee")
    BodyFactory(slug="data-working-group")

    with django_assert_max_num_queries(1):
        bodies = SITEMAPS["bodies"]().items()
    xml = client.get("/sitemap.xml").content.decode()

    assert sorted(body.slug for body in bodies) == ["ai-committee", "data-working-group"]
    assert f"/en/members/bodies/{committee.slug}/</loc>" in xml
    assert "/zh-hans/members/bodies/data-working-group/</loc>" in xml
