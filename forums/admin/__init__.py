"""The programme in the admin, one module per part: forums (programme.py), sessions, speakers."""

from . import programme, sessions, speakers  # noqa: F401  (each registers its ModelAdmins)
