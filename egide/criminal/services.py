"""The operations of criminal proceedings. Views, the API and the demo call these.

Each operation checks the permission itself (perms.py), applies the legal rules (rules.py),
writes the case timeline (summaries without personal data) and the audit log.
"""

from dataclasses import dataclass
from datetime import date

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.assessment.choices import Trigger
from egide.assessment.services import force_reassessment
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.models import SafeContact
from egide.cases.services import add_timeline_entry
from egide.errors import RuleError, require
from egide.justice.choices import BreachKind, BreachSource
from egide.justice.rules import start_of_day
from egide.justice.services import report_breach
from egide.perpetrators import programmes
from egide.perpetrators.choices import LegalBasis

from . import perms, rules
from .choices import (
    BREACH_KIND_OF,
    OBLIGATION_STAGES,
    PLACE_KINDS,
    ComplianceOutcome,
    NoticeChannel,
    ObligationKind,
    ReleaseKind,
    StageKind,
)
from .models import ComplianceCheck, FollowUp, NoticeWaiver, Obligation, Release, Stage


@dataclass
class ObligationData:
    """One obligation as the decision orders it (forms, the API and the demo build these)."""

    kind: str
    persons: str = ""
    details: str = ""
    place_label: str = ""
    latitude: float | None = None
    longitude: float | None = None
    ends_on: date | None = None

    def errors(self, stage_kind: str, on: date) -> list:
        errors = []
        if rules.obligation_article(stage_kind, self.kind, on) is None:
            errors.append(_("Cette décision ne peut pas ordonner cette obligation."))
        if self.kind == ObligationKind.CONTACT_BAN and not self.persons.strip():
            errors.append(_("Désignez les personnes avec qui tout contact est interdit."))
        if self.kind in PLACE_KINDS and (
            not self.place_label.strip() or self.latitude is None or self.longitude is None
        ):
            errors.append(_("Un lieu interdit doit avoir un nom et une position (lat., long.)."))
        if self.ends_on is not None and self.ends_on < on:
            errors.append(_("Une obligation ne peut pas finir avant de commencer."))
        return errors


def _stage_errors(kind: str, values: dict, obligations) -> list:
    errors = []
    if kind not in StageKind.values:
        return [_("Choisissez l'étape de la procédure.")]
    starts_on, ends_on = values["starts_on"], values.get("ends_on")
    if ends_on is not None and ends_on < starts_on:
        errors.append(_("La fin ne peut pas précéder le début."))
    required = {
        StageKind.TRIAL: ("trial_mode", _("Précisez le mode de poursuite.")),
        StageKind.JUDGEMENT: ("sentence", _("Indiquez la peine prononcée.")),
        StageKind.IMPRISONMENT: (
            "expected_release_on",
            _("Indiquez la date de libération prévue."),
        ),
    }
    if kind in required and not values.get(required[kind][0]):
        errors.append(required[kind][1])
    if kind == StageKind.CUSTODY and ends_on is not None and not values.get("custody_outcome"):
        errors.append(_("Indiquez l'issue de la garde à vue terminée."))
    if obligations and kind not in OBLIGATION_STAGES:
        errors.append(
            _(
                "Seules une alternative, un contrôle judiciaire ou un sursis probatoire "
                "imposent des obligations."
            )
        )
    for obligation in obligations:
        errors += obligation.errors(kind, starts_on)
    return errors


@transaction.atomic
def record_stage(
    actor: Actor,
    case,
    *,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    custody_outcome: str = "",
    trial_mode: str = "",
    sentence: str = "",
    expected_release_on: date | None = None,
    obligations=(),
) -> Stage:
    """A step of the proceedings, with the obligations its decision imposes."""
    require(perms.can_decide(actor.membership, case))
    values = {
        "starts_on": starts_on,
        "ends_on": ends_on,
        "custody_outcome": custody_outcome,
        "trial_mode": trial_mode,
        "sentence": sentence.strip(),
        "expected_release_on": expected_release_on,
    }
    errors = _stage_errors(kind, values, obligations)
    if errors:
        raise RuleError(errors)
    stage = Stage.objects.create(
        case=case,
        kind=kind,
        ordering_agency=actor.agency,
        ordering_role=actor.role,
        recorded_by=actor.user,
        **values,
    )
    summary = _("Procédure pénale : %(stage)s") % {"stage": stage.get_kind_display()}
    add_timeline_entry(case, "criminal_stage", summary, source=stage, actor=actor)
    record(actor, Action.CREATE, stage, fields=[name for name, value in values.items() if value])
    for data in obligations:
        _add_obligation(actor, stage, data)
    return stage


