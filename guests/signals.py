"""Signals guests sends to the apps above it (delegations, the press, visa letters), which it never imports.

- ``guest_exported(sender=Guest, guest, registration_ids)``: each receiver returns a dict of the sections it adds to
  the guest's export (an access request answered under PIPL), e.g. ``{"visa_letters": [...]}``.
- ``guest_erased(sender=Guest, guest, registration_ids)``: sent inside the erasure's transaction, before the guest's
  own row is overwritten (so the email address can still be matched); each receiver erases what its app holds on
  the guest. An exception undoes the whole erasure.
"""

from django.dispatch import Signal

guest_exported = Signal()
guest_erased = Signal()
