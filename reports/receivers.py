"""Reports' signal receivers, listed in ``ReportsConfig``'s docstring; imported by ``ReportsConfig.ready()``."""

from core.tombstones import leave_tombstones

from .models import ReportEdition

leave_tombstones(ReportEdition, summit_year_path="summit.year")
