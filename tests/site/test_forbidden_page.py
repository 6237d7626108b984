"""Staff opening a page their group may not open get the site's 403 page in their language, not a bare word."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("accept_language", "heading", "advice"), [
    ("en", "Not allowed", "ask the organizers to give your account that permission"),
    ("zh-hans", "无权访问", "请联系主办方为您的账户开通相应权限"),
])
def test_a_press_officer_opening_the_guests_registrations_is_told_why_in_their_language(
        client, django_user_model, accept_language, heading, advice):
    officer = django_user_model.objects.create_user(username="officer", password="press-pass-2026", is_staff=True)
    officer.groups.add(Group.objects.get(name="Press office"))
    client.force_login(officer)

    response = client.get("/admin/guests/registration/", headers={"accept-language": accept_language})

    assert response.status_code == 403
    page = response.content.decode()
    assert heading in page and advice in page and 'href="/admin/"' in page
