"""Every uploaded file is stored under a name derived from what it is, never from what its uploader called it.

A file named ``poly.html`` that is a PNG (an HTML polyglot), or ``shell.php`` that is a JPEG, would otherwise be
written to MEDIA_ROOT under that name, and a web server that picks the type by extension (or Apache's handler for
``x.php.png``) could serve it as a page or run it. Here the stored name is a slug of the original stem (dots
removed, so no second extension survives), a digest of the content, and the extension of the type the content
shows (``.png``, ``.jpg``, ``.webp``, ``.gif``, ``.pdf``...). Public images are re-encoded by Pillow on the way
in, which drops their metadata (a phone's location) and whatever else rides in the file.

The model fields ``UploadField`` and ``ImageUploadField`` do it in their ``FieldFile.save``, the one step every
upload takes (forms, the admin, services and the demo loader alike), so no field is forgotten.
"""

import hashlib
from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.utils.text import slugify
from PIL import Image, ImageOps, UnidentifiedImageError

from .documents import PDF_MAGIC, what_it_is
from .images import CheckedImageField

IMAGE_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
STEM_MAX_LENGTH = 40  # FileField's column holds 100 characters, the folder included
KEPT_IMAGE_INFO = {"transparency", "background"}  # a palette's transparent colour; a GIF's background
UNKNOWN_EXTENSION = "bin"  # served as application/octet-stream: never rendered, never run


def _image_format(content: File) -> str | None:
    content.seek(0)
    try:
        with Image.open(content) as image:
            return image.format if image.format in IMAGE_EXTENSIONS else None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    finally:
        content.seek(0)


def _read(content: File) -> bytes:
    content.seek(0)
    data = content.read()
    content.seek(0)
    return data


def _extension(content: File, image_format: str | None) -> str:
    """The extension of what the content is: its image type, PDF, another accepted document kind, or ``bin``."""
    if image_format:
        return IMAGE_EXTENSIONS[image_format]
    content.seek(0)
    head = content.read(len(PDF_MAGIC))
    content.seek(0)
    if head == PDF_MAGIC:
        return "pdf"
    kind = what_it_is(_read(content))
    return kind.extension if kind else UNKNOWN_EXTENSION


def reencoded_image(content: File, image_format: str) -> File:
    """The still image drawn anew in its own format, upright and without metadata; an animation, or anything
    Pillow cannot draw again, is returned as it came (renamed only)."""
    content.seek(0)
    try:
        with Image.open(content) as image:
            if getattr(image, "is_animated", False):
                return content
            options = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
            if image_format in {"JPEG", "WEBP"}:
                options["quality"] = 90
            if image_format == "WEBP":
                options["method"] = 2  # half the time of the default 4 for a 12-megapixel photo, as small
            upright = ImageOps.exif_transpose(image)  # a copy
            # Pillow writes some of what it read back out (a JPEG's comment): keep only what drawing needs.
            upright.info = {key: value for key, value in upright.info.items() if key in KEPT_IMAGE_INFO}
            buffer = BytesIO()
            upright.save(buffer, format=image_format, **options)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return content
    finally:
        content.seek(0)
    return ContentFile(buffer.getvalue())


def _digest(content: File) -> str:
    content.seek(0)
    digest = hashlib.sha256()
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()[:10]


def safe_upload(name: str, content: File, *, reencode_images: bool = False) -> tuple[str, File]:
    """The name to store ``content`` under (``<slug of the stem>-<digest>.<real extension>``), and the content to
    store: the re-encoded image when ``reencode_images`` and it is one."""
    image_format = _image_format(content)
    if image_format and reencode_images:
        content = reencoded_image(content, image_format)
    stem = PurePath(name).name.split(".", 1)[0]
    slug = slugify(stem, allow_unicode=True)[:STEM_MAX_LENGTH].strip("-_") or "file"
    return f"{slug}-{_digest(content)}.{_extension(content, image_format)}", content


class SafelyNamedFile:
    """A stored file's ``save``, routed through ``safe_upload``: the one step every new file takes. Images people
    upload (an ``UploadedFile``) are re-encoded; those the site makes itself (the demo's covers) are only named."""

    reencode_images = False

    def save(self, name, content, save=True):
        reencode = self.reencode_images and isinstance(content, UploadedFile)
        name, content = safe_upload(name, content, reencode_images=reencode)
        stored_name = self.field.generate_filename(self.instance, name)  # type: ignore[attr-defined]
        if _stored_already(self.storage, stored_name, content):  # type: ignore[attr-defined]
            # The same image uploaded again (a speaker's photo for a second summit) points at the file already
            # there instead of a copy under the storage's collision suffix (``poly-<digest>_8XqzHLV.png``).
            self.name = stored_name
            setattr(self.instance, self.field.attname, stored_name)  # type: ignore[attr-defined]
            self._committed = True
            if save:
                self.instance.save()  # type: ignore[attr-defined]
            return
        super().save(name, content, save)  # type: ignore[misc]  # FieldFile's, next in the MRO


def _stored_already(storage, name: str, content: File) -> bool:
    """Whether ``name`` holds exactly ``content``: its digest is in the name, the bytes are compared anyway (ten hex
    digits can collide). Stored files are never deleted with their rows, so a shared one stays for both."""
    if not storage.exists(name):
        return False
    with storage.open(name, "rb") as stored:
        return stored.read() == _read(content)


class SafelyNamedFieldFile(SafelyNamedFile, FieldFile):
    pass


class ReencodedImageFieldFile(SafelyNamedFile, ImageFieldFile):
    reencode_images = True


class UploadField(models.FileField):
    """A FileField whose files are stored under the name of what they are (see the module's docstring)."""

    attr_class = SafelyNamedFieldFile


class ImageUploadField(models.ImageField):
    """An ImageField whose images are re-encoded and stored under the extension of their real type; its form field
    checks the content (``CheckedImageField``), never the extension."""

    attr_class = ReencodedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageField, **kwargs})
