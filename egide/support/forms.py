"""Forms of support. Every rule a user can break is checked here, with a clear message."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.accounts.forms import DEPARTEMENT_CODE, AgencyChoiceField
from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind
from egide.cases.choices import PersonRole
from egide.web.templatetags.egide_tags import places_free

from . import aid
from .choices import AidProof, DeclineCause, NeedArea, NeedStatus, ShelterKind
from .models import ParameterValue
from .perms import CAISSE_KINDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AidRequestForm(DsfrBaseForm):
    """The law's simplified form (CASF D. 214-11 s.), filled from the complaint."""

    caisse = forms.ModelChoiceField(label=_("Caisse de la victime (CAF ou MSA)"), queryset=None)
    victim_consents = forms.BooleanField(
        label=_("La victime accepte que ce formulaire soit transmis à cette caisse"),
        error_messages={"required": _("Sans l'accord de la victime, rien n'est transmis.")},
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    birth_date = forms.DateField(label=_("Date de naissance"), widget=DATE_WIDGET)
    bank_account = forms.CharField(label=_("IBAN"), max_length=40)
    children_under_21 = forms.IntegerField(label=_("Enfants de moins de 21 ans"), min_value=0)
    monthly_resources = forms.DecimalField(
        label=_("Ressources nettes du mois précédent (€)"), min_value=0, decimal_places=2
    )
    already_allocataire = forms.BooleanField(label=_("Déjà allocataire"), required=False)
    proof_kind = forms.ChoiceField(label=_("Justificatif"), choices=AidProof.choices)
    proof_date = forms.DateField(label=_("Date du justificatif"), widget=DATE_WIDGET)
    criminal_case_ongoing = forms.BooleanField(
        label=_("Procédure pénale en cours"), required=False, initial=True
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caisse"].queryset = caisses_for(case)
        if not self.is_bound:
            self.initial.update(initial_from_case(case))

    def clean_proof_date(self):
        proof_date = self.cleaned_data["proof_date"]
        if proof_date > timezone.localdate():
            raise forms.ValidationError(_("Cette date ne peut pas être dans le futur."))
        return proof_date

    def clean_bank_account(self):
        iban = self.cleaned_data["bank_account"].replace(" ", "").upper()
        if not (15 <= len(iban) <= 34 and iban[:2].isalpha() and iban[2:].isalnum()):
            raise forms.ValidationError(_("Saisissez un IBAN, par exemple FR76 3000 …"))
        return iban


def caisses_for(case):
    """The CAF and MSA of the case's département: the victim's caisse is one of them."""
    return Agency.objects.filter(
        is_active=True, departement=case.departement, kind__in=CAISSE_KINDS
    )


def initial_from_case(case) -> dict:
    victim = case.victim
    births = [p.birth_date for p in case.people_in_role(PersonRole.CHILD) if p.birth_date]
    initial = {"children_under_21": aid.children_counted(births, timezone.localdate())}
    if victim is not None:
        initial.update(
            first_name=victim.first_name, last_name=victim.last_name, birth_date=victim.birth_date
        )
    return initial


class RefusalForm(DsfrBaseForm):
    reason = forms.CharField(label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 3}))


class AllocationRefusalForm(DsfrBaseForm):
    cause = forms.ChoiceField(label=_("Motif du refus"), choices=DeclineCause.choices)
    detail = forms.CharField(label=_("Précisions"), required=False, max_length=500)


class CapacityForm(DsfrBaseForm):
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=999)


def shelter_operators():
    return Agency.objects.filter(kind=AgencyKind.SHELTER_OPERATOR, is_active=True)


def shelter_address_field():
    return forms.CharField(
        label=_("Adresse"),
        max_length=300,
        help_text=_(
            "Numéro, rue, code postal et commune. Confidentielle : seuls les gestionnaires de "
            "l'hébergement la voient ; elle sert à ne jamais loger un auteur évincé à proximité."
        ),
    )


class ShelterDetailsForm(CapacityForm):
    """What the managers of the operator keep up to date (services.DETAIL_FIELDS)."""

    name = forms.CharField(label=_("Nom"), max_length=200)
    accessible = forms.BooleanField(label=_("Accessible en fauteuil roulant"), required=False)
    accepts_children = forms.BooleanField(label=_("Accueille des enfants"), required=False)
    address = shelter_address_field()

    field_order = ["name", "capacity", "accessible", "accepts_children", "address"]


