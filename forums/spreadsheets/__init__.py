"""The programme in spreadsheets (django-import-export resources): forums (programme.py), sessions with their
speakers (sessions.py) and speakers (speakers.py), read in the shape their export writes."""

from .programme import ForumResource
from .sessions import SessionResource
from .speakers import SpeakerResource

__all__ = ["ForumResource", "SessionResource", "SpeakerResource"]
