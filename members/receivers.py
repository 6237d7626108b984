"""Members' signal receivers, listed in ``MembersConfig``'s docstring; imported by ``MembersConfig.ready()``."""

from core.tombstones import leave_tombstones
from core.touch import touch_when_deleted, touch_when_relinked

from .models import Membership, Organization

leave_tombstones(Organization)
# An organisation is a public member through its membership, and shows it (core/touch.py).
touch_when_deleted(Organization, "membership")
touch_when_relinked(Membership, "organization")
