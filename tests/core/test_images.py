"""Image uploads are checked by Pillow: real image types only, within size and pixel limits."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from core.images import get_thumbnail, validate_image
from expo.forms import ExhibitImageForm
from forums.models import Speaker
from tests.admin_forms import management
from tests.factories.forums import SpeakerFactory


def png_of_size(width: int, height: int, name: str = "huge.png") -> SimpleUploadedFile:
    """A real, valid PNG of ``width``×``height`` black pixels (one bit each) in a few hundred kilobytes at most:
    the header is written by hand and the rows compressed a chunk at a time, never held whole in memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes((width + 7) // 8)  # filter byte, then the row's bits
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, data, content_type="image/png")


def image_upload(name="photo.png", size=(64, 48), image_format="PNG", mode="RGB") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new(mode, size, "white").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def test_validate_image_accepts_a_real_png_and_jpeg():
    validate_image(image_upload())
    validate_image(image_upload("photo.jpg", image_format="JPEG"))


def test_validate_image_refuses_a_text_file_named_like_an_image():
    fake = SimpleUploadedFile("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        validate_image(fake)

    assert error.value.messages == ["The file is not a valid image (JPEG, PNG, WebP or GIF)."]


def test_validate_image_refuses_a_format_outside_the_allowed_ones():
    with pytest.raises(ValidationError) as error:
        validate_image(image_upload("photo.bmp", image_format="BMP"))

    assert error.value.messages == ["BMP images are not accepted; upload a JPEG, PNG, WebP or GIF."]


def test_validate_image_refuses_a_decompression_bomb_from_its_header(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    bomb = image_upload("bomb.png", size=(4000, 3000), mode="1")  # 12 megapixels in a few kilobytes
    assert bomb.size < 20_000

    with pytest.raises(ValidationError) as error:
        validate_image(bomb)

    assert error.value.messages == ["The image is 4000×3000 pixels; the limit is 1 megapixels."]


def test_validate_image_refuses_a_file_over_the_size_limit(settings):
    settings.IMAGE_MAX_BYTES = 100

    with pytest.raises(ValidationError) as error:
        validate_image(image_upload(size=(200, 200)))

    assert error.value.messages[0].endswith("the limit is 0 MB.")


@pytest.mark.django_db
def test_admin_refuses_a_speaker_photo_that_is_not_an_image(admin_client):
    response = admin_client.post(reverse("admin:forums_speaker_add"), {
        "name_en": "Grace Hopper", "slug": "grace-hopper",
        "photo": SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg"),
        **management("session_speakers", 0),
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [
        "The file is not a valid image (JPEG, PNG, WebP or GIF)."
    ]
    assert not Speaker.objects.exists()


@pytest.mark.django_db
def test_admin_saves_a_speaker_photo_and_a_thumbnail_is_made_once(admin_client):
    response = admin_client.post(reverse("admin:forums_speaker_add"), {
        "name_en": "Grace Hopper", "slug": "grace-hopper", "language": "en",
        "photo": image_upload("grace.png", size=(1200, 800)),
        **management("session_speakers", 0),
    })
    assert response.status_code == 302
    speaker = Speaker.objects.get(slug="grace-hopper")

    name = get_thumbnail(speaker.photo, 320, 320)

    with default_storage.open(name) as thumbnail, Image.open(thumbnail) as image:
        assert (image.format, image.size) == ("WEBP", (320, 213))
    assert get_thumbnail(speaker.photo, 320, 320) == name


@pytest.mark.django_db
def test_thumbnail_of_a_speaker_without_photo_is_empty():
    assert get_thumbnail(SpeakerFactory().photo, 100, 100) == ""


@pytest.mark.django_db
def test_cropped_and_fitted_thumbnails_of_one_image_are_kept_apart():
    speaker = SpeakerFactory(photo=image_upload("wide.png", size=(1200, 600)))

    fitted = get_thumbnail(speaker.photo, 200, 200)
    cropped = get_thumbnail(speaker.photo, 200, 200, crop=True)

    assert fitted != cropped
    with default_storage.open(fitted) as first, Image.open(first) as image:
        assert image.size == (200, 100)
    with default_storage.open(cropped) as second, Image.open(second) as image:
        assert image.size == (200, 200)


@pytest.mark.django_db
def test_a_fitted_thumbnail_knows_its_real_size_for_the_img_tag():
    from core.images import thumbnail

    speaker = SpeakerFactory(photo=image_upload("portrait.png", size=(300, 600)))

    made = thumbnail(speaker.photo, 96, 96)
    again = thumbnail(speaker.photo, 96, 96)  # read back from the stored file

    assert made.startswith("/media/thumbs/")
    assert (made.width, made.height) == (again.width, again.height) == (48, 96)


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (6_325, 6_325)])  # 400 MP, and just over 40 MP
def test_validate_image_names_the_pixel_limit_for_any_size(width, height):
    upload = png_of_size(width, height)
    assert upload.size < 1_000_000

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.messages == [f"The image is {width}×{height} pixels; the limit is 40 megapixels."]


@pytest.mark.django_db
@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (6_325, 6_325)])
def test_admin_names_the_pixel_limit_for_a_photo_of_any_size(organizer_client, width, height):
    response = organizer_client.post(reverse("admin:forums_speaker_add"), {
        "name_en": "Grace Hopper", "slug": "grace-hopper", "photo": png_of_size(width, height),
        **management("session_speakers", 0),
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [
        f"The image is {width}×{height} pixels; the limit is 40 megapixels."
    ]
    assert not Speaker.objects.exists()


@pytest.mark.django_db
def test_the_exhibitors_image_form_names_the_pixel_limit_for_a_huge_image():
    """The public form an exhibitor uploads exhibit images with (expo/forms.py) says the same."""
    form = ExhibitImageForm(data={"alt_text_en": "A robot"}, files={"image": png_of_size(20_000, 20_000)})

    assert form.errors["image"] == ["The image is 20000×20000 pixels; the limit is 40 megapixels."]


def test_the_pixel_limit_is_counted_in_ten_thousands_in_chinese():
    """A Chinese reader counts pixels in 万: 4000万像素, not "40 百万像素"."""
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as error:
            validate_image(png_of_size(20_000, 20_000))

        assert error.value.messages == ["图片尺寸为 20000×20000 像素，上限为4000万像素。"]


def test_an_image_within_the_limit_is_accepted():
    validate_image(png_of_size(6_000, 6_000))  # 36 MP
