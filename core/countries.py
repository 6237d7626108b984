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
