"""The member directory and figures in Chinese: countries and regions named as the host writes them (Taiwan, Hong
Kong and Macao as regions of China), listed in pinyin order, and counted as "countries and regions"."""

import re

import pytest
from django.urls import reverse

from tests.factories.members import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def member(country: str, name: str, name_zh_hans: str):
    return MembershipFactory(organization=OrganizationFactory(country=country, name=name, name_zh_hans=name_zh_hans))


@pytest.fixture
def members():
    """Seven members in five countries and regions of Asia and one of Europe."""
    member("CN", "ZTE", "中兴通讯")
    member("CN", "Baidu", "百度")
    member("CN", "Alibaba Cloud", "阿里云")
    member("TW", "Taipei Computer Association", "台北市电脑商业同业公会")
    member("HK", "Hong Kong Internet Registration", "香港互联网注册管理有限公司")
    member("JP", "Tokyo Network Lab", "东京网络实验室")
    member("AL", "Tirana Digital Agency", "地拉那数字署")


def headings(html: str, level: str) -> list[str]:
    listing = html[html.index('id="member-list"'):]
    return re.findall(rf"<{level}[^>]*>([^<]+?)\s*(?:<span|</{level}>)", listing)


def test_chinese_directory_lists_countries_and_regions_and_members_in_pinyin_order(client, members):
    html = client.get("/zh-hans/members/").content.decode()

    assert headings(html, "h3") == ["欧洲", "亚洲"]  # ōu before yà
    assert headings(html, "h4") == ["阿尔巴尼亚", "日本", "中国", "中国台湾", "中国香港"]
    listing = html[html.index("<h4>中国</h4>"):html.index("<h4>中国台湾</h4>")]
    assert listing.index("阿里云") < listing.index("百度") < listing.index("中兴通讯")
    assert "台湾</h4>" not in html.replace("中国台湾</h4>", "")


def test_english_directory_names_the_regions_of_china_and_keeps_english_order(client, members):
    html = client.get("/en/members/").content.decode()

    assert headings(html, "h4") == ["China", "Hong Kong SAR, China", "Japan", "Taiwan, China", "Albania"]
    assert "7 members from 5 countries and regions on 2 continents" in html


def test_chinese_directory_counts_countries_and_regions(client, members):
    html = client.get("/zh-hans/members/").content.decode()

    assert "来自 2 个大洲、5 个国家和地区的 7 个会员" in html
    assert "会员数量最多的国家和地区" in html
    table = re.search(r'<table class="data-table country-table">(.*?)</table>', html, re.S).group(1)
    assert '<th scope="col">国家或地区</th><th scope="col" class="number">会员数</th>' in table
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="number">(\d+)</td>', table)
    # most members first, then in pinyin order
    assert rows == [("中国", "3"), ("阿尔巴尼亚", "1"), ("日本", "1"), ("中国台湾", "1"), ("中国香港", "1")]


def test_figures_in_the_chinese_admin_say_countries_and_regions(admin_client, members):
    html = admin_client.get(reverse("admin:members_membership_figures"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = html.content.decode()

    assert "<dt>国家和地区</dt><dd>5</dd>" in html
    table = re.search(r'<table class="members-figures-country">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == ["中国", "阿尔巴尼亚", "日本", "中国台湾", "中国香港"]
