"""Business rules of the expo: applications from the website, their review, booths, and the exhibitor's own link
through which its contact keeps the exhibits up to date."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.enums import AuditAction, PublicationStatus
from core.images import validate_image
from core.refusals import Refused
from core.services.audit import record_audit
from core.slugs import unique_slug
from members.models import Organization
from members.services import unique_organization_slug
from summits.models import Summit
from summits.services import CopyLine, plural_label

from . import links
from .enums import ExhibitCategory, ExhibitorStatus
from .models import Booth, Exhibit, ExhibitImage, Exhibitor, Expo, Hall

# A rejected application can be reconsidered; a withdrawn one was the exhibitor's own decision.
APPROVABLE = (ExhibitorStatus.APPLIED, ExhibitorStatus.REJECTED)
REJECTABLE = (ExhibitorStatus.APPLIED,)
WITHOUT_BOOTH = (ExhibitorStatus.REJECTED, ExhibitorStatus.WITHDRAWN)
# An application that still counts: a second one from the same contact to the same expo is refused.
STANDING = (ExhibitorStatus.APPLIED, ExhibitorStatus.APPROVED)


class NotTheirExhibit(Refused):
    """An exhibitor's link was used for an exhibit (or an image) of another exhibitor; views answer 404, as for an
    exhibit not found behind the link."""


def _link_note() -> str:
    return _("changed through the exhibitor's link")


# --- Applications -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExhibitorApplication:
    """What an organisation sends with the application form."""

    organization_name: str
    country: str
    kind: str
    website: str
    contact_name: str
    contact_email: str
    contact_phone: str
    products: str
    interest_categories: tuple[str, ...]
    wanted_area_sqm: Decimal | None
    language: str


@transaction.atomic
def apply_for_expo(*, expo: Expo, application: ExhibitorApplication) -> Exhibitor:
    """Record an application: a new organisation and its exhibitor (applied, a draft), and queue the confirmation
    email to the contact; all commit together.

    Refused (``ValidationError`` code ``duplicate_application``) while the same contact email has an application to
    this expo that is pending or approved; code ``applications_closed`` once the edition has ended or when it is not
    published (``Expo.takes_applications``). The expo row is locked first, so two identical applications sent at once
    are checked one after the other.
    """
    Expo.objects.select_for_update().filter(pk=expo.pk).first()
    if not expo.takes_applications:
        raise Refused(_("The %(summit)s takes no more exhibitor applications."), code="applications_closed",
                      params={"summit": expo.summit.name})
    email = application.contact_email.strip()
    standing = Exhibitor.objects.filter(
        expo=expo, contact_email__iexact=email, application_status__in=STANDING
    ).exists()
    if standing:
        raise Refused(
            _("An application from %(email)s to this expo is already being reviewed or approved; we will contact "
              "you at that address."),
            code="duplicate_application", params={"email": email},
        )
    name = application.organization_name.strip()
    organization = Organization.objects.create(
        name=name, name_en=name, name_zh_hans=name if application.language == "zh-hans" else "",
        slug=unique_organization_slug(name, fallback=f"exhibitor-{expo.summit.year}"), kind=application.kind,
        country=application.country, website=application.website,
    )
    categories = [value for value in ExhibitCategory.values if value in application.interest_categories]
    exhibitor = Exhibitor.objects.create(
        expo=expo, organization=organization, website=application.website,
        contact_name=application.contact_name.strip(), contact_email=email,
        contact_phone=application.contact_phone.strip(), contact_language=application.language,
        products=application.products.strip(), interest_categories=categories,
        wanted_area_sqm=application.wanted_area_sqm, application_status=ExhibitorStatus.APPLIED,
        status=PublicationStatus.DRAFT, applied_at=timezone.now(),
    )
    _email(exhibitor, "application-received", subject=gettext_lazy("We received your application to the %(expo)s"),
           template="expo/email/application_received.txt")
    return exhibitor


def _email(exhibitor: Exhibitor, kind: str, *, subject, template: str, key: str = "", **context) -> None:
    """Queue one email to the exhibitor's contact in their language, once per ``key`` (by default, per kind)."""
    if not exhibitor.contact_email:
        return
    queue_templated_email(
        key=key or f"expo:exhibitor:{exhibitor.pk}:{kind}", to=exhibitor.contact_email,
        language=exhibitor.contact_language, subject=subject, text_template=template,
        context={"exhibitor": exhibitor, "expo": exhibitor.expo, "summit": exhibitor.expo.summit, **context},
        about=exhibitor,
    )


# --- Review -----------------------------------------------------------------------------------------------------


