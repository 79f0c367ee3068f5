"""Forms of the case file. Every rule a user can break is checked here, with a clear message."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.accounts.models import Agency
from egide.accounts.roles import ROLE_AGENCY_KINDS, Role
from egide.encryption.fields import EncryptedCharField

from .choices import CaseStatus, CloseReason, DocumentKind, NoteKind, ShareScope, ViolenceForm
from .models import Case, EvidenceRecord, Incident, Person, Relationship, SafeContact
from .perms import note_recipients

PHONE_PATTERN = re.compile(r"^\+?[0-9 .-]{10,20}$")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def validate_phone(value: str) -> None:
    if value and not PHONE_PATTERN.match(value):
        raise ValidationError(
            _("Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.")
        )


def not_in_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Cette date ne peut pas être dans le futur."))


class CaseModelForm(DsfrBaseForm, forms.ModelForm):
    """A model form rendered with the DSFR; `changed` lists the names of the fields it set."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, formfield in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            # EncryptedCharField's form field loses the label and `blank` of the model field.
            if isinstance(model_field, EncryptedCharField):
                formfield.label = capfirst(model_field.verbose_name)
                formfield.required = not model_field.blank
        self._bound_fields_cache.clear()  # bound fields made before the fix kept the old label

    def changed(self) -> list[str]:
        return sorted(self.changed_data)


