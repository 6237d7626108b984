"""Uploaded images: checked by Pillow before they are stored, and served to the public as thumbnails."""

import hashlib
import logging
import struct
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
THUMBNAIL_DIR = "thumbs"


def pixel_limit_label(pixels: int) -> str:
    """The limit as each language counts pixels: "40 megapixels", "4000万像素" (Chinese counts in ten thousands)."""
    if (get_language() or "").startswith("zh"):
        return f"{pixels / 10_000:.0f}万像素"
    return _("%(count)s megapixels") % {"count": f"{pixels / 1_000_000:.1f}".removesuffix(".0")}


def _header(value) -> tuple[str, int, int] | None:
    """The format and size of an accepted image, from its header, by the format's own Pillow plugin.

    This is what ``Image.open`` does, less its decompression-bomb refusal: past twice Pillow's own limit (179
    megapixels) ``Image.open`` raises before anyone can read the size, and the uploader would be told the file is
    not an image. Nothing is decoded here. None when no accepted format recognises the file.
    """
    Image.init()
    prefix = value.read(16)
    for image_format in sorted(ALLOWED_FORMATS):
        factory, accept = Image.OPEN.get(image_format, (None, None))
        if factory is None:
            continue
        accepted = accept(prefix) if accept else True
        if not accepted or isinstance(accepted, str):  # a string is Pillow's "recognised, but cannot be read"
            continue
        value.seek(0)
        try:
            image = factory(value, getattr(value, "name", "") or "")
        except (SyntaxError, IndexError, TypeError, ValueError, OSError, struct.error):
            continue
        finally:
            value.seek(0)
        return image.format, image.size[0], image.size[1]
    value.seek(0)
    return None


@deconstructible
class ImageValidator:
    """Refuses anything but a real JPEG, PNG, WebP or GIF within the size and pixel limits.

    The pixel count is read from the header before any decoding, so a decompression bomb is refused without
    ever being expanded in memory, and with the limit named whatever its size.
    """

    def __call__(self, value):
        size = getattr(value, "size", None)
        if size is not None and size > settings.IMAGE_MAX_BYTES:
            raise ValidationError(
                _("The image is %(size)s MB; the limit is %(limit)s MB."),
                code="image_too_large",
                params={"size": round(size / 1024 / 1024, 1), "limit": round(settings.IMAGE_MAX_BYTES / 1024 / 1024)},
            )
        value.seek(0)
        header = _header(value)
        if header is not None:
            _format, width, height = header
            self._check_pixels(width, height)
        try:
            with Image.open(value) as image:
                image_format, (width, height) = image.format, image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("%(format)s images are not accepted; upload a JPEG, PNG, WebP or GIF."),
                        code="image_format",
                        params={"format": image_format or _("This kind of")},
                    )
                self._check_pixels(width, height)
                image.verify()
        except ValidationError:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(
                _("The file is not a valid image (JPEG, PNG, WebP or GIF)."), code="invalid_image"
            ) from exc
        finally:
            value.seek(0)

    @staticmethod
    def _check_pixels(width: int, height: int) -> None:
        if width * height > settings.IMAGE_MAX_PIXELS:
            raise ValidationError(
                _("The image is %(width)s×%(height)s pixels; the limit is %(limit)s."),
                code="image_too_many_pixels",
                params={"width": width, "height": height, "limit": pixel_limit_label(settings.IMAGE_MAX_PIXELS)},
            )

    def __eq__(self, other):
        return isinstance(other, ImageValidator)


validate_image = ImageValidator()


class CheckedImageField(forms.ImageField):
    """The image field of every form made from a model (the admin's): ``validate_image`` first, with its reasons
    (the pixel limit, the format), then Django's own check, whose one message ("not an image") would otherwise
    answer a picture too large for Pillow to open before the model's validator is ever asked.

    Without Django's file-extension validator: the content decides, as on the public forms, and the stored name
    takes the extension of what the content is (``core.uploads``). The validator refused a real PNG named
    ``poly.html`` with a list of some seventy extensions, and let through anything named ``.pdf``."""

    default_validators: list = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_image(upload)
        return super().to_python(data)


def thumbnail_name(source_name: str, width: int, height: int, *, crop: bool = False) -> str:
    digest = hashlib.sha1(source_name.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"{THUMBNAIL_DIR}/{digest[:2]}/{digest}_{width}x{height}{'_crop' if crop else ''}.webp"


def get_thumbnail(image_file, width: int, height: int, *, crop: bool = False) -> str:
    """The storage name of a WebP thumbnail of ``image_file``, made on first use and reused afterwards.

    Public pages never serve the uploaded original. Returns "" when there is no image or it cannot be read.
    """
    if not image_file or not image_file.name:
        return ""
    name = thumbnail_name(image_file.name, width, height, crop=crop)
    if default_storage.exists(name):
        return name
    try:
        with image_file.open("rb") as source, Image.open(source) as image:
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                return ""
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
            if crop:
                image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
            else:
                image.thumbnail((width, height), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            image.save(buffer, format="WEBP", quality=82, method=4)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        logger.warning("Could not make a thumbnail of %s", image_file.name)
        return ""
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def thumbnail_url(image_file, width: int, height: int, *, crop: bool = False) -> str:
    name = get_thumbnail(image_file, width, height, crop=crop)
    return default_storage.url(name) if name else ""


class Thumbnail(str):
    """A thumbnail's URL that also knows its real size, for the width and height of its <img>: a fitted thumbnail
    is only as large as the image's proportions allow, and the browser reserves the right space before it loads."""

    width: int
    height: int


def thumbnail(image_file, width: int, height: int, *, crop: bool = False) -> Thumbnail | str:
    """The thumbnail of ``image_file`` with its size (from the WebP header: no decoding); "" when there is none."""
    name = get_thumbnail(image_file, width, height, crop=crop)
    if not name:
        return ""
    found = Thumbnail(default_storage.url(name))
    try:
        with default_storage.open(name) as stored, Image.open(stored) as image:
            found.width, found.height = image.size
    except (OSError, UnidentifiedImageError):
        found.width, found.height = width, height
    return found
