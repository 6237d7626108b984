"""The Atom feed of new reports, one per language: titles and summaries in the feed's language, and the file of
that language (else the other one) as the entry's enclosure."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.services.delivery import message_id_domain
from core.site import absolute

from . import selectors
from .models import ReportEdition

PDF = "application/pdf"


def _domain() -> str:
    return message_id_domain()


class NewReportsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Reports of the World Internet Conference")

    def subtitle(self):
        return _("The reports, blue books, papers and initiatives released at the Wuzhen Summit.")

    def link(self):
        return absolute(reverse("reports:library"))

    def feed_url(self):
        return absolute(reverse("reports:feed"))

    def feed_guid(self):
        return f"tag:{_domain()},2024:reports/feed/{get_language()}"

    def items(self):
        return list(selectors.feed_editions())

    def item_title(self, item: ReportEdition):
        return f"{item.title} ({item.version})" if item.version else item.title

    def item_description(self, item: ReportEdition):
        return item.summary

    def item_link(self, item: ReportEdition):
        return absolute(f"{reverse('reports:library')}#edition-{item.pk}")

    def item_guid(self, item: ReportEdition):
        # Stable whatever the titles, files or addresses become: the edition's id, per language of the feed.
        return f"tag:{_domain()},{item.created_at:%Y-%m-%d}:reports/edition/{item.pk}/{get_language()}"

    item_guid_is_permalink = False

    def item_categories(self, item: ReportEdition):
        return [item.series.name]

    def _published(self, item: ReportEdition) -> datetime.datetime:
        if item.published_at:
            return item.published_at
        if item.released_on:  # published before publication times were recorded: the release date
            return timezone.make_aware(datetime.datetime.combine(item.released_on, datetime.time.min))
        return item.created_at

    def item_pubdate(self, item: ReportEdition):
        return self._published(item)

    def item_updateddate(self, item: ReportEdition):
        return self._published(item)

    def item_enclosures(self, item: ReportEdition):
        download = selectors.edition_download(item)
        if download is None:
            return []
        size = download.size
        if size is None:  # a file not yet measured by the publishing task: ask the storage
            try:
                size = getattr(item, f"file_{download.language.replace('-', '_')}").size
            except OSError:
                size = 0
        url = download.url if "://" in download.url else absolute(download.url)
        return [Enclosure(url, str(size), PDF)]