def _add_obligation(actor: Actor, stage: Stage, data: ObligationData) -> Obligation:
    obligation = Obligation.objects.create(
        stage=stage,
        case=stage.case,
        kind=data.kind,
        article=rules.obligation_article(stage.kind, data.kind, stage.starts_on),
        starts_on=stage.starts_on,
        ends_on=data.ends_on or stage.ends_on,
        persons=data.persons.strip(),
        details=data.details.strip(),
        place_label=data.place_label.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        ordering_agency=stage.ordering_agency,
        ordering_role=stage.ordering_role,
        recorded_by=actor.user,
    )
    summary = _("Obligation : %(kind)s (%(article)s)") % {
        "kind": obligation.get_kind_display(),
        "article": obligation.article,
    }
    add_timeline_entry(stage.case, "criminal_obligation", summary, source=obligation, actor=actor)
    record(actor, Action.CREATE, obligation, fields=["kind", "persons", "details", "place_label"])
    if obligation.kind == ObligationKind.CPCA_COURSE:
        _refer_to_cpca(actor, obligation)
    return obligation


# The basis of the order to attend a CPCA, by the decision that imposed the course.
PROGRAMME_BASES = {
    StageKind.ALTERNATIVE_MEASURE: LegalBasis.ALTERNATIVE_COURSE,
    StageKind.JUDICIAL_SUPERVISION: LegalBasis.JUDICIAL_SUPERVISION,
    StageKind.PROBATION: LegalBasis.PROBATION,
}


def _refer_to_cpca(actor: Actor, obligation: Obligation) -> None:
    """A CPCA-course obligation becomes an order to attend at the CPCA of the case's
    département (egide.perpetrators.programmes), which then enrols him and reports back to the
    ordering court. A département without a CPCA gets no order: the obligation stays on the
    case, and the court sees no programme ordered for it."""
    cpca = programmes.cpcas_for(obligation.case).first()
    perpetrator = obligation.case.perpetrator
    if cpca is None or perpetrator is None:
        return
    programmes.order_programme(
        actor,
        person=perpetrator,
        case=obligation.case,
        cpca=cpca,
        ordering_agency=obligation.ordering_agency,
        basis=PROGRAMME_BASES[obligation.stage.kind],
        ordered_on=min(obligation.starts_on, timezone.localdate()),
        obligation=obligation,
    )


@transaction.atomic
def assign_follow_up(actor: Actor, case, service) -> FollowUp:
    """The parquet or a judge hands the perpetrator's follow-up to the SPIP of the territory."""
    require(perms.can_decide(actor.membership, case))
    if not perms.probation_services(case).filter(pk=service.pk).exists():
        raise RuleError(_("Ce service n'est pas un SPIP du territoire du dossier."))
    if case.perpetrator is None:
        raise RuleError(_("Ce dossier ne nomme aucun auteur à suivre."))
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                case=case,
                service=service,
                assigned_by=actor.user,
                assigning_agency=actor.agency,
            )
    except IntegrityError:
        raise RuleError(_("Ce SPIP suit déjà l'auteur de ce dossier.")) from None
    summary = _("Suivi confié au SPIP : %(service)s") % {"service": service.name}
    add_timeline_entry(case, "criminal_follow_up", summary, source=follow_up, actor=actor)
    record(actor, Action.CREATE, follow_up, fields=["service"])
    return follow_up


@transaction.atomic
def record_check(
    actor: Actor, follow_up: FollowUp, *, obligation, checked_on: date, outcome: str, notes=""
) -> ComplianceCheck:
    """The SPIP checks an obligation; a breach goes at once to the court's breach inbox, with
    its acknowledgement deadline and escalation (justice.services.report_breach)."""
    require(perms.visible_follow_ups(actor.membership).filter(pk=follow_up.pk).exists())
    require(perms.is_probation_officer(actor.membership))
    errors = []
    if obligation.case_id != follow_up.case_id:
        errors.append(_("Cette obligation ne concerne pas la personne suivie."))
    if outcome not in ComplianceOutcome.values:
        errors.append(_("Indiquez si l'obligation est respectée."))
    if checked_on > timezone.localdate():
        errors.append(_("Un contrôle ne peut pas être daté dans le futur."))
    if outcome == ComplianceOutcome.BREACHED and not notes.strip():
        errors.append(_("Décrivez le manquement constaté pour le juge et le parquet."))
    if errors:
        raise RuleError(errors)
    breach = None
    if outcome == ComplianceOutcome.BREACHED:
        breach = report_breach(
            follow_up.case,
            BREACH_KIND_OF.get(obligation.kind, BreachKind.OTHER),
            start_of_day(checked_on),
            notes.strip(),
            source=BreachSource.PROBATION,
            actor=actor,
        )
    check = ComplianceCheck.objects.create(
        follow_up=follow_up,
        obligation=obligation,
        checked_on=checked_on,
        outcome=outcome,
        notes=notes.strip(),
        breach_report=breach,
        recorded_by=actor.user,
    )
    record(actor, Action.CREATE, check, fields=["outcome", "notes"])
    return check


