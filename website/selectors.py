"""Reads of the public site's cross-domain pages: the archive of editions and an edition's overview, which
gather the programme, the awards, the expo, the reports and the members of an edition."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import AwardProgramme
from core.enums import PublicationStatus
from expo.enums import ExhibitorStatus
from expo.models import Expo
from forums.enums import ForumKind
from forums.models import Forum, Session
from forums.selectors import DECLINED, public_session_q
from members.enums import MembershipStatus
from members.models import Membership
from reports.selectors import published_editions
from summits.models import Summit

PUBLISHED = PublicationStatus.PUBLISHED


def published_summits() -> QuerySet[Summit]:
    """Every published edition, newest first, each with ``forum_count`` (its published forums), in one query."""
    return (
        Summit.objects.filter(status=PUBLISHED)
        .annotate(forum_count=Count("forums", filter=Q(forums__status=PUBLISHED)))
        .order_by("-year")
    )


@dataclass
class Figure:
    label: str | Promise
    value: int
    key: str  # a stable name for the page's markup and tests


@dataclass
class EditionOverview:
    """What an edition's front page shows: its highlights and its figures, read in a fixed few queries."""

    summit: Summit  # with ``is_current``, as current_summit and published_summit give it
    highlights: list = field(default_factory=list)  # the opening ceremony and the main forum(s)
    sub_forum_count: int = 0
    session_count: int = 0
    programmes: list = field(default_factory=list)
    expo: object = None  # the published Expo with exhibitor_count and exhibit_count, or None
    reports: list = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


HIGHLIGHT_KINDS = (ForumKind.OPENING_CEREMONY, ForumKind.MAIN_FORUM)


def edition_overview(summit: Summit) -> EditionOverview:
    """The published content of a published edition, as the public sees it: six queries whatever its size.

    Counts follow the public visibility rules (the API's): forums published, sessions public
    (``forums.selectors.public_session_q``), speakers of a public session, exhibitors approved and published,
    exhibits published of such exhibitors.
    """
    # An edition has a few dozen forums: one read gives the highlights and both forum counts.
    forums = list(Forum.objects.filter(summit=summit, status=PUBLISHED).order_by("start", "order", "pk"))
    highlights = [forum for forum in forums if forum.kind in HIGHLIGHT_KINDS]
    sub_forum_count = sum(1 for forum in forums if forum.kind == ForumKind.SUB_FORUM)
    session_figures = Session.objects.filter(public_session_q(), forum__summit=summit).aggregate(
        sessions=Count("pk", distinct=True), speakers=Count("session_speakers__speaker", distinct=True,
                       filter=~Q(session_speakers__invitation_status=DECLINED))
    )
    public_exhibitor = Q(exhibitors__status=PUBLISHED, exhibitors__application_status=ExhibitorStatus.APPROVED)
    expo = (
        Expo.objects.filter(summit=summit, status=PUBLISHED)
        .annotate(
            exhibitor_count=Count("exhibitors", filter=public_exhibitor, distinct=True),
            exhibit_count=Count(
                "exhibitors__exhibits", filter=public_exhibitor & Q(exhibitors__exhibits__status=PUBLISHED),
                distinct=True,
            ),
        )
        .first()
    )
    figures = []
    if summit.guest_count is not None:
        figures.append(Figure(_("Guests"), summit.guest_count, "guests"))
    if summit.country_count is not None:
        figures.append(Figure(_("Countries and regions"), summit.country_count, "countries"))
    figures += [
        Figure(_("Forums"), len(forums), "forums"),
        Figure(_("Sub-forums"), sub_forum_count, "sub-forums"),
        Figure(pgettext_lazy("part of a forum", "Sessions"), session_figures["sessions"], "sessions"),
        Figure(_("Speakers"), session_figures["speakers"], "speakers"),
    ]
    if expo is not None:
        figures += [
            Figure(_("Exhibitors"), expo.exhibitor_count, "exhibitors"),
            Figure(_("Exhibits"), expo.exhibit_count, "exhibits"),
        ]
    member_count = Membership.objects.filter(status=MembershipStatus.ACTIVE).count()
    figures.append(Figure(_("WIC members"), member_count, "members"))
    return EditionOverview(
        summit=summit,
        highlights=highlights,
        sub_forum_count=sub_forum_count,
        session_count=session_figures["sessions"],
        programmes=list(AwardProgramme.objects.filter(summit=summit, status=PUBLISHED).order_by("order", "pk")),
        expo=expo,
        reports=list(published_editions(summit)),
        figures=figures,
    )
