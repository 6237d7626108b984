"""The upcoming edition's delegations: one whose focal point has added members (a head and another who completed
their data and are registered through the delegation, two still invited), and one whose focal point was just
invited. Made-up people at example addresses; nothing is emailed."""

import datetime

from delegations.enums import DelegationKind, DelegationStatus, MemberStatus
from delegations.models import Delegation, DelegationMember
from guests.enums import GuestCategory, Participation, ProtocolLevel, RegistrationSource, RegistrationStatus
from guests.models import Guest, Registration

from .context import DemoContext, at
from .upsert import gone

# (email, full name, native name, title, head, protocol level, completed, language)
MEMBERS = [
    ("amina.diallo@delegation.example", "DIALLO Amina", "", "Director-General", True, ProtocolLevel.VIP, True, "en"),
    ("li.wen@delegation.example", "LI Wen", "李文", "Head of International Cooperation", False, ProtocolLevel.GUEST,
     True, "zh-hans"),
    ("joao.silva@delegation.example", "SILVA Joao", "", "Senior Adviser", False, ProtocolLevel.GUEST, False, "en"),
    ("sara.haddad@delegation.example", "HADDAD Sara", "", "Policy Officer", False, ProtocolLevel.GUEST, False, "en"),
]


def load_delegations(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        summit = ctx.summits[year]
        if not edition.live or edition.end < ctx.today or gone(summit):
            continue
        made = at(edition.made_on, "09:00")
        _member_delegation(ctx, summit, edition, made)
        ctx.upsert(Delegation, {"summit": summit, "name": "Ministry of Digital Transformation (demo)"}, {
            "native_name": "数字化转型部（演示）", "kind": DelegationKind.GOVERNMENT, "organization": None,
            "country": "KE", "quota": 6, "substitution_deadline": edition.start - datetime.timedelta(days=7),
            "focal_name": "Grace Wanjiru", "focal_email": "focal.point@ministry.example", "focal_language": "en",
            "focal_phone": "+254 20 123 4567", "status": DelegationStatus.OPEN, "note": "",
        })


def _member_delegation(ctx: DemoContext, summit, edition, made) -> None:
    members = ctx.members_of()
    organisation = next((org for org in members if org.country != "CN"), members[0] if members else None)
    name = f"{organisation.name_en} (demo)" if organisation else "Digital Cooperation Alliance (demo)"
    native = f"{organisation.name_zh_hans}（演示）" if organisation and organisation.name_zh_hans else ""
    delegation, _ = ctx.upsert(Delegation, {"summit": summit, "name": name}, {
        "native_name": native, "kind": DelegationKind.MEMBER_ORGANISATION, "organization": organisation,
        "country": organisation.country if organisation and organisation.country else "SN", "quota": 5,
        "substitution_deadline": edition.start - datetime.timedelta(days=7), "focal_name": "Fatou Ndiaye",
        "focal_email": "focal.point@member.example", "focal_language": "en", "focal_phone": "+221 33 123 4567",
        "status": DelegationStatus.OPEN, "note": "",
    })
    if gone(delegation):
        return
    for email, full_name, native_name, title, head, level, completed, language in MEMBERS:
        registration = None
        if completed:
            guest, _ = ctx.upsert(Guest, {"email": email}, {
                "full_name": full_name, "native_name": native_name, "title": title,
                "organization_name": delegation.name, "category": GuestCategory.OTHER,
                "country": delegation.country, "phone": "", "language": language,
            }, clean=False)  # the unique constraint on the lower-cased address is the database's to check
            if not gone(guest):
                registration, _ = ctx.upsert(Registration, {"guest": guest, "summit": summit}, {
                    "participation": Participation.OFFLINE, "status": RegistrationStatus.VERIFIED,
                    "source": RegistrationSource.DELEGATION, "protocol_level": level, "consented_at": made,
                    "verified_at": made, "needs": "",
                }, clean=False)
        ctx.upsert(DelegationMember, {"delegation": delegation, "email": email}, {
            "full_name": full_name, "native_name": native_name, "title": title, "language": language,
            "is_head": head, "protocol_level": level,
            "status": MemberStatus.COMPLETED if completed else MemberStatus.INVITED,
            "registration": registration if registration is not None and not gone(registration) else None,
            "completed_at": made if completed else None,
        }, clean=False)
