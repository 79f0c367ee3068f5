"""Pages of the other doors: a partner's support case, its transfer, merging two files of one
victim, and the evidence a hospital keeps (rules in support.py, evidence.py and perms.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from egide.audit.choices import Action
from egide.audit.services import record
from egide.errors import RuleError

from . import evidence, perms, support
from .choices import DisclosureChannel
from .forms import EvidenceForm, MergeForm, SupportConsentForm, TransferForm
from .views import case_view, complaint_forms, edit_page, model_data


def support_forms(data=None) -> dict:
    forms = complaint_forms(data)
    forms["incident"].initial["disclosure_channel"] = DisclosureChannel.ASSOCIATION
    forms["consent"] = SupportConsentForm(data, prefix="consent")
    return forms


def open_support(request):
    """A partner opens a support case, with or without a complaint, once she has consented."""
    if not perms.can_open_support_case(request.membership):
        raise PermissionDenied
    forms = support_forms(request.POST or None)
    valid = [form.is_valid() for form in forms.values()]
    if request.method == "POST" and all(valid):
        case = support.open_support_case(
            request.actor,
            victim=model_data(forms["victim"]),
            perpetrator=model_data(forms["perpetrator"]),
            relationship=model_data(forms["relationship"]),
            incident=model_data(forms["incident"]),
            safe_contact=model_data(forms["safe_contact"]),
            masking=forms["masking"].masking(),
            scope=forms["consent"].cleaned_data["scope"],
        )
        messages.success(request, _("Accompagnement %(reference)s ouvert.") % {"reference": case})
        return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/open_support.html", {"forms": forms}, status=status)


@case_view()
def transfer(request, case):
    if not perms.can_transfer_case(request.membership, case):
        raise PermissionDenied
    form = TransferForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        to_agency = form.cleaned_data["to_agency"]
        support.transfer_case(
            request.actor, case, to_agency=to_agency, scope=form.cleaned_data["scope"]
        )
        messages.success(
            request, _("Le dossier est transmis à %(agency)s.") % {"agency": to_agency}
        )
        # The file has left this agency: its page is no longer ours to show.
        return redirect("cases:list")
    return edit_page(request, case, form, _("Transmettre le dossier (la victime déménage)"))


@case_view(edit=True)
def merge(request, case):
    candidates = support.duplicate_cases(request.membership, case)
    form = MergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            support.merge_cases(
                request.actor,
                case,
                form.cleaned_data["duplicate"],
                reason=form.cleaned_data["reason"],
            )
        except RuleError as refusal:
            form.add_error(None, refusal.messages)
        else:
            messages.success(request, _("Les deux dossiers n'en font plus qu'un."))
            return redirect(case)
    context = {"case": case, "form": form, "candidates": candidates}
    return render(request, "cases/merge.html", context, status=400 if form.errors else 200)


@case_view()
def evidence_page(request, case):
    """The evidence kept: the keeper records it; police and parquet read it once disclosed."""
    membership = request.membership
    can_record = perms.can_record_evidence(membership, case)
    form = EvidenceForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            evidence.record_evidence(request.actor, case, model_data(form))
            messages.success(request, _("Les preuves conservées sont enregistrées."))
            return redirect("cases:evidence", pk=case.pk)
    shown = perms.visible_evidence(membership, case).select_related("keeper")
    if shown:
        record(request.actor, Action.READ, case, fields=["evidence"])
    context = {
        "case": case,
        "records": shown,
        "form": form,
        "can_record": can_record,
        "withheld": not case.evidence_disclosed and membership.role in perms.JUSTICE_EVIDENCE_ROLES,
    }
    return render(request, "cases/evidence.html", context, status=400 if form.errors else 200)
