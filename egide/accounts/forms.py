import re

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from . import perms, second_factor
from .models import Agency, Membership, User
from .perms import switchable_memberships
from .roles import AgencyKind, Role

# INSEE département codes: 01–19, 21–95 (20 became 2A and 2B), 2A, 2B, overseas 971–976.
DEPARTEMENT_CODE = re.compile(r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$")


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.departement})"


class LoginForm(DsfrBaseForm, auth_forms.AuthenticationForm):
    # One message whatever was wrong, so the form never tells which usernames exist.
    error_messages = {
        "invalid_login": _("Identifiant ou mot de passe incorrect."),
        "inactive": _("Identifiant ou mot de passe incorrect."),
    }

    def attempted_authentication(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "invalid_login")


class CodeForm(DsfrBaseForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class SecondFactorForm(CodeForm):
    """Checks a code from the authenticator app, or a recovery code (which it uses up)."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.fields["code"].label = _("Code à 6 chiffres ou code de secours")

    def clean_code(self):
        try:
            self.device = second_factor.verify(self.user, self.cleaned_data["code"])
        except second_factor.Throttled:
            raise ValidationError(
                _("Trop de codes erronés : patientez quelques secondes avant de réessayer."),
                code="throttled",
            ) from None
        if self.device is None:
            raise ValidationError(_("Ce code n'est pas valide."), code="invalid_code")
        return self.cleaned_data["code"]


class EnrolmentForm(CodeForm):
    """Confirms the pending authenticator with a code it shows."""

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.fields["code"].label = _("Code à 6 chiffres affiché par l'application")

    def clean_code(self):
        if not second_factor.confirm_enrolment(self.device, self.cleaned_data["code"]):
            raise ValidationError(
                _("Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et réessayez."),
                code="invalid_code",
            )
        return self.cleaned_data["code"]


class PasswordChangeForm(DsfrBaseForm, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(DsfrBaseForm, auth_forms.SetPasswordForm):
    """The new password chosen through a reset link, under the same validators."""


class MembershipSwitchForm(DsfrBaseForm):
    membership = forms.ModelChoiceField(
        label=_("Agir en tant que"),
        queryset=Membership.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = switchable_memberships(user)


class AgencyForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind", "departement", "court", "is_active"]
        help_texts = {"departement": _("Code INSEE : 27, 2A, 971…")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tribunals = Agency.objects.filter(kind=AgencyKind.TRIBUNAL, is_active=True)
        if self.instance.pk:
            tribunals = tribunals.exclude(pk=self.instance.pk)
        self.fields["court"].queryset = tribunals

    def clean_departement(self):
        code = self.cleaned_data["departement"].strip().upper()
        if not DEPARTEMENT_CODE.match(code):
            raise ValidationError(_("Ce code de département n'existe pas."), code="departement")
        return code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == AgencyKind.TRIBUNAL and cleaned.get("court"):
            self.add_error("court", _("Un tribunal n'est rattaché à aucun autre tribunal."))
        return cleaned


class MembershipFields(forms.Form):
    """The agency and role of a membership, refused when the role does not fit the agency."""

    agency = AgencyChoiceField(label=_("Structure"), queryset=Agency.objects.filter(is_active=True))
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agency") and cleaned.get("role"):
            try:
                Membership(agency=cleaned["agency"], role=cleaned["role"]).clean()
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class UserCreateForm(DsfrBaseForm, MembershipFields, auth_forms.BaseUserCreationForm):
    """A new account with its initial password (to hand over in person) and first membership."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]
        field_classes = {"username": auth_forms.UsernameField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class MembershipAddForm(DsfrBaseForm, MembershipFields):
    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        active = self.user.memberships.filter(is_active=True)
        if active.filter(agency=cleaned.get("agency"), role=cleaned.get("role")).exists():
            raise ValidationError(_("Cet utilisateur a déjà ce rôle dans cette structure."))
        refusal = cleaned.get("role") and perms.role_refusal(self.user, cleaned["role"])
        if refusal:
            raise ValidationError(refusal)
        return cleaned
