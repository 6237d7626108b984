"""The dashboard's invitations section: how many were sent, answered, accepted and declined, and the accepted ones
by country or region; two queries whatever their number (registered in ``GuestsConfig.ready``).

Every figure counts the invitations ever created, revoked ones included: invited = awaiting an answer + answered +
revoked, and sent (those whose email went out, revoked since or not) is never more than invited."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.countries import countries

from .dashboard import Bar, DashboardSection, _by_size
from .enums import InvitationStatus
from .models import Invitation


def invitation_sections(summit) -> list[DashboardSection]:
    invitations = Invitation.objects.filter(summit=summit)
    totals = invitations.aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        answered=Count("pk", filter=Q(status__in=[InvitationStatus.ACCEPTED, InvitationStatus.DECLINED])),
        accepted=Count("pk", filter=Q(status=InvitationStatus.ACCEPTED)),
        declined=Count("pk", filter=Q(status=InvitationStatus.DECLINED)),
        pending=Count("pk", filter=Q(status=InvitationStatus.PENDING)),
        revoked=Count("pk", filter=Q(status=InvitationStatus.REVOKED)),
    )
    if not any(totals.values()):
        return []
    accepted = totals["accepted"]
    rows = (invitations.filter(status=InvitationStatus.ACCEPTED).values("country").annotate(count=Count("pk"))
            .order_by())
    bars = _by_size([Bar(key=row["country"], label=str(countries.name(row["country"])) or row["country"],
                         count=row["count"], total=accepted) for row in rows])
    return [DashboardSection(
        caption=_("Invitations accepted by country or region"),
        heading=_("Invitations"),
        bars=bars,
        totals=[(_("Invited"), totals["invited"]), (_("Sent"), totals["sent"]), (_("Answered"), totals["answered"]),
                (_("Accepted"), accepted), (_("Declined"), totals["declined"]),
                (_("Awaiting an answer"), totals["pending"]), (_("Revoked"), totals["revoked"])],
    )]
