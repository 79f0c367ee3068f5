"""Forms of the court's operations. Rules a user can break are checked here or in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.accounts.models import User

from .models import (
    BreachKind,
    BreachSource,
    Decision,
    FamilyProceeding,
    HearingKind,
    MeasureKind,
    NotificationMethod,
    NotificationRecipient,
    ParentalAuthorityRuling,
    RequestedBy,
    VisitingRightsRuling,
)
from .services import MeasureData, judges_of

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrderRequestForm(DsfrBaseForm):
    requested_by = forms.ChoiceField(label=_("Demande présentée par"), choices=RequestedBy.choices)
    victim_consent = forms.BooleanField(
        label=_("La victime a donné son accord (obligatoire si le procureur demande)"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("requested_by") == RequestedBy.PROSECUTOR and not data.get("victim_consent"):
            self.add_error(
                "victim_consent",
                _("Le procureur ne peut demander une OP qu'avec l'accord de la victime."),
            )
        return data


class ImmediateOrderRequestForm(DsfrBaseForm):
    victim_consent = forms.BooleanField(
        label=_("La personne en danger a donné son accord"),
        error_messages={"required": _("Une OPPI suppose l'accord de la personne en danger.")},
    )


class HearingForm(DsfrBaseForm):
    hearing_at = forms.DateTimeField(label=_("Date et heure de l'audience"), widget=DATETIME_WIDGET)
    judge = forms.ModelChoiceField(label=_("Juge"), queryset=User.objects.none(), required=False)
    room = forms.CharField(label=_("Salle"), max_length=60, required=False)

    def __init__(self, *args, court=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = judges_of(court)
        self.fields["judge"].label_from_instance = lambda judge: judge.get_full_name() or judge


class ScheduleHearingForm(HearingForm):
    kind = forms.ChoiceField(
        label=_("Procédure"),
        choices=[(k, label) for k, label in HearingKind.choices if k != "protection_order"],
    )

    field_order = ["kind", "hearing_at", "judge", "room"]


class LinkedHearingsForm(HearingForm):
    """One day, one judge for the couple's proceedings chosen (all of them by default)."""

    proceedings = forms.MultipleChoiceField(
        label=_("Procédures à audiencer ensemble"), widget=forms.CheckboxSelectMultiple
    )

    field_order = ["proceedings", "hearing_at", "judge", "room"]

    def __init__(self, *args, proceedings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].required = True
        self.fields["proceedings"].choices = [
            (p.key, f"{p.label} — {p.case.reference}") for p in proceedings
        ]
        self.fields["proceedings"].initial = [p.key for p in proceedings]


def parse_coordinate(value, low: float, high: float):
    if value in (None, ""):
        return None
    if not low <= value <= high:
        raise ValidationError(_("Coordonnée hors limites."))
    return float(value)


