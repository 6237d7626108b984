"""The client's address, for every rate limit: the same answer for the site's forms and the API's throttle."""

from django.conf import settings


def client_address(request) -> str:
    """The address of whoever sent ``request``.

    Behind ``TRUSTED_PROXY_COUNT`` proxies (nginx, a load balancer) it is the one the outermost trusted proxy saw:
    each proxy appends the address it received from to ``X-Forwarded-For``, so it is that many entries from the
    end. Entries before it are whatever the client wrote and are never read, so a forged header buys no fresh
    allowance. With no proxy configured (the embedded mode, a bare gunicorn) it is ``REMOTE_ADDR`` and the header
    is ignored. Without the count, every guest behind the proxy shared the proxy's address and one allowance.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not proxies or not hops:
        return remote
    return hops[-min(proxies, len(hops))]
