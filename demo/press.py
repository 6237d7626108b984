"""The press accreditations of the upcoming edition: journalists accredited, applying, and one rejected, each a
guest registration of source press with its letter of assignment (a one-page PDF made here), so that the press
office's list, the press conferences' attendance, the press badges and the dashboard's press section have rows.

Written directly, as the rest of the demo (no email is sent); the journalists' addresses are under example.org.
"""

import io

import pypdfium2
from django.core.files.base import ContentFile

from guests.enums import GuestCategory, Participation, RegistrationSource, RegistrationStatus
from guests.models import Guest, Registration
from press.enums import AccreditationStatus, PressRole
from press.models import PressAccreditation

from .context import DemoContext, at

JOURNALISTS = [
    {"email": "li.na@xinhua.example.org", "full_name": "Li Na", "native_name": "李娜", "country": "CN",
     "language": "zh-hans", "title": "首席记者", "outlet": "新华通讯社", "outlet_country": "CN",
     "website": "https://www.news.cn/", "role": PressRole.JOURNALIST, "card": "B11000123",
     "authority": "National Press and Publication Administration", "status": AccreditationStatus.ACCREDITED},
    {"email": "james.whitfield@wire.example.org", "full_name": "James Whitfield", "native_name": "", "country": "GB",
     "language": "en", "title": "Senior photographer", "outlet": "Global Wire Service", "outlet_country": "GB",
     "website": "", "role": PressRole.PHOTOGRAPHER, "card": "UKPC-448812", "authority": "UK Press Card Authority",
     "status": AccreditationStatus.ACCREDITED, "equipment": "Two camera bodies, 400 mm and 70-200 mm lenses"},
    {"email": "amina.diallo@aps.example.org", "full_name": "Amina Diallo", "native_name": "", "country": "SN",
     "language": "en", "title": "Camera operator", "outlet": "Agence de Presse Sénégalaise", "outlet_country": "SN",
     "website": "", "role": PressRole.CAMERA_CREW, "card": "SN-CNCP-2291",
     "authority": "Commission nationale de la carte de presse", "status": AccreditationStatus.ACCREDITED,
     "equipment": "A broadcast camera, a tripod, a wireless microphone kit (2.4 GHz)"},
    {"email": "tanaka.haruto@broadcast.example.org", "full_name": "Haruto Tanaka", "native_name": "田中阳翔",
     "country": "JP", "language": "en", "title": "Satellite engineer", "outlet": "Japan Public Broadcasting",
     "outlet_country": "JP", "website": "", "role": PressRole.TECHNICIAN, "card": "JP-NSK-77120",
     "authority": "Japan Newspaper Publishers and Editors Association", "status": AccreditationStatus.APPLIED,
     "equipment": "A portable satellite uplink (Ku band)"},
    {"email": "carlos.mendes@folha.example.org", "full_name": "Carlos Mendes", "native_name": "", "country": "BR",
     "language": "en", "title": "Technology correspondent", "outlet": "Folha Digital", "outlet_country": "BR",
     "website": "", "role": PressRole.JOURNALIST, "card": "FENAJ-55120", "authority": "FENAJ",
     "status": AccreditationStatus.APPLIED},
    {"email": "viktor.kowalski@blog.example.org", "full_name": "Viktor Kowalski", "native_name": "", "country": "PL",
     "language": "en", "title": "Blogger", "outlet": "Viktor's Tech Notes", "outlet_country": "PL", "website": "",
     "role": PressRole.JOURNALIST, "card": "none", "authority": "none", "status": AccreditationStatus.REJECTED,
     "reason": "A personal blog is not a media outlet, and no editor signed the letter of assignment."},
]
REGISTRATION_STATUS = {
    AccreditationStatus.ACCREDITED: RegistrationStatus.APPROVED,
    AccreditationStatus.APPLIED: RegistrationStatus.VERIFIED,
    AccreditationStatus.REJECTED: RegistrationStatus.REJECTED,
}


def load_press(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        if edition.live:
            for journalist in JOURNALISTS:
                _journalist(ctx, ctx.summits[year], edition, journalist)


def _journalist(ctx: DemoContext, summit, edition, spec: dict) -> None:
    applied = at(edition.made_on, "09:00")
    decided = at(edition.made_on, "15:00") if spec["status"] != AccreditationStatus.APPLIED else None
    guest, _ = ctx.upsert(Guest, {"email": spec["email"]}, {
        "full_name": spec["full_name"], "native_name": spec["native_name"], "title": spec["title"],
        "organization_name": spec["outlet"], "category": GuestCategory.MEDIA, "country": spec["country"],
        "language": spec["language"],
    })
    registration, _ = ctx.upsert(Registration, {"guest": guest, "summit": summit}, {
        "participation": Participation.OFFLINE, "status": REGISTRATION_STATUS[spec["status"]],
        "source": RegistrationSource.PRESS, "consented_at": applied, "verified_at": applied,
        "decided_at": decided,
    })
    accreditation, _ = ctx.upsert(PressAccreditation, {"registration": registration}, {
        "media_outlet": spec["outlet"], "outlet_country": spec["outlet_country"], "outlet_website": spec["website"],
        "role": spec["role"], "press_card_number": spec["card"], "press_card_authority": spec["authority"],
        "equipment": spec.get("equipment", ""), "status": spec["status"],
        "rejection_reason": spec.get("reason", ""), "decided_at": decided,
    })
    if ctx.upserter.is_ours(accreditation) and accreditation.pk and not accreditation.letter_of_assignment:
        accreditation.letter_of_assignment.save("letter-of-assignment.pdf", ContentFile(_letter()), save=False)
        accreditation.save(update_fields=["letter_of_assignment", "updated_at"])
        ctx.upserter.touched(accreditation)


def _letter() -> bytes:
    """A one-page PDF standing for the editor's letter."""
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()

