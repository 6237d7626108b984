"""What every import resource shares: rows saved one by one through ``full_clean`` and ``save`` (never in bulk, so
each save's receivers run as for a hand edit), unchanged rows skipped (a re-import writes nothing), each change
audited, and each row's outcome with its errors in the organizer's language, on its line of the sheet.

The whole sheet is one transaction (``run``); a row that writes takes a savepoint of its own (a row the database
refuses is reported on its line and the others are still checked), a row left unchanged takes none and costs no
query."""

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field
from import_export.resources import ModelResource
from import_export.results import RowResult

from ..enums import AuditAction
from ..services.audit import record_audit
from ..text import without_bidi_controls
from .columns import IGNORE, Column
from .reading import Sheet

IMPORT_NOTE = gettext_lazy("Spreadsheet import")
NEW, UPDATE, UNCHANGED, INVALID = "new", "update", "unchanged", "invalid"


@dataclass
class RowOutcome:
    line: int  # in the sheet: the header is line 1
    kind: str  # NEW, UPDATE, UNCHANGED or INVALID
    label: str  # what the row is: a forum's slug, a session's reference and title...
    errors: list[str] = field(default_factory=list)
    note: str = ""  # said instead of the kind's word ("Already registered: not changed…")


@dataclass
class ImportOutcome:
    rows: list[RowOutcome]
    base_errors: list[str]

    def count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    @property
    def error_count(self) -> int:
        return self.count(INVALID) + len(self.base_errors)


def cell_message(error: ValidationError) -> str:
    """The model's message, said of a cell: an empty one is required (not "cannot be null"), a long one has at most
    so many characters (in words a Chinese organizer writes, which Django's own message is not)."""
    if error.code in ("null", "blank", "required"):
        return _("This field is required.")
    if error.code == "max_length" and error.params:
        return _("At most %(limit)d characters (this has %(length)d).") % {
            "limit": error.params["limit_value"], "length": error.params["show_value"]}
    return next(iter(error))


def as_dataset(sheet: Sheet, keys: list[str]) -> tablib.Dataset:
    """The sheet's mapped columns under their keys (columns mapped to IGNORE left out)."""
    chosen = [index for index, key in enumerate(keys) if key and key != IGNORE]
    dataset = tablib.Dataset(headers=[keys[index] for index in chosen])
    for row in sheet.rows:
        dataset.append([row[index] for index in chosen])
    return dataset


def _display(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)[:500]


def _comparable(value):
    """A text as the sheet gives it back: without bidirectional controls (``reading`` takes them out of every cell)
    and the spaces around it (every form strips them)."""
    return without_bidi_controls(value).strip() if isinstance(value, str) else value


def _same(stored, imported) -> bool:
    stored = _comparable(stored)
    return stored == imported or (stored in (None, "") and imported in (None, ""))


