"""The one sort key for names shown in alphabetical order: in pinyin order in Chinese, letter by letter (accents
ignored) in English.

Chinese readers look names up by their pinyin (阿尔巴尼亚 a-er before 安道尔 an-dao, 中国 under Z), as Chinese
dictionaries and the WIC's own lists order them; sorting by code point would order them by an accident of Unicode,
and sorting by the English name would scatter them. pypinyin gives each character its reading (its phrase
dictionary picks the reading in context, 秘鲁 bì-lǔ); the few readings it gets wrong in the names this site lists are
corrected once, here. Latin letters in a Chinese name (IBM中国) sort as letters among the pinyin, digits first.
"""

import re
import unicodedata
from typing import Any

from django.utils.translation import get_language
from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Readings pypinyin gets wrong in names listed here (checked against 《现代汉语词典》): 佛得角 is Fó-dé-jiǎo, not fú.
load_phrases_dict({"佛得角": [["fó"], ["dé"], ["jiǎo"]]})

_WORD = re.compile(r"[^\W_]+")
_SYLLABLE = re.compile(r"^([a-zü]+)([1-5])$")


def _plain(text: str) -> str:
    """Lower case without accents: Åland and Aland, Côte and Cote sort together."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


def _chinese_key(text: str) -> tuple[Any, ...]:
    """Syllable by syllable: the letters, then the tone (1-4, 5 for the neutral tone); then the text itself, so that
    homophones keep a stable order."""
    syllables: list[tuple[str, int]] = []
    for token in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, v_to_u=True):
        reading = _SYLLABLE.match(token)
        if reading:
            syllables.append((reading.group(1), int(reading.group(2))))
        else:  # a run that is not Chinese: its words as letters, punctuation ignored
            syllables.extend((word, 0) for word in _WORD.findall(_plain(token)))
    return (syllables, text)


def collation_key(text: object, language: str | None = None) -> tuple[Any, ...]:
    """The key that puts ``text`` (a name, a label, a lazy translation) in alphabetical order in ``language`` (the
    active language if None): pinyin order in Chinese, else letters with accents and case ignored."""
    text = str(text)
    language = language or get_language() or "en"
    if language.lower().startswith("zh"):
        return _chinese_key(text)
    return (_WORD.findall(_plain(text)), text)


def sorted_by_name(items, *, key=str, language: str | None = None) -> list:
    """``items`` in alphabetical order of ``key(item)`` in ``language`` (the active one if None)."""
    language = language or get_language() or "en"
    return sorted(items, key=lambda item: collation_key(key(item), language))
