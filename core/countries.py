"""The list of countries and regions every CountryField and country select of the site uses: the names of
``core.country_names`` (China's official usage; Taiwan, Hong Kong and Macao as regions of China), in alphabetical
order of the language shown (pinyin in Chinese, ``core.collation``).

django-countries sorts its list by the names' ASCII letters, which leaves Chinese names in English order. Every
model's ``CountryField(countries=WicCountries)`` and ``countries`` below sort with the site's collation instead.
"""

from django.utils.translation import get_language
from django_countries import Countries, CountryTuple

from .collation import collation_key
from .country_names import COUNTRY_NAME_OVERRIDES


class WicCountries(Countries):
    """django-countries' list with the site's names and its alphabetical order in each language.

    Iterating gives ``CountryTuple(code, name)`` sorted by ``collation_key`` of the name in the active language,
    computed once per language and process. COUNTRIES_FIRST is not used by the site (it would be sorted in)."""

    override = COUNTRY_NAME_OVERRIDES

    def __iter__(self):
        language = get_language() or "en"
        by_language: dict[str, list[CountryTuple]] = self.__dict__.setdefault("_collated", {})
        if language not in by_language:
            by_language[language] = sorted(super().__iter__(),
                                           key=lambda country: collation_key(country.name, language))
        yield from by_language[language]


countries = WicCountries()


# The regions of China by their common short names: refused with the name to write instead (imports).
REGION_SHORT_NAMES = {"taiwan": "TW", "台湾": "TW", "hong kong": "HK", "香港": "HK", "macao": "MO", "macau": "MO",
                      "澳门": "MO"}


def country_lookup() -> dict[str, str]:
    """Each country's code by its name in English or Chinese (the site's names first, then django-countries'),
    case-blind: for reading spreadsheets."""
    from .country_names import COUNTRY_NAMES

    lookup = {}
    for code, (english, chinese) in COUNTRY_NAMES.items():
        lookup[english.casefold()] = code
        lookup[chinese.casefold()] = code
    for code, name in countries.countries.items():
        lookup.setdefault(str(name).casefold(), code)
    return lookup


def read_country(value: str, lookup: dict[str, str]) -> str | None:
    """The code of a country written as an ISO code (two or three letters) or a name in ``lookup``; None if
    unknown."""
    code = countries.alpha2(value)
    if code and code in countries:
        return code
    return lookup.get(value.casefold())


def unknown_country_message(value: str) -> str:
    """Why ``value`` is not a country, in the active language; for a region of China by its short name ("Taiwan"),
    the official name to write instead."""
    from django.utils.translation import gettext as _

    from .country_names import COUNTRY_NAMES

    region = REGION_SHORT_NAMES.get(value.casefold())
    if region:
        english, chinese = COUNTRY_NAMES[region]
        return _("Unknown country or region “%(value)s”: write “%(english)s” or “%(chinese)s”.") % {
            "value": value, "english": english, "chinese": chinese}
    return _("Unknown country or region “%(value)s”.") % {"value": value}
