"""Import and export of an edition's rows in the admin (forums, sessions, speakers, guests), for any ModelAdmin
that names a resource (core/spreadsheets): upload a CSV or XLSX file, map the columns nobody recognised, see every
row checked (new, changed, unchanged, or its errors), then confirm; nothing is saved before a sheet without
errors is confirmed. The checking and the import run in the background (summits/services/spreadsheet_imports.py),
every sheet alike, small or large: the upload goes with a job, whose page follows it to the preview and the
result. Any organizer who may import these rows may follow and confirm the job (a colleague's too)."""

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets.columns import IGNORE, mapping_errors, recognise
from core.spreadsheets.reading import XLSX_CONTENT_TYPE, SheetError, read_sheet
from core.spreadsheets.resources import INVALID, NEW, UNCHANGED, UPDATE
from core.spreadsheets.writing import write_csv, write_xlsx

from .admin_filters import CurrentEditionFilter
from .enums import SpreadsheetJobStatus as Status
from .models import SpreadsheetImport, Summit
from .selectors import editions_newest_first, organizers_edition
from .services import spreadsheet_imports as jobs

NO_WORKER_AFTER = 120  # seconds a job may wait for a worker before its page asks whether one is running
LANGUAGES = ("en", "zh-hans")


class UploadForm(forms.Form):
    summit = forms.ModelChoiceField(label=gettext_lazy("Summit"), queryset=Summit.objects.none())
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX)"))

    def __init__(self, *args, needs_summit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = None  # the one chosen at first, whose sample sheet the page offers
        if not needs_summit:
            del self.fields["summit"]
            return
        summits = list(editions_newest_first())
        self.fields["summit"].queryset = Summit.objects.filter(pk__in=[summit.pk for summit in summits])
        self.edition = organizers_edition(summits)
        if self.edition is not None:
            self.fields["summit"].initial = self.edition.pk


def mapping_form(headers: list[str], keys: list[str | None], columns, data=None) -> forms.Form:
    """One choice per column of the sheet: the field it fills, or ignored; what was recognised is chosen."""
    choices = [("", "—"), (IGNORE, _("Ignore this column")), *[(column.key, column.label) for column in columns]]
    form = forms.Form(data)
    for index, (header, key) in enumerate(zip(headers, keys, strict=True)):
        form.fields[f"column_{index}"] = forms.ChoiceField(label=header or _("(no header)"), choices=choices,
                                                           initial=key or "", required=True)
    return form


class SpreadsheetAdminMixin:
    """``spreadsheet_resource``: the AuditedResource class; ``spreadsheet_for_edition``: False for rows that do not
    belong to one edition (speakers). The export writes what the list shows."""

    spreadsheet_resource: type
    spreadsheet_for_edition = True
    change_list_template = "admin/spreadsheets/change_list.html"

    def spreadsheet_export_queryset(self, queryset):
        """The list's rows the export writes: all of them, unless a list shows rows its import would not take."""
        return queryset

    def get_urls(self):
        view, prefix = self.admin_site.admin_view, f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", view(self.import_view), name=f"{prefix}_import"),
            path("import/<int:job_id>/", view(self.import_job_view), name=f"{prefix}_import_job"),
            path("import/template/", view(self.template_view), name=f"{prefix}_import_template"),
            path("export/", view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    # --- Download: the export and the template ------------------------------------------------------------------

    def _download(self, kind: str, headers, rows, name: str) -> HttpResponse:
        if kind == "csv":
            response = HttpResponse(write_csv(headers, rows), content_type="text/csv; charset=utf-8")
        else:
            kind = "xlsx"
            response = HttpResponse(write_xlsx(headers, rows, title=name), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        return response

    def _summit_of(self, request) -> Summit | None:
        summits = list(editions_newest_first())
        chosen = request.GET.get("summit", "")
        return next((summit for summit in summits if str(summit.pk) == chosen), None) or organizers_edition(summits)

    def export_view(self, request):
        """What the list shows (its filters, its search, its order, every page) in the import's shape, headers in
        the organizer's language; ``spreadsheet_export_queryset`` may leave out rows the import would not take."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        request.GET = request.GET.copy()
        kind = request.GET.pop("format", ["xlsx"])[-1]
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            changelist_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            return HttpResponseRedirect(f"{changelist_url}?{ERROR_FLAG}=1")
        summit = listed_edition(changelist)
        resource = self.spreadsheet_resource(actor=request.user, summit=summit)
        queryset = self.spreadsheet_export_queryset(changelist.queryset)
        headers, rows = resource.export_rows(queryset, language=translation.get_language() or "en")
        stamp = timezone.localdate().isoformat()
        name = f"{self.opts.model_name}s-{summit.year}-{stamp}" if summit else f"{self.opts.model_name}s-{stamp}"
        return self._download(kind, headers, rows, name)

    def get_changelist(self, request, **kwargs):
        """The list; for the export, without its page of results (the export reads every row itself)."""
        changelist = super().get_changelist(request, **kwargs)
        if request.resolver_match and request.resolver_match.url_name.endswith("_export"):
            return type("ExportChangeList", (changelist,), {"get_results": lambda self, request: None})
        return changelist

    def template_view(self, request):
        """A sheet with the columns' headers in English or Chinese (``?language=``) and one row made from the
        edition (``?summit=``, else the organizers' edition): a real forum, a free room and time, so that the
        sample imports as it is."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language") if request.GET.get("language") in LANGUAGES else "en"
        summit = self._summit_of(request) if self.spreadsheet_for_edition else None
        resource = self.spreadsheet_resource(actor=request.user, summit=summit)
        with translation.override(language):
            sample = resource.sample_row()
        headers = [column.label_in(language) for column in resource.columns]
        rows = [[sample.get(column.key, "") for column in resource.columns]]
        return self._download(request.GET.get("format", "xlsx"), headers, rows,
                              f"{self.opts.model_name}s-template-{language}")

    # --- Import: upload, map, then a background job checks the sheet and, once confirmed, imports it -----------

    def _import_context(self, request) -> dict:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        return {
            **self.admin_site.each_context(request), "opts": self.opts, "columns": self.spreadsheet_resource.columns,
            "title": _("Import %(rows)s") % {"rows": self.opts.verbose_name_plural},
            "for_edition": self.spreadsheet_for_edition, "languages": LANGUAGES,
        }

    def _job_url(self, job) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import_job", args=[job.pk])

    def import_view(self, request):
        """The upload: the file is read at once (a file that is no sheet is refused here), kept with a new job, and
        the organizer is sent to the job's page."""
        context = self._import_context(request)
        form = UploadForm(request.POST or None, request.FILES or None, needs_summit=self.spreadsheet_for_edition)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                sheet = read_sheet(data, upload.name or "")
            except SheetError as error:
                form.add_error("file", str(error))
            else:
                columns = self.spreadsheet_resource.columns
                keys = recognise(sheet.headers, columns)
                job = jobs.start_spreadsheet_import(
                    resource=self.spreadsheet_resource, model=self.opts.label_lower,
                    summit=form.cleaned_data.get("summit"), user=request.user, data=data,
                    file_name=upload.name or "", columns=keys, complete=not unmapped(keys, columns),
                    language=translation.get_language() or "en", total_rows=len(sheet.rows))
                return HttpResponseRedirect(self._job_url(job))
        context["form"] = form
        return TemplateResponse(request, "admin/spreadsheets/import.html", context)

    def import_job_view(self, request, job_id: int):
        """The job's page: the mapping of unknown columns, the progress (refreshed by the page itself, no script
        needed), the preview with its confirmation, the result, or why the job stopped."""
        context = self._import_context(request)
        job = get_object_or_404(SpreadsheetImport, pk=job_id, model=self.opts.label_lower)
        columns = self.spreadsheet_resource.columns
        if request.method == "POST" and "confirm" in request.POST:
            jobs.confirm_spreadsheet_import(job_id=job.pk, user=request.user)
            return HttpResponseRedirect(request.path)
        context.update({"job": job, "file_name": job.file_name, "summit": job.summit})
        if job.status == Status.MAPPING:
            with job.file.open("rb") as stored:
                sheet = read_sheet(stored.read(), job.file_name)
            form = mapping_form(sheet.headers, job.columns, columns, request.POST or None)
            if form.is_bound and form.is_valid():
                keys = [form.cleaned_data[f"column_{index}"] for index in range(len(sheet.headers))]
                for error in mapping_errors(keys, columns):
                    form.add_error(None, error)
                if form.is_valid():
                    jobs.map_spreadsheet_columns(job_id=job.pk, columns=keys)
                    return HttpResponseRedirect(request.path)
            context.update({"mapping_form": form, "row_count": len(sheet.rows)})
            return TemplateResponse(request, "admin/spreadsheets/import.html", context)
        if request.method == "POST":
            return HttpResponseRedirect(request.path)
        job = jobs.stop_stalled_spreadsheet_import(job=job)
        context["job"] = job
        if job.status in jobs.QUEUED or job.status in jobs.RUNNING:
            done, _seen = jobs.job_progress(job=job)
            waited = (timezone.now() - job.updated_at).total_seconds()
            context.update({"progress": {"done": min(done, job.total_rows), "total": job.total_rows,
                                         "importing": job.status in (Status.IMPORT_QUEUED, Status.IMPORTING),
                                         "queued": job.status in jobs.QUEUED,
                                         "no_worker": job.status in jobs.QUEUED and waited > NO_WORKER_AFTER}})
            return TemplateResponse(request, "admin/spreadsheets/import.html", context)
        outcome = jobs.job_outcome(job=job)
        if outcome is not None:
            labels = {column.key: str(column.label) for column in columns}
            context.update({
                "outcome": outcome, "confirmed": job.outcome.get("confirmed", False),
                "imported": job.status == Status.IMPORTED,
                "mapping": [(header, labels.get(key, _("ignored")))
                            for header, key in zip(job.outcome["headers"], job.columns, strict=True)],
                "counts": {kind: outcome.count(kind) for kind in (NEW, UPDATE, UNCHANGED, INVALID)},
            })
            if jobs.can_confirm(job):
                context["confirm"] = True
        context["form"] = UploadForm(needs_summit=self.spreadsheet_for_edition)
        return TemplateResponse(request, "admin/spreadsheets/import.html", context)


def listed_edition(changelist) -> Summit | None:
    """The edition the list's edition filter stands on (its default included); None for all, or no such filter."""
    for spec in changelist.filter_specs:
        if isinstance(spec, CurrentEditionFilter):
            return next((summit for summit in spec.editions if str(summit.pk) == spec.value()), None)
    return None


def unmapped(keys: list[str | None], columns) -> bool:
    """Whether the organizer must map the sheet's columns first: one unknown, or a required one missing."""
    return None in keys or bool(mapping_errors(keys, columns))
