"""Import and export of an edition's rows in the admin (forums, sessions, speakers, guests), for any ModelAdmin
that names a resource (core/spreadsheets): upload a CSV or XLSX file, map the columns nobody recognised, see every
row checked (new, changed, unchanged, or its errors), then confirm; nothing is saved before a sheet without
errors is confirmed. The file waits in the cache between the steps (django-import-export's CacheStorage), under
a name the signed form carries."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.tmp_storages import CacheStorage

from core.spreadsheets.columns import IGNORE, mapping_errors, recognise
from core.spreadsheets.reading import XLSX_CONTENT_TYPE, SheetError, read_sheet
from core.spreadsheets.resources import INVALID, NEW, UNCHANGED, UPDATE, as_dataset
from core.spreadsheets.writing import write_csv, write_xlsx

from .models import Summit
from .selectors import editions_newest_first, organizers_edition

SALT = "wic.spreadsheet-import"
MAX_AGE = 3600
LANGUAGES = ("en", "zh-hans")


class UploadForm(forms.Form):
    summit = forms.ModelChoiceField(label=gettext_lazy("Summit"), queryset=Summit.objects.none())
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX)"))

    def __init__(self, *args, needs_summit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_summit:
            del self.fields["summit"]
            return
        summits = list(editions_newest_first())
        self.fields["summit"].queryset = Summit.objects.filter(pk__in=[summit.pk for summit in summits])
        current = organizers_edition(summits)
        if current is not None:
            self.fields["summit"].initial = current.pk


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
    belong to one edition (speakers). ``spreadsheet_export_queryset(summit)`` says what is exported."""

    spreadsheet_resource: type
    spreadsheet_for_edition = True
    change_list_template = "admin/spreadsheets/change_list.html"

    def spreadsheet_export_queryset(self, summit):
        raise NotImplementedError

    def get_urls(self):
        view, prefix = self.admin_site.admin_view, f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", view(self.import_view), name=f"{prefix}_import"),
            path("import/template/", view(self.template_view), name=f"{prefix}_import_template"),
            path("export/", view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    # --- Download: the export and the template ------------------------------------------------------------------

    def _download(self, request, headers, rows, name: str) -> HttpResponse:
        kind = request.GET.get("format", "xlsx")
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
        """Every row of the edition in the import's shape, headers in the organizer's language."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        summit = self._summit_of(request) if self.spreadsheet_for_edition else None
        resource = self.spreadsheet_resource(actor=request.user, summit=summit)
        queryset = self.spreadsheet_export_queryset(summit) if summit or not self.spreadsheet_for_edition else []
        headers, rows = resource.export_rows(queryset, language=translation.get_language() or "en")
        stamp = timezone.localdate().isoformat()
        name = f"{self.opts.model_name}s-{summit.year}-{stamp}" if summit else f"{self.opts.model_name}s-{stamp}"
        return self._download(request, headers, rows, name)

    def template_view(self, request):
        """An empty sheet with the columns' headers in English or Chinese (``?language=``) and one example row."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language") if request.GET.get("language") in LANGUAGES else "en"
        columns = self.spreadsheet_resource.columns
        example = self.spreadsheet_resource.example
        headers = [column.label_in(language) for column in columns]
        rows = [[example.get(column.key, "") for column in columns]]
        return self._download(request, headers, rows, f"{self.opts.model_name}s-template-{language}")

    # --- Import: upload, map, preview, confirm ------------------------------------------------------------------

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        resource_class = self.spreadsheet_resource
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "columns": resource_class.columns,
            "title": _("Import %(rows)s") % {"rows": self.opts.verbose_name_plural},
            "for_edition": self.spreadsheet_for_edition, "languages": LANGUAGES,
        }
        if request.method == "POST" and ("token" in request.POST or "confirm" in request.POST):
            pending = self._pending(request)
            if pending is None:
                self.message_user(request, _("This preview has expired: upload the file again."), messages.ERROR)
                return HttpResponseRedirect(request.path)
            return self._continue(request, context, *pending)
        form = UploadForm(request.POST or None, request.FILES or None, needs_summit=self.spreadsheet_for_edition)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                sheet = read_sheet(data, upload.name or "")
            except SheetError as error:
                form.add_error("file", str(error))
            else:
                storage = CacheStorage()
                storage.save(data)
                summit = form.cleaned_data.get("summit")
                state = {"name": storage.name, "file": (upload.name or "")[:200], "user": request.user.pk,
                         "summit": summit.pk if summit else None}
                keys = recognise(sheet.headers, resource_class.columns)
                return self._map_or_preview(request, context, state, sheet, keys, summit)
        context["form"] = form
        return TemplateResponse(request, "admin/spreadsheets/import.html", context)

    def _pending(self, request):
        """The upload the signed form names, still in the cache, for this organizer: (state, sheet, summit)."""
        try:
            state = signing.loads(request.POST.get("token") or request.POST.get("confirm", ""), salt=SALT,
                                  max_age=MAX_AGE)
            data = CacheStorage(name=state["name"]).read()
            summit = Summit.objects.get(pk=state["summit"]) if state["summit"] else None
        except (signing.BadSignature, KeyError, TypeError, Summit.DoesNotExist):
            return None
        if data is None or state["user"] != request.user.pk:
            return None
        try:
            return state, read_sheet(data, state["file"]), summit
        except SheetError:  # pragma: no cover - the same bytes were read at the upload
            return None

    def _continue(self, request, context, state, sheet, summit):
        columns = self.spreadsheet_resource.columns
        if "confirm" in request.POST:
            return self._preview(request, context, state, sheet, state["keys"], summit, confirm=True)
        form = mapping_form(sheet.headers, [None] * len(sheet.headers), columns, request.POST)
        if not form.is_valid():
            return self._mapping_page(request, context, state, sheet, form, summit)
        keys = [form.cleaned_data[f"column_{index}"] for index in range(len(sheet.headers))]
        errors = mapping_errors(keys, columns)
        if errors:
            for error in errors:
                form.add_error(None, error)
            return self._mapping_page(request, context, state, sheet, form, summit)
        return self._preview(request, context, state, sheet, keys, summit)

    def _map_or_preview(self, request, context, state, sheet, keys, summit):
        columns = self.spreadsheet_resource.columns
        if None in keys or mapping_errors(keys, columns):
            form = mapping_form(sheet.headers, keys, columns)
            return self._mapping_page(request, context, state, sheet, form, summit)
        return self._preview(request, context, state, sheet, keys, summit)

    def _mapping_page(self, request, context, state, sheet, form, summit):
        context.update({"mapping_form": form, "token": signing.dumps(state, salt=SALT), "summit": summit,
                        "file_name": state["file"], "row_count": len(sheet.rows)})
        return TemplateResponse(request, "admin/spreadsheets/import.html", context)

    def _preview(self, request, context, state, sheet, keys, summit, *, confirm: bool = False):
        labels = {column.key: str(column.label) for column in self.spreadsheet_resource.columns}
        resource = self.spreadsheet_resource(actor=request.user, summit=summit)
        outcome = resource.run(as_dataset(sheet, keys), dry_run=not confirm)
        if confirm and not outcome.error_count:
            CacheStorage(name=state["name"]).remove()
            self.message_user(request, _(
                "Imported: %(new)d new, %(changed)d changed, %(unchanged)d unchanged."
            ) % {"new": outcome.count(NEW), "changed": outcome.count(UPDATE),
                 "unchanged": outcome.count(UNCHANGED)}, messages.SUCCESS)
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        context.update({
            "outcome": outcome, "summit": summit, "file_name": state["file"], "confirmed": confirm,
            "mapping": [(header, labels.get(key, _("ignored"))) for header, key in zip(sheet.headers, keys,
                                                                                       strict=True)],
            "counts": {kind: outcome.count(kind) for kind in (NEW, UPDATE, UNCHANGED, INVALID)},
            "form": UploadForm(needs_summit=self.spreadsheet_for_edition),
        })
        if not outcome.error_count and outcome.count(NEW) + outcome.count(UPDATE):
            context["confirm"] = signing.dumps({**state, "keys": keys}, salt=SALT)
        return TemplateResponse(request, "admin/spreadsheets/import.html", context)
