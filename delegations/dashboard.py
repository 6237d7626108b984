"""The delegations' section of the guests' dashboard: delegations by status, live members by country or region."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.countries import countries
from guests.dashboard import Bar, DashboardSection, register_dashboard_sections

from .enums import LIVE_MEMBER_STATUSES, DelegationStatus
from .models import Delegation, DelegationMember


@register_dashboard_sections
def delegation_sections(summit) -> list[DashboardSection]:
    """Two queries whatever the number of delegations and members."""
    totals = Delegation.objects.filter(summit=summit).aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(status=value)) for value in DelegationStatus.values},
    )
    rows = (DelegationMember.objects.filter(delegation__summit=summit, status__in=LIVE_MEMBER_STATUSES)
            .values("delegation__country").annotate(count=Count("pk")).order_by("-count", "delegation__country"))
    members = {row["delegation__country"]: row["count"] for row in rows}
    member_total = sum(members.values())
    return [
        DashboardSection(
            caption=_("Delegations by status"), heading=_("Delegations"),
            bars=[Bar(key=value, label=str(label), count=totals[value], total=totals["total"])
                  for value, label in DelegationStatus.choices],
            totals=[(_("Delegations"), totals["total"])],
        ),
        DashboardSection(
            caption=_("Delegation members by country or region"), heading=_("Delegation members"),
            bars=[Bar(key=code, label=str(countries.name(code)) or code, count=count, total=member_total)
                  for code, count in members.items()],
            totals=[(_("Delegation members"), member_total)],
        ),
    ]
