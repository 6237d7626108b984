"""What the speaker portal's tests share: a speaker invited to sessions of an edition, their link, real files."""

import io
import struct
import zipfile
import zlib

import pypdfium2
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forums import speaker_links
from forums.enums import SpeakerInvitationStatus
from tests.factories.forums import SessionSpeakerFactory, SpeakerFactory

INVITED = SpeakerInvitationStatus.INVITED
ACCEPTED = SpeakerInvitationStatus.ACCEPTED


def portal_path(speaker, summit, lang="en", rest="") -> str:
    return f"/{lang}/summits/{summit.year}/speaker-portal/{speaker_links.speaker_token(speaker, summit)}/{rest}"


def invited_speaker(summit, **speaker_fields):
    speaker = SpeakerFactory(email="ada@example.org", name="Ada Lovelace", name_zh_hans="阿达", **speaker_fields)
    placement = SessionSpeakerFactory(speaker=speaker, session__forum__summit=summit, session__title="Opening talk",
                                      invitation_status=INVITED)
    return speaker, placement


def png(size=(120, 80), name="portrait.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A tiny PNG whose header claims ``width``×``height`` pixels: a decompression bomb for whoever decodes it."""
    data = png().read()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    patched = data[:8] + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]
    return SimpleUploadedFile("bomb.png", patched, content_type="image/png")


def pdf(name="slides.pdf", pages: int = 1) -> SimpleUploadedFile:
    document = pypdfium2.PdfDocument.new()
    for _page in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def pptx(name="slides.pptx") -> SimpleUploadedFile:
    """What PowerPoint saves: a zip with the presentation under ppt/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
    return SimpleUploadedFile(name, buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.presentationml.presentation")


def php(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"<?php system($_GET['cmd']); ?>", content_type="application/pdf")


def png_of_megabytes(megabytes: int) -> SimpleUploadedFile:
    """A real PNG padded to ``megabytes`` (a camera's original, say)."""
    data = png().read()
    return SimpleUploadedFile("big.png", data + b"\0" * (megabytes * 1024 * 1024 - len(data)),
                              content_type="image/png")
