from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ForumsConfig(AppConfig):
    """The programme of an edition: forums, their sessions, and the speakers in them.

    Receivers, in forums/receivers.py:
    - Forum, Session and Speaker pre_delete: record a tombstone, so partners syncing with ?updated_since= learn
      of the deletion (core/tombstones.py).
    - SessionSpeaker post_delete: move the session's and the speaker's updated_at forward (forums/sync.py).
    - InterpretationChannel post_delete: move its session's updated_at forward (forums/sync.py); pre_save and
      post_save: the same for the session a channel leaves when saved with another one.
    - For the API's change lists (core/touch.py, forums/sync.py), touch (move updated_at forward): the forums of a
      deleted theme group; the speakers and co-hosted forums of a deleted organisation; the forums whose co-hosts
      change (m2m_changed); the room a deleted, or moved (forum_moved, session_moved), forum or session was in;
      the session and speaker a placement leaves when saved with another one (SessionSpeaker pre_save, post_save).
    - Forum pre_save and post_save: compare the stored start, end and room with the saved ones and send
      ``signals.forum_moved`` when they differ (services.announce_forum_move); guests tell the forum's guests.
    - Session pre_save and post_save: the same for a session, sending ``signals.session_moved`` with the slot it
      replaced (services.announce_session_move); guests tell the guests seated in its forum, in one summary.
    - Forum pre_save and post_save: compare the stored seat quota and room with the saved ones and send
      ``signals.forum_seats_changed`` when they differ; guests seat those waiting if seats are now free.
    - summits' edition_planned and edition_started: count, then copy, the theme groups and forums of the edition
      next year's is started from (services.planned_copy, services.copy_programme).
    Also listening to this app's rows: core (content version), partners (webhooks on Forum, Session,
    SessionSpeaker and InterpretationChannel), guests (forum_moved, session_moved, forum_seats_changed), awards
    and reports (a deleted session touches the programmes and editions naming it).
    """

    name = "forums"
    verbose_name = pgettext_lazy("a summit's agenda", "Programme")

    def ready(self):
        # In ready(), as Django asks: the receivers import models, loaded once the app registry is ready.
        from . import receivers  # noqa: F401 - connects the receivers listed in the docstring
