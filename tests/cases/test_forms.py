"""The desk page speaks French and marks optional encrypted fields as optional."""

import pytest
from django.utils import translation

from egide.cases.forms import SafeContactForm, VictimForm


@translation.override("fr")
def test_encrypted_fields_keep_their_french_label_and_optional_status():
    form = VictimForm()
    assert form["last_name"].label == "Nom" and form.fields["last_name"].required
    assert form["email"].label == "Courriel" and not form.fields["email"].required
    assert SafeContactForm()["code_word"].label == "Mot code"


@pytest.mark.parametrize("phone", ["06 12 34 56 78", "+33 6 12 34 56 78", "06.12.34.56.78"])
def test_french_phone_numbers_are_accepted(phone):
    form = SafeContactForm({"phone": phone, "never_leave_message": "on"})
    assert form.is_valid(), form.errors
