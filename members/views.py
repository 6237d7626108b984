"""The WIC International Organization's pages: the member directory with its figures, the bodies and programmes,
the application to join, and the applicant's own page reached by the signed link in their emails.

Views parse input with the forms in ``forms.py``, call ``services.py`` and render; the rules live in services.
"""

import functools

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.collation import collation_key
from core.forms import rate_limited, within_rate_limit
from core.pages import public_page
from core.site import trail

from . import links, selectors, services
from .charts import bar_chart
from .enums import Continent, MembershipStatus
from .forms import MembershipApplicationForm


@public_page(params=("continent",))
def directory(request):
    """Every active member by continent and country (or one continent's), the figures, and the WIC's bodies."""
    continent = selectors.continent_or_none(request.GET.get("continent"))
    figures = selectors.member_figures()
    return render(request, "members/directory.html", {
        "continent": continent,
        "continent_label": Continent(continent).label if continent else "",
        "continent_choices": [(code, label) for code, label, _count in sorted(figures.by_continent,
                                                                               key=lambda row: collation_key(row[1]))],
        "groups": selectors.members_by_continent(continent),
        "figures": figures,
        "chart": bar_chart([(label, count) for _code, label, count in figures.by_continent]),
        "type_chart": bar_chart([(label, count) for _code, label, count in figures.by_type]),
        "bodies": selectors.bodies(),
        "section": "members",
        "trail": trail((_("Members"), None)),
    })


@public_page
def body(request, slug: str):
    """A body or programme: its current participants (the term covering today in Wuzhen), then the past ones."""
    roster = selectors.body_roster(slug, on=services.wuzhen_today())
    if roster is None:
        raise Http404
    return render(request, "members/body.html", {
        "roster": roster,
        "body": roster.body,
        "section": "members",
        "trail": trail((_("Members"), reverse("members:directory")), (roster.body.name, None)),
    })


def _apply_trail():
    return trail((_("Members"), reverse("members:directory")), (_("Apply for membership"), None))


def _application(form: MembershipApplicationForm) -> services.MembershipApplication:
    data = form.cleaned_data
    return services.MembershipApplication(
        name=data["name"], name_zh_hans=data["name_zh_hans"], country=data["country"], kind=data["kind"],
        type=data["type"], website=data["website"], contact_name=data["contact_name"],
        contact_email=data["contact_email"], contact_phone=data["contact_phone"], motivation=data["motivation"],
        language=translation.get_language(),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    """The application form; a valid one is recorded and acknowledged by email, then the thank-you page."""
    if request.method == "POST":
        limit = settings.MEMBERSHIP_APPLICATION_RATE_LIMIT
        if not within_rate_limit(request, scope="members:apply", limit=limit):
            return rate_limited(render(request, "members/rate_limited.html",
                                       {"section": "members", "trail": _apply_trail()}, status=429))
        form = MembershipApplicationForm(request.POST)
        if form.is_bot:  # answer as if it worked, so the bot learns nothing
            return redirect("members:applied")
        if form.is_valid():
            try:
                services.apply_for_membership(application=_application(form))
            except services.MembershipError as refusal:
                form.add_error(refusal.field, refusal)
            else:
                return redirect("members:applied")
    else:
        form = MembershipApplicationForm()
    return render(request, "members/apply.html", {"form": form, "section": "members", "trail": _apply_trail()})


@never_cache
def applied(request):
    """Thanks, and what happens next; nothing about the application itself, which anyone could ask to see."""
    return render(request, "members/applied.html", {"section": "members", "trail": _apply_trail()})


def _private(response: HttpResponse) -> HttpResponse:
    """The applicant's page holds personal data: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def applicant_link(view):
    """Resolve the signed token of the applicant's page, or answer with the invalid-link page."""

    @functools.wraps(view)
    def wrapper(request, application_token: str):
        membership = links.membership_for_token(application_token)
        if membership is None:
            return _private(render(request, "members/invalid_link.html", {"section": "members"}, status=404))
        return _private(view(request, membership=membership, token=application_token))

    return wrapper


@applicant_link
@require_http_methods(["GET", "HEAD", "POST"])
def application(request, *, membership, token: str):
    """The applicant's own application: its status, what they sent, and (while pending) withdrawing it."""
    error = ""
    if request.method == "POST":
        try:
            services.withdraw_application(membership=membership)
        except services.MembershipError as refusal:
            error = refusal.message
        else:
            return redirect("members:application", application_token=token)
    return render(request, "members/application.html", {
        "membership": membership,
        "organization": membership.organization,
        "pending": membership.status == MembershipStatus.APPLIED,
        "statuses": MembershipStatus,
        "error": error,
        "section": "members",
        "trail": trail((_("Members"), reverse("members:directory")), (_("Your application"), None)),
    })
