"""Pages for consent, referrals and break-glass (the rules are in sharing.py and perms.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from egide.errors import RuleError

from . import perms, sharing
from .choices import ReferralStatus
from .forms import BreakGlassForm, ConsentForm, ReferralForm
from .models import Referral
from .views import case_view


def sharing_context(request, case, consent_form=None, referral_form=None) -> dict:
    return {
        "case": case,
        "consents": case.consents.select_related("agency", "recorded_by"),
        "referrals": case.referrals.select_related("to_agency", "from_agency", "sent_by"),
        "consent_form": consent_form or ConsentForm(case=case),
        "referral_form": referral_form or ReferralForm(case=case),
        "can_share": perms.can_manage_sharing(request.membership, case, request.case_access),
        "can_share_without_consent": perms.can_share_without_consent(request.membership),
        "membership": request.membership,
    }


@case_view()
def sharing_page(request, case):
    return render(request, "cases/sharing.html", sharing_context(request, case))


def _sharing_manager(request, case):
    if not perms.can_manage_sharing(request.membership, case, request.case_access):
        raise PermissionDenied


@require_POST
@case_view()
def consent_add(request, case):
    _sharing_manager(request, case)
    form = ConsentForm(request.POST, case=case)
    if not form.is_valid():
        context = sharing_context(request, case, consent_form=form)
        return render(request, "cases/sharing.html", context, status=400)
    sharing.record_consent(request.actor, case, **form.cleaned_data)
    messages.success(request, _("Consentement enregistré."))
    return redirect("cases:sharing", pk=case.pk)


@require_POST
@case_view()
def consent_withdraw(request, case, consent_pk):
    _sharing_manager(request, case)
    consent = get_object_or_404(case.consents, pk=consent_pk, withdrawn_at=None)
    sharing.withdraw_consent(request.actor, consent)
    messages.success(
        request, _("Consentement retiré ; les orientations qui en dépendaient sont révoquées.")
    )
    return redirect("cases:sharing", pk=case.pk)


@require_POST
@case_view()
def referral_send(request, case):
    _sharing_manager(request, case)
    form = ReferralForm(request.POST, case=case)
    if form.is_valid():
        try:
            sharing.send_referral(
                request.actor,
                case,
                to_agency=form.cleaned_data["to_agency"],
                to_role=form.cleaned_data["to_role"],
                scope=form.cleaned_data["scope"],
                consent=form.active_consent(),
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except RuleError as refusal:
            form.add_error(None, refusal)
    if form.errors:
        context = sharing_context(request, case, referral_form=form)
        return render(request, "cases/sharing.html", context, status=400)
    messages.success(request, _("Orientation envoyée."))
    return redirect("cases:sharing", pk=case.pk)


@require_POST
@case_view()
def referral_revoke(request, case, referral_pk):
    referral = get_object_or_404(case.referrals, pk=referral_pk)
    sharing.revoke_referral(request.actor, referral)
    messages.success(request, _("Orientation révoquée."))
    return redirect("cases:sharing", pk=case.pk)


def referral_inbox(request):
    """The referrals sent to my agency and role."""
    membership = request.membership
    referrals = Referral.objects.none()
    if membership is not None:
        referrals = Referral.objects.filter(
            to_agency=membership.agency, to_role=membership.role, status__in=perms.LIVE_REFERRAL
        ).select_related("case", "from_agency")
    return render(request, "cases/referrals.html", {"referrals": referrals})


@require_POST
def referral_decide(request, referral_pk):
    membership = request.membership
    if membership is None:
        raise PermissionDenied
    referral = get_object_or_404(
        Referral,
        pk=referral_pk,
        to_agency=membership.agency,
        to_role=membership.role,
        status=ReferralStatus.SENT,
    )
    sharing.decide_referral(
        request.actor, referral, accept=request.POST.get("decision") == "accept"
    )
    return redirect("cases:referrals")


BREAK_GLASS_ANSWER = gettext_lazy(
    "Demande enregistrée. Si un dossier porte cette référence, il figure dans votre liste "
    "pendant 4 heures. L'accès est signalé à l'auditeur et à l'unité qui a ouvert le dossier."
)


def break_glass(request):
    """An emergency read of a case outside one's perimeter: reason mandatory, flagged."""
    if not perms.can_break_glass(request.membership):
        raise PermissionDenied
    form = BreakGlassForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sharing.break_glass_by_reference(request.actor, data["reference"], data["reason"])
        except sharing.BreakGlassLimitReached as refusal:
            form.add_error(None, str(refusal))
            status = 429
        else:
            # The same answer whether the reference exists or not: no way to list references.
            messages.warning(request, BREAK_GLASS_ANSWER)
            return redirect("cases:list")
    status = 400 if status == 200 and form.errors else status
    return render(request, "cases/break_glass.html", {"form": form}, status=status)
