"""Forms built from an instrument: one radio group per item, plus the inputs it declares."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .instruments import ANSWERS, Instrument
from .levels import DangerLevel
from .models import FEAR_SCALE_MAX
from .overrides import allowed_levels

ANSWER_LABELS = dict(
    zip(ANSWERS, (_("Oui"), _("Non"), _("Ne sait pas"), _("Question non posée")), strict=True)
)
FEAR_CHOICES = [("", _("Non demandé"))] + [(str(n), str(n)) for n in range(FEAR_SCALE_MAX + 1)]


def add_dsfr_classes(form: forms.Form) -> None:
    """The DSFR class each widget needs; radios and checkboxes are laid out by the template."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
            widget.attrs.setdefault("class", "fr-select")
        elif not isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            widget.attrs.setdefault("class", "fr-input")


def item_field_name(item) -> str:
    return f"item_{item.id}"


class AssessmentForm(forms.Form):
    victim_fear = forms.TypedChoiceField(
        label=_("Sur une échelle de 0 (aucune peur) à 10 (peur extrême), quelle est sa peur ?"),
        help_text=_("Sa propre évaluation, dans ses mots ; elle ne change pas le calcul."),
        choices=FEAR_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, instrument: Instrument, *args, recent_incidents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[item_field_name(item)] = forms.ChoiceField(
                label=str(item.text),
                choices=list(ANSWER_LABELS.items()),
                widget=forms.RadioSelect,
            )
        for name in instrument.inputs:
            self._add_input_fields(name, recent_incidents)
        add_dsfr_classes(self)

    def _add_input_fields(self, name: str, recent_incidents):
        if name == "recent_incidents":
            months = self.instrument.inputs[name].get("window_months", 12)
            self.fields["recent_incidents"] = forms.IntegerField(
                label=_("Nombre d'incidents dans les %(n)s derniers mois") % {"n": months},
                help_text=_("Laissez vide si vous ne savez pas."),
                min_value=0,
                required=False,
                initial=recent_incidents,
            )
        elif name == "assessor_belief":
            self.fields["assessor_belief"] = forms.BooleanField(
                label=_("Je pense qu'elle est en danger, quelles que soient ses réponses"),
                required=False,
            )
            self.fields["belief_reason"] = forms.CharField(
                label=_("Ce qui fonde votre conviction"), widget=forms.Textarea, required=False
            )
        elif name == "external_level":
            labels = self.instrument.scoring["external_labels"]
            self.fields["external_label"] = forms.ChoiceField(
                label=_("Niveau donné par l'outil d'origine"),
                choices=[(key, str(text)) for key, text in labels.items()],
            )
            self.fields["external_reference"] = forms.CharField(
                label=_("Référence de l'évaluation d'origine"), max_length=100
            )
            self.fields["external_assessed_on"] = forms.DateField(
                label=_("Date de l'évaluation d'origine"),
                widget=forms.DateInput(attrs={"type": "date"}),
                required=False,
            )
        elif name == "judgement":
            self.fields["judgement_level"] = forms.ChoiceField(
                label=_("Niveau de danger retenu"), choices=DangerLevel.choices
            )
            self.fields["judgement_reason"] = forms.CharField(
                label=_("Ce qui fonde votre appréciation"), widget=forms.Textarea
            )

    def sections(self):
        """(section, [(item, bound field)]) in the instrument's order, for the template."""
        return [
            (section, [(item, self[item_field_name(item)]) for item in section.items])
            for section in self.instrument.sections
        ]

    def input_fields(self):
        skip = {"victim_fear", *(item_field_name(i) for i in self.instrument.items)}
        return [self[name] for name in self.fields if name not in skip]

    def answers(self) -> dict[str, str]:
        return {item.id: self.cleaned_data[item_field_name(item)] for item in self.instrument.items}

    def inputs(self) -> dict:
        names = [field.name for field in self.input_fields()]
        inputs = {name: self.cleaned_data.get(name) for name in names}
        if inputs.get("external_assessed_on"):
            inputs["external_assessed_on"] = inputs["external_assessed_on"].isoformat()
        return inputs


class OverrideForm(forms.Form):
    level = forms.ChoiceField(label=_("Niveau retenu"))
    reason = forms.CharField(
        label=_("Motif écrit"),
        help_text=_("Ce qui, dans votre appréciation, justifie un autre niveau que le calcul."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = allowed_levels(assessment.instrument, assessment.computed_level)
        self.fields["level"].choices = [(level, DangerLevel(level).label) for level in levels]
        add_dsfr_classes(self)


class SignOffForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Décision"),
        choices=[("yes", _("Je valide l'abaissement")), ("no", _("Je refuse l'abaissement"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_dsfr_classes(self)
