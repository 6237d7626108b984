"""Checks of our own for django-health-check: the broker, the worker's heartbeat, the outbox.

Each says what it found in ``detail`` (safe to publish: no address, no URL, no personal data) and raises
``ServiceUnavailable`` when the instance should not take traffic. In the embedded mode (tasks run in-process,
no broker) the broker and worker checks pass and say so.
"""

import dataclasses
import datetime

from celery import current_app
from django.conf import settings
from django.db import connection
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from .selectors import oldest_queued_email_age, worker_heartbeat_age

IN_PROCESS = "in-process"


def tasks_run_in_process() -> bool:
    return bool(current_app.conf.task_always_eager)


@dataclasses.dataclass
class OwnCheck(HealthCheck):
    """One of ours: a second at most, and a ``detail`` (and failure messages) written to be public."""

    detail: str = dataclasses.field(default="", repr=False)
    timeout = datetime.timedelta(seconds=1)


class TasksCheck(OwnCheck):
    """A check of the task pipeline, which passes as "in-process" where tasks run in the web process."""

    def run(self) -> None:
        if tasks_run_in_process():
            self.detail = IN_PROCESS
            return
        self.check_pipeline()

    def check_pipeline(self) -> None:
        raise NotImplementedError


class Broker(TasksCheck):
    """A fresh connection to the broker answers within BROKER_SOCKET_TIMEOUT (what a publish waits at most)."""

    def check_pipeline(self) -> None:
        broker = current_app.connection_for_write(connect_timeout=settings.BROKER_SOCKET_TIMEOUT)
        try:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                                         timeout=self.timeout.total_seconds())
            broker.default_channel  # noqa: B018 - opening the channel is the probe (Redis: a PING)
        except Exception as error:  # noqa: BLE001 - kombu, redis and sockets each raise their own types
            raise ServiceUnavailable(f"the broker does not answer ({type(error).__name__})") from error
        finally:
            broker.release()
        self.detail = "connected"


class WorkerHeartbeat(TasksCheck):
    """A worker ran the heartbeat task beat schedules within READINESS_HEARTBEAT_MAX_AGE_SECONDS."""

    def check_pipeline(self) -> None:
        age = worker_heartbeat_age()
        if age is None:
            raise ServiceUnavailable("no worker heartbeat recorded")
        self.detail = f"last heartbeat {age:.0f} s ago"
        if age > settings.READINESS_HEARTBEAT_MAX_AGE_SECONDS:
            raise ServiceUnavailable(f"{self.detail}, more than {settings.READINESS_HEARTBEAT_MAX_AGE_SECONDS} s")


class Outbox(OwnCheck):
    """No email has waited for a worker to take it (queued, or left being sent by a worker that stopped) longer
    than OUTBOX_MAX_AGE_SECONDS."""

    def run(self) -> None:
        try:
            age = oldest_queued_email_age()
        finally:
            connection.close()  # this runs in a pool thread: its connection would outlive the request
        if age is None:
            self.detail = "no email waiting"
            return
        self.detail = f"oldest queued email {age.total_seconds():.0f} s old"
        if age.total_seconds() > settings.OUTBOX_MAX_AGE_SECONDS:
            raise ServiceUnavailable(f"{self.detail}, more than {settings.OUTBOX_MAX_AGE_SECONDS} s")
