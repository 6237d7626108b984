"""Public pages of the awards for the sitemap: each edition's awards and competition, and every programme."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from core.enums import PublicationStatus
from core.seo import PublicSitemap
from summits.models import Summit
from summits.sitemaps import EditionPageSitemap

from .enums import ProgrammeKind
from .models import AwardProgramme
from .selectors import PUBLIC_PROGRAMME

PUBLISHED = PublicationStatus.PUBLISHED


def _editions_with(kind: Q) -> list[Summit]:
    """Published editions with at least one published programme of ``kind``, in one query."""
    programmes = AwardProgramme.objects.filter(kind, summit=OuterRef("pk"), status=PUBLISHED)
    return list(Summit.objects.filter(Exists(programmes), status=PUBLISHED).order_by("-year"))


class AwardsIndexSitemap(EditionPageSitemap):
    url_name = "awards:programmes"

    def items(self):
        return _editions_with(~Q(kind=ProgrammeKind.COMPETITION))


class CompetitionSitemap(EditionPageSitemap):
    url_name = "awards:competition"

    def items(self):
        return _editions_with(Q(kind=ProgrammeKind.COMPETITION))


class ProgrammeSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return list(
            AwardProgramme.objects.filter(PUBLIC_PROGRAMME)
            .select_related("summit")
            .order_by("-summit__year", "order", "pk")
        )

    def location(self, programme):
        return reverse("awards:programme", kwargs={"year": programme.summit.year, "slug": programme.slug})

    def lastmod(self, programme):
        return programme.updated_at


SITEMAPS = {"awards": AwardsIndexSitemap, "award-programmes": ProgrammeSitemap, "competitions": CompetitionSitemap}
