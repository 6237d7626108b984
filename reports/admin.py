from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.admin import ConcurrencySafeForm, WicAdmin, WicTabularInline, WicTranslationAdmin
from core.enums import EmailStatus
from core.models import OutgoingEmail
from summits.admin_filters import CurrentEditionFilter

from . import selectors, services
from .enums import EditionStatus, PublishingStep, RunStatus
from .models import PublishingRun, ReportEdition, ReportSeries, ReportSubscriber


class ReportEditionSummaryInline(WicTabularInline):
    """The series' editions at a glance; each is edited, and its files uploaded, on its own page."""

    model = ReportEdition
    fields = ["title", "year", "version", "status"]
    readonly_fields = fields
    ordering = ["-year", "-version"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReportSeries)
class ReportSeriesAdmin(WicTranslationAdmin):
    list_display = ["name", "kind", "authoring_body", "order"]
    list_filter = ["kind", "authoring_body"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    list_select_related = ["authoring_body"]
    autocomplete_fields = ["authoring_body"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ReportEditionSummaryInline]


STEPS = [step for step in PublishingStep if step != PublishingStep.WAITING]  # render … done: "step 3 of 5"


def emails_sent(edition_id: int) -> int:
    """The subscribers' emails about the edition that the outbox has sent (keys: reports.services.subscriptions)."""
    return OutgoingEmail.objects.filter(
        key__startswith=f"report:{edition_id}:subscriber:", status=EmailStatus.SENT
    ).count()


def run_progress(run: PublishingRun) -> str:
    """A progress bar and "step 3 of 5 · 12 of 40 emails sent" for a publishing run."""
    number = STEPS.index(run.step) + 1 if run.step in STEPS else 0
    text = gettext("step %(number)d of %(total)d") % {"number": number, "total": len(STEPS)}
    value, maximum = number, len(STEPS)
    if run.emails_total:
        sent = emails_sent(run.edition_id)
        text += " · " + gettext("%(sent)d of %(total)d emails sent") % {"sent": sent, "total": run.emails_total}
        if run.step == PublishingStep.DONE:
            value, maximum = min(sent, run.emails_total), run.emails_total  # the last stretch: the emails
    color = "#ba2121" if run.status == RunStatus.FAILED else "inherit"
    return format_html(
        '<progress max="{}" value="{}" style="width: 10em; vertical-align: middle;"></progress> '
        '<span style="color: {};">{}</span>', maximum, value, color, text,
    )


class PublishingRunInline(admin.TabularInline):
    """The edition's publishing runs, newest first: where each is, and the error that stopped a failed one."""

    model = PublishingRun
    fields = ["status", "progress", "run_at", "started_at", "finished_at", "requested_by", "error"]
    readonly_fields = fields
    ordering = ["-created_at", "-pk"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("publishing runs")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def progress(self, run):
        return run_progress(run)


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


def publication_state(edition: ReportEdition) -> str:
    """Whether the edition is published, being published, scheduled (and for when) or not scheduled at all."""
    if edition.status == EditionStatus.PUBLISHED:
        return gettext("Published: %(when)s") % {"when": _when(edition.published_at)}
    run = selectors.active_run(edition=edition)
    if run is not None and run.status == RunStatus.RUNNING:
        return gettext("Being published now: follow its run below.")
    if run is not None and edition.status == EditionStatus.SCHEDULED and edition.release_at:
        return gettext(
            "Scheduled for %(when)s: published automatically then. Changing the release time moves the "
            "publication; clearing it, or the action “Cancel the scheduled release”, cancels it."
        ) % {"when": _when(edition.release_at)}
    if run is not None:
        return gettext("Waiting to be published as soon as possible.")
    return gettext(
        "Not scheduled. Saving a release time alone does not publish the edition: choose “Publish at the release "
        "time” (or “Publish now”) for it in the list of editions."
    )


class ReportEditionForm(ConcurrencySafeForm):
    """Clearing the release time of a scheduled edition cancels its publication (``save_model``)."""

    cancels_release = False

    def clean(self):
        cleaned_data = super().clean()
        edition = self.instance
        cleared = "release_at" in cleaned_data and cleaned_data["release_at"] is None
        if edition.pk and edition.status == EditionStatus.SCHEDULED and cleared:
            run = selectors.active_run(edition=edition)
            if run is not None and run.status == RunStatus.RUNNING:
                self.add_error("release_at", _("The edition is being published now: it is too late to cancel."))
                return cleaned_data
            self.cancels_release = True
            edition.status = EditionStatus.DRAFT  # as the cancellation leaves it; a scheduled one needs a time
        return cleaned_data


@admin.register(ReportEdition)
class ReportEditionAdmin(WicTranslationAdmin):
    list_display = ["title", "series", "year", "version", "status", "release_at", "summit"]
    list_filter = ["status", "series__kind",
                   CurrentEditionFilter.for_field("summit", none_label=_("Not released at a summit"))]
    search_fields = ["title_en", "title_zh_hans", "series__name_en", "series__name_zh_hans", "version"]
    list_select_related = ["series", "summit"]
    autocomplete_fields = ["series", "release_session", "summit"]
    # The status moves through the pipeline only (publish now / at the release time): a "published" typed here
    # would have no checksums, no cover and no emails.
    form = ReportEditionForm
    readonly_fields = [
        "status", "publication", "file_size_en", "file_size_zh_hans", "file_sha256_en", "file_sha256_zh_hans",
        "published_at",
    ]
    fieldsets = [
        (None, {"fields": ["series", "title_en", "title_zh_hans", "year", "version", "summit"]}),
        (_("Release"), {"fields": ["status", "publication", "release_at", "released_on", "release_session",
                                   "published_at"]}),
        (_("Files"), {"fields": ["file_en", "file_size_en", "file_sha256_en", "file_zh_hans", "file_size_zh_hans",
                                 "file_sha256_zh_hans", "cover_en", "cover_zh_hans"]}),
        (pgettext_lazy("of a report", "Summary"), {"fields": ["summary_en", "summary_zh_hans", "is_demo"]}),
        (_("Text"), {"fields": ["body_en", "body_zh_hans"], "classes": ["collapse"],
                     "description": _("For a report written here: a language without a file gets a PDF rendered "
                                      "from its text when the edition is published.")}),
    ]
    inlines = [PublishingRunInline]
    actions = ["publish_now", "publish_at_release_time", "cancel_scheduled_release"]

    @admin.display(description=_("publication"))
    def publication(self, edition):
        return publication_state(edition) if edition.pk else ""

    def save_model(self, request, obj, form, change):
        if form.cancels_release:
            # First, under the edition's lock: the run is cancelled before the edition is saved as a draft.
            services.cancel_scheduled_release(edition=obj, actor=request.user, clear_release_time=True)
            self.message_user(request, gettext("The release time was cleared: the scheduled publication of “%s” "
                                               "is cancelled and the edition is a draft again.") % obj,
                              messages.WARNING)
        super().save_model(request, obj, form, change)

    def _act(self, request, queryset, *, service, done) -> None:
        """``service`` for each selected edition; ``done(count)`` says what happened to those not refused."""
        count, refusals = 0, []
        for edition in queryset.select_related("release_session"):
            try:
                service(edition=edition, actor=request.user)
            except ValidationError as error:
                refusals.extend(error.messages)
            else:
                count += 1
        if count:
            self.message_user(request, done(count), messages.SUCCESS)
        for refusal in refusals:
            self.message_user(request, refusal, messages.ERROR)

    def _request(self, request, queryset, *, request_publication) -> None:
        self._act(request, queryset, service=request_publication, done=lambda count: ngettext(
            "Publication of %d edition requested: follow its run on the edition's page.",
            "Publication of %d editions requested: follow their runs on the editions' pages.", count,
        ) % count)

    @admin.action(description=_("Publish now"), permissions=["change"])
    def publish_now(self, request, queryset):
        self._request(request, queryset, request_publication=services.request_publication)

    @admin.action(description=_("Publish at the release time"), permissions=["change"])
    def publish_at_release_time(self, request, queryset):
        """At the edition's release time, or else at the start of the session where it is released."""
        self._request(request, queryset, request_publication=services.request_publication_at_release_time)


    @admin.action(description=_("Cancel the scheduled release"), permissions=["change"])
    def cancel_scheduled_release(self, request, queryset):
        self._act(request, queryset, service=services.cancel_scheduled_release, done=lambda count: ngettext(
            "The scheduled release of %d edition was cancelled: it is a draft again.",
            "The scheduled releases of %d editions were cancelled: they are drafts again.", count,
        ) % count)


@admin.register(PublishingRun)
class PublishingRunAdmin(WicAdmin):
    list_display = ["edition", "status", "progress", "run_at", "started_at", "finished_at", "requested_by"]
    list_filter = ["status", "step"]
    search_fields = ["edition__title_en", "edition__title_zh_hans", "error"]
    list_select_related = ["edition", "requested_by"]
    date_hierarchy = "created_at"
    fields = ["edition", "status", "progress", "step", "run_at", "started_at", "finished_at", "emails_total",
              "requested_by", "error"]
    readonly_fields = fields
    actions = ["retry_failed_runs"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a run is the record of what publishing did

    @admin.display(description=_("progress"))
    def progress(self, run):
        return run_progress(run)

    @admin.action(description=_("Retry failed runs"), permissions=["change"])
    def retry_failed_runs(self, request, queryset):
        retried, refusals = 0, []
        for run in queryset.select_related("edition"):
            try:
                services.retry_publication(run=run, actor=request.user)
            except ValidationError as error:
                refusals.append(f"{run.edition}: {' '.join(error.messages)}")
            else:
                retried += 1
        if retried:
            self.message_user(request, ngettext("%d run retried.", "%d runs retried.", retried) % retried,
                              messages.SUCCESS)
        for refusal in refusals:
            self.message_user(request, refusal, messages.ERROR)


@admin.register(ReportSubscriber)
class ReportSubscriberAdmin(WicAdmin):
    """Readers told of new reports: who confirmed, who left. Subscribing and leaving are the readers' own doing."""

    list_display = ["email", "language", "confirmed_at", "unsubscribed_at", "created_at"]
    list_filter = ["language", ("confirmed_at", admin.EmptyFieldListFilter),
                   ("unsubscribed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = ["email", "language", "confirmed_at", "unsubscribed_at", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
