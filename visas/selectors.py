"""Reads of visa letters: the guest's latest letter, the letter a verification token opens, the dashboard's counts."""

from django.db.models import Count, Q

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
    """Letters of an edition by status, and requested ones by nationality: two queries."""
    letters = VisaLetter.objects.filter(registration__summit=summit)
    by_status = letters.aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(status=value)) for value in LetterStatus.values}
    )
    by_nationality = {
        row["nationality"]: row["count"]
        for row in letters.values("nationality").annotate(count=Count("pk")).order_by()
    }
    return {"by_status": by_status, "by_nationality": by_nationality}
