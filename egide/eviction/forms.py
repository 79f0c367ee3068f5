"""Forms of eviction housing. Every rule a user can break is checked here or in the service."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.criminal.choices import ObligationKind
from egide.criminal.models import Obligation

from . import perms
from .choices import BASIS_OF_CRIMINAL_STAGE, DepartureReason, LegalBasis

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HousingRequestForm(DsfrBaseForm):
    operator = forms.ModelChoiceField(label=_("Gestionnaire d'hébergement"), queryset=None)
    legal_basis = forms.ChoiceField(label=_("Fondement de l'éviction"), choices=LegalBasis.choices)
    leave_by = forms.DateField(
        label=_("Date à laquelle il doit avoir quitté le domicile"), widget=DATE_WIDGET
    )
    obligation_reference = forms.CharField(
        label=_("Référence de l'obligation (facultatif)"), max_length=64, required=False
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        operators = perms.operators_for(case)
        self.fields["operator"].queryset = operators
        if not self.is_bound and operators.count() == 1:
            self.initial["operator"] = operators.get()
        eviction = _eviction_in_force(case)
        if not self.is_bound and eviction is not None:
            basis = BASIS_OF_CRIMINAL_STAGE.get(eviction.stage.kind)
            if basis:
                self.initial["legal_basis"] = basis
            self.initial["obligation_reference"] = str(eviction.pk)


def _eviction_in_force(case):
    """The eviction a criminal decision imposes on the case's perpetrator today, if any: the
    request then carries it out (its basis and reference filled in)."""
    evictions = Obligation.objects.in_force().filter(case=case, kind=ObligationKind.EVICTION)
    return evictions.select_related("stage").order_by("-starts_on", "-pk").first()


class PlaceForm(DsfrBaseForm):
    label = forms.CharField(label=_("Nom du logement"), max_length=120)
    address = forms.CharField(
        label=_("Adresse"),
        max_length=300,
        help_text=_("Numéro, rue, code postal et commune, pour le situer."),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=99, initial=1)


class PlaceUpdateForm(DsfrBaseForm):
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=99)
    available = forms.BooleanField(label=_("Ouvert aux attributions"), required=False)


class ProposeForm(DsfrBaseForm):
    place = forms.ModelChoiceField(label=_("Logement proposé"), queryset=None)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places


class DepartureForm(DsfrBaseForm):
    reason = forms.ChoiceField(label=_("Motif du départ"), choices=DepartureReason.choices)
    note = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