def _decided(exhibitors: Iterable[Exhibitor], statuses) -> list[Exhibitor]:
    pks = [exhibitor.pk for exhibitor in exhibitors]
    return list(
        Exhibitor.objects.filter(pk__in=pks, application_status__in=statuses).order_by("pk")
        .select_for_update(of=("self",)).select_related("expo__summit", "organization", "booth__hall")
    )


@transaction.atomic
def approve_exhibitors(*, exhibitors: Iterable[Exhibitor], actor) -> int:
    """Approve the applications among ``exhibitors`` that are applied or rejected; returns how many changed.

    Each approved contact is emailed their exhibits link (once per exhibitor, whatever happens later). Withdrawn and
    already approved exhibitors are left as they are and hear nothing. All approvals commit together, each audited.
    """
    approved = 0
    for exhibitor in _decided(exhibitors, APPROVABLE):
        previous = exhibitor.application_status
        exhibitor.application_status = ExhibitorStatus.APPROVED
        exhibitor.decided_at = timezone.now()
        exhibitor.save(update_fields=["application_status", "decided_at", "updated_at"])
        record_audit(
            actor=actor, action=AuditAction.ACTION, obj=exhibitor,
            changes={"application_status": [previous, ExhibitorStatus.APPROVED.value]}, note=_("approved"),
        )
        _email(exhibitor, "approved", subject=gettext_lazy("You are an exhibitor at the %(expo)s"),
               template="expo/email/approved.txt", manage_url=links.manage_url(exhibitor))
        approved += 1
    return approved


