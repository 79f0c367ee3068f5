from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind

from . import territories

FIRST_YEAR = 2019
FORMATS = ("html", "csv", "json")


class IndicatorFilter(forms.Form):
    """The territory and year of the indicators; no région nor département means all of
    France."""

    region = forms.ChoiceField(label=_("Région"), required=False)
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
        self.fields["region"].choices = [("", _("Toutes les régions"))] + [
            (code, name) for code, name in territories.regions().items()
        ]
        self.fields["departement"].choices = [("", _("Tous les départements"))] + [
            (code, f"{code} — {territories.departement_name(code)}")
            for code in dict.fromkeys(codes)
        ]
        this_year = timezone.localdate().year
        self.fields["annee"].choices = [
            (year, year) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]

    def clean(self):
        data = super().clean()
        region, departement = data.get("region"), data.get("departement")
        if region and departement and territories.region_of(departement) != region:
            raise forms.ValidationError(
                _("Le département %(departement)s n'est pas dans la région %(region)s.")
                % {"departement": departement, "region": territories.region_name(region)}
            )
        return data


class OpenDataYear(forms.Form):
    annee = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["annee"].choices = [
            (year, year) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