class PersonForm(CaseModelForm):
    class Meta:
        model = Person
        fields = [
            "last_name",
            "first_name",
            "birth_date",
            "birth_year",
            "phone",
            "email",
            "address",
            "notes",
        ]
        widgets = {
            "birth_date": DATE_WIDGET,
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    EXTRA_VALIDATORS = {
        "phone": validate_phone,
        "email": forms.EmailField().validators[0],
        "birth_date": not_in_future,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, validator in self.EXTRA_VALIDATORS.items():
            if name in self.fields:
                self.fields[name].validators.append(validator)
        if "birth_year" in self.fields:
            self.fields["birth_year"].help_text = _("Si seule l'année est connue.")

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and not 1900 <= year <= timezone.localdate().year:
            raise ValidationError(_("Saisissez une année entre 1900 et aujourd'hui."))
        return year


class VictimForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = ["last_name", "first_name", "birth_date", "phone", "email", "address"]


class PerpetratorForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = ["last_name", "first_name", "birth_date", "birth_year", "address"]

    def clean(self):
        data = super().clean()
        if not data.get("birth_date") and not data.get("birth_year"):
            raise ValidationError(
                _("Indiquez la date de naissance de l'auteur, ou au moins son année de naissance.")
            )
        return data


class RelationshipForm(CaseModelForm):
    class Meta:
        model = Relationship
        fields = ["kind", "separation_date", "separation_in_progress"]
        widgets = {"separation_date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["separation_date"].validators.append(not_in_future)


class SafeContactForm(CaseModelForm):
    class Meta:
        model = SafeContact
        fields = ["phone", "times_to_call", "never_leave_message", "code_word", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(validate_phone)
        self.fields["phone"].required = True
        self.fields["email"].validators.append(forms.EmailField().validators[0])


class IncidentForm(CaseModelForm):
    violence_forms = forms.MultipleChoiceField(
        label=_("Formes de violence"),
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins une forme de violence.")},
    )

    class Meta:
        model = Incident
        fields = [
            "occurred_on",
            "commune",
            "violence_forms",
            "children_exposed",
            "weapons_involved",
            "disclosure_channel",
            "narrative",
        ]
        widgets = {"occurred_on": DATE_WIDGET, "narrative": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].validators.append(not_in_future)


class MaskingForm(DsfrBaseForm):
    """The victim's address hidden behind an élection de domicile (OP 6° / 6° bis, or request)."""

    address_hidden = forms.BooleanField(label=_("Masquer l'adresse de la victime"), required=False)
    address_hidden_basis = forms.ChoiceField(
        label=_("Fondement du masquage"),
        choices=[("", "—"), *Case._meta.get_field("address_hidden_basis").choices],
        required=False,
    )
    election_of_domicile = forms.CharField(
        label=_("Élection de domicile"),
        help_text=_("Adresse de l'avocat, du procureur ou de la structure qui reçoit le courrier."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("address_hidden"):
            if not data.get("address_hidden_basis"):
                self.add_error("address_hidden_basis", _("Indiquez le fondement du masquage."))
            if not data.get("election_of_domicile", "").strip():
                self.add_error(
                    "election_of_domicile",
                    _("Une adresse masquée doit être remplacée par une élection de domicile."),
                )
        else:
            data["address_hidden_basis"] = ""
        return data

    def masking(self) -> dict:
        data = self.cleaned_data
        return {
            "address_hidden": data["address_hidden"],
            "address_hidden_basis": data["address_hidden_basis"],
            "election_of_domicile": data["election_of_domicile"].strip(),
        }


class CloseCaseForm(DsfrBaseForm):
    reason = forms.ChoiceField(label=_("Motif de clôture"), choices=CloseReason.choices)


class BreakGlassForm(DsfrBaseForm):
    reference = forms.CharField(label=_("Référence du dossier"), max_length=32)
    reason = forms.CharField(
        label=_("Motif de l'accès d'urgence"),
        help_text=_("Obligatoire. Ce motif est transmis à l'auditeur."),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
    )


class DocumentForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Nature de la pièce"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Fichier (PDF, JPEG ou PNG, 10 Mo au plus)"))


# A support case is referred to a police unit when she wants to file her complaint there.
REFERRAL_TARGET_ROLES = (
    Role.ISCG_SOCIAL_WORKER,
    Role.SOCIAL_REFERENT,
    Role.HEALTH_PROFESSIONAL,
    Role.POLICE_OFFICER,
)


def sharing_agencies(case):
    """Agencies a case may be shared with: the referral roles' agencies in its département."""
    kinds = set().union(*(ROLE_AGENCY_KINDS[role] for role in REFERRAL_TARGET_ROLES))
    return Agency.objects.filter(is_active=True, departement=case.departement, kind__in=kinds)


class ConsentForm(DsfrBaseForm):
    agency = forms.ModelChoiceField(label=_("Structure"), queryset=Agency.objects.none())
    scope = forms.ChoiceField(
        label=_("Ce que la victime accepte de partager"), choices=ShareScope.choices
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = sharing_agencies(case)


class ReferralForm(DsfrBaseForm):
    to_agency = forms.ModelChoiceField(
        label=_("Structure destinataire"), queryset=Agency.objects.none()
    )
    to_role = forms.ChoiceField(
        label=_("Professionnel destinataire"),
        choices=[(role.value, role.label) for role in REFERRAL_TARGET_ROLES],
    )
    scope = forms.ChoiceField(label=_("Étendue du partage"), choices=ShareScope.choices)
    legal_basis = forms.CharField(
        label=_("Fondement légal (orientation sans consentement, procureur seulement)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["to_agency"].queryset = sharing_agencies(case)

    def clean(self):
        data = super().clean()
        agency, role = data.get("to_agency"), data.get("to_role")
        if agency and role and agency.kind not in ROLE_AGENCY_KINDS[role]:
            self.add_error("to_role", _("Ce professionnel n'exerce pas dans cette structure."))
        return data

    def active_consent(self):
        return (
            self.case.consents.filter(agency=self.cleaned_data["to_agency"], withdrawn_at=None)
            .order_by("-given_at")
            .first()
        )


class NoteForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Nature"), choices=NoteKind.choices)
    text = forms.CharField(label=_("Contenu"), widget=forms.Textarea(attrs={"rows": 6}))
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Partager aussi avec"),
        help_text=_("Par défaut, seule votre structure lit cette note."),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, case, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = note_recipients(case).exclude(pk=agency.pk)


class CaseSearchForm(DsfrBaseForm):
    last_name = forms.CharField(label=_("Nom"), required=False, max_length=150)
    first_name = forms.CharField(label=_("Prénom"), required=False, max_length=150)
    birth_date = forms.DateField(label=_("Date de naissance"), required=False, widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Référence"), required=False, max_length=32)
    status = forms.ChoiceField(
        label=_("Statut"), choices=[("", _("Tous")), *CaseStatus.choices], required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("first_name") and not data.get("last_name"):
            self.add_error("last_name", _("Pour chercher par prénom, indiquez aussi le nom."))
        return data


def complaint_forms(data=None) -> dict:
    """The forms of a complaint taken at the desk, one per section (the page and the API)."""
    return {
        "victim": VictimForm(data, prefix="victim"),
        "perpetrator": PerpetratorForm(data, prefix="perpetrator"),
        "relationship": RelationshipForm(data, prefix="relationship"),
        "incident": IncidentForm(data, prefix="incident"),
        "safe_contact": SafeContactForm(data, prefix="safe_contact"),
        "masking": MaskingForm(data, prefix="masking"),
    }


def model_data(form) -> dict:
    """A valid model form's cleaned values for its model's fields."""
    return {name: form.cleaned_data[name] for name in form._meta.fields}


class SupportConsentForm(DsfrBaseForm):
    """The victim's consent to a support case, and what she agrees to share."""

    consent = forms.BooleanField(
        label=_("La victime consent à l'ouverture d'un dossier d'accompagnement"),
        error_messages={"required": _("Un accompagnement ne s'ouvre qu'avec son consentement.")},
    )
    scope = forms.ChoiceField(
        label=_("Ce que la victime accepte de partager"), choices=ShareScope.choices
    )


class JoinSupportForm(DsfrBaseForm):
    """At the desk, when a support file of the same victim exists: does she want it joined?"""

    join = forms.ChoiceField(
        label=_("Un dossier d'accompagnement existe déjà pour cette victime"),
        help_text=_(
            "Demandez-lui si elle accepte que sa plainte rejoigne ce dossier. Son contenu et la "
            "structure qui la suit ne vous sont montrés qu'après son accord."
        ),
        choices=[
            ("yes", _("Elle accepte : la plainte rejoint son dossier")),
            ("no", _("Elle refuse : ouvrir un dossier distinct")),
        ],
        widget=forms.RadioSelect,
    )


SUPPORT_AGENCY_KINDS = set().union(
    *(ROLE_AGENCY_KINDS[role] for role in (Role.SOCIAL_REFERENT, Role.HEALTH_PROFESSIONAL))
)


class TransferForm(DsfrBaseForm):
    to_agency = forms.ModelChoiceField(
        label=_("Structure qui reprend le suivi"), queryset=Agency.objects.none()
    )
    scope = forms.ChoiceField(
        label=_("Ce que la victime accepte de partager"), choices=ShareScope.choices
    )
    consent = forms.BooleanField(
        label=_("La victime consent à la transmission de son dossier à cette structure"),
        error_messages={"required": _("Le dossier ne suit la victime qu'avec son consentement.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True, kind__in=SUPPORT_AGENCY_KINDS)
        self.fields["to_agency"].queryset = agencies.exclude(pk=case.opening_agency_id)


class MergeForm(DsfrBaseForm):
    duplicate = forms.ModelChoiceField(
        label=_("Dossier à rattacher à celui-ci"), queryset=Case.objects.none()
    )
    reason = forms.CharField(
        label=_("Pourquoi s'agit-il de la même victime ?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Case.objects.filter(pk__in=[c.pk for c in candidates])


class EvidenceForm(CaseModelForm):
    class Meta:
        model = EvidenceRecord
        fields = [
            "kind",
            "examined_on",
            "description",
            "itt_days",
            "storage_place",
            "keep_until",
        ]
        widgets = {
            "examined_on": DATE_WIDGET,
            "keep_until": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["examined_on"].validators.append(not_in_future)
        self.fields["description"].label = _("Ce qui est conservé (certificat, photographies…)")
        self.fields["description"].required = True

    def clean(self):
        data = super().clean()
        if data.get("itt_days") is not None and data.get("kind") != "medical_certificate":
            self.add_error("itt_days", _("L'ITT figure sur le certificat médical seulement."))
        examined, keep = data.get("examined_on"), data.get("keep_until")
        if keep and keep < timezone.localdate():
            self.add_error("keep_until", _("La date de fin de conservation est déjà passée."))
        elif examined and keep and keep < examined:
            self.add_error("keep_until", _("La conservation finit après l'examen."))
        return data


class ReleaseForm(DsfrBaseForm):
    released_on = forms.DateField(
        label=_("Date de sortie de détention de l'auteur"),
        help_text=_("Fin de peine, de détention provisoire ou de garde à vue, ou sortie annoncée."),
        widget=DATE_WIDGET,
    )