class DecisionForm(DsfrBaseForm):
    """The judge's decision and its measures (515-11; 515-13-1 for the OPPI)."""

    decision = forms.ChoiceField(label=_("Décision"), choices=Decision.choices)
    contact_ban = forms.BooleanField(label=MeasureKind.CONTACT_BAN.label, required=False)
    contact_persons = forms.CharField(
        label=_("Personnes avec qui tout contact est interdit"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    place_ban = forms.BooleanField(label=MeasureKind.PLACE_BAN.label, required=False)
    place_label = forms.CharField(label=_("Lieu interdit"), max_length=200, required=False)
    place_is_victim_home = forms.BooleanField(
        label=_("Ce lieu est le domicile de la victime"), required=False
    )
    place_latitude = forms.DecimalField(
        label=_("Latitude du lieu"), max_digits=9, decimal_places=6, required=False
    )
    place_longitude = forms.DecimalField(
        label=_("Longitude du lieu"), max_digits=9, decimal_places=6, required=False
    )
    weapons_ban = forms.BooleanField(label=MeasureKind.WEAPONS_BAN.label, required=False)
    weapons_surrender = forms.BooleanField(
        label=MeasureKind.WEAPONS_SURRENDER.label, required=False
    )
    home_to_victim = forms.BooleanField(label=MeasureKind.HOME_TO_VICTIM.label, required=False)
    parental_authority = forms.ChoiceField(
        label=_("Autorité parentale"),
        choices=[("", _("Pas de décision"))] + ParentalAuthorityRuling.choices,
        required=False,
    )
    visiting_rights = forms.ChoiceField(
        label=_("Droits de visite et d'hébergement"),
        choices=[("", _("Pas de décision"))] + VisitingRightsRuling.choices,
        required=False,
    )
    hidden_address = forms.BooleanField(label=MeasureKind.HIDDEN_ADDRESS.label, required=False)
    election_of_domicile = forms.CharField(
        label=_("Élection de domicile (avocat ou procureur)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    legal_aid = forms.BooleanField(label=MeasureKind.LEGAL_AID.label, required=False)
    pets = forms.BooleanField(label=MeasureKind.PETS.label, required=False)
    electoral_list = forms.BooleanField(label=MeasureKind.ELECTORAL_LIST.label, required=False)

    SIMPLE_KINDS = {
        "weapons_ban": MeasureKind.WEAPONS_BAN,
        "weapons_surrender": MeasureKind.WEAPONS_SURRENDER,
        "home_to_victim": MeasureKind.HOME_TO_VICTIM,
        "legal_aid": MeasureKind.LEGAL_AID,
        "pets": MeasureKind.PETS,
        "electoral_list": MeasureKind.ELECTORAL_LIST,
    }

    def __init__(self, *args, immediate: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if immediate:
            for name in ("home_to_victim", "legal_aid", "pets", "electoral_list"):
                del self.fields[name]

    def clean_place_latitude(self):
        return parse_coordinate(self.cleaned_data["place_latitude"], -90, 90)

    def clean_place_longitude(self):
        return parse_coordinate(self.cleaned_data["place_longitude"], -180, 180)

    def measures(self) -> list[MeasureData]:
        data = self.cleaned_data
        measures = []
        if data.get("contact_ban"):
            measures.append(MeasureData(MeasureKind.CONTACT_BAN, persons=data["contact_persons"]))
        if data.get("place_ban"):
            measures.append(
                MeasureData(
                    MeasureKind.PLACE_BAN,
                    place_label=data["place_label"],
                    is_victim_home=data["place_is_victim_home"],
                    latitude=data["place_latitude"],
                    longitude=data["place_longitude"],
                )
            )
        for name, kind in self.SIMPLE_KINDS.items():
            if data.get(name):
                measures.append(MeasureData(kind))
        if data.get("parental_authority") or data.get("visiting_rights"):
            measures.append(
                MeasureData(
                    MeasureKind.PARENTAL_AUTHORITY,
                    parental_authority=data["parental_authority"],
                    visiting_rights=data["visiting_rights"],
                )
            )
        if data.get("hidden_address"):
            measures.append(
                MeasureData(
                    MeasureKind.HIDDEN_ADDRESS, election_of_domicile=data["election_of_domicile"]
                )
            )
        return measures


def choose(choices) -> list:
    """A required choice with no default: the user picks it, nothing is pre-selected."""
    return [("", _("Choisir"))] + list(choices)


class NotifyForm(DsfrBaseForm):
    recipient = forms.ChoiceField(
        label=_("Destinataire"), choices=choose(NotificationRecipient.choices)
    )
    method = forms.ChoiceField(label=_("Mode"), choices=choose(NotificationMethod.choices))
    notified_at = forms.DateTimeField(
        label=_("Notifiée le"), widget=DATETIME_WIDGET, initial=timezone.localtime
    )


class LiftForm(DsfrBaseForm):
    reason = forms.CharField(label=_("Motif de la levée"), widget=forms.Textarea(attrs={"rows": 3}))


class FamilyProceedingForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = FamilyProceeding
        fields = ["kind", "filed_on", "decided_on"]
        widgets = {"filed_on": DATE_WIDGET, "decided_on": DATE_WIDGET}


class AutomaticSuspensionForm(DsfrBaseForm):
    prosecuted_on = forms.DateField(
        label=_("Date de la décision de poursuite pour un crime sur l'autre parent"),
        widget=DATE_WIDGET,
    )


class BreachForm(DsfrBaseForm):
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[
            (BreachKind.CONTACT_BAN, BreachKind.CONTACT_BAN.label),
            (BreachKind.PLACE_BAN, BreachKind.PLACE_BAN.label),
            (BreachKind.ALARM_PHONE, BreachKind.ALARM_PHONE.label),
            (BreachKind.OTHER, BreachKind.OTHER.label),
        ],
    )
    source = forms.ChoiceField(
        label=_("Signalée par"),
        choices=[
            (BreachSource.VICTIM, BreachSource.VICTIM.label),
            (BreachSource.PROFESSIONAL, BreachSource.PROFESSIONAL.label),
        ],
    )
    occurred_at = forms.DateTimeField(label=_("Survenue le"), widget=DATETIME_WIDGET)
    description = forms.CharField(
        label=_("Ce qui s'est passé"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(
        label=_("Éléments de preuve (messages, témoins, constatations)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now():
            raise ValidationError(_("Cette date ne peut pas être dans le futur."))
        return value
