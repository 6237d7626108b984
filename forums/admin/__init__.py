"""The programme in the admin, one module per part: forums (programme.py), sessions, speakers, the speaker portal's
actions, status page and travel (speaker_portal.py)."""

from . import programme, sessions, speaker_portal, speakers  # noqa: F401  (each registers its ModelAdmins)
