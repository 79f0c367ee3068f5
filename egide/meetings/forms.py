"""Forms of risk meetings. Every rule a user can break is checked here or in the service."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.cases.perms import visible_cases

from . import perms
from .choices import ActionStatus, ItemStatus
from .models import member_label

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NO_PERSONAL_DATA = _(
    "Lu par tous les membres : la référence du dossier, jamais un nom ni une adresse."
)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        return member_label(membership)


class MeetingForm(DsfrBaseForm):
    starts_at = forms.DateTimeField(label=_("Date et heure"), widget=DATETIME_WIDGET)
    place = forms.CharField(label=_("Lieu"), max_length=200)


class InviteForm(DsfrBaseForm):
    membership = MemberChoiceField(label=_("Membre à inviter"), queryset=None)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        invited = meeting.members.values("membership_id")
        self.fields["membership"].queryset = perms.eligible_members(meeting).exclude(pk__in=invited)


class ProposalForm(DsfrBaseForm):
    reference = forms.CharField(label=_("Référence du dossier"), max_length=32)
    reason = forms.CharField(
        label=_("Motif de la proposition"),
        max_length=500,
        help_text=NO_PERSONAL_DATA,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, membership, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership, self.meeting = membership, meeting

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        case = (
            visible_cases(self.membership)
            .filter(reference__iexact=reference, departement=self.meeting.departement)
            .first()
        )
        if case is None:
            raise forms.ValidationError(
                _("Aucun dossier du département consultable par vous ne porte cette référence.")
            )
        self.cleaned_data["case"] = case
        return reference


class ActionForm(DsfrBaseForm):
    case = forms.ChoiceField(label=_("Dossier"))
    owner = MemberChoiceField(label=_("Responsable"), queryset=None)
    description = forms.CharField(
        label=_("Action"),
        max_length=500,
        help_text=NO_PERSONAL_DATA,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_on = forms.DateField(label=_("Échéance"), widget=DATE_WIDGET)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        listed = meeting.agenda.filter(status=ItemStatus.ACCEPTED).select_related("case")
        self.cases = {str(item.case_id): item.case for item in listed}
        self.fields["case"].choices = [(pk, case.reference) for pk, case in self.cases.items()]
        self.fields["owner"].queryset = perms.attendees(meeting)

    def clean_case(self):
        return self.cases[self.cleaned_data["case"]]


class ActionCloseForm(DsfrBaseForm):
    status = forms.ChoiceField(
        label=_("Nouvel état"),
        choices=[
            (ActionStatus.DONE, ActionStatus.DONE.label),
            (ActionStatus.DROPPED, ActionStatus.DROPPED.label),
        ],
    )
    reason = forms.CharField(label=_("Motif de l'abandon"), max_length=300, required=False)


class MinutesForm(DsfrBaseForm):
    minutes = forms.CharField(
        label=_("Compte rendu"),
        help_text=NO_PERSONAL_DATA,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
