"""What guests' privacy requests reach here (guests/signals.py): a guest's letters in their export, and their
passport data erased with them."""

from . import services


def export_visa_letters(sender, *, guest, registration_ids, **kwargs) -> dict:
    """The guest's letters, without the passport data organizers may not see (``services.export_letters``)."""
    return {"visa_letters": services.export_letters(registration_ids=registration_ids)}


def erase_visa_letters(sender, *, guest, registration_ids, **kwargs) -> None:
    services.erase_letters(registration_ids=registration_ids)
