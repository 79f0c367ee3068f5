"""Consent, referrals and break-glass: the doors to a case other than territory (see perms.py)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record
from egide.errors import RuleError

from . import perms
from .choices import ReferralStatus
from .models import BreakGlassAccess, Case, ConsentRecord, Referral
from .services import add_timeline_entry


@transaction.atomic
def record_consent(actor: Actor, case: Case, *, agency, scope: str) -> ConsentRecord:
    if not perms.can_manage_sharing(actor.membership, case):
        raise PermissionDenied
    return store_consent(actor, case, agency=agency, scope=scope)


def store_consent(actor: Actor, case: Case, *, agency, scope: str) -> ConsentRecord:
    """Records a consent the caller's own rule allows (e.g. the aid form sent to the victim's
    caisse by whoever supports her): timeline and audit as for any consent."""
    consent = ConsentRecord.objects.create(
        case=case,
        agency=agency,
        scope=scope,
        recorded_by=actor.user,
        recorded_agency=actor.membership.agency,
    )
    summary = _("Consentement au partage recueilli (%(agency)s)") % {"agency": agency}
    add_timeline_entry(case, "consent", summary, source=consent, actor=actor)
    record(actor, Action.CREATE, consent, fields=["agency", "scope"])
    return consent


@transaction.atomic
def withdraw_consent(actor: Actor, consent: ConsentRecord) -> ConsentRecord:
    """Withdrawal ends, at once, every referral that relied on this consent."""
    if not perms.can_manage_sharing(actor.membership, consent.case):
        raise PermissionDenied
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor.user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    consent.referrals.filter(status__in=perms.LIVE_REFERRAL).update(
        status=ReferralStatus.REVOKED, decided_by=actor.user, decided_at=timezone.now()
    )
    summary = _("Consentement retiré (%(agency)s)") % {"agency": consent.agency}
    add_timeline_entry(consent.case, "consent", summary, source=consent, actor=actor)
    record(actor, Action.UPDATE, consent, fields=["withdrawn_at"])
    return consent


def _referral_basis(actor: Actor, case, to_agency, consent, legal_basis: str):
    """A referral rests on the victim's live consent for that agency, or on a stated legal basis."""
    if consent is not None:
        if consent.case_id != case.pk or consent.agency_id != to_agency.pk:
            raise RuleError(_("Ce consentement ne vise pas cette structure."))
        if not consent.is_active:
            raise RuleError(_("Ce consentement a été retiré."))
        return consent, ""
    if not perms.can_share_without_consent(actor.membership):
        raise RuleError(_("Une orientation exige le consentement recueilli de la victime."))
    if not legal_basis.strip():
        raise RuleError(_("Indiquez le fondement légal d'une orientation sans consentement."))
    return None, legal_basis.strip()


@transaction.atomic
def send_referral(
    actor: Actor, case: Case, *, to_agency, to_role: str, scope: str, consent=None, legal_basis=""
) -> Referral:
    if not perms.can_manage_sharing(actor.membership, case):
        raise PermissionDenied
    consent, legal_basis = _referral_basis(actor, case, to_agency, consent, legal_basis)
    if consent is not None and consent.scope != scope and scope == "whole_file":
        raise RuleError(_("La victime n'a consenti qu'au partage de l'accompagnement."))
    referral = Referral.objects.create(
        case=case,
        to_agency=to_agency,
        to_role=to_role,
        scope=scope,
        consent=consent,
        legal_basis=legal_basis,
        sent_by=actor.user,
        from_agency=actor.membership.agency,
    )
    summary = _("Orientation envoyée à %(agency)s") % {"agency": to_agency}
    add_timeline_entry(case, "referral", summary, source=referral, actor=actor)
    record(actor, Action.CREATE, referral, fields=["to_agency", "scope"], reason=legal_basis)
    return referral


def _is_recipient(membership, referral: Referral) -> bool:
    return (membership.agency_id, membership.role) == (referral.to_agency_id, referral.to_role)


