"""Schedule feeds of an edition, a forum and a speaker, for partners' apps.

Every lookup happens inside the render function given to ``versioned_response``: the feed is built once per
content version, and until the programme changes again it is served from the cache (or answered 304) without a
single database query. A 404 raised while rendering is not cached.

A feed's language is its address's (``?lang=``, English without it), never the client's Accept-Language: the site
links each language's feed, a calendar subscribed to one stays in it whatever the phone's language, and the
document's own ``url`` names what it holds. So the answers do not say ``Vary: Accept-Language`` (a cache keeps one
copy per address) and say their Content-Language, errors included (English).
"""

from collections.abc import Callable

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core.api.errors import json_error
from core.http import versioned_response
from core.middleware import language_in_address
from summits.selectors import published_summit

from .feeds import FEED_FORMATS, Feed
from .models import SessionSpeaker
from .selectors import public_forum, public_placement_q, public_sessions, speaker_by_slug

FEED_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_FEED_LANGUAGE = "en"
ERROR_LANGUAGE = "en"  # the language of json_error's details


def _summit(year: int):
    summit = published_summit(year)
    if summit is None:
        raise Http404("No published summit for this year.")
    return summit


def _summit_feed(year: int, slug: str, language: str, url: str) -> Feed:
    summit = _summit(year)
    return Feed(summit=summit, sessions=list(public_sessions(summit)), language=language, url=url)


def _forum_feed(year: int, slug: str, language: str, url: str) -> Feed:
    summit = _summit(year)
    forum = public_forum(summit, slug)
    if forum is None:
        raise Http404("No published forum with this slug in this summit.")
    sessions = list(public_sessions(summit).filter(forum=forum))
    return Feed(summit=summit, sessions=sessions, language=language, url=url, forum=forum)


def _speaker_feed(year: int, slug: str, language: str, url: str) -> Feed:
    """A speaker's sessions in one edition; a speaker with no public session there has no feed."""
    summit = _summit(year)
    speaker = speaker_by_slug(slug)
    speaking = SessionSpeaker.objects.filter(public_placement_q(), session=OuterRef("pk"), speaker=speaker)
    sessions = list(public_sessions(summit).filter(Exists(speaking))) if speaker else []
    if not sessions:
        raise Http404("No speaker with this slug in the published programme of this summit.")
    return Feed(summit=summit, sessions=sessions, language=language, url=url, speaker=speaker)


def _error(status: int, code: str, detail: str, errors: dict | None = None) -> HttpResponse:
    response = json_error(status, code, detail, errors)
    response["Content-Language"] = ERROR_LANGUAGE
    return response


def _serve(request: HttpRequest, *, scope: str, load: Callable[..., Feed], year: int, slug: str,
           format: str) -> HttpResponse:
    language = request.GET.get("lang", DEFAULT_FEED_LANGUAGE).lower()
    if language not in FEED_LANGUAGES:
        allowed = ", ".join(FEED_LANGUAGES)
        return _error(400, "invalid", f"Unknown language; use one of: {allowed}.", {
            "lang": [f"'{request.GET['lang']}' is not one of: {allowed}."],
        })
    feed_format = FEED_FORMATS[format]
    # Built from SITE_URL, not from the Host header: the bytes are cached and shared by every client.
    url = f"{settings.SITE_URL}{request.path}" + ("" if language == DEFAULT_FEED_LANGUAGE else f"?lang={language}")

    def render() -> tuple[bytes, str]:
        return feed_format.render(load(year, slug, language, url)), feed_format.content_type

    try:
        return versioned_response(
            request, key=f"feed:{scope}:{year}:{slug}:{language}:{format}", render=render,
            extra_headers={"Content-Language": language},
        )
    except Http404 as missing:
        return _error(404, "not_found", str(missing))


@csrf_exempt  # read-only: a POST is a 405 (require_safe), not a CSRF page
@language_in_address
@require_safe
def summit_schedule(request: HttpRequest, year: int, format: str) -> HttpResponse:
    return _serve(request, scope="summit", load=_summit_feed, year=year, slug="", format=format)


@csrf_exempt  # read-only: a POST is a 405 (require_safe), not a CSRF page
@language_in_address
@require_safe
def forum_schedule(request: HttpRequest, year: int, slug: str, format: str) -> HttpResponse:
    return _serve(request, scope="forum", load=_forum_feed, year=year, slug=slug, format=format)


@csrf_exempt  # read-only: a POST is a 405 (require_safe), not a CSRF page
@language_in_address
@require_safe
def speaker_schedule(request: HttpRequest, year: int, slug: str, format: str) -> HttpResponse:
    return _serve(request, scope="speaker", load=_speaker_feed, year=year, slug=slug, format=format)
