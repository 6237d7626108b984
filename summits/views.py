from django.http import Http404
from django.shortcuts import render

from core.pages import public_page

from . import selectors


@public_page
def home(request):
    """The current edition at a glance (being built)."""
    return render(request, "summits/home.html", {"summit": selectors.current_summit()})


def archive(request):
    raise Http404


def edition(request, year):
    raise Http404