class ShelterRegistrationForm(CapacityForm):
    """What the administrator registers (services.REGISTER_FIELDS); no address: they never read
    it back (ShelterCreateForm asks for it once)."""

    operator = AgencyChoiceField(label=_("Gestionnaire d'hébergement"), queryset=None)
    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=ShelterKind.choices)
    departement = forms.CharField(
        label=_("Département"), max_length=3, help_text=_("Code INSEE : 27, 2A, 971…")
    )
    accessible = forms.BooleanField(label=_("Accessible en fauteuil roulant"), required=False)
    accepts_children = forms.BooleanField(label=_("Accueille des enfants"), required=False)

    field_order = [
        "operator",
        "name",
        "kind",
        "departement",
        "capacity",
        "accessible",
        "accepts_children",
    ]

    def __init__(self, *args, current_operator=None, **kwargs):
        """`current_operator`: the registered shelter's, offered even when no longer active."""
        super().__init__(*args, **kwargs)
        operators = shelter_operators()
        if current_operator is not None:
            operators |= Agency.objects.filter(pk=current_operator.pk)
        self.fields["operator"].queryset = operators

    def clean_departement(self):
        code = self.cleaned_data["departement"].strip().upper()
        if not DEPARTEMENT_CODE.match(code):
            raise forms.ValidationError(_("Ce code de département n'existe pas."))
        return code


class ShelterCreateForm(ShelterRegistrationForm):
    address = shelter_address_field()


class PlacesRequestForm(DsfrBaseForm):
    """What a shelter needs to welcome the household; never her address."""

    shelter = forms.ModelChoiceField(label=_("Hébergement"), queryset=None)
    adults = forms.IntegerField(label=_("Adultes"), min_value=1, max_value=10, initial=1)
    children = forms.IntegerField(label=_("Enfants"), min_value=0, max_value=15, initial=0)
    children_ages = forms.CharField(
        label=_("Âge des enfants"),
        help_text=_("En années, séparés par des virgules, par exemple : 3, 7"),
        max_length=60,
        required=False,
    )
    safe_contact = forms.CharField(
        label=_("Contact sûr pour le gestionnaire"),
        help_text=_("Un numéro et les heures où l'appeler sans danger."),
        max_length=200,
        required=False,
    )
    arrival = forms.CharField(
        label=_("Modalités d'arrivée"),
        help_text=_("Date et heure prévues, accompagnement (police, travailleur social…)."),
        max_length=300,
        required=False,
    )
    special_needs = forms.CharField(
        label=_("Besoins particuliers"),
        help_text=_("Mobilité, santé, animal, langue…"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, shelters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shelter"].queryset = shelters
        self.fields["shelter"].label_from_instance = lambda shelter: (
            f"{shelter.name} — {places_free(shelter.free)}"
        )

    def clean_children_ages(self):
        ages = [part.strip() for part in self.cleaned_data["children_ages"].split(",")]
        ages = [age for age in ages if age]
        if any(not age.isdigit() or int(age) > 25 for age in ages):
            raise forms.ValidationError(_("Indiquez des âges en années, par exemple : 3, 7"))
        return ", ".join(ages)

    def clean(self):
        data = super().clean()
        ages, children = data.get("children_ages"), data.get("children")
        if ages and children is not None and len(ages.split(", ")) != children:
            self.add_error("children_ages", _("Indiquez un âge par enfant."))
        return data


class NeedForm(DsfrBaseForm):
    area = forms.ChoiceField(label=_("Domaine"), choices=NeedArea.choices)
    description = forms.CharField(label=_("Besoin"), max_length=300)
    partner = forms.ModelChoiceField(label=_("Partenaire en charge"), queryset=None)
    target_date = forms.DateField(label=_("Échéance"), widget=DATE_WIDGET)

    def __init__(self, *args, departement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Agency.objects.filter(
            is_active=True, departement=departement
        ).exclude(kind__in=[AgencyKind.CPCA, AgencyKind.PLATFORM_OPERATOR])

    def clean_target_date(self):
        target = self.cleaned_data["target_date"]
        if target < timezone.localdate():
            raise forms.ValidationError(
                _("L'échéance est déjà passée : choisissez une date à venir.")
            )
        return target


class NeedStatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("État"), choices=NeedStatus.choices)


class ParameterValueForm(DsfrBaseForm, forms.ModelForm):
    """A new dated value of a revalued parameter, as a platform administrator records it."""

    class Meta:
        model = ParameterValue
        fields = ["valid_from", "value", "source", "source_url"]
        widgets = {"valid_from": DATE_WIDGET}

    def __init__(self, parameter: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.parameter = parameter
        self.fields["value"].widget.attrs["step"] = "0.01"

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value <= 0:
            raise forms.ValidationError(_("Le montant doit être supérieur à 0 €."))
        return value

    def clean_valid_from(self):
        valid_from = self.cleaned_data["valid_from"]
        recorded = ParameterValue.objects.filter(
            parameter=self.instance.parameter, valid_from=valid_from
        )
        if recorded.exists():
            raise forms.ValidationError(
                _(
                    "Une valeur est déjà enregistrée à partir du %(day)s : une valeur ne se "
                    "modifie pas, enregistrez la correction avec une autre date de début."
                )
                % {"day": valid_from.strftime("%d/%m/%Y")}
            )
        return valid_from

    def validate_unique(self):
        """Checked by clean_valid_from with a clearer message (the parameter is not a field)."""
