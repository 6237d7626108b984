"""Every admin page of every model opens, so no organizer meets a server error on an empty or demo database."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[m._meta.label_lower for m, _a in REGISTERED])
def test_changelist_and_add_pages_open(admin_client, admin_user, model, model_admin):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    request = RequestFactory().get("/")
    request.user = admin_user

    assert admin_client.get(reverse(f"{prefix}_changelist")).status_code == 200
    expected = 200 if model_admin.has_add_permission(request) else 403
    assert admin_client.get(reverse(f"{prefix}_add")).status_code == expected
