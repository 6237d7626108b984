"""Members' signal receivers, listed in ``MembersConfig``'s docstring; imported by ``MembersConfig.ready()``."""

from core.tombstones import leave_tombstones

from .models import Organization

leave_tombstones(Organization)
