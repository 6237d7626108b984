"""Build admin form posts the way the browser sends them: split date/time fields and inline management forms."""

from django.utils.timezone import localtime
from lxml import html


def split(name: str, value) -> dict:
    value = localtime(value)
    return {f"{name}_0": value.strftime("%Y-%m-%d"), f"{name}_1": value.strftime("%H:%M:%S")}


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def errors_of(response) -> list[str]:
    """Every error message on an admin change form: the form's, and each inline formset's."""
    context = response.context
    messages = []
    if context.get("adminform"):
        form = context["adminform"].form
        messages += [str(error) for errors in form.errors.values() for error in errors]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        messages += [str(error) for error in formset.non_form_errors()]
        for form_errors in formset.errors:
            messages += [str(error) for errors in form_errors.values() for error in errors]
    return messages


def form_on_page(response, form_id: str) -> dict[str, list[str]]:
    """What the browser would send from the form ``form_id`` of a page, as it was rendered (hidden fields, tokens,
    the inline rows and their management forms; no file inputs, no unchecked boxes)."""
    form = html.fromstring(response.content.decode()).get_element_by_id(form_id)
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values
