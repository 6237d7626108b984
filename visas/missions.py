"""The Chinese embassies and consulates-general where guests most often apply for a visa.

A mission not in the list is chosen as "Other" and named by the guest (city and country); the visa desk then writes
its official names (``VisaLetter.mission_name_en/zh``) before approving. The names are the official ones, in full:
an embassy is "中华人民共和国驻<国家全称>大使馆 / Embassy of the People's Republic of China in <the country's official
name>", a consulate-general "中华人民共和国驻<城市>总领事馆 / Consulate-General of the People's Republic of China in
<City>"; they are printed on the letter as its addressee.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _


class Mission(NamedTuple):
    name_en: str
    name_zh: str


OTHER = "other"


def embassy(country_en: str, country_zh: str) -> Mission:
    """An embassy, named in full as the Ministry of Foreign Affairs names it: the country's official long name."""
    return Mission(f"Embassy of the People's Republic of China in {country_en}", f"中华人民共和国驻{country_zh}大使馆")


def consulate_general(city_en: str, city_zh: str) -> Mission:
    return Mission(f"Consulate-General of the People's Republic of China in {city_en}",
                   f"中华人民共和国驻{city_zh}总领事馆")


MISSIONS: dict[str, Mission] = {
    "ae-abu-dhabi": embassy("the United Arab Emirates", "阿拉伯联合酋长国"),
    "ar-buenos-aires": embassy("the Argentine Republic", "阿根廷共和国"),
    "au-canberra": embassy("the Commonwealth of Australia", "澳大利亚联邦"),
    "au-sydney": consulate_general("Sydney", "悉尼"),
    "br-brasilia": embassy("the Federative Republic of Brazil", "巴西联邦共和国"),
    "br-sao-paulo": consulate_general("São Paulo", "圣保罗"),
    "ca-ottawa": embassy("Canada", "加拿大"),
    "ch-bern": embassy("the Swiss Confederation", "瑞士联邦"),
    "de-berlin": embassy("the Federal Republic of Germany", "德意志联邦共和国"),
    "de-frankfurt": consulate_general("Frankfurt am Main", "法兰克福"),
    "eg-cairo": embassy("the Arab Republic of Egypt", "阿拉伯埃及共和国"),
    "es-madrid": embassy("the Kingdom of Spain", "西班牙王国"),
    "fr-paris": embassy("the French Republic", "法兰西共和国"),
    "gb-london": embassy("the United Kingdom of Great Britain and Northern Ireland", "大不列颠及北爱尔兰联合王国"),
    "id-jakarta": embassy("the Republic of Indonesia", "印度尼西亚共和国"),
    "in-new-delhi": embassy("the Republic of India", "印度共和国"),
    "it-rome": embassy("the Italian Republic", "意大利共和国"),
    "jp-tokyo": embassy("Japan", "日本国"),
    "ke-nairobi": embassy("the Republic of Kenya", "肯尼亚共和国"),
    "kr-seoul": embassy("the Republic of Korea", "大韩民国"),
    "mx-mexico-city": embassy("the United Mexican States", "墨西哥合众国"),
    "ng-abuja": embassy("the Federal Republic of Nigeria", "尼日利亚联邦共和国"),
    "nl-the-hague": embassy("the Kingdom of the Netherlands", "荷兰王国"),
    "pk-islamabad": embassy("the Islamic Republic of Pakistan", "巴基斯坦伊斯兰共和国"),
    "ru-moscow": embassy("the Russian Federation", "俄罗斯联邦"),
    "sa-riyadh": embassy("the Kingdom of Saudi Arabia", "沙特阿拉伯王国"),
    "sg-singapore": embassy("the Republic of Singapore", "新加坡共和国"),
    "th-bangkok": embassy("the Kingdom of Thailand", "泰王国"),
    "tr-ankara": embassy("the Republic of Türkiye", "土耳其共和国"),
    "us-washington": embassy("the United States of America", "美利坚合众国"),
    "us-new-york": consulate_general("New York", "纽约"),
    "us-san-francisco": consulate_general("San Francisco", "旧金山"),
    "za-pretoria": embassy("the Republic of South Africa", "南非共和国"),
}


def mission_choices() -> list[tuple[str, str]]:
    """The select's options, in the language shown: the mission's Chinese name on a Chinese page."""
    from django.utils.translation import get_language

    chinese = (get_language() or "").startswith("zh")
    options = sorted(MISSIONS.items())  # by country code, then city: the full names all begin alike
    return [(code, mission.name_zh if chinese else mission.name_en) for code, mission in options] + [
        (OTHER, str(_("Another embassy or consulate (name it below)")))
    ]
