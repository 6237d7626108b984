"""Expo's signal receivers, listed in ``ExpoConfig``'s docstring; imported by ``ExpoConfig.ready()``."""

from django.dispatch import receiver

from core.tombstones import leave_tombstones
from core.touch import touch_when_deleted
from summits.signals import edition_planned, edition_started

from . import services
from .models import Exhibit, Exhibitor

leave_tombstones(Exhibitor, summit_year_path="expo.summit.year")
leave_tombstones(Exhibit, summit_year_path="exhibitor.expo.summit.year")
# An exhibitor shows its booth, an exhibit its images (core/touch.py).
touch_when_deleted(Exhibitor, "booth")
touch_when_deleted(Exhibit, "images")


@receiver(edition_planned, dispatch_uid="expo:edition:plan-copy")
def plan_expo_copy(sender, source, **kwargs):
    return services.planned_copy(source=source)


@receiver(edition_started, dispatch_uid="expo:edition:copy-expo")
def copy_expo(sender, source, new_summit, shift, **kwargs):
    services.copy_expo(source=source, new_summit=new_summit, shift=shift)
