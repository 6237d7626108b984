"""Expo's signal receivers, listed in ``ExpoConfig``'s docstring; imported by ``ExpoConfig.ready()``."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from core.tombstones import record_tombstone

from .models import Exhibit, Exhibitor


@receiver(pre_delete, sender=Exhibitor, dispatch_uid="tombstone:expo.exhibitor")
def exhibitor_deleted(sender, instance, **kwargs):
    record_tombstone(instance, summit_year_path="expo.summit.year")


@receiver(pre_delete, sender=Exhibit, dispatch_uid="tombstone:expo.exhibit")
def exhibit_deleted(sender, instance, **kwargs):
    record_tombstone(instance, summit_year_path="exhibitor.expo.summit.year")
