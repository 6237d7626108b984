"""Uploaded images: checked by Pillow before they are stored, and served to the public as thumbnails."""

import hashlib
import logging
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
THUMBNAIL_DIR = "thumbs"


@deconstructible
class ImageValidator:
    """Refuses anything but a real JPEG, PNG, WebP or GIF within the size and pixel limits.

    The pixel count is read from the header before any decoding, so a decompression bomb is refused without
    ever being expanded in memory.
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
        try:
            with Image.open(value) as image:
                image_format, (width, height) = image.format, image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("%(format)s images are not accepted; upload a JPEG, PNG, WebP or GIF."),
                        code="image_format",
                        params={"format": image_format or _("This kind of")},
                    )
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        _("The image is %(width)s×%(height)s pixels; the limit is %(limit)s megapixels."),
                        code="image_too_many_pixels",
                        params={"width": width, "height": height, "limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
                    )
                image.verify()
        except ValidationError:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(
                _("The file is not a valid image (JPEG, PNG, WebP or GIF)."), code="invalid_image"
            ) from exc
        finally:
            value.seek(0)

    def __eq__(self, other):
        return isinstance(other, ImageValidator)


validate_image = ImageValidator()


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
