"""What search engines and link previews read: robots.txt, and the sitemaps' base classes (every language, with
hreflang alternates, addresses on SITE_URL)."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse


class PublicSitemap(Sitemap):
    """Each item listed once per language, each with its alternates and an x-default (English)."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def get_urls(self, page=1, site=None, protocol=None):
        if settings.SITE_URL:
            parts = urlsplit(settings.SITE_URL)
            site = SimpleNamespace(domain=parts.netloc + parts.path.rstrip("/"))
            protocol = parts.scheme
        return super().get_urls(page=page, site=site, protocol=protocol)


class NamedPagesSitemap(PublicSitemap):
    """Pages known by their URL name alone."""

    names: tuple[str, ...] = ()

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)


def robots_txt(request):
    """Everything public may be crawled; guests' and exhibitors' signed links, forms, the jury's pages, the
    check-in desk and the admin may not."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/summits/*/registration/",
        "Disallow: /*/summits/*/check-in/",
        "Disallow: /i18n/",
        "Disallow: /*/jury/",
        "Disallow: /*/accounts/",
        "Disallow: /*/expo/manage/",
        "Disallow: /*/nominate/",
        "Allow: /",
        f"Sitemap: {settings.SITE_URL or request.build_absolute_uri('/')[:-1]}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
