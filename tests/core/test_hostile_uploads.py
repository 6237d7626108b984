"""Hostile uploads: whatever a file is called, it is stored under a slug of its stem and the extension of what its
content is, and public images are drawn anew, so a polyglot's payload and a photo's metadata stay out of MEDIA_ROOT."""

import re
import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from expo import links
from expo.models import ExhibitImage
from forums.models import Speaker
from members.models import Organization
from tests.admin_forms import errors_of, form_on_page, management
from tests.factories.expo import ExhibitFactory
from tests.factories.members import OrganizationFactory

pytestmark = pytest.mark.django_db

HTML_PAYLOAD = b"<html><body><script>alert(document.cookie)</script></body></html>"
PHP_PAYLOAD = b"<?php system($_GET['c']); ?>"
GPS_LATITUDE = 0x8825  # the EXIF tag of the GPS block a phone writes


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_html_polyglot() -> bytes:
    """A valid PNG that a browser sniffing for HTML finds a page in: the page in a text chunk and after IEND."""
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG")
    png = buffer.getvalue()
    end = png.rindex(b"IEND") - 4
    return png[:end] + _png_chunk(b"tEXt", b"Comment\x00" + HTML_PAYLOAD) + png[end:] + HTML_PAYLOAD


def jpeg_with_php_and_location() -> bytes:
    """A valid JPEG carrying PHP in its comment and the place it was taken in its EXIF."""
    image = Image.new("RGB", (40, 30), "blue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_LATITUDE] = {1: "N", 2: (30.0, 44.0, 55.0)}
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=PHP_PAYLOAD)
    return buffer.getvalue()


def stored_files(folder: str) -> list[Path]:
    return sorted(path for path in (Path(settings.MEDIA_ROOT) / folder).rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("filename", "content", "image_format", "stem"),
    [
        ("poly.html", png_html_polyglot(), "PNG", "poly"),
        ("shell.php", jpeg_with_php_and_location(), "JPEG", "shell"),
        ("robot.php.png", jpeg_with_php_and_location(), "JPEG", "robot"),
        ("<svg onload=alert(1)>.svg", png_html_polyglot(), "PNG", "svg-onloadalert1"),
    ],
)
def test_exhibit_image_is_stored_under_its_real_type_without_the_payload(client, filename, content, image_format,
                                                                           stem):
    exhibit = ExhibitFactory()
    page = f"/en/expo/manage/{links.exhibitor_token(exhibit.exhibitor)}/exhibits/{exhibit.pk}/"

    response = client.post(page, {
        "action": "add_image", "image": SimpleUploadedFile(filename, content, content_type="image/png"),
        "alt_text_en": "The robot",
    })

    assert response.status_code == 302
    name = ExhibitImage.objects.get().image.name
    extension = {"PNG": "png", "JPEG": "jpg"}[image_format]
    assert re.fullmatch(rf"expo/exhibits/{re.escape(stem)}-[0-9a-f]{{10}}\.{extension}", name), name
    (stored,) = stored_files("expo/exhibits")
    assert stored.name == name.rsplit("/", 1)[-1]
    data = stored.read_bytes()
    assert HTML_PAYLOAD not in data and PHP_PAYLOAD not in data
    with Image.open(BytesIO(data)) as image:
        assert (image.format, image.size) == (image_format, (40, 30))
        assert GPS_LATITUDE not in image.getexif()


def test_speaker_photo_uploaded_in_the_admin_is_stored_under_its_real_type(admin_client):
    response = admin_client.post(reverse("admin:forums_speaker_add"), {
        "name_en": "Grace Hopper", "slug": "grace-hopper", "language": "en",
        "photo": SimpleUploadedFile("grace.php.jpeg", jpeg_with_php_and_location(), content_type="image/jpeg"),
        **management("session_speakers", 0),
    })

    assert response.status_code == 302
    name = Speaker.objects.get().photo.name
    assert re.fullmatch(r"speakers/grace-[0-9a-f]{10}\.jpg", name), name
    with default_storage.open(name) as stored:
        assert PHP_PAYLOAD not in stored.read()


def test_organisation_logo_keeps_a_chinese_name_as_its_stem(admin_client):
    organization = OrganizationFactory()
    change = reverse("admin:members_organization_change", args=[organization.pk])
    buffer = BytesIO()
    Image.new("RGBA", (32, 32), (255, 0, 0, 128)).save(buffer, format="WEBP")
    data = form_on_page(admin_client.get(change), "organization_form")

    response = admin_client.post(change, {
        **data, "logo": SimpleUploadedFile("乌镇 标志.png", buffer.getvalue(), content_type="image/webp"),
    })

    assert response.status_code == 302, errors_of(response)
    name = Organization.objects.get().logo.name
    assert re.fullmatch(r"organizations/logos/乌镇-标志-[0-9a-f]{10}\.webp", name), name


def _add_speaker(admin_client, photo: SimpleUploadedFile, slug: str = "grace-hopper"):
    return admin_client.post(reverse("admin:forums_speaker_add"), {
        "name_en": "Grace Hopper", "slug": slug, "language": "en", "photo": photo, **management("session_speakers", 0),
    })


@pytest.mark.parametrize("filename", ["poly.html", "photo", "scan.pdf"])
def test_the_content_decides_not_the_extension_in_the_admin(admin_client, filename):
    """Django's extension check would refuse a real PNG named poly.html and accept a text file named .png: the
    content is what is checked, and the stored name comes from it."""
    response = _add_speaker(admin_client, SimpleUploadedFile(filename, png_html_polyglot(), content_type="text/html"))

    assert response.status_code == 302, errors_of(response)
    name = Speaker.objects.get().photo.name
    assert re.fullmatch(rf"speakers/{filename.split('.')[0]}-[0-9a-f]{{10}}\.png", name), name


def test_a_non_image_is_refused_in_the_admin_naming_the_accepted_types(admin_client):
    response = _add_speaker(admin_client, SimpleUploadedFile("photo.png", HTML_PAYLOAD, content_type="image/png"))

    assert response.status_code == 200
    assert errors_of(response) == ["The file is not a valid image (JPEG, PNG, WebP or GIF)."]
    assert not Speaker.objects.exists()


def test_the_same_image_uploaded_twice_is_stored_once(admin_client):
    """The stored name carries the content's digest: the same name is the same content, so it is reused."""
    first = _add_speaker(admin_client, SimpleUploadedFile("grace.jpeg", jpeg_with_php_and_location()))
    second = _add_speaker(admin_client, SimpleUploadedFile("grace.jpeg", jpeg_with_php_and_location()), "hopper")

    assert (first.status_code, second.status_code) == (302, 302)
    names = {speaker.photo.name for speaker in Speaker.objects.all()}
    assert len(names) == 1, names
    assert len(stored_files("speakers")) == 1
