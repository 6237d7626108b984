"""Transactions that the database may abort for their timing alone, and that are therefore run again.

PostgreSQL ends one of two transactions that wait on each other's rows (a deadlock, SQLSTATE 40P01) and may end a
transaction it cannot serialize (40001); SQLite answers "database is locked" when two connections want to write at
once. None of these says anything about the request: the same transaction, run again a moment later, succeeds. So a
service that owns its transaction is decorated with ``atomic_with_retry`` instead of ``transaction.atomic``: the
whole transaction is re-run (the failed attempt rolled back, its on-commit callbacks discarded with it), and the
guest never sees an error page for it.

A lock timeout (55P03) is not retried: the project sets none, so a transaction waits for the rows it needs, and one
global order of locks keeps those waits short; a timeout set by an operator is a bound they chose, which retrying
would defeat.
"""

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

log = logging.getLogger(__name__)

# SQLSTATEs of a transaction aborted for its timing: serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
ATTEMPTS = 4
# The first pause before an attempt again, doubled for each further one, each randomised (0.5-1.5 times) so that
# the transactions that collided do not collide again in step.
FIRST_PAUSE = 0.05

P = ParamSpec("P")
R = TypeVar("R")


def is_retryable(error: BaseException) -> bool:
    """Whether the database aborted the transaction for its timing only (see the module's docstring)."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "pgcode", None) in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error)  # SQLite: another connection is writing


def _pause(attempt: int) -> float:
    return FIRST_PAUSE * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not a secret


def atomic_with_retry(func: Callable[P, R] | None = None, *, attempts: int = ATTEMPTS,
                      using: str = DEFAULT_DB_ALIAS):
    """``transaction.atomic``, and the whole transaction run again (up to ``attempts`` times in all, after a short
    random pause) when the database aborts it for a deadlock, a serialization failure or a locked SQLite file; the
    last attempt's error is raised as it is.

    Each attempt is called with the same arguments: pass values (a list, a queryset), not an iterator that the
    first attempt would exhaust. Inside a transaction already open (a caller's ``atomic``, a test's) there is
    nothing to retry: the error has aborted the outer transaction too, so it is raised for the outer transaction's
    owner to handle. Requests are not wrapped in one transaction (``ATOMIC_REQUESTS`` is off), so a view's call to
    a service is where the transaction begins and ends.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            if connections[using].in_atomic_block:
                with transaction.atomic(using=using):
                    return function(*args, **kwargs)
            attempt = 1
            while True:
                try:
                    with transaction.atomic(using=using):
                        return function(*args, **kwargs)
                except OperationalError as error:
                    if attempt >= attempts or not is_retryable(error):
                        raise
                    pause = _pause(attempt)
                    log.warning("%s: transaction aborted (%s), attempt %d of %d again in %.0f ms",
                                function.__qualname__, getattr(error.__cause__, "pgcode", None) or "locked",
                                attempt + 1, attempts, pause * 1000)
                    attempt += 1
                    time.sleep(pause)

        return run

    return decorate(func) if func is not None else decorate
