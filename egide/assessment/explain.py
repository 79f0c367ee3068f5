"""The path to a level, in plain words, for the professional and for the victim."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .instruments import Instrument, Text
from .levels import DangerLevel
from .scoring import MET, POSSIBLE


@dataclass(frozen=True)
class Reason:
    text: str
    state: str


def _rule(instrument: Instrument, rule_id: str):
    return next((r for r in instrument.scoring.get("rules", ()) if r["id"] == rule_id), None)


def _figures(finding: dict) -> str:
    if finding["count"] is None:
        return _("information inconnue")
    if finding["threshold"] is None:
        return ""
    return _("%(count)s (seuil : %(threshold)s)") % {
        "count": f"{finding['count']:g}",
        "threshold": f"{finding['threshold']:g}",
    }


def _count_here(finding: dict) -> str:
    """A rule's sentence already states its threshold: only the count found is added."""
    if finding["count"] is None:
        return _("information inconnue")
    return _("ici : %(count)s") % {"count": f"{finding['count']:g}"}


def _state_text(finding: dict) -> str:
    if finding["state"] == MET:
        return _("critère rempli")
    if finding["state"] == POSSIBLE:
        return _("pourrait être rempli : %(missing)s réponse(s) inconnue(s) ou non posée(s)") % {
            "missing": finding["missing"]
        }
    return _("critère non rempli")


def describe(instrument: Instrument, finding: dict) -> Reason:
    """One finding as a sentence: what the rule says, the figures, whether it applies."""
    rule = _rule(instrument, finding["rule"])
    if rule is not None:
        figures = "" if rule["kind"] == "assessor_belief" else _count_here(finding)
        parts = [str(instrument_text(rule["explain"])), figures, _state_text(finding)]
        return Reason(" — ".join(part for part in parts if part), finding["state"])
    if finding["rule"] in ("count", "weighted_sum"):
        text = _("Score %(figures)s : niveau %(level)s") % {
            "figures": _figures(finding),
            "level": DangerLevel(finding["level"]).label,
        }
        if finding["state"] == POSSIBLE:
            upper = _("jusqu'à %(upper)s si les réponses manquantes étaient défavorables")
            text += " — " + upper % {"upper": f"{finding['upper']:g}"}
        return Reason(text, finding["state"])
    if finding["rule"] == "external_level":
        return Reason(_("Niveau repris de l'évaluation d'origine, sans recalcul"), MET)
    return Reason(_("Niveau fixé par l'appréciation du professionnel"), MET)


def instrument_text(data) -> str:
    """A fr/en text stored in an instrument's scoring parameters."""
    return str(Text(fr=data["fr"], en=data.get("en", "")))


def reasons(assessment) -> list[Reason]:
    instrument = assessment.instrument
    return [describe(instrument, finding) for finding in assessment.findings]
