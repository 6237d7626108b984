"""/sitemap.xml: every public page in every language, gathered from each app's ``sitemaps.SITEMAPS``."""

from django.contrib.sitemaps.views import sitemap

from awards.sitemaps import SITEMAPS as AWARDS
from core.pages import public_page
from expo.sitemaps import SITEMAPS as EXPO
from forums.sitemaps import SITEMAPS as FORUMS
from members.sitemaps import SITEMAPS as MEMBERS
from reports.sitemaps import SITEMAPS as REPORTS
from summits.sitemaps import SITEMAPS as SUMMITS

SITEMAPS = {**SUMMITS, **FORUMS, **AWARDS, **EXPO, **MEMBERS, **REPORTS}


@public_page
def sitemap_xml(request):
    return sitemap(request, sitemaps=SITEMAPS)
