"""The delegations' section of the guests' dashboard: delegations by status, live members by country or region."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.collation import collation_key
from core.countries import countries
from guests.dashboard import Bar, DashboardSection, register_dashboard_sections

from .enums import LIVE_MEMBER_STATUSES, DelegationStatus
from .models import Delegation


@register_dashboard_sections
def delegation_sections(summit) -> list[DashboardSection]:
    """One query whatever the number of delegations and members: delegations and live members counted by
    (country, status), summed here by status and by country."""
    rows = (Delegation.objects.filter(summit=summit).values("country", "status")
            .annotate(delegations=Count("pk", distinct=True),
                      members=Count("members", filter=Q(members__status__in=LIVE_MEMBER_STATUSES)))
            .order_by())
    by_status: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    for row in rows:
        by_status[row["status"]] += row["delegations"]
        by_country[row["country"]] += row["members"]
    delegation_total, member_total = sum(by_status.values()), sum(by_country.values())
    country_bars = [Bar(key=code, label=str(countries.name(code)) or code, count=count, total=member_total)
                    for code, count in by_country.items() if count]
    return [
        DashboardSection(
            caption=_("Delegations by status"), heading=_("Delegations"),
            bars=[Bar(key=value, label=str(label), count=by_status[value], total=delegation_total)
                  for value, label in DelegationStatus.choices],
            totals=[(_("Delegations"), delegation_total)],
        ),
        DashboardSection(
            caption=_("Delegation members by country or region"), heading=_("Delegation members"),
            bars=sorted(country_bars, key=lambda bar: (-bar.count, collation_key(bar.label))),
            totals=[(_("Delegation members"), member_total)],
        ),
    ]
