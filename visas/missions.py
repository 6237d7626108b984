"""The Chinese embassies and consulates-general where guests most often apply for a visa.

A mission not in the list is chosen as "Other" and named by the guest (city and country). The Chinese names are
the missions' own (中华人民共和国驻…大使馆/总领事馆), printed on the letter as its addressee.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _


class Mission(NamedTuple):
    name_en: str
    name_zh: str


OTHER = "other"

MISSIONS: dict[str, Mission] = {
    "ar-buenos-aires": Mission("Embassy of China in Argentina, Buenos Aires", "中华人民共和国驻阿根廷大使馆"),
    "au-canberra": Mission("Embassy of China in Australia, Canberra", "中华人民共和国驻澳大利亚大使馆"),
    "au-sydney": Mission("Consulate-General of China in Sydney", "中华人民共和国驻悉尼总领事馆"),
    "br-brasilia": Mission("Embassy of China in Brazil, Brasília", "中华人民共和国驻巴西大使馆"),
    "br-sao-paulo": Mission("Consulate-General of China in São Paulo", "中华人民共和国驻圣保罗总领事馆"),
    "ca-ottawa": Mission("Embassy of China in Canada, Ottawa", "中华人民共和国驻加拿大大使馆"),
    "ch-bern": Mission("Embassy of China in Switzerland, Bern", "中华人民共和国驻瑞士联邦大使馆"),
    "de-berlin": Mission("Embassy of China in Germany, Berlin", "中华人民共和国驻德国大使馆"),
    "de-frankfurt": Mission("Consulate-General of China in Frankfurt", "中华人民共和国驻法兰克福总领事馆"),
    "eg-cairo": Mission("Embassy of China in Egypt, Cairo", "中华人民共和国驻埃及大使馆"),
    "es-madrid": Mission("Embassy of China in Spain, Madrid", "中华人民共和国驻西班牙大使馆"),
    "fr-paris": Mission("Embassy of China in France, Paris", "中华人民共和国驻法国大使馆"),
    "gb-london": Mission("Embassy of China in the United Kingdom, London", "中华人民共和国驻英国大使馆"),
    "id-jakarta": Mission("Embassy of China in Indonesia, Jakarta", "中华人民共和国驻印度尼西亚大使馆"),
    "in-new-delhi": Mission("Embassy of China in India, New Delhi", "中华人民共和国驻印度大使馆"),
    "it-rome": Mission("Embassy of China in Italy, Rome", "中华人民共和国驻意大利大使馆"),
    "jp-tokyo": Mission("Embassy of China in Japan, Tokyo", "中华人民共和国驻日本国大使馆"),
    "ke-nairobi": Mission("Embassy of China in Kenya, Nairobi", "中华人民共和国驻肯尼亚大使馆"),
    "kr-seoul": Mission("Embassy of China in the Republic of Korea, Seoul", "中华人民共和国驻大韩民国大使馆"),
    "mx-mexico-city": Mission("Embassy of China in Mexico, Mexico City", "中华人民共和国驻墨西哥大使馆"),
    "ng-abuja": Mission("Embassy of China in Nigeria, Abuja", "中华人民共和国驻尼日利亚大使馆"),
    "nl-the-hague": Mission("Embassy of China in the Netherlands, The Hague", "中华人民共和国驻荷兰王国大使馆"),
    "pk-islamabad": Mission("Embassy of China in Pakistan, Islamabad", "中华人民共和国驻巴基斯坦大使馆"),
    "ru-moscow": Mission("Embassy of China in Russia, Moscow", "中华人民共和国驻俄罗斯联邦大使馆"),
    "sa-riyadh": Mission("Embassy of China in Saudi Arabia, Riyadh", "中华人民共和国驻沙特阿拉伯王国大使馆"),
    "sg-singapore": Mission("Embassy of China in Singapore", "中华人民共和国驻新加坡共和国大使馆"),
    "th-bangkok": Mission("Embassy of China in Thailand, Bangkok", "中华人民共和国驻泰王国大使馆"),
    "tr-ankara": Mission("Embassy of China in Türkiye, Ankara", "中华人民共和国驻土耳其共和国大使馆"),
    "ae-abu-dhabi": Mission("Embassy of China in the United Arab Emirates, Abu Dhabi",
                            "中华人民共和国驻阿拉伯联合酋长国大使馆"),
    "us-washington": Mission("Embassy of China in the United States, Washington D.C.", "中华人民共和国驻美国大使馆"),
    "us-new-york": Mission("Consulate-General of China in New York", "中华人民共和国驻纽约总领事馆"),
    "us-san-francisco": Mission("Consulate-General of China in San Francisco", "中华人民共和国驻旧金山总领事馆"),
    "za-pretoria": Mission("Embassy of China in South Africa, Pretoria", "中华人民共和国驻南非大使馆"),
}


def mission_choices() -> list[tuple[str, str]]:
    """The select's options, in the language shown: the mission's Chinese name on a Chinese page."""
    from django.utils.translation import get_language

    chinese = (get_language() or "").startswith("zh")
    options = sorted(MISSIONS.items(), key=lambda item: item[1].name_en)
    return [(code, mission.name_zh if chinese else mission.name_en) for code, mission in options] + [
        (OTHER, str(_("Another embassy or consulate (name it below)")))
    ]
