"""The Redis broker transport Celery uses, with one fix: a worker holding messages survives a Redis restart.

A worker that has taken messages it has not acknowledged yet (a task waiting for its ETA or countdown: reports at
their release time, webhook retries) loses its connection when Redis restarts. Celery then closes the connection
and kombu's Redis channel, on close, tries to put those messages back through a connection that is already
released; that raises AttributeError (kombu 5.7, ``Channel._connparams``), which no connection-error handler
expects, and the worker stops with "Unrecoverable error" instead of reconnecting. Here the restore is skipped
when the connection is gone: the messages stay in Redis's unacknowledged set, which kombu restores after the
visibility timeout, and what a Redis without persistence forgets, the beat catch-ups (outbox, reports, webhooks)
send again from the database.
"""

from kombu.transport import redis


class QoS(redis.QoS):
    def restore_unacked(self, client=None):
        if client is None and self.channel.connection.client is None:
            self._delivered.clear()
            return
        super().restore_unacked(client)


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
