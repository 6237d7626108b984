"""What every public page's layout needs: its address in each language, its canonical address, its breadcrumbs."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

Crumb = tuple[str, str | None]  # (label, address; None for the page itself)


def _language_prefix(path: str) -> str | None:
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return code
    return None


def _without_language(path: str) -> str:
    current = _language_prefix(path)
    return path if current is None else path[len(current) + 1:]


def path_in_language(path: str, language: str) -> str:
    """The same page in ``language``: only the prefix changes, slugs and ids are the same in every language."""
    return f"/{language}{_without_language(path)}"


def absolute(path: str, request=None) -> str:
    """An absolute address on the public site (SITE_URL), for canonical links, OpenGraph and the sitemap."""
    base = settings.SITE_URL or (request.build_absolute_uri("/")[:-1] if request else "")
    return base.rstrip("/") + path


def _alternates(request) -> list[dict]:
    # A cached page links with the parameters it reads only (core.pages), other pages with the whole query.
    query = getattr(request, "page_query", request.META.get("QUERY_STRING", ""))
    alternates = []
    for code, _name in settings.LANGUAGES:
        path = path_in_language(request.path, code)
        alternates.append({
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": path + (f"?{query}" if query else ""),
            "absolute": absolute(path, request),
            "current": code == get_language(),
        })
    return alternates


def site(request):
    """Template context for the layout: the language switcher, hreflang alternates, the canonical address.

    The alternates are worked out only by a template that reads them (not the admin's); the current edition's year
    comes from ``website.context_processors``.
    """
    return {
        "alternates": SimpleLazyObject(lambda: _alternates(request)),
        "canonical_url": absolute(request.path, request),
        # Like the sitemap: the address without a language, which redirects to the visitor's language.
        "x_default_url": absolute(_without_language(request.path), request),
        "site_url": absolute("", request),
    }


def trail(*steps: Crumb, summit=None) -> list[Crumb]:
    """Breadcrumbs from the home page, through ``summit``'s overview when the page belongs to an edition."""
    crumbs: list[Crumb] = [(_("Home"), reverse("website:home"))]
    if summit is not None:
        crumbs.append((summit.name, reverse("website:edition", kwargs={"year": summit.year})))
    return [*crumbs, *steps]
