"""The project's settings, with the benchmark's URLconf: every URL of the site plus ``bench/ceiling``.

Used only by ``bench/schedule.py`` (``DJANGO_SETTINGS_MODULE=bench.settings_bench``); everything else, production
mode included, still comes from the environment through ``wic.settings``.
"""

from wic.settings import *  # noqa: F403 - the real settings, unchanged but for the URLconf

ROOT_URLCONF = "bench.ceiling_urls"
