from django.shortcuts import render

from . import selectors


def home(request):
    """The current edition at a glance; the full public site comes with its own issue."""
    return render(request, "summits/home.html", {"summit": selectors.current_summit()})
