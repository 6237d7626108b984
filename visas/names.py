"""Whether the name in a passport is the name a guest registered with.

Compared the way a person reading both would: case, spacing, punctuation (hyphens, apostrophes, dots, commas),
accents and diacritics (Müller, MULLER; Nguyễn, NGUYEN) and the order of surname and given names are ignored; the
letters must be the same. ``Mueller`` is not ``Müller``: a passport's transliteration is the guest's to state.
"""

import re
import unicodedata

# Letters that carry no combining mark to strip: their plain Latin spelling.
_PLAIN_LATIN = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t", "þ": "th", "æ": "ae",
                              "œ": "oe", "ð": "d", "ŋ": "n"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’‘`´.,·・]+")


def name_parts(name: str) -> list[str]:
    """The name's words, folded: lower case, without accents or diacritics, split at spaces and punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_PLAIN_LATIN)
    return [part for part in _SEPARATORS.split(folded) if part]


def names_match(*, surname: str, given_names: str, registered: str) -> bool:
    """True when ``surname`` and ``given_names`` (as in the passport) spell ``registered`` in any order."""
    passport = name_parts(surname) + name_parts(given_names)
    known = name_parts(registered)
    if not passport or not known:
        return False
    if sorted(passport) == sorted(known):
        return True
    # "Zhang Wei" registered as "Zhangwei" or "Weizhang": the same letters, written as one word.
    surname_text, given_text = "".join(name_parts(surname)), "".join(name_parts(given_names))
    return "".join(known) in (surname_text + given_text, given_text + surname_text)
