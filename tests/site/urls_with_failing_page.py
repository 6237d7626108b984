"""The project's URLs plus a page that fails, to see the 500 page through the real error handler."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from wic.urls import handler404, handler500  # noqa: F401 - handlers are read here
from wic.urls import urlpatterns as project_urlpatterns


def failing_page(request):
    raise RuntimeError("the page failed")


urlpatterns = [*project_urlpatterns, *i18n_patterns(path("failing/", failing_page), prefix_default_language=True)]
