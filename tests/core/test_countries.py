"""Country and region names as the host writes them (core.country_names, China's official usage; Taiwan, Hong Kong
and Macao as regions of China in both languages), in every list in alphabetical order of the language shown
(core.countries: pinyin in Chinese)."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django_countries import countries as django_countries_list
from django_countries.data import COUNTRIES
from django_countries.fields import CountryField
from pypinyin import lazy_pinyin

from core.collation import collation_key
from core.countries import WicCountries, countries
from core.country_names import COUNTRY_NAMES, REGIONS_OF_CHINA
from expo.forms import ExhibitorApplicationForm
from guests.models import Guest
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

WUZHEN = ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=WUZHEN)

# The names the issue found wrong, and the host's own (fmprc.gov.cn country pages).
OFFICIAL_CHINESE = {
    "NP": "尼泊尔", "TJ": "塔吉克斯坦", "WS": "萨摩亚", "AS": "美属萨摩亚", "BA": "波斯尼亚和黑塞哥维那",
    "KP": "朝鲜", "KR": "韩国", "LA": "老挝", "MM": "缅甸", "CG": "刚果（布）", "CD": "刚果（金）", "CI": "科特迪瓦",
    "MK": "北马其顿", "AE": "阿联酋", "KG": "吉尔吉斯斯坦", "MN": "蒙古国", "DM": "多米尼克", "DO": "多米尼加",
    "BW": "博茨瓦纳", "GF": "法属圭亚那", "KM": "科摩罗", "CN": "中国",
}
REGIONS = {
    "TW": ("Taiwan, China", "中国台湾"),
    "HK": ("Hong Kong SAR, China", "中国香港"),
    "MO": ("Macao SAR, China", "中国澳门"),
}


def country_options(page: str) -> list[tuple[str, str]]:
    """(code, label) of each option of the page's country select, the empty choice left out."""
    select = re.search(r'<select name="country"[^>]*>(.*?)</select>', page, re.S).group(1)
    options = re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]*)<', select)
    return [(code, html.unescape(label)) for code, label in options]


def in_pinyin_order(names: list[str]) -> bool:
    """An independent check of the order: the first syllables' letters (no tones) never go back. (The tones then
    order names of the same syllable: 埃及 āi before 爱尔兰 ài.)"""
    first_syllables = [lazy_pinyin(name)[0] for name in names]
    return first_syllables == sorted(first_syllables)


# --- The names -------------------------------------------------------------------------------------------------


def test_every_country_django_countries_knows_has_an_english_and_a_chinese_name():
    assert set(COUNTRY_NAMES) == set(COUNTRIES)
    for code, (english, chinese) in COUNTRY_NAMES.items():
        assert english.strip() == english and english, code
        assert chinese.strip() == chinese and re.search(r"[\u4e00-\u9fff]", chinese), code
        assert not re.search(r"[()]", chinese), f"{code}: Chinese brackets in Chinese text"
    assert len({chinese for _english, chinese in COUNTRY_NAMES.values()}) == len(COUNTRY_NAMES)


@pytest.mark.parametrize(("code", "chinese"), OFFICIAL_CHINESE.items())
def test_chinese_names_are_those_of_chinas_official_usage(code, chinese):
    with translation.override("zh-hans"):
        assert Guest(country=code).country.name == chinese
        assert django_countries_list.name(code) == chinese  # the library's own list, for any other use of it


@pytest.mark.parametrize(("code", "names"), REGIONS.items())
def test_taiwan_hong_kong_and_macao_are_regions_of_china_in_both_languages(code, names):
    english, chinese = names
    for language, name in (("en", english), ("zh-hans", chinese)):
        with translation.override(language):
            assert Guest(country=code).country.name == name
            assert dict(countries)[code] == name
    assert set(REGIONS) == set(REGIONS_OF_CHINA)


def test_every_country_field_of_the_project_uses_the_sites_list():
    fields = [field for model in apps.get_models() for field in model._meta.get_fields()
              if isinstance(field, CountryField)]

    assert len(fields) >= 8
    assert all(isinstance(field.countries, WicCountries) for field in fields), [
        f"{field.model.__name__}.{field.name}" for field in fields if not isinstance(field.countries, WicCountries)
    ]


# --- The order ---------------------------------------------------------------------------------------------------


def test_the_list_is_in_pinyin_order_in_chinese_and_in_english_order_in_english():
    with translation.override("zh-hans"):
        chinese = [name for _code, name in countries]
    with translation.override("en"):
        english = [name for _code, name in countries]

    assert in_pinyin_order(chinese)
    assert chinese.index("阿尔巴尼亚") < chinese.index("安道尔") < chinese.index("中国") < chinese.index("中国台湾")
    assert chinese.index("埃及") < chinese.index("爱尔兰")  # āi before ài
    assert english == sorted(english, key=lambda name: collation_key(name, "en"))
    assert english.index("Albania") < english.index("China") < english.index("Taiwan, China") < english.index("Zambia")
    assert english.index("Afghanistan") < english.index("Åland Islands") < english.index("Albania")


@time_machine.travel(TODAY, tick=False)
def test_registration_form_lists_countries_in_pinyin_order_in_chinese_and_english_order_in_english(client):
    SummitFactory(year=2027, start_date=datetime.date(2027, 1, 20), end_date=datetime.date(2027, 1, 22))
    path = "/{language}/summits/2027/register/"

    chinese = country_options(client.get(path.format(language="zh-hans")).content.decode())
    english = country_options(client.get(path.format(language="en")).content.decode())

    labels = [label for _code, label in chinese]
    assert in_pinyin_order(labels)
    assert labels.index("阿尔巴尼亚") < labels.index("安道尔") < labels.index("中国")
    assert ("TW", "中国台湾") in chinese and ("NP", "尼泊尔") in chinese
    assert not any(label in {"台湾", "香港", "澳门"} for label in labels)
    english_labels = [label for _code, label in english]
    assert english_labels == sorted(english_labels, key=lambda name: collation_key(name, "en"))
    assert ("TW", "Taiwan, China") in english and ("HK", "Hong Kong SAR, China") in english
    assert len(chinese) == len(english) == len(COUNTRIES)


def test_membership_application_form_lists_countries_in_pinyin_order(client):
    labels = [label for _code, label in country_options(client.get("/zh-hans/members/apply/").content.decode())]

    assert in_pinyin_order(labels)
    assert "中国澳门" in labels


def test_exhibitor_application_form_lists_countries_in_pinyin_order():
    with translation.override("zh-hans"):
        labels = [str(label) for code, label in ExhibitorApplicationForm().fields["country"].choices if code]

    assert in_pinyin_order(labels)


def test_admin_country_select_is_in_pinyin_order_in_the_chinese_admin(admin_client):
    page = admin_client.get(reverse("admin:forums_speaker_add"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    labels = [label for _code, label in country_options(page)]
    assert in_pinyin_order(labels)
    assert "中国香港" in labels


# --- Where names are shown ---------------------------------------------------------------------------------------


def test_guest_csv_names_taiwan_as_a_region_of_china(admin_client):
    registration = RegistrationFactory(summit=SummitFactory(year=2024), guest=GuestFactory(country="TW"))

    response = admin_client.post(reverse("admin:guests_registration_changelist"),
                                 {"action": "export_csv", "_selected_action": [str(registration.pk)]},
                                 HTTP_ACCEPT_LANGUAGE="zh-hans")

    row = response.content.decode("utf-8-sig").splitlines()[1].split(",")
    assert row[8:10] == ["TW", "中国台湾"]
