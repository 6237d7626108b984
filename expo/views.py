"""Public pages (being built)."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


expo = online_hall = exhibitor = exhibit = _todo
