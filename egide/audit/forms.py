from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import Action


class AuditSearchForm(forms.Form):
    """The auditor's search. Every criterion is optional; an invalid one shows no entry."""

    actor = forms.CharField(label=_("Identifiant de l'agent"), max_length=150, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Toutes"))] + Action.choices, required=False
    )
    case_reference = forms.CharField(label=_("Référence du dossier"), max_length=32, required=False)
    object_type = forms.CharField(label=_("Type d'objet"), max_length=64, required=False)
    object_id = forms.CharField(label=_("Identifiant de l'objet"), max_length=64, required=False)
    flagged = forms.BooleanField(
        label=_("Entrées signalées uniquement (accès d'urgence, attributions de rôle)"),
        required=False,
    )
    date_from = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("La date de début doit précéder la date de fin."))
        return cleaned

    def used_criteria(self) -> list[str]:
        """The names (never the values) of the criteria filled in."""
        return sorted(name for name, value in self.cleaned_data.items() if value)

    def filter(self, entries):
        data = self.cleaned_data
        lookups = {
            "actor_username__iexact": data["actor"],
            "action": data["action"],
            "object_type": data["object_type"],
            "object_id": data["object_id"],
            "flagged": data["flagged"] or None,
            "at__date__gte": data["date_from"],
            "at__date__lte": data["date_to"],
        }
        entries = entries.filter(**{key: value for key, value in lookups.items() if value})
        if data["case_reference"]:
            entries = entries.filter(object_type="cases.case", object_id__in=case_ids(data))
        return entries


def case_ids(data) -> list[str]:
    """The id of the case bearing the reference searched (none if no case bears it)."""
    cases = apps.get_model("cases", "Case").objects
    found = cases.filter(reference__iexact=data["case_reference"].strip())
    return [str(pk) for pk in found.values_list("pk", flat=True)]
