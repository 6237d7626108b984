from django.db import connection
from django.http import JsonResponse


def health(request):
    """Liveness for load balancers: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request, exception=None):
    """JSON under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        from .api.errors import api_not_found

        return api_not_found(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        from .api.errors import api_server_error

        return api_server_error(request)
    from django.views.defaults import server_error as default_server_error

    return default_server_error(request)
