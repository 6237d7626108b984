"""Summits' signal receivers, listed in ``SummitsConfig``'s docstring; imported by ``SummitsConfig.ready()``."""

from core.tombstones import leave_tombstones

from .models import Room, Summit

leave_tombstones(Summit, summit_year_path="year")
leave_tombstones(Room)
