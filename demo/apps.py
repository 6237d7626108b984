from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo editions and their loader (``manage.py load_wic_demo``): it writes into every domain app, so it
    stands above them all and none of them imports it."""

    name = "demo"
    verbose_name = _("Demo data")
