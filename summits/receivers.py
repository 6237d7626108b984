"""Summits' signal receivers, listed in ``SummitsConfig``'s docstring; imported by ``SummitsConfig.ready()``."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from core.tombstones import record_tombstone

from .models import Room, Summit


@receiver(pre_delete, sender=Summit, dispatch_uid="tombstone:summits.summit")
def summit_deleted(sender, instance, **kwargs):
    record_tombstone(instance, summit_year_path="year")


@receiver(pre_delete, sender=Room, dispatch_uid="tombstone:summits.room")
def room_deleted(sender, instance, **kwargs):
    record_tombstone(instance)
