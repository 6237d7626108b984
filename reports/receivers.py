"""Reports' signal receivers, listed in ``ReportsConfig``'s docstring; imported by ``ReportsConfig.ready()``."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from core.tombstones import record_tombstone

from .models import ReportEdition


@receiver(pre_delete, sender=ReportEdition, dispatch_uid="tombstone:reports.reportedition")
def edition_deleted(sender, instance, **kwargs):
    record_tombstone(instance, summit_year_path="summit.year")
