"""The focal point's page and each member's own page, reached by signed links (delegations/links.py).

Views parse input with ``forms.py``, call ``services.py`` and render; a forged, expired or revoked link, or one
opened under another edition's address, is a 404.
"""

import functools

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.clock import wuzhen_today
from guests.enums import RegistrationStatus
from guests.forms import forum_options
from guests.services import RegistrationError

from . import links, services
from .enums import FOCAL_POINT_EDITABLE, LIVE_MEMBER_STATUSES, DelegationStatus, MemberStatus
from .forms import AddMemberForm, MemberRegistrationForm, SubstituteForm, WithdrawForm


def _private(response):
    """Pages reached by a signed link hold personal data: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _join(*sentences: str) -> str:
    return " ".join(sentence for sentence in sentences if sentence)


def _invalid_link(request):
    return _private(render(request, "delegations/invalid_link.html", status=404))


def signed(resolve, summit_of):
    """Resolve the view's signed token with ``resolve``: None, or a row of another edition than the address's, is
    the invalid-link page (404)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, year: int, **kwargs):
            (token,) = kwargs.values()
            row = resolve(token)
            if row is None or summit_of(row).year != year:
                return _invalid_link(request)
            return _private(view(request, row, token=token))

        return wrapper

    return decorate


@require_http_methods(["GET", "HEAD", "POST"])
@signed(links.delegation_for_token, lambda delegation: delegation.summit)
def focal_point(request, delegation, *, token: str):
    """The delegation as its focal point sees it: status, quota, members; add, substitute, submit."""
    members = list(delegation.members.order_by("-is_head", "created_at", "pk"))
    live = [member for member in members if member.status in LIVE_MEMBER_STATUSES]
    editable = delegation.status in FOCAL_POINT_EDITABLE and not delegation.summit.has_ended
    before_deadline = wuzhen_today() <= delegation.substitution_deadline
    can_substitute = editable and before_deadline
    language = translation.get_language()
    add_form = AddMemberForm(prefix="add", initial={"language": language})
    substitute_form = SubstituteForm(prefix="substitute", members=live, initial={"language": language})
    withdraw_form = WithdrawForm(prefix="withdraw", members=live)
    if request.method == "POST":
        action = request.POST.get("action")
        if delegation.status == DelegationStatus.APPROVED and action in ("add", "substitute", "withdraw"):
            review_again = _("The delegation was approved: the organizers will review it again.")
        else:
            review_again = ""
        try:
            if action == "add":
                add_form = AddMemberForm(request.POST, prefix="add")
                if add_form.is_valid():
                    services.add_member(delegation=delegation, new=add_form.new_member())
                    messages.success(request, _join(
                        _("The member is added and receives their own link by email."), review_again))
                    return redirect(request.path)
            elif action == "substitute":
                substitute_form = SubstituteForm(request.POST, prefix="substitute", members=live)
                if substitute_form.is_valid():
                    services.substitute_member(delegation=delegation, new=substitute_form.new_member(),
                                               member_id=substitute_form.cleaned_data["member"])
                    messages.success(request, _join(
                        _("The member is substituted; the new member receives their own link by email."),
                        review_again))
                    return redirect(request.path)
            elif action == "withdraw":
                withdraw_form = WithdrawForm(request.POST, prefix="withdraw", members=live)
                if withdraw_form.is_valid():
                    services.withdraw_member(delegation=delegation, member_id=withdraw_form.cleaned_data["member"])
                    messages.success(request, _join(
                        _("The member is withdrawn and their registration cancelled."), review_again))
                    return redirect(request.path)
            elif action == "submit":
                services.submit_delegation(delegation=delegation)
                messages.success(request, _("The delegation is submitted: the organizers will review it."))
                return redirect(request.path)
        except services.DelegationError as refusal:
            form = {"substitute": substitute_form, "withdraw": withdraw_form}.get(action, add_form)
            if action == "submit":
                messages.error(request, " ".join(refusal.messages))
                return redirect(request.path)
            field = refusal.field if refusal.field in form.fields else None
            form.add_error(field, refusal)
    context = {
        "delegation": delegation,
        "summit": delegation.summit,
        "organisation": delegation.name_before_delegation(language),
        "members": members,
        "live_count": len(live),
        "editable": editable,
        "can_add": editable and len(live) < delegation.quota,
        "can_substitute": can_substitute and bool(live),
        "substitutions_closed": editable and not before_deadline,
        "can_submit": delegation.status == DelegationStatus.OPEN and bool(live),
        "add_form": add_form,
        "substitute_form": substitute_form,
        "withdraw_form": withdraw_form,
    }
    return render(request, "delegations/focal_point.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@signed(links.member_for_token, lambda member: member.delegation.summit)
def member(request, member, *, token: str):
    """The member's own page: their registration form until they complete it, then their own data only."""
    delegation = member.delegation
    summit = delegation.summit
    language = translation.get_language()
    form = None
    if member.status == MemberStatus.INVITED and delegation.status != DelegationStatus.REJECTED:
        options = forum_options(summit)
        if request.method == "POST":
            form = MemberRegistrationForm(request.POST, summit=summit, options=options)
            if form.is_valid():
                try:
                    services.complete_member(member=member, details=form.details())
                except RegistrationError as refusal:
                    form.add_error(refusal.field if refusal.field in form.fields else None, refusal)
                except services.DelegationError as refusal:
                    form.add_error(None, refusal)
                else:
                    messages.success(request, _("Thank you: your registration is complete."))
                    return redirect(request.path)
        else:
            form = MemberRegistrationForm(summit=summit, options=options, initial={
                "full_name": member.full_name, "title": member.title, "country": delegation.country,
                "organization_name": delegation.display_name(language),
            })
    context = {
        "member": member,
        "delegation": delegation,
        "summit": summit,
        "organisation": delegation.name_before_delegation(language),
        "form": form,
        "registration": member.registration,
        "awaiting_approval": member.registration is not None and member.registration.status in (
            RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED),
        "guest": member.registration.guest if member.registration else None,
    }
    return render(request, "delegations/member.html", context)
