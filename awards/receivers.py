"""Awards' signal receivers, listed in ``AwardsConfig``'s docstring; imported by ``AwardsConfig.ready()``."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from core.tombstones import record_tombstone

from .models import AwardProgramme, Nomination


@receiver(pre_delete, sender=AwardProgramme, dispatch_uid="tombstone:awards.awardprogramme")
def programme_deleted(sender, instance, **kwargs):
    record_tombstone(instance, summit_year_path="summit.year")


@receiver(pre_delete, sender=Nomination, dispatch_uid="tombstone:awards.nomination")
def nomination_deleted(sender, instance, **kwargs):
    record_tombstone(instance, summit_year_path="programme.summit.year")
