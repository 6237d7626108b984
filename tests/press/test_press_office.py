"""The "Press office" group holds exactly the press accreditation: every admin page of another app is refused to
a press officer (guests' registrations, awards, the expo...), and every press page is theirs."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from forums.models import Forum
from press.models import PressAccreditation
from tests.factories.press import PressAccreditationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

# What the press office's reviews need besides its own app (core.permissions.PRESS_OFFICE_PERMISSIONS).
READABLE = {Forum}


def test_press_officer_opens_the_press_admin_and_nothing_else(press_client):
    accreditation = PressAccreditationFactory(registration__summit=SummitFactory(year=2024))
    answers = {}
    for model in admin.site._registry:
        meta = model._meta
        for view in ("changelist", "add"):
            try:
                url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}")
            except NoReverseMatch:
                continue
            answers[(meta.label, view)] = press_client.get(url).status_code

    expected = {}
    for (label, view), _status in answers.items():
        model = next(model for model in admin.site._registry if model._meta.label == label)
        if model is PressAccreditation:
            expected[(label, view)] = 200 if view == "changelist" else 403  # applications come from the form
        elif model in READABLE:
            expected[(label, view)] = 200 if view == "changelist" else 403
        else:
            expected[(label, view)] = 403
    assert answers == expected
    change = reverse("admin:press_pressaccreditation_change", args=[accreditation.pk])
    assert press_client.get(change).status_code == 200
    assert press_client.get(reverse("admin:press_pressaccreditation_conferences")).status_code == 200


@pytest.mark.parametrize("url_name", [
    "admin:guests_registration_changelist", "admin:guests_guest_changelist", "admin:guests_registration_dashboard",
    "admin:awards_nomination_changelist", "admin:expo_exhibitor_changelist", "admin:core_auditentry_changelist",
    "admin:auth_user_changelist",
])
def test_press_officer_is_refused_other_areas(press_client, url_name):
    assert press_client.get(reverse(url_name)).status_code == 403


def test_press_officers_admin_index_lists_only_the_press_and_forums(press_client):
    response = press_client.get(reverse("admin:index"))

    apps = {app["app_label"] for app in response.context["app_list"]}
    assert apps == {"press", "forums"}


def test_organizers_review_the_press_too(organizer_client):
    assert organizer_client.get(reverse("admin:press_pressaccreditation_changelist")).status_code == 200
