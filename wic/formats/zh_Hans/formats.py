"""Chinese: year, month, day, then the weekday, as Chinese is written (2024年11月19日 星期二); months and days
without a leading zero (11月5日, not 11月05日)."""

DATE_FORMAT = "Y年n月j日"  # 2024年11月19日
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2024年11月19日 09:30
SHORT_DATE_FORMAT = "Y年n月j日"  # 2024年11月19日
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"  # 2024年11月19日 09:30
YEAR_MONTH_FORMAT = "Y年n月"  # 2024年11月
MONTH_DAY_FORMAT = "n月j日"  # 11月19日 (Django's own pads the month: 09月5日)
TIME_FORMAT = "H:i"  # 09:30
WEEKDAY_DATE_FORMAT = "Y年n月j日 l"  # 2024年11月19日 星期二
SHORT_MONTH_DAY_FORMAT = "n月j日"  # 11月19日
DAY_TIME_FORMAT = "Y年n月j日 H:i"  # 2024年11月19日 09:30
