"""Shared template helpers: the form error summary every refused form shows at the top of the
page (DSFR pattern), and durations and ages in words instead of raw seconds."""

from datetime import datetime

from django import forms, template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def refused_forms(context) -> list[forms.BaseForm]:
    """The bound forms with errors among the page's context, in the order the view gave them."""
    found = []
    for layer in context.dicts:
        for value in layer.values():
            refused = isinstance(value, forms.BaseForm) and value.is_bound and value.errors
            if refused and value not in found:
                found.append(value)
    return found


@register.inclusion_tag("web/includes/error_summary.html", takes_context=True)
def form_error_summary(context):
    """Lists every error of the refused forms, each linked to its field."""
    errors = []
    for form in refused_forms(context):
        for name, messages in form.errors.items():
            field = form.fields.get(name)
            anchor = f"#{form[name].auto_id}" if field is not None else ""
            label = str(field.label) if field is not None else ""
            errors.extend({"anchor": anchor, "label": label, "text": text} for text in messages)
    return {"errors": errors}


@register.filter
def duration(seconds) -> str:
    """889 → "14 min 49 s"; 7260 → "2 h 01 min"; 42 → "42 s"."""
    if seconds in (None, ""):
        return ""
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes:
        return _("%(m)d min %(s)02d s") % {"m": minutes, "s": secs}
    return _("%(s)d s") % {"s": secs}


@register.filter
def ago(moment: datetime | None) -> str:
    """ "il y a 3 minutes", or "à l'instant" under a minute (never "il y a 0 minute")."""
    if moment is None:
        return ""
    elapsed = (timezone.now() - moment).total_seconds()
    if elapsed < 60:
        return _("à l'instant")
    return _("il y a %(age)s") % {"age": timesince(moment, depth=1)}


@register.filter
def places_free(count: int) -> str:
    return ngettext("%(n)d place libre", "%(n)d places libres", count) % {"n": count}
