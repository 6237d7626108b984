"""What the layout shows of the summit on every public page: the current edition's year."""

from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from summits.selectors import current_summit


def _current_year():
    try:
        summit = current_summit()
    except DatabaseError:  # the error page must render even when the database is the error
        return None
    return summit.year if summit else None


def current_edition(request):
    """Template context for the layout: ``current_year``, read only by a template that shows it (not the admin)."""
    return {"current_year": SimpleLazyObject(_current_year)}
