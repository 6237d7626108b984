"""One JSON shape for every API error, whatever raised it: status, code, message and the fields at fault.

The schedule feeds answer their errors in the same shape (``json_error``), so a partner's client reads feed and API
errors alike.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler

from core.refusals import Refused


def error_body(status: int, code: str, detail: str, errors: dict | None = None) -> dict:
    """The body of every error the API and the feeds answer: ``{"status", "code", "detail", "errors"}``."""
    return {"status": status, "code": code, "detail": detail, "errors": errors or {}}


def json_error(status: int, code: str, detail: str, errors: dict | None = None) -> JsonResponse:
    """An error answered outside DRF (a plain Django view), in the API's shape."""
    return JsonResponse(error_body(status, code, detail, errors), status=status)


def _codes(detail):
    if isinstance(detail, dict):
        return {field: _codes(value) for field, value in detail.items()}
    if isinstance(detail, list):
        return [_codes(value) for value in detail]
    return str(detail)


def json_exception_handler(exc, context):
    """DRF's handler, with the body reshaped to ``{"status", "code", "detail", "errors"}``."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Refused):  # a service said no: 400, its message on the field at fault
        exc = exceptions.ValidationError(
            {exc.field or "non_field_errors": [exceptions.ErrorDetail(exc.messages[0], code=exc.code)]})
    response = exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500 handling, logged with its traceback
    body = error_body(response.status_code, "error", "")
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["detail"] = "The request has invalid parameters; see errors."
        errors = _codes(exc.detail)
        body["errors"] = errors if isinstance(errors, dict) else {"non_field_errors": errors}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else "error"
        body["detail"] = str(exc.detail)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait)
    response.data = body
    return response


def api_not_found(request, exception=None):
    """404 for any address under /api/ that matches no endpoint, in the API's own shape."""
    return json_error(404, "not_found", "No such endpoint.")


def api_server_error(request):
    return json_error(500, "server_error", "Server error.")
