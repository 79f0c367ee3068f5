"""Scoring strategies: pure functions from an instrument, answers and inputs to a Result.

"Unknown" and "not asked" are missing information, never "no" and never "yes". A strategy
computes the level the known answers establish, and the level the missing answers could still
reach if they all turned out "yes" (or, for weights, took their heaviest value). When the two
differ the result is incomplete: the level reads "at least X", and the missing answers that could
raise it are named. The assessor may then raise the level by an override; nothing is guessed.

Inputs besides the answers (`inputs`):
  recent_incidents   int or None (unknown) — incidents in the instrument's window (DASH escalation)
  assessor_belief    bool, with belief_reason — the assessor screens in on belief alone (LAP)
  external_label     the level another tool gave, with external_reference and external_assessed_on
  judgement_level    a level of the shared scale, with judgement_reason (judgement only)
"""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from .instruments import ANSWERS, MISSING, NOT_ASKED, YES, Instrument
from .levels import SCALE, highest

MET, POSSIBLE, NOT_MET = "met", "possible", "not_met"


class ScoringError(ValueError):
    """Answers or inputs an instrument cannot score; the message is for the user."""


@dataclass(frozen=True)
class Finding:
    """One step of the path to the level: a rule, a band or a declared level, and its state."""

    rule: str
    level: str
    state: str = MET
    count: float | None = None
    upper: float | None = None  # the count missing answers could reach
    threshold: float | None = None
    missing: int = 0


@dataclass(frozen=True)
class Result:
    level: str
    possible_level: str
    findings: tuple[Finding, ...]

    @property
    def complete(self) -> bool:
        return self.level == self.possible_level

    def findings_as_json(self) -> list[dict]:
        return [asdict(finding) for finding in self.findings]


# The keys each declared input brings; anything else a caller sends is ignored.
INPUT_FIELDS = {
    "recent_incidents": ("recent_incidents",),
    "assessor_belief": ("assessor_belief", "belief_reason"),
    "external_level": ("external_label", "external_reference", "external_assessed_on"),
    "judgement": ("judgement_level", "judgement_reason"),
}


def relevant_inputs(instrument: Instrument, inputs: dict) -> dict:
    """The inputs the instrument declares, as given (a belief left unticked is dropped)."""
    keys = [key for name in instrument.inputs for key in INPUT_FIELDS[name]]
    return {key: inputs[key] for key in keys if inputs.get(key) not in (None, "", False)}


def normalise_answers(instrument: Instrument, answers: dict) -> dict[str, str]:
    """Every item of the instrument with its answer; an item left out was not asked."""
    known = {item.id for item in instrument.items}
    stray = set(answers) - known
    if stray:
        raise ScoringError(_("Questions inconnues : %s") % ", ".join(sorted(stray)))
    for answer in answers.values():
        if answer not in ANSWERS:
            raise ScoringError(_("Réponse invalide : %s") % answer)
    return {item.id: answers.get(item.id, NOT_ASKED) for item in instrument.items}


def _tally(items, answers) -> tuple[int, int]:
    """(yes, missing) among `items`."""
    yes = sum(1 for item in items if answers[item.id] == YES)
    missing = sum(1 for item in items if answers[item.id] in MISSING)
    return yes, missing


def _threshold_finding(rule, yes: int, missing: int, needed: int) -> Finding:
    if yes >= needed:
        state = MET
    elif yes + missing >= needed:
        state = POSSIBLE
    else:
        state = NOT_MET
    return Finding(rule["id"], rule["level"], state, yes, yes + missing, needed, missing)


def _rule_finding(instrument: Instrument, rule, answers, inputs) -> Finding:
    kind = rule["kind"]
    if kind in ("any_yes", "at_least_yes"):
        yes, missing = _tally(instrument.select(rule), answers)
        return _threshold_finding(rule, yes, missing, rule.get("at_least", 1))
    if kind == "input_at_least":
        value = inputs.get(rule["input"])
        if value is None:
            return Finding(rule["id"], rule["level"], POSSIBLE, threshold=rule["at_least"])
        if not isinstance(value, int) or value < 0:
            raise ScoringError(_("Le nombre d'incidents doit être un entier positif."))
        state = MET if value >= rule["at_least"] else NOT_MET
        return Finding(rule["id"], rule["level"], state, value, value, rule["at_least"])
    # assessor_belief: a decision, not missing data — it is met or not, never "possible".
    if inputs.get("assessor_belief") and not (inputs.get("belief_reason") or "").strip():
        raise ScoringError(_("Dites en quelques mots pourquoi vous pensez qu'elle est en danger."))
    return Finding(rule["id"], rule["level"], MET if inputs.get("assessor_belief") else NOT_MET)


