"""The sitemap's base for the pages of an edition, which every domain with such pages subclasses."""

from django.urls import reverse

from core.enums import PublicationStatus
from core.seo import PublicSitemap

from .models import Summit


class EditionPageSitemap(PublicSitemap):
    """One page per edition (its overview, agenda, awards, expo...): ``url_name`` takes the edition's year.

    Items are published editions by default; subclasses narrow them, or list rows that know their edition
    (``year_of``).
    """

    url_name = ""
    changefreq = "weekly"

    def items(self):
        return list(Summit.objects.filter(status=PublicationStatus.PUBLISHED).order_by("-year"))

    def year_of(self, item) -> int:
        return item.year

    def location(self, item):
        return reverse(self.url_name, kwargs={"year": self.year_of(item)})
