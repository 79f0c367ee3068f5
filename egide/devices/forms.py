"""Forms of the device operations; legal conditions are checked again in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.justice.forms import DATETIME_WIDGET

from .choices import ContactBanBasis, DeviceKind, DeviceStatus, Framework, TestFailure, TestFollowUp
from .models import AlarmPhone


class DeviceForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Type"), choices=DeviceKind.choices)
    device_id = forms.CharField(label=_("Identifiant transmis par le dispositif"), max_length=64)
    serial_number = forms.CharField(label=_("Numéro de série"), max_length=64)


class StatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("Nouvel état"), choices=DeviceStatus.choices)


class TestForm(DsfrBaseForm):
    """A phone test's result; a failure says why and what follows."""

    result = forms.ChoiceField(
        label=_("Résultat du test"),
        choices=[("passed", _("Réussi")), ("failed", _("Échoué"))],
        widget=forms.RadioSelect,
    )
    failure = forms.ChoiceField(
        label=_("Cause de l'échec"),
        choices=[("", _("Choisir la cause")), *TestFailure.choices],
        required=False,
    )
    follow_up = forms.ChoiceField(
        label=_("Suite donnée"),
        choices=[("", _("Choisir la suite")), *TestFollowUp.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("result") == "failed":
            if not data.get("failure"):
                self.add_error("failure", _("Indiquez la cause de l'échec."))
            if not data.get("follow_up"):
                self.add_error("follow_up", _("Indiquez la suite donnée."))
        elif data.get("result") == "passed":
            data["failure"] = data["follow_up"] = ""
        return data


class AlarmPhoneGrantForm(DsfrBaseForm):
    phone = forms.ModelChoiceField(
        label=_("Téléphone"), queryset=AlarmPhone.objects.filter(status=DeviceStatus.STOCK)
    )
    no_cohabitation = forms.BooleanField(
        label=_("La victime ne cohabite pas avec l'auteur"), required=False
    )
    contact_ban_basis = forms.ChoiceField(
        label=_("Interdiction judiciaire d'entrer en contact"),
        choices=ContactBanBasis.choices,
        required=False,
    )
    imminent_danger = forms.CharField(
        label=_("À défaut : le danger imminent avéré (auteur en fuite, non interpellé…)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    express_consent = forms.BooleanField(
        label=_("La victime a donné son accord exprès"), required=False
    )
    geolocation_consent = forms.BooleanField(
        label=_("Elle accepte d'être géolocalisée lorsqu'elle déclenche une alerte"), required=False
    )

    def __init__(self, *args, same_address: bool = False, **kwargs):
        """`same_address`: the case file records the victim at the perpetrator's address, so
        "no cohabitation" needs an explicit confirmation (the address itself is never shown)."""
        super().__init__(*args, **kwargs)
        self.same_address = same_address
        if same_address:
            self.fields["cohabitation_checked"] = forms.BooleanField(
                label=_(
                    "Je confirme l'absence de cohabitation malgré la même adresse au dossier "
                    "(la victime a quitté ce logement, ou l'adresse du dossier est ancienne)"
                ),
                required=False,
            )
            order = list(self.fields)
            order.insert(order.index("no_cohabitation") + 1, order.pop())
            self.order_fields(order)

    def clean(self):
        data = super().clean()
        confirmed = data.pop("cohabitation_checked", False)
        if self.same_address and data.get("no_cohabitation") and not confirmed:
            self.add_error(
                "no_cohabitation",
                _(
                    "Le dossier enregistre la même adresse pour la victime et l'auteur : "
                    "vérifiez, puis confirmez l'absence de cohabitation."
                ),
            )
        return data


class WithdrawForm(DsfrBaseForm):
    reason = forms.CharField(label=_("Motif du retrait"), max_length=500)


class BraceletOrderForm(DsfrBaseForm):
    framework = forms.ChoiceField(label=_("Cadre"), choices=Framework.choices)
    alert_km = forms.IntegerField(
        label=_("Distance d'alerte (km, nombre entier de 1 à 10)"),
        help_text=_("La distance de pré-alerte est le double."),
    )
    perpetrator_consent = forms.BooleanField(label=_("Accord de l'auteur"), required=False)
    victim_consent = forms.BooleanField(label=_("Accord de la victime"), required=False)
    place_bans = forms.ModelMultipleChoiceField(
        label=_("Lieux interdits à surveiller comme zones fixes"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, place_bans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_bans"].queryset = place_bans
        self.fields["place_bans"].label_from_instance = place_label

    def clean_alert_km(self):
        value = self.cleaned_data["alert_km"]
        if not 1 <= value <= 10:
            raise ValidationError(_("La distance d'alerte est un nombre entier de 1 à 10 km."))
        return value


def place_label(measure) -> str:
    if measure.is_victim_home:
        return str(_("Domicile de la victime"))
    return measure.place_label


class RevisionForm(DsfrBaseForm):
    alert_km = forms.IntegerField(label=_("Nouvelle distance d'alerte (km, de 1 à 10)"))
    reason = forms.CharField(label=_("Motif (ex. alertes trop fréquentes)"), max_length=300)


class ExemptionForm(DsfrBaseForm):
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=None)
    start = forms.DateTimeField(label=_("Début"), widget=DATETIME_WIDGET)
    end = forms.DateTimeField(label=_("Fin"), widget=DATETIME_WIDGET)
    label = forms.CharField(label=_("Objet (ex. trajet autorisé)"), max_length=200, required=False)

    def __init__(self, *args, zones=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones
        self.fields["zone"].label_from_instance = zone_label


def zone_label(zone) -> str:
    return str(_("Domicile de la victime")) if zone.is_victim_home else zone.label


class PlaceBanZoneForm(DsfrBaseForm):
    measure = forms.ModelChoiceField(label=_("Lieu interdit à surveiller"), queryset=None)

    def __init__(self, *args, place_bans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = place_bans
        self.fields["measure"].label_from_instance = place_label
