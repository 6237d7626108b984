import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from expo.enums import ExhibitorStatus
from expo.models import Exhibit, Exhibitor
from tests.factories.expo import BoothFactory, ExhibitImageFactory, ExhibitorFactory, HallFactory
from tests.factories.members import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    """An exhibit with an image, its exhibitor holding a booth: every expo admin page has something to show."""
    image = ExhibitImageFactory(exhibit__exhibitor__booth=BoothFactory())
    return image


@pytest.mark.parametrize("model", ["expo", "hall", "booth", "exhibitor", "exhibit"])
def test_admin_pages_when_organizer_opens_them_answer_200(admin_client, image, model):
    objects = {
        "expo": image.exhibit.exhibitor.expo,
        "hall": image.exhibit.exhibitor.booth.hall,
        "booth": image.exhibit.exhibitor.booth,
        "exhibitor": image.exhibit.exhibitor,
        "exhibit": image.exhibit,
    }

    pages = [
        reverse(f"admin:expo_{model}_changelist"),
        reverse(f"admin:expo_{model}_add"),
        reverse(f"admin:expo_{model}_change", args=[objects[model].pk]),
    ]

    assert [admin_client.get(page).status_code for page in pages] == [200, 200, 200]


def test_admin_changelists_when_searched_answer_200(admin_client, image):
    for model in ["expo", "hall", "booth", "exhibitor", "exhibit"]:
        response = admin_client.get(reverse(f"admin:expo_{model}_changelist"), {"q": "robot"})
        assert response.status_code == 200


def test_approve_action_when_posted_from_changelist_approves_applicants(admin_client):
    applicants = [ExhibitorFactory(application_status=ExhibitorStatus.APPLIED) for _ in range(2)]
    withdrawn = ExhibitorFactory(application_status=ExhibitorStatus.WITHDRAWN)

    response = admin_client.post(
        reverse("admin:expo_exhibitor_changelist"),
        {"action": "approve_selected", "index": 0, "_selected_action": [e.pk for e in [*applicants, withdrawn]]},
    )

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["2 exhibitors approved."]
    assert sorted(Exhibitor.objects.values_list("application_status", flat=True)) == [
        ExhibitorStatus.APPROVED, ExhibitorStatus.APPROVED, ExhibitorStatus.WITHDRAWN,
    ]


def test_exhibitor_add_form_when_booth_is_taken_shows_the_holder(admin_client):
    booth = BoothFactory(code="D-4", hall=HallFactory(name="Hall 5"))
    holder = ExhibitorFactory(booth=booth, organization__name="China Mobile")

    response = admin_client.post(
        reverse("admin:expo_exhibitor_add"),
        {
            "expo": holder.expo.pk,
            "organization": OrganizationFactory().pk,
            "application_status": ExhibitorStatus.APPROVED,
            "booth": booth.pk,
            "status": "draft",
            "exhibits-TOTAL_FORMS": 0,
            "exhibits-INITIAL_FORMS": 0,
            "exhibits-MIN_NUM_FORMS": 0,
            "exhibits-MAX_NUM_FORMS": 1000,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["booth"] == [
        "Booth D-4 (Hall 5) is already given to China Mobile; free it there first."
    ]
    assert Exhibitor.objects.count() == 1


def test_booth_autocomplete_when_picking_for_an_exhibitor_offers_free_booths_only(admin_client):
    hall = HallFactory()
    BoothFactory(hall=hall, code="E-1")
    ExhibitorFactory(booth=BoothFactory(hall=hall, code="E-2"))

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "expo", "model_name": "exhibitor", "field_name": "booth", "term": "E-"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [f"E-1 (2024 · {hall.name})"]


def _exhibit_form(exhibitor, **image_fields):
    png = ExhibitImageFactory.build().image.file
    png.seek(0)
    return {
        "exhibitor": exhibitor.pk,
        "title_en": "Humanoid robot",
        "slug": "humanoid-robot",
        "category": "ai",
        "order": 0,
        "status": "draft",
        "shown_online": "on",
        "images-TOTAL_FORMS": 1,
        "images-INITIAL_FORMS": 0,
        "images-MIN_NUM_FORMS": 0,
        "images-MAX_NUM_FORMS": 1000,
        "images-0-image": SimpleUploadedFile("robot.png", png.read(), content_type="image/png"),
        "images-0-caption_en": "At the expo",
        "images-0-order": 0,
        **image_fields,
    }


def test_exhibit_add_form_when_image_has_no_text_alternative_is_refused(admin_client):
    response = admin_client.post(reverse("admin:expo_exhibit_add"), _exhibit_form(ExhibitorFactory()))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {"alt_text_en": ["This field is required."]}
    ]
    assert not Exhibit.objects.exists()


def test_exhibit_add_form_when_image_is_described_saves_exhibit_and_image(admin_client):
    form = _exhibit_form(ExhibitorFactory(), **{"images-0-alt_text_en": "A robot waving"})

    response = admin_client.post(reverse("admin:expo_exhibit_add"), form)

    assert response.status_code == 302
    exhibit = Exhibit.objects.get()
    assert [(image.alt_text, image.caption) for image in exhibit.images.all()] == [("A robot waving", "At the expo")]
