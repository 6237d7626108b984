"""The exhibitor's signed link: its contact sees and changes its own exhibits, and nothing else."""

from io import BytesIO

import pytest
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.enums import AuditAction, PublicationStatus
from core.models import AuditEntry
from expo import links, services
from expo.models import Exhibit, ExhibitImage, Exhibitor
from tests.factories.expo import ExhibitFactory, ExhibitImageFactory, ExhibitorFactory

pytestmark = pytest.mark.django_db

LINK_NOTE = "changed through the exhibitor's link"


def _png(name="robot.png", size=(120, 80)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def exhibitor():
    return ExhibitorFactory(organization__name="Cloudbridge Robotics", website="https://old.example.org")


@pytest.fixture
def exhibit(exhibitor):
    return ExhibitFactory(exhibitor=exhibitor, title="Humanoid robot", summary="Walks and talks")


@pytest.fixture
def other_exhibit():
    return ExhibitFactory(exhibitor=ExhibitorFactory(organization__name="Rival Robotics"), title="Rival robot")


def _manage(exhibitor, lang="en") -> str:
    return f"/{lang}/expo/manage/{links.exhibitor_token(exhibitor)}/"


def _exhibit_page(exhibitor, exhibit) -> str:
    return f"{_manage(exhibitor)}exhibits/{exhibit.pk}/"


def exhibit_data(**overrides) -> dict:
    data = {
        "action": "save", "title_en": "Humanoid robot 2", "title_zh_hans": "人形机器人2", "category": "digital_health",
        "summary_en": "Cares for the elderly", "summary_zh_hans": "", "description_en": "", "description_zh_hans": "",
        "is_new_release": "on", "shown_online": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


# --- The link ----------------------------------------------------------------------------------------------------


def test_manage_page_lists_the_exhibitors_own_exhibits_drafts_included(client, exhibitor, exhibit, other_exhibit):
    ExhibitFactory(exhibitor=exhibitor, title="Prototype", status=PublicationStatus.DRAFT)

    response = client.get(_manage(exhibitor))

    html = response.content.decode()
    assert response.status_code == 200
    _assert_private(response)
    assert html.count("<h1>") == 1
    assert "<h1>Cloudbridge Robotics: your exhibits</h1>" in html
    assert [exhibit.title for exhibit in response.context["exhibits"]] == ["Humanoid robot", "Prototype"]
    assert "Rival robot" not in html
    assert "style=" not in html


def test_manage_page_when_opened_in_chinese_answers_in_chinese(client, exhibitor, exhibit):
    response = client.get(_manage(exhibitor, lang="zh-hans"))

    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


def test_manage_page_queries_do_not_grow_with_exhibits(client, exhibitor, django_assert_max_num_queries):
    for exhibit in ExhibitFactory.create_batch(4, exhibitor=exhibitor):
        ExhibitImageFactory(exhibit=exhibit)

    with django_assert_max_num_queries(8):
        response = client.get(_manage(exhibitor))

    assert response.status_code == 200


@pytest.mark.parametrize("forge", ["garbage", "tampered", "other_salt", "other_shape"])
def test_manage_when_token_is_forged_or_tampered_answers_404_saying_the_link_is_not_valid(client, exhibitor, forge):
    token = links.exhibitor_token(exhibitor)
    tokens = {
        "garbage": "not-a-token",
        "tampered": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "other_salt": signing.dumps([exhibitor.pk, exhibitor.link_version], salt="wic.guests.manage", compress=True),
        "other_shape": signing.dumps({"pk": exhibitor.pk}, salt=links.SALT, compress=True),
    }

    response = client.get(f"/en/expo/manage/{tokens[forge]}/")

    assert response.status_code == 404
    _assert_private(response)
    assert "<h1>This link is not valid</h1>" in response.content.decode()


def test_manage_when_the_exhibitor_is_not_approved_answers_404(client):
    applicant = ExhibitorFactory(applicant=True)

    assert client.get(_manage(applicant)).status_code == 404


def test_manage_when_the_link_was_replaced_answers_404(client, exhibitor, admin_user):
    old = _manage(exhibitor)
    services.send_new_exhibits_links(exhibitors=[exhibitor], actor=admin_user)

    assert client.get(old).status_code == 404


def test_organizer_admin_when_anonymous_redirects_to_login(client, exhibitor):
    response = client.get(f"/admin/expo/exhibitor/{exhibitor.pk}/change/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- The exhibitor's description ---------------------------------------------------------------------------------


def test_manage_post_saves_description_and_website_and_audits_without_actor(client, exhibitor):
    response = client.post(_manage(exhibitor), {
        "description_en": "Robots for care homes.", "description_zh_hans": "养老机器人。",
        "website": "https://cloudbridge.example.org",
    })

    assert response.status_code == 302
    _assert_private(response)
    exhibitor.refresh_from_db()
    assert (exhibitor.description_en, exhibitor.description_zh_hans, exhibitor.website) == (
        "Robots for care homes.", "养老机器人。", "https://cloudbridge.example.org",
    )
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.note, entry.changes["website"]) == (
        None, AuditAction.CHANGED, LINK_NOTE, ["https://old.example.org", "https://cloudbridge.example.org"],
    )


def test_manage_post_when_website_is_invalid_shows_the_error_and_saves_nothing(client, exhibitor):
    response = client.post(_manage(exhibitor), {"description_en": "New", "website": "not a website"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"website": ["Enter a valid URL."]}
    exhibitor.refresh_from_db()
    assert (exhibitor.description_en or "", exhibitor.website) == ("", "https://old.example.org")
    assert not AuditEntry.objects.exists()


# --- Exhibits ---------------------------------------------------------------------------------------------------


def test_exhibit_page_shows_the_form_filled_in(client, exhibitor, exhibit):
    response = client.get(_exhibit_page(exhibitor, exhibit))

    assert response.status_code == 200
    _assert_private(response)
    assert response.context["form"].initial["title_en"] == "Humanoid robot"
    assert "<h1>Humanoid robot</h1>" in response.content.decode()


def test_exhibit_post_saves_the_changes_and_audits_them(client, exhibitor, exhibit):
    response = client.post(_exhibit_page(exhibitor, exhibit), exhibit_data())

    assert response.status_code == 302
    exhibit.refresh_from_db()
    assert (exhibit.title_en, exhibit.title_zh_hans, exhibit.category, exhibit.summary_en, exhibit.is_new_release,
            exhibit.shown_online, exhibit.slug) == (
        "Humanoid robot 2", "人形机器人2", "digital_health", "Cares for the elderly", True, False, exhibit.slug,
    )
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.note, entry.object_id) == (None, LINK_NOTE, str(exhibit.pk))
    assert entry.changes["title_en"] == ["Humanoid robot", "Humanoid robot 2"]
    assert entry.changes["shown_online"] == [True, False]


def test_exhibit_post_when_title_is_missing_shows_the_error_and_saves_nothing(client, exhibitor, exhibit):
    response = client.post(_exhibit_page(exhibitor, exhibit), exhibit_data(title_en="", category="robots"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title_en": ["This field is required."],
        "category": ["Select a valid choice. robots is not one of the available choices."],
    }
    exhibit.refresh_from_db()
    assert exhibit.title_en == "Humanoid robot"


def test_exhibit_of_another_exhibitor_through_the_link_is_404_and_unchanged(client, exhibitor, other_exhibit):
    page = client.get(_exhibit_page(exhibitor, other_exhibit))
    post = client.post(_exhibit_page(exhibitor, other_exhibit), exhibit_data(title_en="Hijacked"))

    assert (page.status_code, post.status_code) == (404, 404)
    _assert_private(post)
    other_exhibit.refresh_from_db()
    assert other_exhibit.title_en == "Rival robot"
    assert not AuditEntry.objects.exists()


def test_exhibit_post_with_an_unknown_action_is_a_bad_request(client, exhibitor, exhibit):
    response = client.post(_exhibit_page(exhibitor, exhibit), exhibit_data(action="explode"))

    assert response.status_code == 400


def test_new_exhibit_when_exhibitor_is_published_is_published_at_once(client, exhibitor, exhibit):
    Exhibit.objects.filter(pk=exhibit.pk).update(slug="humanoid-robot")
    response = client.post(f"{_manage(exhibitor)}exhibits/new/", exhibit_data(title_en="Humanoid robot"))

    created = Exhibit.objects.exclude(pk=exhibit.pk).get()
    assert response.status_code == 302
    assert response["Location"] == _exhibit_page(exhibitor, created)
    assert (created.exhibitor, created.slug, created.status, created.order) == (
        exhibitor, "humanoid-robot-2", PublicationStatus.PUBLISHED, 1,
    )
    assert created.published_at is not None
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.note) == (None, AuditAction.CREATED, LINK_NOTE)
    public = client.get(f"/en/summits/{exhibitor.expo.summit.year}/expo/exhibitors/{exhibitor.organization.slug}/")
    assert f"/{exhibitor.organization.slug}/humanoid-robot-2/" in public.content.decode()


def test_new_exhibit_when_exhibitor_is_a_draft_stays_a_draft(client):
    draft = ExhibitorFactory(status=PublicationStatus.DRAFT)

    client.post(f"{_manage(draft)}exhibits/new/", exhibit_data())

    assert Exhibit.objects.get().status == PublicationStatus.DRAFT


def test_new_exhibit_page_shows_an_empty_form(client, exhibitor):
    response = client.get(f"{_manage(exhibitor)}exhibits/new/")

    assert response.status_code == 200
    _assert_private(response)
    assert "<h1>New exhibit</h1>" in response.content.decode()


# --- Images -----------------------------------------------------------------------------------------------------


def test_add_image_when_described_saves_it_and_the_page_shows_its_thumbnail(client, exhibitor, exhibit):
    response = client.post(_exhibit_page(exhibitor, exhibit), {
        "action": "add_image", "image": _png(), "alt_text_en": "The robot waving", "caption_en": "At the expo",
    })

    assert response.status_code == 302
    image = ExhibitImage.objects.get()
    assert (image.exhibit, image.alt_text_en, image.caption_en) == (exhibit, "The robot waving", "At the expo")
    html = client.get(_exhibit_page(exhibitor, exhibit)).content.decode()
    assert 'alt="The robot waving"' in html
    assert ".webp" in html
    assert AuditEntry.objects.get().note == LINK_NOTE


@pytest.mark.parametrize(
    ("upload", "errors"),
    [
        ({"image": "png", "alt_text_en": ""}, {"alt_text_en": ["This field is required."]}),
        ({"image": "text", "alt_text_en": "A robot"},
         {"image": ["The file is not a valid image (JPEG, PNG, WebP or GIF)."]}),
        ({"alt_text_en": "A robot"}, {"image": ["This field is required."]}),
    ],
)
def test_add_image_when_undescribed_or_not_an_image_is_refused(client, exhibitor, exhibit, upload, errors):
    files = {"png": _png(), "text": SimpleUploadedFile("robot.png", b"not an image", content_type="image/png")}
    data = {"action": "add_image", **upload}
    if "image" in data:
        data["image"] = files[data["image"]]

    response = client.post(_exhibit_page(exhibitor, exhibit), data)

    assert response.status_code == 200
    assert response.context["image_form"].errors == errors
    assert not ExhibitImage.objects.exists()


def test_delete_image_removes_it_and_its_file(client, exhibitor, exhibit, django_capture_on_commit_callbacks):
    image = ExhibitImageFactory(exhibit=exhibit)
    name = image.image.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_exhibit_page(exhibitor, exhibit), {"action": "delete_image", "image": image.pk})

    assert response.status_code == 302
    assert not ExhibitImage.objects.exists()
    assert not default_storage.exists(name)
    assert AuditEntry.objects.get().changes == {"images": [name, ""]}


def test_delete_image_of_another_exhibitors_exhibit_is_404_and_keeps_it(client, exhibitor, exhibit, other_exhibit):
    theirs = ExhibitImageFactory(exhibit=other_exhibit)

    response = client.post(_exhibit_page(exhibitor, exhibit), {"action": "delete_image", "image": theirs.pk})

    assert response.status_code == 404
    assert ExhibitImage.objects.filter(pk=theirs.pk).exists()


# --- The services refuse another exhibitor's exhibit ------------------------------------------------------------


def test_update_exhibit_when_exhibit_is_another_exhibitors_is_refused(exhibitor, other_exhibit):
    details = services.ExhibitDetails(title_en="Hijacked", category="ai")

    with pytest.raises(services.NotTheirExhibit):
        services.update_exhibit(exhibitor=exhibitor, exhibit=other_exhibit, details=details)

    other_exhibit.refresh_from_db()
    assert other_exhibit.title_en == "Rival robot"
    assert not AuditEntry.objects.exists()


def test_add_exhibit_image_when_exhibit_is_another_exhibitors_is_refused(exhibitor, other_exhibit):
    with pytest.raises(services.NotTheirExhibit):
        services.add_exhibit_image(exhibitor=exhibitor, exhibit=other_exhibit, image=_png(), alt_text_en="A robot")

    assert not ExhibitImage.objects.exists()


def test_delete_exhibit_image_when_image_is_another_exhibitors_is_refused(exhibitor, other_exhibit):
    theirs = ExhibitImageFactory(exhibit=other_exhibit)

    with pytest.raises(services.NotTheirExhibit):
        services.delete_exhibit_image(exhibitor=exhibitor, image=theirs)

    assert ExhibitImage.objects.filter(pk=theirs.pk).exists()


def test_update_exhibit_when_nothing_changes_writes_nothing(exhibitor, exhibit):
    details = services.ExhibitDetails(title_en="Humanoid robot", title_zh_hans=exhibit.title_zh_hans, category="ai",
                                      summary_en="Walks and talks")
    stamp = Exhibit.objects.get(pk=exhibit.pk).updated_at

    services.update_exhibit(exhibitor=exhibitor, exhibit=exhibit, details=details)

    assert Exhibit.objects.get(pk=exhibit.pk).updated_at == stamp
    assert not AuditEntry.objects.exists()


def test_exhibitor_for_token_when_token_is_current_finds_the_exhibitor(exhibitor):
    assert links.exhibitor_for_token(links.exhibitor_token(exhibitor)) == exhibitor
    Exhibitor.objects.filter(pk=exhibitor.pk).update(link_version=2)
    assert links.exhibitor_for_token(links.exhibitor_token(exhibitor)) is None


def test_new_exhibit_post_when_empty_shows_the_errors_and_saves_nothing(client, exhibitor):
    response = client.post(f"{_manage(exhibitor)}exhibits/new/", {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title_en": ["This field is required."], "category": ["This field is required."],
    }
    assert not Exhibit.objects.exists()