def score_rules(instrument: Instrument, answers, inputs) -> Result:
    """Each rule gives a level when met; the result is the highest, else `otherwise`."""
    findings = tuple(
        _rule_finding(instrument, rule, answers, inputs) for rule in instrument.scoring["rules"]
    )
    met = [finding.level for finding in findings if finding.state == MET]
    level = highest([instrument.scoring["otherwise"], *met])
    possible = [finding.level for finding in findings if finding.state == POSSIBLE]
    return Result(level, highest([level, *possible]), findings)


def band(bands, score: float) -> tuple[str, float]:
    """The (level, lower bound) of the highest band whose lower bound `score` reaches."""
    reached = [b for b in bands if score >= b["min"]] or [bands[0]]
    return reached[-1]["level"], reached[-1]["min"]


def _banded(rule: str, bands, low: float, high: float, missing: int) -> Result:
    level, threshold = band(bands, low)
    possible, _bound = band(bands, high)
    state = MET if possible == level else POSSIBLE
    finding = Finding(rule, level, state, low, high, threshold, missing)
    return Result(level, highest([level, possible]), (finding,))


def score_count(instrument: Instrument, answers, inputs) -> Result:
    """The number of "yes" answers, read against bands."""
    yes, missing = _tally(instrument.select(instrument.scoring), answers)
    return _banded("count", instrument.scoring["bands"], yes, yes + missing, missing)


def _weight_range(item, answer) -> tuple[float, float]:
    if answer in MISSING:
        # Missing: anywhere between the lightest and the heaviest known answer.
        known = [item.weights.get("yes", 0.0), item.weights.get("no", 0.0)]
        return min(known), max(known)
    weight = item.weights.get(answer, 0.0)
    return weight, weight


def score_weighted_sum(instrument: Instrument, answers, inputs) -> Result:
    """The sum of each answer's weight, read against bands."""
    ranges = [_weight_range(item, answers[item.id]) for item in instrument.items]
    low, high = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
    missing = sum(1 for answer in answers.values() if answer in MISSING)
    return _banded("weighted_sum", instrument.scoring["bands"], low, high, missing)


def score_external_level(instrument: Instrument, answers, inputs) -> Result:
    """A level another tool computed, mapped to the shared scale and stored as given."""
    label = inputs.get("external_label")
    mapping = instrument.scoring["external_levels"]
    if label not in mapping:
        raise ScoringError(_("Choisissez le niveau donné par l'outil d'origine."))
    if not (inputs.get("external_reference") or "").strip():
        raise ScoringError(_("Indiquez la référence de l'évaluation d'origine."))
    level = mapping[label]
    return Result(level, level, (Finding("external_level", level),))


def score_judgement(instrument: Instrument, answers, inputs) -> Result:
    """A level the professional decides, with written reasons; no questionnaire."""
    level = inputs.get("judgement_level")
    if level not in SCALE:
        raise ScoringError(_("Choisissez un niveau de danger."))
    if not (inputs.get("judgement_reason") or "").strip():
        raise ScoringError(_("Expliquez par écrit ce qui fonde votre appréciation."))
    return Result(level, level, (Finding("judgement", level),))


STRATEGIES = {
    "count": score_count,
    "rules": score_rules,
    "weighted_sum": score_weighted_sum,
    "external_level": score_external_level,
    "judgement": score_judgement,
}


def score(instrument: Instrument, answers: dict, inputs: dict | None = None) -> Result:
    """Scores answers (item id → yes/no/unknown/not_asked) with the instrument's strategy."""
    full_answers = normalise_answers(instrument, answers)
    declared = relevant_inputs(instrument, inputs or {})
    return STRATEGIES[instrument.strategy](instrument, full_answers, declared)
