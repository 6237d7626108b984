"""The facts of the demo, as plain Python data.

What comes from the news reports in ``/work/shared/seeds`` (dates, themes, figures, names of awards, bodies and
reports) is marked as such; what had to be made up to give the editions a full programme (most sub-forum titles,
speakers, member organisations, exhibitors, laureates) is flagged ``is_demo`` when loaded.
"""
