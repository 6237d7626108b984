"""English: Django's formats (DATE_FORMAT "Nov. 19, 2024"), plus the site's named ones."""

WEEKDAY_DATE_FORMAT = "l j F Y"  # Tuesday 19 November 2024: a day's heading in the agenda
SHORT_MONTH_DAY_FORMAT = "M j"  # Nov 19: a day in a short message
DAY_TIME_FORMAT = "N j, Y, H:i"  # Nov. 19, 2024, 09:30: when a session starts
