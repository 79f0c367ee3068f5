from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind

FIRST_YEAR = 2019
FORMATS = ("html", "csv", "json")


class IndicatorFilter(forms.Form):
    """The territory and year of the indicators; an empty département means all of France."""

    departement = forms.ChoiceField(label=_("Département"), required=False)
    tribunal = forms.ModelChoiceField(
        label=_("Tribunal judiciaire"),
        queryset=Agency.objects.filter(kind=AgencyKind.TRIBUNAL).order_by("departement", "name"),
        required=False,
        empty_label=_("Tous les tribunaux"),
    )
    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Agency.objects.order_by("departement").values_list("departement", flat=True)
        self.fields["departement"].choices = [("", _("Toute la France"))] + [
            (code, code) for code in dict.fromkeys(codes)
        ]
        this_year = timezone.localdate().year
        self.fields["annee"].choices = [
            (year, year) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]


class OpenDataYear(forms.Form):
    annee = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["annee"].choices = [
            (year, year) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
