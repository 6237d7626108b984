"""The e-badge, PNG and PDF, downloaded from the guest's own page once the guest is accredited."""

import io

import pytest
import qrcode
from PIL import Image

from guests import badges, links
from guests.enums import RegistrationStatus
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def badge_path(registration, extension: str) -> str:
    return f"{links.manage_url(registration, absolute=False)}badge.{extension}"


def qr_matrix(token: str) -> list[list[bool]]:
    """The dark and light modules, quiet zone included, of the QR code that encodes ``token``."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(token)
    code.make(fit=True)
    return code.get_matrix()


def printed_modules(image: Image.Image, modules: int) -> list[list[bool]]:
    """Read the badge's QR code module by module (no QR decoder here): dark where the module's centre is dark."""
    left, top = (badges.WIDTH - badges.QR_SIZE) // 2, badges.HEIGHT - badges.QR_SIZE - 130
    module = badges.QR_SIZE / modules
    return [
        [sum(image.getpixel((left + int((column + 0.5) * module), top + int((row + 0.5) * module)))) < 3 * 128
         for column in range(modules)]
        for row in range(modules)
    ]


@pytest.fixture
def accredited():
    guest = GuestFactory(full_name="Ada Lovelace", native_name="阿达·洛芙莱斯", language="zh-hans")
    return RegistrationFactory(summit=SummitFactory(year=2024), guest=guest, status=RegistrationStatus.APPROVED)


@pytest.mark.parametrize("status", [RegistrationStatus.APPROVED, RegistrationStatus.CHECKED_IN])
def test_badge_png_is_a_card_sized_png_once_accredited(client, accredited, status):
    accredited.status = status
    accredited.save()

    response = client.get(badge_path(accredited, "png"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="wic2024-badge-{accredited.pk}.png"'
    assert response.content.startswith(PNG_MAGIC)
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size, image.mode) == ("PNG", (638, 1011), "RGB")
    assert "no-store" in response["Cache-Control"]


def test_badge_pdf_is_a_one_page_pdf_the_size_of_the_card(client, accredited):
    response = client.get(badge_path(accredited, "pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="wic2024-badge-{accredited.pk}.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert response.content.count(b"/Type /Page\n") == 1
    # 638 x 1011 pixels at 300 dpi is a CR80 card: 153.12 x 242.64 points.
    assert b"/MediaBox [ 0 0 153.12 242.64 ]" in response.content
    # The page is one JPEG image; its QR code must survive the compression.
    jpeg = response.content[response.content.index(b"\xff\xd8"):response.content.rindex(b"\xff\xd9") + 2]
    expected = qr_matrix(accredited.badge_token)
    assert printed_modules(Image.open(io.BytesIO(jpeg)).convert("RGB"), len(expected)) == expected


@pytest.mark.parametrize("status", [RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED,
                                    RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED])
@pytest.mark.parametrize("extension", ["png", "pdf"])
def test_badge_is_404_until_the_guest_is_accredited(client, accredited, status, extension):
    accredited.status = status
    accredited.save()

    response = client.get(badge_path(accredited, extension))

    assert response.status_code == 404


def test_badge_with_a_bad_token_is_404(client, accredited):
    response = client.get("/en/summits/2024/registration/forged/badge.png")

    assert response.status_code == 404


def test_badge_png_qr_code_holds_the_badge_token(client, accredited):
    response = client.get(badge_path(accredited, "png"))

    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    expected = qr_matrix(accredited.badge_token)
    assert len(expected) == 37  # a 32-character token: version 5 (33 modules) and the quiet zone
    assert printed_modules(image, len(expected)) == expected


def test_badge_fits_long_names_and_organisations(accredited):
    accredited.guest.full_name = "Maria Fernanda de los Ángeles Rodríguez-Villanueva " * 3
    accredited.guest.organization_name = "国际电信联盟电信标准化局" * 6

    image = badges.badge_image(accredited)

    assert image.size == (badges.WIDTH, badges.HEIGHT)
