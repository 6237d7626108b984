"""The Light of the Internet Expo of an edition: the exhibitor directory, an exhibitor, an exhibit, the cloud hall;
the application form, and the pages an exhibitor's contact reaches through the exhibitor's signed link."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.forms import rate_limited, within_rate_limit
from core.pages import public_page
from core.site import Crumb, trail
from summits.selectors import next_edition, published_summit_or_404

from . import links, selectors, services
from .enums import ExhibitCategory
from .forms import ExhibitForm, ExhibitImageForm, ExhibitorApplicationForm, ExhibitorProfileForm


def _expo_or_404(year: int):
    expo = selectors.public_expo(year)
    if expo is None:
        raise Http404
    return expo


def _expo_trail(expo, *steps: Crumb) -> list[Crumb]:
    """Breadcrumbs through the expo's page to ``steps``."""
    return trail((expo.name, reverse("expo:expo", kwargs={"year": expo.summit.year})), *steps, summit=expo.summit)


@public_page(params=("category",))
def expo(request, year):
    """The expo at a glance and its exhibitor directory, which a category narrows down."""
    found = _expo_or_404(year)
    category = selectors.parse_category(request.GET.get("category"))
    return render(request, "expo/expo.html", {
        "summit": found.summit,
        "section": "expo",
        "expo": found,
        "venue": found.venue or found.summit.venue,
        "online_hall_open": selectors.online_hall_is_open(found),
        "categories": ExhibitCategory.choices,
        "category": category,
        "exhibitors": selectors.exhibitor_directory(found, category),
        "new_releases": selectors.new_releases(found, category),
        "trail": trail((found.name, None), summit=found.summit),
    })


@public_page
def online_hall(request, year):
    """The online cloud hall: the exhibits shown online by category while it is open, else when it opens or closed."""
    found = _expo_or_404(year)
    return render(request, "expo/online_hall.html", {
        "summit": found.summit,
        "section": "expo",
        "expo": found,
        "hall_status": selectors.online_hall_status(found),
        "groups": selectors.online_hall_by_category(found),
        "trail": _expo_trail(found, (_("Online hall"), None)),
    })


@public_page
def exhibitor(request, year, slug):
    """A public exhibitor: logo, description, website, booth and its published exhibits."""
    found = selectors.public_exhibitor(year, slug)
    if found is None:
        raise Http404
    return render(request, "expo/exhibitor.html", {
        "summit": found.expo.summit,
        "section": "expo",
        "expo": found.expo,
        "exhibitor": found,
        "trail": _expo_trail(found.expo, (found.organization.name, None)),
    })


@public_page
def exhibit(request, year, exhibitor, slug):
    """A published exhibit of a public exhibitor, with its images."""
    found = selectors.public_exhibit(year, exhibitor, slug)
    if found is None:
        raise Http404
    shown_by = found.exhibitor
    return render(request, "expo/exhibit.html", {
        "summit": shown_by.expo.summit,
        "section": "expo",
        "expo": shown_by.expo,
        "exhibitor": shown_by,
        "exhibit": found,
        "trail": _expo_trail(
            shown_by.expo,
            (shown_by.organization.name,
             reverse("expo:exhibitor", kwargs={"year": year, "slug": shown_by.organization.slug})),
            (found.title, None),
        ),
    })


# --- Applications -----------------------------------------------------------------------------------------------



