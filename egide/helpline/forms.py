"""Forms of the helpline door. A call form asks nothing that identifies the caller."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.accounts.forms import DEPARTEMENT_CODE
from egide.cases.choices import ViolenceForm

from . import services
from .choices import DangerScreened, PerpetratorCaller, PerpetratorOrientation, VictimOrientation


def choose(choices) -> list:
    return [("", _("Choisir"))] + list(choices)


class CallFields(DsfrBaseForm):
    departement = forms.CharField(
        label=_("Département de l'appel"), max_length=3, help_text=_("Code INSEE : 27, 2A, 971…")
    )
    violence_forms = forms.MultipleChoiceField(
        label=_("Formes de violence évoquées"),
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_departement(self):
        code = self.cleaned_data["departement"].strip().upper()
        if not DEPARTEMENT_CODE.match(code):
            raise ValidationError(_("Ce code de département n'existe pas."))
        return code


class VictimCallForm(CallFields):
    danger = forms.ChoiceField(label=_("Danger repéré"), choices=choose(DangerScreened.choices))
    orientation = forms.ChoiceField(
        label=_("Orientation donnée"), choices=choose(VictimOrientation.choices)
    )


class HandoverForm(DsfrBaseForm):
    """Her consent first: without it the form stores nothing."""

    consent = forms.BooleanField(
        label=_(
            "Elle accepte d'être mise en relation avec cette structure et que ses coordonnées "
            "lui soient transmises"
        ),
        required=False,
    )
    structure = forms.ModelChoiceField(label=_("Structure locale"), queryset=None)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    birth_date = forms.DateField(
        label=_("Date de naissance, si elle la donne"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    phone = forms.CharField(label=_("Téléphone sûr"), max_length=32)
    times_to_call = forms.CharField(label=_("Créneaux d'appel"), max_length=200, required=False)
    code_word = forms.CharField(label=_("Mot code"), max_length=100, required=False)

    def __init__(self, *args, departement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = services.handover_structures(departement)

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("Cette date ne peut pas être dans le futur."))
        return value

    def operation_data(self) -> dict:
        data = self.cleaned_data
        return {
            "structure": data["structure"],
            "consent": data["consent"],
            "victim": {
                "last_name": data["last_name"].strip(),
                "first_name": data["first_name"].strip(),
                "birth_date": data["birth_date"],
            },
            "safe_contact": {
                "phone": data["phone"].strip(),
                "times_to_call": data["times_to_call"].strip(),
                "code_word": data["code_word"].strip(),
            },
        }


class PerpetratorCallForm(CallFields):
    caller = forms.ChoiceField(label=_("Appelant"), choices=choose(PerpetratorCaller.choices))
    orientation = forms.ChoiceField(
        label=_("Orientation donnée"), choices=choose(PerpetratorOrientation.choices)
    )
    handover_consent = forms.BooleanField(
        label=_("Il accepte d'être rappelé par le CPCA de son département"), required=False
    )
    cpca = forms.ModelChoiceField(label=_("CPCA"), queryset=None, required=False)
    first_name = forms.CharField(label=_("Prénom donné"), max_length=150, required=False)
    phone = forms.CharField(label=_("Téléphone pour le rappeler"), max_length=32, required=False)
    times_to_call = forms.CharField(label=_("Créneaux d'appel"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cpca"].queryset = services.all_cpcas()

    def clean(self):
        data = super().clean()
        if data.get("handover_consent"):
            for field in ("cpca", "first_name", "phone"):
                if not data.get(field):
                    self.add_error(field, _("Nécessaire pour la mise en relation."))
        return data

    def operation_data(self) -> dict:
        data = self.cleaned_data
        handover = None
        if data["handover_consent"]:
            handover = {
                "cpca": data["cpca"],
                "first_name": data["first_name"].strip(),
                "phone": data["phone"].strip(),
                "times_to_call": data["times_to_call"].strip(),
            }
        fields = ("departement", "caller", "violence_forms", "orientation")
        return {**{name: data[name] for name in fields}, "handover": handover}
