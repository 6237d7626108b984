"""Readiness (``/readyz``): may this instance take traffic? The database, the cache, the broker, a worker that
runs what beat schedules, and an outbox that drains. Liveness (``/healthz``, core.views.health) stays cheap."""
