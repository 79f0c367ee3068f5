"""Forms of a review. Every rule a user can break is checked here or in the service."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind

from . import perms
from .choices import RecommendationStatus, Theme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.get_full_name()} — {obj.get_role_display()} — {obj.agency}"


class InviteForm(DsfrBaseForm):
    membership = MembershipChoiceField(label=_("Membre à inviter"), queryset=None)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = perms.invitable(review)


class MarkForm(DsfrBaseForm):
    line_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    comment = forms.CharField(
        label=_("Pourquoi est-ce une occasion manquée ?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RecommendationForm(DsfrBaseForm):
    text = forms.CharField(label=_("Recommandation"), widget=forms.Textarea(attrs={"rows": 3}))
    theme = forms.ChoiceField(label=_("Thème de la recommandation"), choices=Theme.choices)
    owner = forms.ModelChoiceField(label=_("Service responsable"), queryset=None)
    due_on = forms.DateField(label=_("Échéance"), widget=DATE_WIDGET)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Agency.objects.filter(is_active=True).filter(
            Q(departement=review.case.departement) | Q(kind=AgencyKind.MONITORING_CENTRE)
        )


class RecommendationStatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("État"), choices=RecommendationStatus.choices)
    drop_reason = forms.CharField(
        label=_("Motif de l'abandon"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
