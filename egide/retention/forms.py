from django import forms
from django.utils.translation import gettext_lazy as _


class ArchiveReadForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la consultation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Réquisition, procédure en cours… Le motif est transmis à l'auditeur."),
    )
