"""Reads about summit editions that views, the admin and tasks share."""

from core.enums import PublicationStatus

from .models import Summit


def current_summit() -> Summit | None:
    """The latest published edition, the one the public site leads with."""
    return Summit.objects.filter(status=PublicationStatus.PUBLISHED).select_related("venue").order_by("-year").first()