def _application(form: ExhibitorApplicationForm) -> services.ExhibitorApplication:
    data = form.cleaned_data
    return services.ExhibitorApplication(
        organization_name=data["organization_name"], country=data["country"], kind=data["kind"],
        website=data["website"], contact_name=data["contact_name"], contact_email=data["contact_email"],
        contact_phone=data["contact_phone"], products=data["products"],
        interest_categories=tuple(data["interest_categories"]), wanted_area_sqm=data["wanted_area_sqm"],
        language=translation.get_language(),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, year: int):
    """The exhibitor application form, open while the edition has an expo and has not ended
    (``Expo.takes_applications``); otherwise a page saying why it is closed, and a POST saves nothing."""
    summit = published_summit_or_404(year)
    found = selectors.expo_open_for_applications(summit)
    applications_trail = (_expo_trail(found, (_("Apply to exhibit"), None)) if found is not None
                          else trail((_("Apply to exhibit"), None), summit=summit))
    if found is None:
        return render(request, "expo/applications_closed.html", {
            "summit": summit, "section": "expo", "trail": applications_trail, "next_summit": next_edition(summit),
        }, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        if not within_rate_limit(request, scope="expo:apply", limit=settings.EXHIBITOR_APPLICATION_RATE_LIMIT):
            return rate_limited(render(request, "expo/rate_limited.html", {
                "summit": summit, "section": "expo", "trail": applications_trail,
            }, status=429))
        form = ExhibitorApplicationForm(request.POST)
        if form.is_bot:  # answer as if it worked, so the bot learns nothing
            return redirect("expo:applied", year=year)
        if form.is_valid():
            try:
                services.apply_for_expo(expo=found, application=_application(form))
            except ValidationError as refused:
                form.add_error("contact_email", refused)
            else:
                return redirect("expo:applied", year=year)
    else:
        form = ExhibitorApplicationForm()
    return render(request, "expo/apply.html", {
        "summit": summit, "section": "expo", "expo": found, "form": form, "trail": applications_trail,
    })


@never_cache
def applied(request, year: int):
    """The thank-you page: what the application form and the confirmation email say will happen next."""
    summit = published_summit_or_404(year)
    found = selectors.summit_expo(summit)
    if found is None:
        raise Http404
    return render(request, "expo/applied.html", {
        "summit": summit, "section": "expo", "expo": found,
        "trail": _expo_trail(found, (_("Application sent"), None)),
    })


# --- The exhibitor's link ---------------------------------------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    """Pages reached by the exhibitor's link hold its contact's work: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def exhibitor_link(view):
    """Resolve the exhibitor's signed link, or answer 404 with a page saying the link is not valid; a page or an
    exhibit not found behind a valid link is a 404 as well. Every answer is private."""

    @functools.wraps(view)
    def wrapper(request, exhibitor_token: str, **kwargs):
        exhibitor = links.exhibitor_for_token(exhibitor_token)
        if exhibitor is None:
            return _private(render(request, "expo/invalid_link.html", status=404))
        try:
            response = view(request, exhibitor=exhibitor, exhibitor_token=exhibitor_token, **kwargs)
        except Http404:
            response = render(request, "expo/manage_not_found.html", {
                "exhibitor": exhibitor, "exhibitor_token": exhibitor_token,
            }, status=404)
        return _private(response)

    return wrapper


def _manage_trail(exhibitor, exhibitor_token: str, *steps: Crumb) -> list[Crumb]:
    manage = reverse("expo:manage", kwargs={"exhibitor_token": exhibitor_token}) if steps else None
    return [(_("Home"), reverse("website:home")), (exhibitor.organization.name, manage), *steps]


@require_http_methods(["GET", "HEAD", "POST"])
@exhibitor_link
def manage(request, *, exhibitor, exhibitor_token: str):
    """The exhibitor's page: its exhibits, and its public description and website to keep up to date."""
    if request.method == "POST":
        form = ExhibitorProfileForm(request.POST)
        if form.is_valid():
            services.update_exhibitor_profile(exhibitor=exhibitor, **form.cleaned_data)
            messages.success(request, _("Your description and website are saved."))
            return redirect("expo:manage", exhibitor_token=exhibitor_token)
    else:
        form = ExhibitorProfileForm(initial={
            "description_en": exhibitor.description_en, "description_zh_hans": exhibitor.description_zh_hans,
            "website": exhibitor.website,
        })
    return render(request, "expo/manage.html", {
        "exhibitor": exhibitor, "expo": exhibitor.expo, "exhibitor_token": exhibitor_token, "form": form,
        "exhibits": selectors.exhibits_to_manage(exhibitor),
        "trail": _manage_trail(exhibitor, exhibitor_token),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@exhibitor_link
def manage_exhibit_new(request, *, exhibitor, exhibitor_token: str):
    """A new exhibit; once saved, its page takes images."""
    if request.method == "POST":
        form = ExhibitForm(request.POST)
        if form.is_valid():
            exhibit = services.create_exhibit(exhibitor=exhibitor, details=form.details())
            messages.success(request, _("The exhibit is saved. You can add its images now."))
            return redirect("expo:manage-exhibit", exhibitor_token=exhibitor_token, pk=exhibit.pk)
    else:
        form = ExhibitForm(initial={"shown_online": True})
    return render(request, "expo/manage_exhibit.html", {
        "exhibitor": exhibitor, "exhibitor_token": exhibitor_token, "form": form, "exhibit": None,
        "trail": _manage_trail(exhibitor, exhibitor_token, (_("New exhibit"), None)),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@exhibitor_link
def manage_exhibit(request, *, exhibitor, exhibitor_token: str, pk: int):
    """An exhibit of the exhibitor: its texts and flags, and its images (add one, remove one).

    Another exhibitor's exhibit is not found here: the lookup starts from the link's exhibitor.
    """
    exhibit = selectors.exhibit_to_manage(exhibitor, pk)
    if exhibit is None:
        raise Http404
    here = redirect("expo:manage-exhibit", exhibitor_token=exhibitor_token, pk=exhibit.pk)
    form = ExhibitForm(initial=ExhibitForm.initial_from(exhibit))
    image_form = ExhibitImageForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "save":
            form = ExhibitForm(request.POST)
            if form.is_valid():
                try:
                    services.update_exhibit(exhibitor=exhibitor, exhibit=exhibit, details=form.details())
                except services.NotTheirExhibit:
                    raise Http404 from None
                messages.success(request, _("The exhibit is saved."))
                return here
        elif action == "add_image":
            image_form = ExhibitImageForm(request.POST, request.FILES)
            if image_form.is_valid():
                try:
                    services.add_exhibit_image(exhibitor=exhibitor, exhibit=exhibit, **image_form.cleaned_data)
                except services.NotTheirExhibit:
                    raise Http404 from None
                except ValidationError as refused:
                    image_form.add_error(None, refused)
                else:
                    messages.success(request, _("The image is added."))
                    return here
        elif action == "delete_image":
            image = next((image for image in exhibit.images.all()
                          if str(image.pk) == request.POST.get("image", "")), None)
            if image is None:
                raise Http404
            try:
                services.delete_exhibit_image(exhibitor=exhibitor, image=image)
            except services.NotTheirExhibit:
                raise Http404 from None
            messages.success(request, _("The image is removed."))
            return here
        else:
            return HttpResponseBadRequest()
    return render(request, "expo/manage_exhibit.html", {
        "exhibitor": exhibitor, "exhibitor_token": exhibitor_token, "exhibit": exhibit, "form": form,
        "image_form": image_form,
        "trail": _manage_trail(exhibitor, exhibitor_token, (exhibit.title, None)),
    })
