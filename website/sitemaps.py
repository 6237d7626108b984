"""/sitemap.xml: every public page in every language, gathered from each app's ``sitemaps.SITEMAPS``, with the
site's own named pages and each edition's overview."""

from django.contrib.sitemaps.views import sitemap

from awards.sitemaps import SITEMAPS as AWARDS
from core.pages import public_page
from core.seo import NamedPagesSitemap
from expo.sitemaps import SITEMAPS as EXPO
from forums.sitemaps import SITEMAPS as FORUMS
from members.sitemaps import SITEMAPS as MEMBERS
from reports.sitemaps import SITEMAPS as REPORTS
from summits.sitemaps import EditionPageSitemap


class SitePagesSitemap(NamedPagesSitemap):
    names = ("website:home", "website:archive", "members:directory", "reports:library")
    changefreq = "daily"


class EditionSitemap(EditionPageSitemap):
    url_name = "website:edition"


WEBSITE = {"pages": SitePagesSitemap, "editions": EditionSitemap}
SITEMAPS = {**WEBSITE, **FORUMS, **AWARDS, **EXPO, **MEMBERS, **REPORTS}


@public_page
def sitemap_xml(request):
    return sitemap(request, sitemaps=SITEMAPS)
