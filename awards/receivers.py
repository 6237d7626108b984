"""Awards' signal receivers, listed in ``AwardsConfig``'s docstring; imported by ``AwardsConfig.ready()``."""

from core.tombstones import leave_tombstones

from .models import AwardProgramme, Nomination

leave_tombstones(AwardProgramme, summit_year_path="summit.year")
leave_tombstones(Nomination, summit_year_path="programme.summit.year")
