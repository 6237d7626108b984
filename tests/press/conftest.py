import pytest
from django.contrib.auth.models import Group

from core.permissions import PRESS_OFFICE_GROUP


@pytest.fixture
def press_officer(django_user_model):
    """A staff account in the Press office group and nothing else."""
    user = django_user_model.objects.create_user("press-officer", password="correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name=PRESS_OFFICE_GROUP))
    return user


@pytest.fixture
def press_client(client, press_officer):
    client.force_login(press_officer)
    return client
