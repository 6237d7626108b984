"""Expo's signal receivers, listed in ``ExpoConfig``'s docstring; imported by ``ExpoConfig.ready()``."""

from core.tombstones import leave_tombstones

from .models import Exhibit, Exhibitor

leave_tombstones(Exhibitor, summit_year_path="expo.summit.year")
leave_tombstones(Exhibit, summit_year_path="exhibitor.expo.summit.year")
