"""Members' signal receivers, listed in ``MembersConfig``'s docstring; imported by ``MembersConfig.ready()``."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from core.tombstones import record_tombstone

from .models import Organization


@receiver(pre_delete, sender=Organization, dispatch_uid="tombstone:members.organization")
def organization_deleted(sender, instance, **kwargs):
    record_tombstone(instance)
