from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuestsConfig(AppConfig):
    """Guests of an edition: their registration and accreditation, and the seats of the forums they chose.

    Receivers, in guests/receivers.py:
    - forums' forum_moved (a saved forum has another start, end or room, from any edit path): after commit, queue
      the task that emails the forum's seated and waiting guests, once per new slot
      (services.schedule_forum_change_notice).
    - forums' session_moved (a saved session has another start, end or room): in the save's transaction, record
      the move and the slot the guests last heard of, and after commit queue the summary task for when the
      organizers have stopped editing (services.record_session_move; one email per seated guest, in their language).
    - forums' forum_seats_changed (a saved forum has another seat quota or room): after commit, seat the guests
      waiting for it as far as seats are free (services.seat_waiting_guests_on_commit).

    The dashboard's invitations section (invitation_dashboard.invitation_sections) is registered in ready() too.
    """

    name = "guests"
    verbose_name = _("Guests and accreditation")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
        from .dashboard import SECTION_BUILDERS, register_dashboard_sections
        from .invitation_dashboard import invitation_sections

        if invitation_sections not in SECTION_BUILDERS:
            register_dashboard_sections(invitation_sections)
