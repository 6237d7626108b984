"""Wuzhen's clock: the summit's dates are days in Wuzhen (Asia/Shanghai), whatever the server's or visitor's zone.

Read through ``django.utils.timezone``, so a test that sets the clock (time_machine) moves it too.
"""

import datetime
import zoneinfo

from django.utils import timezone

WUZHEN = zoneinfo.ZoneInfo("Asia/Shanghai")


def wuzhen_now() -> datetime.datetime:
    """Now, as an aware datetime in Wuzhen time."""
    return timezone.localtime(timezone.now(), WUZHEN)


def wuzhen_today() -> datetime.date:
    """Today's date in Wuzhen: at 00:10 on 23 November in Wuzhen it is the 23rd, though it is still the 22nd in UTC."""
    return timezone.localdate(timezone=WUZHEN)