@transaction.atomic
def decide_referral(actor: Actor, referral: Referral, *, accept: bool) -> Referral:
    if not _is_recipient(actor.membership, referral) or referral.status != ReferralStatus.SENT:
        raise PermissionDenied
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.decided_by, referral.decided_at = actor.user, timezone.now()
    referral.save(update_fields=["status", "decided_by", "decided_at"])
    summary = _("Orientation acceptée") if accept else _("Orientation refusée")
    add_timeline_entry(referral.case, "referral", summary, source=referral, actor=actor)
    record(actor, Action.UPDATE, referral, fields=["status"])
    return referral


@transaction.atomic
def revoke_referral(actor: Actor, referral: Referral) -> Referral:
    if not perms.can_manage_sharing(actor.membership, referral.case) or not referral.is_live:
        raise PermissionDenied
    referral.status = ReferralStatus.REVOKED
    referral.decided_by, referral.decided_at = actor.user, timezone.now()
    referral.save(update_fields=["status", "decided_by", "decided_at"])
    add_timeline_entry(
        referral.case, "referral", _("Orientation révoquée"), source=referral, actor=actor
    )
    record(actor, Action.UPDATE, referral, fields=["status"])
    return referral


class BreakGlassLimitReached(RuleError):
    """Too many emergency reads by one person within the hour."""


def break_glass_by_reference(actor: Actor, reference: str, reason: str) -> BreakGlassAccess | None:
    """Break-glass asked by reference, answered alike whether the case exists or not.

    Every attempt counts against the hourly limit (settings.BREAK_GLASS_PER_HOUR) and is flagged
    to the auditor, so trying references one after another shows in the log and soon stops.
    """
    if not perms.can_break_glass(actor.membership):
        raise PermissionDenied
    since = timezone.now() - timedelta(hours=1)
    recent = AuditEntry.objects.filter(actor=actor.user, action=Action.BREAK_GLASS, at__gte=since)
    if recent.count() >= settings.BREAK_GLASS_PER_HOUR:
        raise BreakGlassLimitReached(
            _("Trop d'accès d'urgence en une heure : adressez-vous à votre hiérarchie.")
        )
    case = Case.objects.filter(reference__iexact=reference.strip()).first()
    if case is None:
        record(
            actor,
            Action.BREAK_GLASS,
            object_type="cases.case",
            fields=["unknown_reference"],
            reason=reason.strip(),
            flagged=True,
        )
        return None
    return break_glass(actor, case, reason)


def notify_owner_agency(case: Case, requesting_agency) -> None:
    """Mails the members of the unit that opened the case (no personal data, the reference)."""
    members = case.opening_agency.memberships.filter(is_active=True).select_related("user")
    recipients = sorted({m.user.email for m in members if m.user.email})
    if recipients:
        body = _(
            "Un accès d'urgence au dossier %(reference)s a été ouvert par %(agency)s. "
            "Il est signalé à l'auditeur."
        ) % {"reference": case.reference, "agency": requesting_agency}
        EmailMessage(_("Égide : accès d'urgence à un dossier"), body, to=recipients).send()


@transaction.atomic
def break_glass(actor: Actor, case: Case, reason: str) -> BreakGlassAccess:
    """An emergency read of one case: reason mandatory, time-limited, flagged to the auditor."""
    if not perms.can_break_glass(actor.membership):
        raise PermissionDenied
    if not reason.strip():
        raise RuleError(_("Le motif de l'accès d'urgence est obligatoire."))
    access = BreakGlassAccess.objects.create(
        case=case,
        membership=actor.membership,
        reason=reason.strip(),
        expires_at=timezone.now() + perms.BREAK_GLASS_DURATION,
    )
    add_timeline_entry(case, "break_glass", _("Accès d'urgence au dossier"), actor=actor)
    record(actor, Action.BREAK_GLASS, case, reason=access.reason, flagged=True)
    transaction.on_commit(lambda: notify_owner_agency(case, actor.membership.agency))
    return access
