"""The layout every public page shares: language, switcher, canonical and hreflang links, OpenGraph, error pages."""

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from core.enums import PublicationStatus
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def chinese(text: str) -> str:
    with translation.override("zh-hans"):
        translated = gettext(text)
    assert translated != text, f"{text!r} has no Chinese translation"
    return translated


def assert_error_page_in_layout(response, *, status: int, language: str, title: str) -> None:
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in page
    assert 'class="site-header"' in page
    title = title if language == "en" else chinese(title)
    assert f"<h1>{title}</h1>" in page


def test_each_language_has_its_own_page_with_lang_and_translated_interface(client):
    SummitFactory(year=2024)

    english = client.get("/en/").content.decode()
    chinese_page = client.get("/zh-hans/").content.decode()

    assert '<html lang="en">' in english
    assert '<html lang="zh-hans">' in chinese_page
    assert ">Agenda<" in english
    assert f">{chinese('Agenda')}<" in chinese_page
    assert "2024年世界互联网大会乌镇峰会" in chinese_page


def test_language_switcher_keeps_the_page_and_the_filters_it_reads(client):
    SummitFactory(year=2024)

    page = client.get("/en/reports/?year=2024&utm_source=mail").content.decode()

    switcher = re.search(r'<nav class="language-switcher".*?</nav>', page, re.S).group(0)
    assert 'href="/zh-hans/reports/?year=2024" hreflang="zh-hans" lang="zh-hans"' in switcher
    assert 'href="/en/reports/?year=2024" hreflang="en" lang="en" aria-current="true"' in switcher


def test_only_the_current_edition_offers_registration_in_the_navigation(client):
    SummitFactory(year=2023)
    SummitFactory(year=2024)

    past = client.get("/en/summits/2023/").content.decode()
    current = client.get("/en/summits/2024/").content.decode()
    elsewhere = client.get("/en/members/").content.decode()

    assert "/en/summits/2023/register/" not in past
    assert 'href="/en/summits/2024/register/"' in current
    assert 'href="/en/summits/2024/register/"' in elsewhere


def test_canonical_hreflang_and_opengraph_are_absolute_on_the_site_url(client, settings):
    settings.SITE_URL = "https://www.wicinternet.example"
    SummitFactory(year=2024)

    page = client.get("/zh-hans/summits/?utm_source=mail").content.decode()

    assert '<link rel="canonical" href="https://www.wicinternet.example/zh-hans/summits/">' in page
    assert '<link rel="alternate" hreflang="en" href="https://www.wicinternet.example/en/summits/">' in page
    assert '<link rel="alternate" hreflang="zh-hans" href="https://www.wicinternet.example/zh-hans/summits/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://www.wicinternet.example/summits/">' in page
    assert '<meta property="og:url" content="https://www.wicinternet.example/zh-hans/summits/">' in page
    assert '<meta property="og:locale" content="zh_CN">' in page
    assert re.search(r'<meta property="og:image" content="https://www\.wicinternet\.example/static/\S+">', page)
    assert re.search(r'<meta property="og:title" content="[^"]+">', page)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', page)


def test_not_found_page_is_not_indexed_nor_canonical(client):
    page = client.get("/en/no-such-page/").content.decode()

    assert '<meta name="robots" content="noindex">' in page
    assert 'rel="canonical"' not in page


def test_x_default_address_sends_visitors_to_their_language(client):
    SummitFactory(year=2024)

    response = client.get("/summits/", headers={"accept-language": "zh-CN,zh;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/summits/"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_not_found_page_is_in_the_layout_and_the_language_of_the_address(client, language):
    SummitFactory(year=2024)

    response = client.get(f"/{language}/no-such-page/")

    assert_error_page_in_layout(response, status=404, language=language, title="Page not found")


def test_unpublished_edition_is_not_found(client):
    SummitFactory(year=2024, status=PublicationStatus.DRAFT)

    assert client.get("/en/summits/2024/").status_code == 404
    assert client.get("/zh-hans/summits/2024/").status_code == 404


@pytest.mark.urls("tests.site.urls_with_failing_page")
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_server_error_page_is_in_the_layout_and_needs_no_database(language, django_assert_num_queries):
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get(f"/{language}/failing/")

    assert_error_page_in_layout(response, status=500, language=language, title="Something went wrong")


def test_api_errors_stay_json(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
