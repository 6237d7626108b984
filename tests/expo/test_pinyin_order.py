"""The expo's exhibitor directory and exhibit cards in alphabetical order of the language shown: pinyin in
Chinese (core.collation), not the code points of the Chinese names."""

import re

import pytest

from tests.factories.expo import ExhibitFactory, ExhibitorFactory, ExpoFactory
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

NAMES = [("ZTE", "中兴通讯", "zte"), ("Baidu", "百度", "baidu"), ("Alibaba Cloud", "阿里云", "alibaba-cloud")]


@pytest.fixture
def expo():
    expo = ExpoFactory(summit=SummitFactory(year=2024))
    for name, name_zh_hans, slug in NAMES:
        exhibitor = ExhibitorFactory(expo=expo, organization=OrganizationFactory(
            name=name, name_zh_hans=name_zh_hans, slug=slug))
        ExhibitFactory(exhibitor=exhibitor, is_new_release=True, title=f"{name} robot",
                       title_zh_hans=f"{name_zh_hans}机器人")
    return expo


def directory_names(html: str) -> list[str]:
    directory = html[html.index('<h2 id="exhibitors">'):]
    return re.findall(r'<h3><a href="/[^"]+/expo/exhibitors/[^"/]+/">([^<]+)</a></h3>', directory)


def test_chinese_exhibitor_directory_is_in_pinyin_order(client, expo):
    html = client.get("/zh-hans/summits/2024/expo/").content.decode()

    assert directory_names(html) == ["阿里云", "百度", "中兴通讯"]
    assert html.index("阿里云机器人") < html.index("百度机器人") < html.index("中兴通讯机器人")


def test_english_exhibitor_directory_is_in_english_order(client, expo):
    html = client.get("/en/summits/2024/expo/").content.decode()

    assert directory_names(html) == ["Alibaba Cloud", "Baidu", "ZTE"]
