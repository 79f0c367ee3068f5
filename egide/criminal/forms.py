"""Forms of criminal proceedings. A place ban's address and the couple's home are located with
the geocoder, as a protection order's place ban (justice.forms); the address is never shown."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide import geocoding
from egide.errors import RuleError
from egide.justice.forms import DATE_WIDGET, choose

from . import perms
from .choices import (
    OBLIGATION_STAGES,
    ComplianceOutcome,
    CustodyOutcome,
    ObligationKind,
    ReleaseKind,
    StageKind,
    TrialMode,
)
from .services import ObligationData

COUPLE_HOME = _("Domicile du couple")


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


def _text(label, rows=2):
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), max_length=2000
    )


class StageForm(DsfrBaseForm):
    """A step of the proceedings and, for a decision that imposes them, its obligations."""

    kind = forms.ChoiceField(label=_("Étape"), choices=choose(StageKind.choices))
    starts_on = _date(_("Début (ou date de la décision)"))
    ends_on = _date(_("Fin"), required=False)
    custody_outcome = forms.ChoiceField(
        label=_("Issue de la garde à vue"),
        choices=[("", "—"), *CustodyOutcome.choices],
        required=False,
    )
    trial_mode = forms.ChoiceField(
        label=_("Mode de poursuite"), choices=[("", "—"), *TrialMode.choices], required=False
    )
    sentence = _text(_("Peine prononcée (durée, part ferme, sursis probatoire)"))
    expected_release_on = _date(_("Incarcération : libération prévue le"), required=False)
    contact_ban = forms.BooleanField(label=ObligationKind.CONTACT_BAN.label, required=False)
    contact_persons = _text(_("Personnes avec qui tout contact est interdit"))
    place_ban = forms.BooleanField(label=ObligationKind.PLACE_BAN.label, required=False)
    place_label = forms.CharField(label=_("Lieu interdit : nom"), max_length=120, required=False)
    place_address = forms.CharField(
        label=_("Lieu interdit : adresse"),
        help_text=_("Numéro, rue, code postal et commune (Base Adresse Nationale)"),
        max_length=200,
        required=False,
    )
    eviction = forms.BooleanField(
        label=_("Éviction du domicile du couple (adresse de la victime au dossier, non affichée)"),
        required=False,
    )
    care = forms.BooleanField(label=ObligationKind.CARE.label, required=False)
    care_details = _text(_("Soins : modalités"))
    cpca_course = forms.BooleanField(label=ObligationKind.CPCA_COURSE.label, required=False)
    cpca_details = _text(_("CPCA : suivi ou stage ordonné"))
    weapons_ban = forms.BooleanField(label=ObligationKind.WEAPONS_BAN.label, required=False)

    STAGE_FIELDS = (
        "kind",
        "starts_on",
        "ends_on",
        "custody_outcome",
        "trial_mode",
        "sentence",
        "expected_release_on",
    )

    OBLIGATION_FIELDS = (
        "contact_ban",
        "contact_persons",
        "place_ban",
        "place_label",
        "place_address",
        "eviction",
        "care",
        "care_details",
        "cpca_course",
        "cpca_details",
        "weapons_ban",
    )
    # The fields that mean something only for some kinds of stage: the page shows them once that
    # kind is chosen (web/static/web/dependent_fields.js); the services refuse what does not apply.
    SHOWN_FOR = {
        "custody_outcome": (StageKind.CUSTODY,),
        "trial_mode": (StageKind.TRIAL,),
        "sentence": (StageKind.JUDGEMENT, StageKind.PROBATION, StageKind.IMPRISONMENT),
        "expected_release_on": (StageKind.IMPRISONMENT,),
        **dict.fromkeys(OBLIGATION_FIELDS, OBLIGATION_STAGES),
    }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.places = {}
        for name, kinds in self.SHOWN_FOR.items():
            self.fields[name].widget.attrs["data-shown-when"] = "kind=" + " ".join(kinds)

    def clean(self):
        data = super().clean()
        if data.get("place_ban"):
            if not data.get("place_label", "").strip():
                self.add_error("place_label", _("Nommez le lieu interdit."))
            else:
                self._locate(
                    "place_address", data.get("place_address", ""), ObligationKind.PLACE_BAN
                )
        if data.get("eviction"):
            victim = self.case.victim
            self._locate("eviction", victim.address if victim else "", ObligationKind.EVICTION)
        return data

    def _locate(self, field: str, address: str, kind: str) -> None:
        try:
            self.places[kind] = geocoding.locate(address)
        except RuleError as error:
            self.add_error(field, error)

    def stage_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.STAGE_FIELDS}

    def obligations(self) -> list[ObligationData]:
        data = self.cleaned_data
        found = []
        if data["contact_ban"]:
            found.append(
                ObligationData(ObligationKind.CONTACT_BAN, persons=data["contact_persons"])
            )
        for kind, label in (
            (ObligationKind.PLACE_BAN, data["place_label"]),
            (ObligationKind.EVICTION, str(COUPLE_HOME)),
        ):
            if kind in self.places:
                position = self.places[kind]
                found.append(
                    ObligationData(
                        kind,
                        place_label=label,
                        latitude=position.latitude,
                        longitude=position.longitude,
                    )
                )
        if data["care"]:
            found.append(ObligationData(ObligationKind.CARE, details=data["care_details"]))
        if data["cpca_course"]:
            found.append(ObligationData(ObligationKind.CPCA_COURSE, details=data["cpca_details"]))
        if data["weapons_ban"]:
            found.append(ObligationData(ObligationKind.WEAPONS_BAN))
        return found


class FollowUpForm(DsfrBaseForm):
    service = forms.ModelChoiceField(label=_("Service pénitentiaire (SPIP)"), queryset=None)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = perms.probation_services(case)


class ReleaseForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Nature"), choices=choose(ReleaseKind.choices))
    on = _date(_("Date de sortie"))
    returns_on = _date(_("Permission : date de retour"), required=False)


class ObligationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obligation):
        return f"{obligation.get_kind_display()} ({obligation.article})"


class ComplianceCheckForm(DsfrBaseForm):
    obligation = ObligationChoice(label=_("Obligation contrôlée"), queryset=None)
    checked_on = _date(_("Date du contrôle"))
    outcome = forms.ChoiceField(label=_("Constat"), choices=choose(ComplianceOutcome.choices))
    notes = _text(
        _("Observations (obligatoires en cas de manquement : transmises au juge et au parquet)"),
        rows=3,
    )

    def __init__(self, *args, obligations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligation"].queryset = obligations
        self.fields["checked_on"].initial = timezone.localdate()
