"""Reads of visa letters: the guest's latest letter, the letter a verification token opens, the dashboard's counts."""

from django.db.models import Count

from .enums import LetterStatus
from .models import VisaLetter


def latest_letter(registration) -> VisaLetter | None:
    """The registration's live letter, else its last refused or revoked one (what its page tells the guest)."""
    return registration.visa_letters.order_by("-requested_at", "-pk").first()


def letter_to_verify(token: str) -> VisaLetter | None:
    if not token:
        return None
    return (VisaLetter.objects.select_related("registration__summit")
            .filter(verification_token=token, status__in=(LetterStatus.APPROVED, LetterStatus.REVOKED),
                    erased_at__isnull=True)
            .first())


def letter_counts(summit) -> dict:
    """Letters of an edition by status, and all requests by nationality: one query (grouped by both)."""
    by_status = dict.fromkeys(LetterStatus.values, 0)
    by_nationality: dict[str, int] = {}
    rows = (VisaLetter.objects.filter(registration__summit=summit)
            .values("nationality", "status").annotate(count=Count("pk")).order_by())
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["count"]
        by_nationality[row["nationality"]] = by_nationality.get(row["nationality"], 0) + row["count"]
    return {"by_status": {**by_status, "total": sum(by_status.values())}, "by_nationality": by_nationality}
