"""Delegations' receivers of guests' signals (guests/signals.py), connected by ``DelegationsConfig.ready()``."""

from django.dispatch import receiver

from guests.signals import guest_erased, guest_exported

from .services import erase_members, export_members


@receiver(guest_exported, dispatch_uid="delegations:guest-exported")
def guest_exported_members(sender, guest, registration_ids, **kwargs) -> dict:
    return export_members(guest=guest, registration_ids=registration_ids)


@receiver(guest_erased, dispatch_uid="delegations:guest-erased")
def guest_erased_members(sender, guest, registration_ids, **kwargs) -> None:
    erase_members(guest=guest, registration_ids=registration_ids)
