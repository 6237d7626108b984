"""One refusal type: a service's Refused reads the same in a form and in the API's 400 body."""

from django import forms

from core.api.errors import json_exception_handler
from core.refusals import Refused


class ApplicationForm(forms.Form):
    contact_email = forms.EmailField()


def test_refused_keeps_its_message_code_and_field():
    refusal = Refused("Already reviewed.", code="pending", field="contact_email")

    assert (refusal.message, refusal.code, refusal.field, refusal.messages) == (
        "Already reviewed.", "pending", "contact_email", ["Already reviewed."])


def test_refused_shows_on_its_form_field_or_above_the_form():
    form = ApplicationForm({"contact_email": "ada@example.org"})
    assert form.is_valid()

    for refusal in (Refused("Already reviewed.", code="pending", field="contact_email"),
                    Refused("Closed %(year)s.", code="closed", params={"year": 2024})):
        form.add_error(refusal.field, refusal)

    assert form.errors == {"contact_email": ["Already reviewed."], "__all__": ["Closed 2024."]}


def test_refused_answers_400_in_the_api_with_the_field_at_fault():
    response = json_exception_handler(Refused("Closed %(year)s.", code="closed", params={"year": 2024}), {})

    assert response.status_code == 400
    assert response.data == {
        "status": 400, "code": "invalid", "detail": "The request has invalid parameters; see errors.",
        "errors": {"non_field_errors": ["Closed 2024."]},
    }
