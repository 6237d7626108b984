"""The language of an API answer: ``?lang=`` first, then Accept-Language, then English."""

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

BOTH = "all"
SUPPORTED = ("en", "zh-hans")
# What ?lang= takes, exactly as the schema's enum says; Accept-Language is read leniently (zh-CN, zh, en-GB...).
LANG_VALUES = (*SUPPORTED, BOTH)
ALIASES = {"en": "en", "zh-hans": "zh-hans", "zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans",
           BOTH: BOTH}


def _match(code: str) -> str | None:
    code = code.strip().lower().replace("_", "-")
    if code in ALIASES:
        return ALIASES[code]
    base = code.split("-")[0]
    return {"en": "en", "zh": "zh-hans"}.get(base)


def requested_language(request) -> str:
    """'en', 'zh-hans' or 'all' (every language: each object then carries its ``translations``)."""
    asked = request.query_params.get("lang")
    if asked is not None:
        if asked not in LANG_VALUES:
            raise ValidationError({"lang": [f"Unsupported language {asked!r}; use one of en, zh-hans, all."]})
        return asked
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        language = _match(code)
        if language:
            return language
    return "en"


def activate_requested_language(request) -> str:
    language = requested_language(request)
    translation.activate("en" if language == BOTH else language)
    return language
