"""``/readyz``: 200 when this instance may take traffic, else 503, in JSON naming each check."""

import asyncio
import datetime

from django.http import JsonResponse
from health_check.checks import Cache, Database
from health_check.exceptions import HealthCheckException
from health_check.views import HealthCheckView

from .checks import Broker, Outbox, OwnCheck, WorkerHeartbeat

CHECKS = {
    "database": (Database, {}),
    # One second: the probe's set and get, each bounded by CACHE_SOCKET_TIMEOUT (see core.cache_connection).
    "cache": (Cache, {"timeout": datetime.timedelta(seconds=1)}),
    "broker": (Broker, {}),
    "worker": (WorkerHeartbeat, {}),
    "outbox": (Outbox, {}),
}


class ReadinessView(HealthCheckView):
    """Every check runs at once, each within its own timeout, so the answer comes in about a second whatever
    hangs. The answer names checks and says why one fails, in words of ours: no address, host or error text."""

    checks = tuple(CHECKS.values())
    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        """JSON whatever the client accepts: the answer is for load balancers and monitors."""
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        return self.readiness_response()

    def readiness_response(self) -> JsonResponse:
        report = {}
        for name, result in zip(CHECKS, self.results, strict=True):
            check = {"ok": result.error is None, "seconds": round(result.time_taken, 3)}
            detail = getattr(result.check, "detail", "")
            if result.error is not None:
                check["error"] = self.safe_error(result.check, result.error)
            if detail:
                check["detail"] = detail
            report[name] = check
        failing = [name for name, check in report.items() if not check["ok"]]
        return JsonResponse({"status": "not ready" if failing else "ready", "failing": failing, "checks": report},
                            status=503 if failing else 200)

    @staticmethod
    def safe_error(check, error: HealthCheckException) -> str:
        """Our own checks' messages are written to be public; the library's may quote a server (a database
        error names its host), so theirs are reduced to their kind."""
        if isinstance(check, OwnCheck):
            return str(error.message)
        return error.message_type
