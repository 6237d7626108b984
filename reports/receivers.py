"""Reports' signal receivers, listed in ``ReportsConfig``'s docstring; imported by ``ReportsConfig.ready()``.

A signal rather than a call from the admin, because every path that moves a scheduled edition's release time must
move its publication: the admin's form, the shell, management commands.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from core.tombstones import leave_tombstones
from core.touch import touch_when_deleted

from . import services
from .enums import EditionStatus
from .models import ReportEdition

leave_tombstones(ReportEdition, summit_year_path="summit.year")
# An edition shows its summit's year and its release session's id, which a deletion empties (core/touch.py).
touch_when_deleted(ReportEdition, "summit")
touch_when_deleted(ReportEdition, "release_session")


@receiver(post_save, sender=ReportEdition, dispatch_uid="reports:edition:reschedule")
def reschedule_if_release_time_moved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or created or instance.status != EditionStatus.SCHEDULED:
        return  # loaddata, a new edition, or one not waiting for its release time: no run to move
    if update_fields is not None and "release_at" not in update_fields:
        return
    services.reschedule_publication(edition_id=instance.pk)
