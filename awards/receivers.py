"""Awards' signal receivers, listed in ``AwardsConfig``'s docstring; imported by ``AwardsConfig.ready()``."""

from django.dispatch import receiver

from core.tombstones import leave_tombstones
from core.touch import touch_when_deleted
from summits.signals import edition_planned, edition_started

from .models import AwardProgramme, Nomination
from .services import editions

leave_tombstones(AwardProgramme, summit_year_path="summit.year")
leave_tombstones(Nomination, summit_year_path="programme.summit.year")
# A programme shows its categories and its ceremony session's id (core/touch.py).
touch_when_deleted(AwardProgramme, "categories")
touch_when_deleted(AwardProgramme, "ceremony_session")


@receiver(edition_planned, dispatch_uid="awards:edition:plan-copy")
def plan_programmes_copy(sender, source, **kwargs):
    return editions.planned_copy(source=source)


@receiver(edition_started, dispatch_uid="awards:edition:copy-programmes")
def copy_programmes(sender, source, new_summit, shift, **kwargs):
    editions.copy_programmes(source=source, new_summit=new_summit, shift=shift)
