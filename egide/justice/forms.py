"""Forms of the court's operations. Rules a user can break are checked here or in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide import geocoding
from egide.accounts.models import User
from egide.errors import RuleError

from .choices import (
    DOMICILE_KINDS,
    BreachKind,
    BreachOutcome,
    BreachSource,
    ConsentAttemptOutcome,
    Decision,
    Domicile,
    HealthReportOutcome,
    HearingKind,
    MeasureKind,
    NotificationMethod,
    NotificationRecipient,
    ParentalAuthorityRuling,
    ParquetRequestKind,
    RequestedBy,
    VisitingRightsRuling,
)
from .models import FamilyProceeding
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


def choose(choices) -> list:
    """A required choice with no default: the user picks it, nothing is pre-selected."""
    return [("", _("Choisir"))] + list(choices)


VICTIM_HOME = _("Domicile de la victime")


class DecisionForm(DsfrBaseForm):
    """The judge's decision, its measures in the order of C. civ. 515-11 (515-13-1 for the OPPI),
    and its reasons. A forbidden place is an address (geocoded) or the victim's home, which the
    form locates from the case file without ever showing it."""

    decision = forms.ChoiceField(label=_("Décision"), choices=choose(Decision.choices))
    contact_ban = forms.BooleanField(label=MeasureKind.CONTACT_BAN.label, required=False)
    contact_persons = forms.CharField(
        label=_("Personnes avec qui tout contact est interdit"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    place_ban = forms.BooleanField(label=MeasureKind.PLACE_BAN.label, required=False)
    place_is_victim_home = forms.BooleanField(
        label=_(
            "Le lieu interdit est le domicile de la victime (adresse du dossier, non affichée)"
        ),
        required=False,
    )
    place_label = forms.CharField(
        label=_("Autre lieu interdit : nom"),
        help_text=_("Par exemple : école des enfants, lieu de travail de la victime"),
        max_length=200,
        required=False,
    )
    place_address = forms.CharField(
        label=_("Autre lieu interdit : adresse"),
        help_text=_("Numéro, rue, code postal et commune (Base Adresse Nationale)"),
        max_length=200,
        required=False,
    )
    weapons_ban = forms.BooleanField(label=MeasureKind.WEAPONS_BAN.label, required=False)
    weapons_surrender = forms.BooleanField(
        label=MeasureKind.WEAPONS_SURRENDER.label, required=False
    )
    care_proposal = forms.BooleanField(label=MeasureKind.CARE_PROPOSAL.label, required=False)
    separate_residence = forms.BooleanField(
        label=MeasureKind.SEPARATE_RESIDENCE.label, required=False
    )
    home_to_victim = forms.BooleanField(label=MeasureKind.HOME_TO_VICTIM.label, required=False)
    parental_authority = forms.ChoiceField(
        label=_("5° Autorité parentale"),
        choices=[("", _("Pas de décision"))] + ParentalAuthorityRuling.choices,
        required=False,
    )
    visiting_rights = forms.ChoiceField(
        label=_("5° Droits de visite et d'hébergement"),
        choices=[("", _("Pas de décision"))] + VisitingRightsRuling.choices,
        required=False,
    )
    hidden_address = forms.ChoiceField(
        label=_("6° / 6° bis Dissimulation de l'adresse : élection de domicile"),
        choices=[("", _("Pas de dissimulation"))] + Domicile.choices,
        required=False,
    )
    legal_aid = forms.BooleanField(label=MeasureKind.LEGAL_AID.label, required=False)
    pets = forms.BooleanField(label=MeasureKind.PETS.label, required=False)
    electoral_list = forms.BooleanField(label=MeasureKind.ELECTORAL_LIST.label, required=False)
    reasons = forms.CharField(
        label=_("Motifs de la décision"),
        help_text=_("Vraisemblance des violences et du danger, mesures retenues ou écartées"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    SIMPLE_KINDS = {
        "weapons_ban": MeasureKind.WEAPONS_BAN,
        "weapons_surrender": MeasureKind.WEAPONS_SURRENDER,
        "care_proposal": MeasureKind.CARE_PROPOSAL,
        "separate_residence": MeasureKind.SEPARATE_RESIDENCE,
        "home_to_victim": MeasureKind.HOME_TO_VICTIM,
        "legal_aid": MeasureKind.LEGAL_AID,
        "pets": MeasureKind.PETS,
        "electoral_list": MeasureKind.ELECTORAL_LIST,
    }
    NOT_FOR_OPPI = (
        "care_proposal",
        "separate_residence",
        "home_to_victim",
        "legal_aid",
        "pets",
        "electoral_list",
    )

    def __init__(self, *args, case=None, immediate: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.place = None
        if immediate:
            for name in self.NOT_FOR_OPPI:
                del self.fields[name]
            self.fields["hidden_address"].choices = [
                (value, label)
                for value, label in self.fields["hidden_address"].choices
                if value != Domicile.LEGAL_PERSON
            ]

    def clean(self):
        data = super().clean()
        if data.get("place_ban"):
            self.place = self._forbidden_place(data)
        return data

    def _forbidden_place(self, data):
        """(label, is_victim_home, position) of the forbidden place, or None with a form error."""
        if data.get("place_is_victim_home"):
            victim = self.case.victim if self.case is not None else None
            position = geocoding.geocode(victim.address) if victim is not None else None
            if position is None:
                self.add_error(
                    "place_is_victim_home",
                    _("L'adresse de la victime au dossier ne peut pas être localisée."),
                )
                return None
            return (str(VICTIM_HOME), True, position)
        if not data.get("place_label", "").strip() or not data.get("place_address", "").strip():
            self.add_error("place_address", _("Nommez le lieu interdit et donnez son adresse."))
            return None
        try:
            position = geocoding.locate(data["place_address"])
        except RuleError as error:
            self.add_error("place_address", error)
            return None
        return (f"{data['place_label'].strip()}, {position.label}", False, position)

    def measures(self) -> list[MeasureData]:
        """The measures ordered, in the order of the article."""
        data = self.cleaned_data
        measures = []
        if data.get("contact_ban"):
            measures.append(MeasureData(MeasureKind.CONTACT_BAN, persons=data["contact_persons"]))
        if data.get("place_ban") and self.place is not None:
            label, is_victim_home, position = self.place
            measures.append(
                MeasureData(
                    MeasureKind.PLACE_BAN,
                    place_label=label,
                    is_victim_home=is_victim_home,
                    latitude=position.latitude,
                    longitude=position.longitude,
                )
            )
        if data.get("parental_authority") or data.get("visiting_rights"):
            measures.append(
                MeasureData(
                    MeasureKind.PARENTAL_AUTHORITY,
                    parental_authority=data["parental_authority"],
                    visiting_rights=data["visiting_rights"],
                )
            )
        if data.get("hidden_address"):
            domicile = Domicile(data["hidden_address"])
            measures.append(
                MeasureData(DOMICILE_KINDS[domicile], election_of_domicile=str(domicile.label))
            )
        measures += [
            MeasureData(kind) for name, kind in self.SIMPLE_KINDS.items() if data.get(name)
        ]
        order = list(MeasureKind.values)
        return sorted(measures, key=lambda measure: order.index(measure.kind))


class NotifyForm(DsfrBaseForm):
    recipient = forms.ChoiceField(
        label=_("Destinataire"), choices=choose(NotificationRecipient.choices)
    )
    method = forms.ChoiceField(label=_("Mode"), choices=choose(NotificationMethod.choices))
    notified_at = forms.DateTimeField(
        label=_("Notifiée le"), widget=DATETIME_WIDGET, initial=timezone.localtime
    )


class BreachDecisionForm(DsfrBaseForm):
    """The procureur's decision on a breach: taking it into account is deciding something."""

    outcome = forms.ChoiceField(label=_("Décision prise"), choices=choose(BreachOutcome.choices))
    details = forms.CharField(
        label=_("Précisions (service saisi, date de déferrement, instructions)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ParquetRequestForm(DsfrBaseForm):
    kinds = forms.MultipleChoiceField(
        label=_("Mesures demandées au procureur"),
        choices=ParquetRequestKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(
        label=_("Motifs (faits, danger, avis de la victime)"),
        widget=forms.Textarea(attrs={"rows": 4}),
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


class HealthReportForm(DsfrBaseForm):
    """C. pén. 226-14 3°: the report states both conditions, the attempt to obtain her agreement,
    and that she was informed; the service refuses it otherwise."""

    case = forms.ModelChoiceField(
        label=_("Dossier déjà ouvert par votre structure"),
        queryset=None,
        required=False,
        help_text=_("Laissez vide pour ouvrir un dossier au nom de votre structure."),
    )
    victim_last_name = forms.CharField(label=_("Nom de la victime"), required=False)
    victim_first_name = forms.CharField(label=_("Prénom de la victime"), required=False)
    victim_birth_date = forms.DateField(
        label=_("Date de naissance de la victime"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    perpetrator_last_name = forms.CharField(label=_("Nom de l'auteur désigné"), required=False)
    perpetrator_first_name = forms.CharField(label=_("Prénom de l'auteur désigné"), required=False)
    perpetrator_birth_date = forms.DateField(
        label=_("Date de naissance de l'auteur, si connue"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    life_in_immediate_danger = forms.BooleanField(
        label=_("J'estime en conscience que les violences mettent sa vie en danger immédiat"),
        required=False,
    )
    under_hold = forms.BooleanField(
        label=_(
            "J'estime qu'elle n'est pas en mesure de se protéger en raison de la contrainte "
            "morale résultant de l'emprise exercée par l'auteur"
        ),
        required=False,
    )
    consent_attempt = forms.CharField(
        label=_("Comment avez-vous cherché à obtenir son accord ?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    consent_outcome = forms.ChoiceField(
        label=_("Issue de cette démarche"), choices=choose(ConsentAttemptOutcome.choices)
    )
    victim_informed = forms.BooleanField(
        label=_("Je l'ai informée du signalement fait au procureur de la République"),
        required=False,
    )
    findings = forms.CharField(
        label=_("Constatations et éléments du danger"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cases is None or not cases.exists():
            del self.fields["case"]
        else:
            self.fields["case"].queryset = cases

    def clean(self):
        data = super().clean()
        if not data.get("case") and not (
            data.get("victim_last_name") and data.get("victim_first_name")
        ):
            raise ValidationError(_("Indiquez le nom et le prénom de la victime."))
        for field in ("victim_birth_date", "perpetrator_birth_date"):
            if data.get(field) and data[field] > timezone.localdate():
                self.add_error(field, _("Cette date ne peut pas être dans le futur."))
        return data

    def operation_data(self) -> dict:
        data = self.cleaned_data

        def person(prefix):
            return {
                "last_name": data[f"{prefix}_last_name"].strip(),
                "first_name": data[f"{prefix}_first_name"].strip(),
                "birth_date": data[f"{prefix}_birth_date"],
            }

        return {
            "case": data.get("case"),
            "victim": person("victim"),
            "perpetrator": person("perpetrator"),
            **{
                name: data[name]
                for name in (
                    "life_in_immediate_danger",
                    "under_hold",
                    "consent_attempt",
                    "consent_outcome",
                    "victim_informed",
                    "findings",
                )
            },
        }


class HealthReportDecisionForm(DsfrBaseForm):
    outcome = forms.ChoiceField(
        label=_("Décision prise"), choices=choose(HealthReportOutcome.choices)
    )
    details = forms.CharField(
        label=_("Précisions (service saisi, instructions)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
