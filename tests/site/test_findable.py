"""sitemap.xml and robots.txt, and the rules the public templates keep (no inline styles, nothing from a CDN)."""

import re
from pathlib import Path

import pytest
from lxml import etree

from core.enums import PublicationStatus
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NAMESPACES = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client, settings):
    settings.SITE_URL = "https://www.wicinternet.example"
    SummitFactory(year=2024)
    SummitFactory(year=2025, status=PublicationStatus.DRAFT)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    locations = tree.xpath("//s:url/s:loc/text()", namespaces=NAMESPACES)
    for path in ["/en/", "/zh-hans/", "/en/summits/", "/zh-hans/summits/2024/", "/en/members/", "/zh-hans/reports/"]:
        assert f"https://www.wicinternet.example{path}" in locations
    assert not [location for location in locations if "2025" in location]
    [edition] = tree.xpath("//s:url[s:loc='https://www.wicinternet.example/en/summits/2024/']", namespaces=NAMESPACES)
    alternates = {link.get("hreflang"): link.get("href") for link in edition.xpath("x:link", namespaces=NAMESPACES)}
    assert alternates == {
        "en": "https://www.wicinternet.example/en/summits/2024/",
        "zh-hans": "https://www.wicinternet.example/zh-hans/summits/2024/",
        "x-default": "https://www.wicinternet.example/summits/2024/",
    }


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client, settings):
    settings.SITE_URL = "https://www.wicinternet.example"

    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://www.wicinternet.example/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*/summits/*/registration/" in lines


def _site_templates():
    for template in sorted(TEMPLATES.rglob("*.html")):
        relative = template.relative_to(TEMPLATES)
        if relative.parts[0] == "admin" or "email" in relative.parts:  # emails need inline styles; the admin is not
            continue
        yield relative, template.read_text()


def test_site_templates_have_no_inline_styles_and_load_nothing_from_other_hosts():
    offenders = []
    for relative, text in _site_templates():
        if re.search(r"\sstyle\s*=|<style[\s>]", text):
            offenders.append(f"{relative}: inline style")
        if re.search(r"<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)\s*=\s*\"(?:https?:)?//", text):
            offenders.append(f"{relative}: loads from another host")
    assert not offenders
    assert len(list(_site_templates())) > 10


@pytest.mark.parametrize("path", ["/en/", "/zh-hans/summits/2024/register/", "/en/no-such-page/"])
def test_site_pages_carry_a_content_security_policy_without_inline_allowances(client, path):
    SummitFactory(year=2024)

    policy = client.get(path)["Content-Security-Policy"]

    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_admin_api_and_feeds_keep_their_own_headers(client):
    SummitFactory(year=2024)

    for path in ["/admin/login/", "/api/v1/docs/", "/summits/2024/schedule.json"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" not in response, path
