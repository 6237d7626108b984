"""What the press app does when guests (which never imports it) asks: a guest's data exported or erased, the
dashboard's figures, a journalist's badge band and the sections of their own page. Connected in PressConfig.ready().
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.dispatch import receiver
from django.utils.translation import gettext as _

from core.collation import collation_key
from core.countries import countries
from core.models import AuditEntry
from guests.badges import BadgeBand, register_badge_band
from guests.dashboard import Bar, DashboardSection, register_dashboard_sections
from guests.enums import RegistrationSource
from guests.models import Guest
from guests.pages import PageSection, register_page_sections
from guests.signals import guest_erased, guest_exported

from . import selectors, services
from .enums import AccreditationStatus
from .models import PressAccreditation

PRESS_RED = (178, 34, 34)  # the press band: told apart from guests' blue at a glance


@receiver(guest_exported, sender=Guest, dispatch_uid="press.export")
def export_press_accreditations(*, guest, registration_ids, **kwargs) -> dict:
    return {"press_accreditations": services.export_accreditations(registration_ids=registration_ids)}


@receiver(guest_erased, sender=Guest, dispatch_uid="press.erase")
def erase_press_accreditations(*, guest, registration_ids, **kwargs) -> None:
    ids = list(PressAccreditation.objects.filter(registration_id__in=registration_ids).values_list("pk", flat=True))
    services.erase_accreditations(registration_ids=registration_ids)
    # The audit trail names accreditations by id already (personal=True); the admin log names them by the guest.
    content_type = ContentType.objects.get_for_model(PressAccreditation)
    neutral = Concat(Value(f"{PressAccreditation._meta.verbose_name} #"), F("object_id"), output_field=CharField())
    for rows in (AuditEntry.objects, LogEntry.objects):
        rows.filter(content_type=content_type, object_id__in=[str(pk) for pk in ids]).update(object_repr=neutral)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in ids]).update(
        change_message="")


@register_dashboard_sections
def press_sections(summit) -> list[DashboardSection]:
    """Accreditations by status, and the accredited by their outlet's country or region: one query."""
    by_status, by_country = selectors.accreditation_figures(summit)
    total = sum(by_status.values())
    accredited = sum(by_country.values())
    country_bars = sorted(
        (Bar(key=code, label=str(countries.name(code)) or code, count=count, total=accredited)
         for code, count in by_country.items()),
        key=lambda bar: (-bar.count, collation_key(bar.label)),
    )
    return [
        DashboardSection(
            caption=_("Press accreditations by status"), heading=_("Status"),
            bars=[Bar(key=value, label=str(label), count=by_status.get(value, 0), total=total)
                  for value, label in AccreditationStatus.choices],
            totals=[(_("Press applications"), total), (_("Accredited journalists"), accredited)],
        ),
        DashboardSection(caption=_("Accredited journalists by country or region of their outlet"),
                         heading=_("Country or region"), bars=country_bars),
    ]


@register_badge_band
def press_band(registration) -> BadgeBand | None:
    if registration.source != RegistrationSource.PRESS:
        return None
    accreditation = selectors.accreditation_of(registration)
    label = _("PRESS")
    if accreditation is not None:
        label = f"{label} · {accreditation.get_role_display()}"
    return BadgeBand(label=label, colour=PRESS_RED)


@register_page_sections
def press_page_sections(registration) -> list[PageSection]:
    """An accredited journalist's page lists the press conferences they may attend."""
    if registration.source != RegistrationSource.PRESS:
        return []
    accreditation = selectors.accreditation_of(registration)
    if accreditation is None or accreditation.status != AccreditationStatus.ACCREDITED:
        return []
    return [PageSection(heading=_("Press conferences you may attend"), template="press/_press_conferences.html",
                        context={"press_conferences": list(selectors.press_conferences(registration.summit)),
                                 "accreditation": accreditation})]
