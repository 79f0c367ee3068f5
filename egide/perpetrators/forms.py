"""Forms of the perpetrator programmes. The CPCA's forms ask only for the person's identity and
its own records; none shows anything of the case file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from egide.cases.choices import PersonRole
from egide.helpline.perms import visible_cpca_handovers
from egide.justice.forms import DATE_WIDGET, DATETIME_WIDGET

from . import programmes
from .choices import BASES_BY_ROLE, OPTIONAL_MODULES, Attendance, EnrolmentStatus, SessionKind


def choose(choices) -> list:
    return [("", _("Choisir"))] + list(choices)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        born = f" ({obj.birth_date:%d/%m/%Y})" if obj.birth_date else ""
        return f"{obj.last_name} {obj.first_name}{born}"


class OrderProgrammeForm(DsfrBaseForm):
    """The procureur's or judge's order, on a case of their court."""

    person = PersonChoiceField(label=_("Auteur"), queryset=None, empty_label=None)
    cpca = forms.ModelChoiceField(label=_("CPCA du département"), queryset=None)
    basis = forms.ChoiceField(label=_("Fondement"))
    ordered_on = forms.DateField(label=_("Date de la décision"), widget=DATE_WIDGET)

    def __init__(self, *args, case, role, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = case.people.filter(role=PersonRole.PERPETRATOR)
        cpcas = programmes.cpcas_for(case)
        self.fields["cpca"].queryset = cpcas
        if len(cpcas) == 1:  # most départements have one: chosen for the magistrate
            self.initial.setdefault("cpca", cpcas[0].pk)
        bases = BASES_BY_ROLE[role]
        self.fields["basis"].choices = choose((basis.value, basis.label) for basis in bases)
        self.initial.setdefault("ordered_on", timezone.localdate())


class EnrolOrderForm(DsfrBaseForm):
    enrolled_on = forms.DateField(label=_("Date d'inscription"), widget=DATE_WIDGET)
    phone = forms.CharField(label=_("Téléphone qu'il donne au CPCA"), max_length=32, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("enrolled_on", timezone.localdate())


class HandoverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.first_name} — {timezone.localtime(obj.consent_given_at):%d/%m/%Y}"


class VolunteerForm(DsfrBaseForm):
    """A volunteer: from a "Ne frappez pas" hand-over, or on his own, with what he gives."""

    handover = HandoverChoiceField(
        label=_("Mise en relation « Ne frappez pas »"),
        queryset=None,
        required=False,
        empty_label=_("Aucune : il vient de lui-même"),
    )
    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        required=False,
        help_text=_("Celui de la mise en relation s'il n'en donne pas d'autre."),
    )
    last_name = forms.CharField(label=_("Nom, s'il le donne"), max_length=150, required=False)
    birth_date = forms.DateField(
        label=_("Date de naissance, s'il la donne"), required=False, widget=DATE_WIDGET
    )
    phone = forms.CharField(label=_("Téléphone"), max_length=32, required=False)
    enrolled_on = forms.DateField(label=_("Date d'inscription"), widget=DATE_WIDGET)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        handovers = visible_cpca_handovers(membership).filter(enrolment__isnull=True)
        self.fields["handover"].queryset = handovers
        self.initial.setdefault("enrolled_on", timezone.localdate())

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("Cette date ne peut pas être dans le futur."))
        return value

    def clean(self):
        data = super().clean()
        if not (data.get("first_name") or "").strip() and not data.get("handover"):
            self.add_error("first_name", _("Indiquez au moins le prénom qu'il donne."))
        return data

    def operation_data(self) -> dict:
        data = dict(self.cleaned_data)
        handover = data["handover"]
        if handover is not None:
            data["first_name"] = data["first_name"].strip() or handover.first_name
            data["phone"] = data["phone"].strip() or handover.phone
        return data


class ModulesForm(DsfrBaseForm):
    optional = forms.MultipleChoiceField(
        label=_("Modules complémentaires, selon ses besoins"),
        choices=[(kind.value, kind.label) for kind in OPTIONAL_MODULES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SessionForm(DsfrBaseForm):
    module = forms.ChoiceField(label=_("Module"))
    kind = forms.ChoiceField(label=_("Séance"), choices=choose(SessionKind.choices))
    starts_at = forms.DateTimeField(label=_("Date et heure"), widget=DATETIME_WIDGET)

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        modules = enrolment.modules.all()
        self.fields["module"].choices = [(m.kind, m.get_kind_display()) for m in modules]


class AttendanceForm(DsfrBaseForm):
    attendance = forms.ChoiceField(label=_("Présence"), choices=choose(Attendance.choices))


class EndEnrolmentForm(DsfrBaseForm):
    status = forms.ChoiceField(
        label=_("Issue du parcours"),
        choices=choose(
            (status.value, status.label)
            for status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.INTERRUPTED)
        ),
    )
    ended_on = forms.DateField(label=_("Date de fin"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("ended_on", timezone.localdate())


class SendReportForm(DsfrBaseForm):
    note = forms.CharField(
        label=_("Observations du CPCA"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Ce que l'autorité prescriptrice doit savoir : présence, engagement, suite."),
    )
