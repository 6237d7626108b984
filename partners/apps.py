from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partners of the API: their keys, and the webhooks that tell them of programme changes.

    Receivers, in partners/receivers.py (which event a write is; services.queue_session_event delivers it):
    - Webhook post_save and post_delete: forget the cached "does anyone listen" answer.
    - Session pre_save and post_save: a public session saved is session.updated; one made non-public,
      session.deleted.
    - Session post_delete: a public session deleted is session.deleted.
    - SessionSpeaker post_save and post_delete, and Session.speakers m2m_changed: session.updated for a public
      session whose speakers (or their consent to streaming and recording) changed; InterpretationChannel
      post_save and post_delete: the same for its session.
    - Forum pre_save and post_save: a forum published or unpublished is session.updated or session.deleted for
      each of its published sessions; a public forum saved is session.updated for each of its public sessions,
      found by the worker after the commit (task wic.partners.fan_out_session_events).
    - Room, Speaker post_save; Venue, ThemeGroup, Organization pre_save and post_save (what sessions show of them
      changed); Forum.co_hosts m2m_changed; Organization and ThemeGroup pre_delete (their SET_NULL and link rows
      go without signals): session.updated for every public session showing the row, found by the same task.
    """

    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