class AuditedResource(ModelResource):
    """A model's rows in a sheet. Subclasses list ``columns`` (keys are their fields' column names) and say what a
    row is in ``row_label``; ``actor`` is the organizer importing, ``summit`` the edition the sheet is for."""

    columns: tuple[Column, ...] = ()

    def __init__(self, *, actor=None, summit=None):
        self.actor, self.summit = actor, summit
        self.lines_by_key: dict = {}
        self.on_progress = None  # called with the number of rows done (the background job's progress)
        self.notes: dict[int, str] = {}  # by row number: what a resource says of a row instead of its kind
        self.row_number = 0
        super().__init__()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        skip_diff = True  # the rows' values before the import are kept by ``after_init_instance``
        skip_html_diff = True
        use_bulk = False

    def import_data_inner(self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs):
        """Inside ``import_data``'s transaction, without django-import-export's savepoint around every row:
        ``save_instance`` takes one for a row that writes."""
        return super().import_data_inner(dataset, dry_run, raise_errors, False, collect_failed_rows, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        self.row_number = kwargs.get("row_number", 0)
        result = super().import_row(row, instance_loader, **kwargs)
        if self.on_progress is not None:
            self.on_progress(kwargs.get("row_number", 0))
        return result

    def save_instance(self, instance, is_create, row, **kwargs):
        """The row, its receivers and its audit line under a savepoint of its own, dry run or not (``run``'s
        transaction rolls a dry run back)."""
        with transaction.atomic():
            self.before_save_instance(instance, row, **kwargs)
            self.do_instance_save(instance, is_create)
            self.after_save_instance(instance, row, **kwargs)

    def sample_row(self) -> dict[str, str]:
        """The sample sheet's row by column key, in the active language: one that imports as it is (into
        ``summit``), made from the rows it names."""
        return {}

    # --- Reading a row -------------------------------------------------------------------------------------------

    def row_key(self, instance, row):
        """What identifies the row's object (its key in the sheet); the same key twice in a sheet is an error."""
        return None

    def check_instance(self, instance, row, errors: dict) -> None:
        """Further checks of a read row, adding to ``errors`` ({field: [ValidationError]}); may complete it."""

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.check_instance(instance, row, errors)
        key = self.row_key(instance, row)
        if key is not None:
            line = kwargs.get("row_number", 0) + 1
            first = self.lines_by_key.setdefault(key, line)
            if first != line:
                errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(
                    _("Line %(line)d of the sheet already has this row (the same key).") % {"line": first}))
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A stored row whose every imported field reads the same: not saved, not audited. An empty cell matches
        an empty value either way (a translation not given yet is None, the cell's text "")."""
        if import_validation_errors or instance.pk is None:
            return False
        before = instance._spreadsheet_values
        return all(
            _same(before[import_field.attribute], import_field.get_value(instance))
            for import_field in self.get_import_fields() if import_field.attribute
        )

    def _check_import_id_fields(self, headers):
        """Resources here find their rows themselves (``get_instance``: a key or another), so no one column is
        demanded; the rows without a key get their own error instead of the whole sheet being refused."""

    # --- Values before and after, for the trail ------------------------------------------------------------------

    def audited_values(self, instance) -> dict[str, str]:
        return {
            import_field.column_name: _display(import_field.export(instance))
            for import_field in self.get_import_fields() if import_field.attribute
        }

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._spreadsheet_before = {} if new else self.audited_values(instance)
        instance._spreadsheet_values = {} if new else {
            import_field.attribute: import_field.get_value(instance)
            for import_field in self.get_import_fields() if import_field.attribute
        }

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        before, after = instance._spreadsheet_before, self.audited_values(instance)
        changes = {key: [before.get(key, ""), value] for key, value in after.items() if before.get(key, "") != value}
        record_audit(actor=self.actor, action=AuditAction.CHANGED if before else AuditAction.CREATED, obj=instance,
                     changes=changes, note=IMPORT_NOTE, personal=self.personal)

    personal = False

    # --- Outcomes ------------------------------------------------------------------------------------------------

    def row_label(self, row: dict) -> str:
        return ""

    def _field_label(self, name: str) -> str:
        """The column's label; a translated field's own name (``title``, which the model checks) is its English
        column's (``title_en``), the language every row must have."""
        for column in self.columns:
            import_field = self.fields.get(column.key)
            if import_field is not None and name in (import_field.attribute, column.key) or column.key == f"{name}_en":
                return str(column.label)
        try:
            return capfirst(str(self._meta.model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            return ""

    def error_messages(self, error: ValidationError) -> list[str]:
        messages = []
        by_field = error.error_dict.items() if hasattr(error, "error_dict") else [("", error.error_list)]
        for name, errors in by_field:
            label = "" if name in ("", NON_FIELD_ERRORS) else self._field_label(name)
            for message in dict.fromkeys(cell_message(each) for each in errors):  # each once, in order
                messages.append(_("%(column)s: %(message)s") % {"column": label, "message": message} if label
                                else message)
        return messages

    def run(self, dataset: tablib.Dataset, *, dry_run: bool) -> ImportOutcome:
        """Import the dataset, or only try it (``dry_run``): in one transaction, rolled back when trying or when
        any row has an error, so a sheet is saved whole or not at all."""
        result = self.import_data(dataset, dry_run=dry_run, rollback_on_validation_errors=True, use_transactions=True)
        base_errors = [_("The sheet could not be read: %(reason)s") % {"reason": error.error}
                       for error in result.base_errors]
        rows = []
        for index, (row_result, values) in enumerate(zip(result.rows, dataset.dict, strict=True), start=1):
            number = index + 1
            row_label = self.row_label(values)
            if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
                rows.append(RowOutcome(number, INVALID, row_label, self.error_messages(row_result.validation_error)))
            elif row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
                rows.append(RowOutcome(number, INVALID, row_label, [
                    _("This row could not be saved: %(reason)s") % {"reason": str(error.error)[:300]}
                    for error in row_result.errors]))
            else:
                kind = {RowResult.IMPORT_TYPE_NEW: NEW, RowResult.IMPORT_TYPE_UPDATE: UPDATE}.get(
                    row_result.import_type, UNCHANGED)
                rows.append(RowOutcome(number, kind, row_label, note=self.notes.get(index, "")))
        return ImportOutcome(rows=rows, base_errors=base_errors)

    # --- Export --------------------------------------------------------------------------------------------------

    def export_rows(self, queryset: models.QuerySet, *, language: str) -> tuple[list[str], list[list]]:
        """The rows in the import's shape: headers in ``language``, cells as the import reads them."""
        keys = [column.key for column in self.columns]
        dataset = self.export(queryset=queryset)
        index = {header: position for position, header in enumerate(dataset.headers)}
        headers = [column.label_in(language) for column in self.columns]
        return headers, [[row[index[key]] for key in keys] for row in dataset]


def text_field(key: str, attribute: str | None = None, **kwargs) -> Field:
    from .widgets import TextWidget

    return Field(attribute=attribute or key, column_name=key, widget=TextWidget(**kwargs))


def slug_field(key: str = "slug") -> Field:
    from .widgets import SlugWidget

    return Field(attribute=key, column_name=key, widget=SlugWidget(one_line=True))