@transaction.atomic
def record_release(
    actor: Actor, case, *, kind: str, on: date, returns_on: date | None = None
) -> Release:
    """A release, a permission or the end of a sentence: the victim is told through her safe
    contact when the law provides for it (D. 1-11-2, 712-16-2), a re-assessment becomes due and
    the procureur has the devices and orders in force to check."""
    require(perms.can_record_release(actor.membership, case))
    errors = []
    if kind not in ReleaseKind.values:
        errors.append(_("Choisissez la nature de la sortie."))
    if kind == ReleaseKind.PERMISSION and returns_on is None:
        errors.append(_("Une permission de sortir a une date de retour."))
    if returns_on is not None and returns_on < on:
        errors.append(_("Le retour ne peut pas précéder la sortie."))
    if errors:
        raise RuleError(errors)
    release = Release.objects.create(
        case=case,
        kind=kind,
        on=on,
        returns_on=returns_on if kind == ReleaseKind.PERMISSION else None,
        recorded_by=actor.user,
        agency=actor.agency,
    )
    summary = _("Sortie de détention prévue : %(kind)s") % {"kind": release.get_kind_display()}
    add_timeline_entry(case, "criminal_release", summary, source=release, actor=actor)
    record(actor, Action.CREATE, release, fields=["kind", "on", "returns_on"])
    if rules.victim_told_of(kind, on):
        _tell_victim(actor, release)
    force_reassessment(case, Trigger.RELEASE_FROM_CUSTODY)
    return release


def _tell_victim(actor: Actor, release: Release) -> None:
    """Through the safe contact she gave, never any other address: an e-mail when she gave one;
    otherwise the procureur calls her (shown on the release check); nothing if she asked not to
    be told."""
    contact = SafeContact.objects.filter(case=release.case).first()
    if NoticeWaiver.objects.filter(case=release.case).exists():
        release.notice_channel = NoticeChannel.DECLINED
    elif contact is not None and contact.email:
        EmailMessage(_("Information importante"), _notice_text(release), to=[contact.email]).send()
        release.notice_channel, release.victim_notified_at = NoticeChannel.EMAIL, timezone.now()
        record(actor, Action.EXPORT, contact, fields=["email"])
    elif contact is not None and contact.phone:
        release.notice_channel = NoticeChannel.PHONE
    else:
        release.notice_channel = NoticeChannel.NONE
    release.save(update_fields=["notice_channel", "victim_notified_at"])


def _notice_text(release: Release) -> str:
    """Discreet: no name, no place; the dates and whom to call."""
    text = _(
        "Madame,\n\nLa personne mise en cause dans votre dossier %(reference)s quittera la "
        "détention le %(on)s (%(kind)s)."
    ) % {
        "reference": release.case.reference,
        "on": f"{release.on:%d/%m/%Y}",
        "kind": release.get_kind_display().lower(),
    }
    if release.returns_on is not None:
        text += " " + _("Son retour est prévu le %(date)s.") % {
            "date": f"{release.returns_on:%d/%m/%Y}"
        }
    return (
        text
        + "\n\n"
        + _(
            "En cas de danger, appelez le 17. Pour toute question, le parquet du tribunal ou "
            "l'association d'aide aux victimes qui vous accompagne peut vous répondre. Si vous ne "
            "souhaitez plus être avisée, dites-le au procureur de la République."
        )
    )


@transaction.atomic
def check_release(actor: Actor, release: Release) -> Release:
    """The procureur has checked the contact and place bans, the TGD and the BAR for this
    release (D. 1-11-2 1° and 2°); once."""
    require(perms.can_check_release(actor.membership, release))
    updated = Release.objects.filter(pk=release.pk, checked_at__isnull=True).update(
        checked_at=timezone.now(), checked_by=actor.user
    )
    release.refresh_from_db()
    if updated:
        summary = _("Mesures vérifiées avant la sortie de détention")
        add_timeline_entry(release.case, "criminal_release", summary, source=release, actor=actor)
        record(actor, Action.UPDATE, release, fields=["checked_at"])
    return release


@transaction.atomic
def set_notice_waiver(actor: Actor, case, *, waived: bool) -> None:
    """She tells the procureur she does not want to be told of releases, or withdraws it."""
    require(perms.can_record_waiver(actor.membership, case))
    if waived:
        waiver, created = NoticeWaiver.objects.get_or_create(
            case=case, defaults={"recorded_by": actor.user}
        )
        if created:
            record(actor, Action.CREATE, waiver, fields=["case"])
    else:
        for waiver in NoticeWaiver.objects.filter(case=case):
            record(actor, Action.DELETE, waiver, fields=["case"])
            waiver.delete()
