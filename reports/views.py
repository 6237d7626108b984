"""The reports library (published editions by series and year, with downloads), its Atom feed, and subscribing to
new reports by email (double opt-in, one-click unsubscribe)."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.forms import rate_limited, within_rate_limit
from core.pages import public_page
from core.site import trail

from . import links, selectors
from .feeds import NewReportsFeed
from .forms import SubscriptionForm
from .services import subscriptions

SUBSCRIBE_RATE_LIMIT = 10  # subscription requests per address per hour


def _year_or_none(value: str | None, years: list[int]) -> int | None:
    """The year asked for in the filter, or None (every year) for anything that is not a year of the library."""
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if year in years else None


def _trail(title: str):
    return trail((_("Reports"), reverse("reports:library")), (title, None))


@public_page(params=("year",))
def library(request):
    """Every published edition, series by series, with its summary, cover and download; filtered by year."""
    years = selectors.library_years()
    year = _year_or_none(request.GET.get("year"), years)
    return render(request, "reports/library.html", {
        "shelves": selectors.library(year),
        "years": years,
        "year": year,
        "subscription_form": SubscriptionForm(auto_id="subscribe-%s"),
        "section": "reports",
        "trail": trail((_("Reports"), None)),
    })


feed = public_page(NewReportsFeed())


# The library is cached and the same for everyone, so its form carries no CSRF token. Subscribing acts on no
# session and only sends a confirmation link to the address given, so a forged request gains nothing; the rate
# limit and the honeypot keep bots away.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method == "POST":
        if not within_rate_limit(request, scope="reports:subscribe", limit=SUBSCRIBE_RATE_LIMIT):
            return rate_limited(render(request, "reports/rate_limited.html", {
                "section": "reports", "trail": _trail(_("Subscribe")),
            }, status=429))
        form = SubscriptionForm(request.POST)
        if form.is_bot:  # answer as if it worked, so the bot learns nothing
            return redirect("reports:subscribed")
        if form.is_valid():
            subscriptions.subscribe(email=form.cleaned_data["email"], language=translation.get_language())
            # The same page whether the address was new or already subscribed: nothing is revealed.
            return redirect("reports:subscribed")
    else:
        form = SubscriptionForm()
    return render(request, "reports/subscribe.html", {
        "form": form, "section": "reports", "trail": _trail(_("Subscribe")),
    })


@never_cache
def subscribed(request):
    return render(request, "reports/subscribed.html", {"section": "reports", "trail": _trail(_("Subscribe"))})


def _private(response: HttpResponse) -> HttpResponse:
    """Pages reached by a subscriber's link: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid_link(request):
    return _private(render(request, "reports/invalid_link.html", {
        "section": "reports", "trail": _trail(_("Invalid link")), "confirm_days": links.CONFIRM_DAYS,
    }, status=404))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_subscription(request, subscription_token: str):
    """The link in the confirmation email (double opt-in). Opening it (GET, HEAD: what a mail scanner does) shows a
    page with a button; pressing it (POST) confirms, and the same address then says the subscription is confirmed."""
    subscriber = links.subscriber_for_confirm_token(subscription_token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriptions.confirm_subscription(subscriber=subscriber)
        return _private(redirect(request.get_full_path()))
    if not subscriber.is_active:
        return _private(render(request, "reports/confirm_subscription.html", {
            "section": "reports", "trail": _trail(_("Confirm your subscription")), "subscriber": subscriber,
        }))
    return _private(render(request, "reports/subscription_confirmed.html", {
        "section": "reports", "trail": _trail(_("Subscription confirmed")),
        "unsubscribe_url": links.unsubscribe_url(subscriber),
    }))


# Mail programs unsubscribe with a POST of "List-Unsubscribe=One-Click" and no CSRF token (RFC 8058); the token
# in the address is what proves the request comes from the subscriber's email.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, subscription_token: str):
    """GET shows a one-button page (link scanners open links; they must not unsubscribe anyone); POST, from that
    button or from the mail program's one-click unsubscribe, unsubscribes."""
    subscriber = links.subscriber_for_unsubscribe_token(subscription_token)
    if subscriber is None:
        return _invalid_link(request)
    context = {"section": "reports", "trail": _trail(_("Unsubscribe")), "subscriber": subscriber}
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber=subscriber)
        return _private(render(request, "reports/unsubscribed.html", context))
    return _private(render(request, "reports/unsubscribe.html", context))