@transaction.atomic
def reject_exhibitors(*, exhibitors: Iterable[Exhibitor], actor) -> int:
    """Reject the applications among ``exhibitors`` still waiting for a decision; returns how many changed.

    A booth given while the application was pending is freed: a rejected exhibitor holds none. Each contact is told
    once. Approved, rejected and withdrawn exhibitors are left as they are. All rejections commit together, each
    audited.
    """
    rejected = 0
    for exhibitor in _decided(exhibitors, REJECTABLE):
        changes = {"application_status": [exhibitor.application_status, ExhibitorStatus.REJECTED.value]}
        exhibitor.application_status = ExhibitorStatus.REJECTED
        exhibitor.decided_at = timezone.now()
        if exhibitor.booth is not None:
            changes["booth"] = [str(exhibitor.booth), ""]
            exhibitor.booth = None
        exhibitor.save(update_fields=["application_status", "decided_at", "booth", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=exhibitor, changes=changes, note=_("rejected"))
        _email(exhibitor, "rejected", subject=gettext_lazy("Your application to the %(expo)s"),
               template="expo/email/rejected.txt")
        rejected += 1
    return rejected


@transaction.atomic
def send_new_exhibits_links(*, exhibitors: Iterable[Exhibitor], actor) -> int:
    """Give each approved exhibitor among ``exhibitors`` a new exhibits link and email it; returns how many.

    The link's version goes up, so every earlier link stops working (a lost or forwarded email). Exhibitors that
    are not approved have no link and are skipped. Each one is audited; all commit together.
    """
    sent = 0
    for exhibitor in _decided(exhibitors, (ExhibitorStatus.APPROVED,)):
        Exhibitor.objects.filter(pk=exhibitor.pk).update(link_version=F("link_version") + 1, updated_at=timezone.now())
        exhibitor.refresh_from_db(fields=["link_version", "updated_at"])
        record_audit(
            actor=actor, action=AuditAction.ACTION, obj=exhibitor,
            changes={"link_version": [exhibitor.link_version - 1, exhibitor.link_version]},
            note=_("new exhibits link sent"),
        )
        _email(exhibitor, "link", key=f"expo:exhibitor:{exhibitor.pk}:link:{exhibitor.link_version}",
               subject=gettext_lazy("Your new exhibits link for the %(expo)s"),
               template="expo/email/new_link.txt", manage_url=links.manage_url(exhibitor))
        sent += 1
    return sent


@transaction.atomic
def assign_booth(*, exhibitor: Exhibitor, booth: Booth, actor) -> Exhibitor:
    """Give ``booth`` to ``exhibitor`` (in place of any booth it had), and record it in the audit trail.

    The booth row is locked first, so two organizers giving the same booth at once are served one after the
    other and the second is refused with the name of the first's exhibitor; the one-to-one column is the
    database's last word. Refused as well: a booth in another expo, and a rejected or withdrawn exhibitor.
    """
    booth = Booth.objects.select_for_update(of=("self",)).select_related("hall__expo").get(pk=booth.pk)
    locked = Exhibitor.objects.select_for_update(of=("self",)).select_related("booth__hall").get(pk=exhibitor.pk)
    if locked.application_status in WITHOUT_BOOTH:
        raise Refused(
            _("%(exhibitor)s is %(status)s and cannot be given a booth."),
            code="exhibitor_not_eligible",
            params={"exhibitor": locked, "status": locked.get_application_status_display().lower()},
        )
    refusal = locked.booth_refusal(booth)
    if refusal:
        raise Refused(refusal, code="booth_refused")
    previous = locked.booth
    if previous == booth:
        return locked
    locked.booth = booth
    locked.save(update_fields=["booth", "updated_at"])
    record_audit(
        actor=actor, action=AuditAction.ACTION, obj=locked,
        changes={"booth": [str(previous) if previous else "", str(booth)]}, note=_("booth assigned"),
    )
    exhibitor.booth, exhibitor.updated_at = locked.booth, locked.updated_at
    return locked


# --- The exhibitor's link ---------------------------------------------------------------------------------------


def _apply_changes(obj, values: dict) -> dict:
    """Set ``values`` on ``obj``; returns the audit's changes ({field: [old, new]}) of those that differ."""
    changes = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old is None and value == "":  # an empty translation may be stored as NULL
            continue
        if old != value:
            changes[name] = [old, value]
            setattr(obj, name, value)
    return changes


@transaction.atomic
def update_exhibitor_profile(
    *, exhibitor: Exhibitor, description_en: str, description_zh_hans: str, website: str
) -> Exhibitor:
    """Change the exhibitor's public description and website, as its contact does through the exhibitor's link;
    audited without an actor. Nothing changed, nothing written."""
    locked = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    changes = _apply_changes(locked, {
        "description_en": description_en.strip(), "description_zh_hans": description_zh_hans.strip(),
        "website": website.strip(),
    })
    if changes:
        locked.save()  # the whole row: modeltranslation keeps the untranslated column in step
        record_audit(actor=None, action=AuditAction.CHANGED, obj=locked, changes=changes, note=_link_note())
    return locked


@dataclass(frozen=True)
class ExhibitDetails:
    """What an exhibitor's contact writes about an exhibit."""

    title_en: str
    category: str
    title_zh_hans: str = ""
    summary_en: str = ""
    summary_zh_hans: str = ""
    description_en: str = ""
    description_zh_hans: str = ""
    is_new_release: bool = False
    shown_online: bool = True

    def values(self) -> dict:
        texts = ("title_en", "title_zh_hans", "summary_en", "summary_zh_hans", "description_en", "description_zh_hans")
        return {
            **{name: getattr(self, name).strip() for name in texts},
            "category": ExhibitCategory(self.category).value,
            "is_new_release": self.is_new_release, "shown_online": self.shown_online,
        }


def _unique_exhibit_slug(exhibitor: Exhibitor, title: str) -> str:
    return unique_slug(title, among=exhibitor.exhibits.all(), max_length=90, fallback="exhibit")


@transaction.atomic
def create_exhibit(*, exhibitor: Exhibitor, details: ExhibitDetails) -> Exhibit:
    """Add an exhibit through the exhibitor's link, last in its order; published at once when the exhibitor is
    published (its contact speaks for it), else a draft. Audited without an actor."""
    locked = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    values = details.values()
    last = locked.exhibits.aggregate(last=Max("order"))["last"]
    exhibit = Exhibit(exhibitor=locked, slug=_unique_exhibit_slug(locked, values["title_en"]),
                      order=0 if last is None else last + 1, **values)
    if locked.is_published:
        exhibit.status, exhibit.published_at = PublicationStatus.PUBLISHED, timezone.now()
    exhibit.save()
    record_audit(actor=None, action=AuditAction.CREATED, obj=exhibit,
                 changes={name: ["", value] for name, value in values.items()}, note=_link_note())
    return exhibit


def _own_exhibit(exhibitor: Exhibitor, exhibit: Exhibit) -> Exhibit:
    locked = Exhibit.objects.select_for_update().get(pk=exhibit.pk)
    if locked.exhibitor_id != exhibitor.pk:
        raise NotTheirExhibit(_("This exhibit belongs to another exhibitor."), code="not_their_exhibit")
    return locked


@transaction.atomic
def update_exhibit(*, exhibitor: Exhibitor, exhibit: Exhibit, details: ExhibitDetails) -> Exhibit:
    """Change an exhibit of ``exhibitor`` through its link (``NotTheirExhibit`` for another exhibitor's exhibit:
    nothing changes). Its address (slug) and publication stay as they are. Audited without an actor."""
    locked = _own_exhibit(exhibitor, exhibit)
    changes = _apply_changes(locked, details.values())
    if changes:
        locked.save()  # the whole row: modeltranslation keeps the untranslated columns in step
        record_audit(actor=None, action=AuditAction.CHANGED, obj=locked, changes=changes, note=_link_note())
    return locked


@transaction.atomic
def add_exhibit_image(
    *, exhibitor: Exhibitor, exhibit: Exhibit, image, alt_text_en: str, alt_text_zh_hans: str = "",
    caption_en: str = "", caption_zh_hans: str = "",
) -> ExhibitImage:
    """Add an uploaded image to an exhibit of ``exhibitor``, last in order. Refused (``ValidationError``) unless it
    is a real image within the limits and has a text alternative; ``NotTheirExhibit`` for another exhibitor's
    exhibit. Audited without an actor."""
    locked = _own_exhibit(exhibitor, exhibit)
    if not alt_text_en.strip():
        raise Refused(_("Describe what the image shows, for people who cannot see it."), code="alt_required")
    validate_image(image)
    last = locked.images.aggregate(last=Max("order"))["last"]
    added = ExhibitImage.objects.create(
        exhibit=locked, image=image, alt_text_en=alt_text_en.strip(), alt_text_zh_hans=alt_text_zh_hans.strip(),
        caption_en=caption_en.strip(), caption_zh_hans=caption_zh_hans.strip(), order=0 if last is None else last + 1,
    )
    record_audit(actor=None, action=AuditAction.CHANGED, obj=locked,
                 changes={"images": ["", added.image.name]}, note=_link_note())
    return added


@transaction.atomic
def delete_exhibit_image(*, exhibitor: Exhibitor, image: ExhibitImage) -> None:
    """Remove an image of an exhibit of ``exhibitor`` (``NotTheirExhibit`` otherwise); the file goes once the
    removal is committed. Audited without an actor."""
    locked = ExhibitImage.objects.select_related("exhibit").select_for_update(of=("self",)).get(pk=image.pk)
    if locked.exhibit.exhibitor_id != exhibitor.pk:
        raise NotTheirExhibit(_("This image belongs to another exhibitor's exhibit."), code="not_their_exhibit")
    stored, name = locked.image.storage, locked.image.name
    locked.delete()
    record_audit(actor=None, action=AuditAction.CHANGED, obj=locked.exhibit, changes={"images": [name, ""]},
                 note=_link_note())
    transaction.on_commit(lambda: stored.delete(name))


def planned_copy(*, source: Summit) -> list[CopyLine]:
    """What ``copy_expo`` would take from ``source`` and what it leaves: four count queries."""
    of_source = {"hall__expo__summit": source}
    return [
        CopyLine(plural_label(Expo), Expo.objects.filter(summit=source).count(), copied=True,
                 note=_("as a draft to review, its dates moved")),
        CopyLine(plural_label(Hall), Hall.objects.filter(expo__summit=source).count(),
                 copied=True),
        CopyLine(plural_label(Booth), Booth.objects.filter(**of_source).count(), copied=True,
                 note=_("all free: no exhibitor is copied")),
        CopyLine(plural_label(Exhibitor), Exhibitor.objects.filter(expo__summit=source).count(),
                 copied=False, note=_("nor their exhibits: exhibitors apply again each year")),
    ]


def copy_expo(*, source: Summit, new_summit: Summit, shift: timedelta) -> Expo | None:
    """Copy ``source``'s expo into ``new_summit``: a draft marked to review (core/review.py), its dates moved by
    ``shift`` and the year in its name updated, with its halls (marked too) and their booths, every booth free.
    No exhibitor, exhibit or application is copied. Runs inside ``start_next_edition``'s transaction."""
    expo = Expo.objects.filter(summit=source).prefetch_related("halls__booths").first()
    if expo is None:
        return None
    halls = list(expo.halls.all())
    expo.pk, expo.id, expo.summit = None, None, new_summit
    for field in ("name_en", "name_zh_hans"):
        value = getattr(expo, field)
        setattr(expo, field, value.replace(str(source.year), str(new_summit.year)) if value else value)
    for field in ("opens_on", "closes_on", "online_hall_open_from", "online_hall_open_until"):
        day = getattr(expo, field)
        setattr(expo, field, day and day + shift)
    expo.status, expo.published_at, expo.needs_review = PublicationStatus.DRAFT, None, True
    expo.save()
    for hall in halls:
        booths = list(hall.booths.all())
        hall.pk, hall.id, hall.expo, hall.needs_review = None, None, expo, True
        hall.save()
        for booth in booths:
            booth.pk, booth.id, booth.hall = None, None, hall
        Booth.objects.bulk_create(booths)
    return expo
