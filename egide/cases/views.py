"""Case-file pages. Every case is fetched through `visible_cases`: not visible means 404."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.audit.choices import Action
from egide.audit.services import record
from egide.errors import RuleError
from egide.justice.perms import can_read_justice
from egide.perpetrators.index import known_elsewhere
from egide.support.perms import can_support_case
from egide.web.forms import form_page

from . import closing, notes, page_links, perms, protection, services, support
from .choices import CaseStatus, PersonRole
from .disclosure import CaseDisclosure
from .forms import (
    CaseSearchForm,
    CloseCaseForm,
    DocumentForm,
    IncidentForm,
    JoinSupportForm,
    MaskingForm,
    NoteForm,
    PersonForm,
    RelationshipForm,
    ReleaseForm,
    SafeContactForm,
    complaint_forms,
    model_data,
)
from .matching import known_perpetrator_cases
from .models import Document, Person, Relationship, SafeContact
from .selectors import case_rows, search_cases

CASES_PER_PAGE = 25
TIMELINE_PER_PAGE = 30


def case_view(*, edit: bool = False):
    """Passes the visible case (404 otherwise); `edit` also requires the right to change it.
    The member's access to the case is computed here, once, as `request.case_access`, for the
    view and the disclosure to use."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            case = get_object_or_404(perms.visible_cases(request.membership), pk=pk)
            if edit and not perms.can_edit_case(request.membership, case):
                raise PermissionDenied
            request.case_access = perms.case_access(request.membership, case)
            return view(request, case, *args, **kwargs)

        return wrapper

    return decorator


def case_list(request):
    form = CaseSearchForm(request.GET or None)
    cases = search_cases(request.membership, form) if form.is_bound else None
    if cases is None:
        cases = perms.visible_cases(request.membership)
    cases = cases.select_related("opening_agency").prefetch_related("people")
    page = Paginator(cases.order_by("-created_at", "-id"), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = case_rows(request.actor, page)
    context = {
        "form": form if form.is_bound else CaseSearchForm(),
        "page_obj": page,
        "rows": rows,
        "can_open": perms.can_open_case(request.membership),
        "can_open_support": perms.can_open_support_case(request.membership),
        "can_break_glass": perms.can_break_glass(request.membership),
    }
    return render(request, "cases/list.html", context)


def open_case(request):
    """One page at the desk: the case, both people, the relationship, the facts, a safe contact.

    When the victim already has a support file elsewhere, the officer is told only that it
    exists and asks her whether her complaint should join it (support.py).
    """
    if not perms.can_open_case(request.membership):
        raise PermissionDenied
    forms = complaint_forms(request.POST or None)
    # Every form is validated, so that all errors show at once.
    valid = [form.is_valid() for form in forms.values()]
    join_form = None
    if request.method == "POST" and all(valid):
        match = support.support_case_for(forms["victim"].cleaned_data)
        if match is not None:
            join_form = JoinSupportForm(request.POST if "join" in request.POST else None)
            if not join_form.is_valid():
                record(request.actor, Action.READ, match, fields=["support_match"])
                context = {"forms": forms, "join_form": join_form}
                return render(request, "cases/open.html", context, status=409)
            if join_form.cleaned_data["join"] == "yes":
                case = support.attach_complaint(
                    request.actor,
                    match,
                    perpetrator=model_data(forms["perpetrator"]),
                    relationship=model_data(forms["relationship"]),
                    incident=model_data(forms["incident"]),
                    safe_contact=model_data(forms["safe_contact"]),
                )
                messages.success(
                    request,
                    _("La plainte rejoint le dossier %(reference)s.") % {"reference": case},
                )
                return redirect(case)
        case = services.open_case_from_complaint(
            request.actor,
            victim=model_data(forms["victim"]),
            perpetrator=model_data(forms["perpetrator"]),
            relationship=model_data(forms["relationship"]),
            incident=model_data(forms["incident"]),
            safe_contact=model_data(forms["safe_contact"]),
            masking=forms["masking"].masking(),
        )
        messages.success(request, _("Dossier %(reference)s ouvert.") % {"reference": case})
        return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "cases/open.html", {"forms": forms, "join_form": join_form}, status=status
    )


@require_POST
def open_case_check(request):
    """Inline validation of the desk page: the errors each field would get, nothing stored.
    The page's script shows them beside the fields the officer has already filled."""
    if not perms.can_open_case(request.membership):
        raise PermissionDenied
    errors = {}
    for form in complaint_forms(request.POST).values():
        form.is_valid()
        for name, messages_ in form.errors.items():
            if name != NON_FIELD_ERRORS:
                errors[form.add_prefix(name)] = list(messages_)
    return JsonResponse({"errors": errors})


def case_context(request, case) -> dict:
    """What the case page and its printout show, masked for this member."""
    membership = request.membership
    disclosure = CaseDisclosure(membership, case, request.case_access)
    whole = disclosure.whole_file
    timeline = case.timeline.select_related("author", "agency") if whole else case.timeline.none()
    return {
        "case": case,
        "membership": membership,
        "disclosure": disclosure,
        "people": disclosure.people(),
        "safe_contact": disclosure.safe_contact(),
        "incidents": disclosure.incidents(),
        "relationship": getattr(case, "relationship", None) if whole else None,
        "documents": case.documents.all() if whole else [],
        "known_cases": known_perpetrator_cases(case, membership) if whole else [],
        "known_elsewhere": known_elsewhere(request.actor, case) if whole else [],
        "timeline": Paginator(timeline, TIMELINE_PER_PAGE).get_page(request.GET.get("page")),
    }


@case_view()
def case_detail(request, case):
    context = case_context(request, case)
    context.update(
        can_edit=perms.can_edit_case(request.membership, case),
        can_share=perms.can_manage_sharing(request.membership, case, request.case_access),
        can_read_justice=can_read_justice(request.membership),
        can_support=can_support_case(request.membership, case, request.case_access),
        protected=protection.has_protection_measure(case),
        in_progress=closing.closing_blockers(case),
        close_form=CloseCaseForm(),
        document_form=DocumentForm(),
        can_see_evidence=perms.can_record_evidence(request.membership, case)
        or request.membership.role in perms.JUSTICE_EVIDENCE_ROLES | perms.SUPPORT_OWNER_ROLES,
        can_transfer=perms.can_transfer_case(request.membership, case),
        duplicates=support.duplicate_cases(request.membership, case)
        if perms.can_edit_case(request.membership, case)
        else [],
        page_links=page_links.links(request.membership, case),
    )
    context["disclosure"].audit(request.actor)
    return render(request, "cases/detail.html", context)


@case_view()
def case_print(request, case):
    context = case_context(request, case)
    context["disclosure"].audit(request.actor, Action.PRINT)
    return render(request, "cases/print.html", context)


@case_view(edit=True)
def incident_add(request, case):
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_incident(request.actor, case, model_data(form))
        messages.success(request, _("Fait de violence enregistré."))
        return redirect(case)
    return edit_page(request, case, form, _("Nouveau fait de violence"))


def edit_page(request, case, form, title: str):
    return form_page(request, form, title, back=case, case=case)


@case_view(edit=True)
def person_edit(request, case, person_pk):
    person = get_object_or_404(case.people, pk=person_pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.save_person(request.actor, case, form.instance, form.changed())
        messages.success(request, _("Personne modifiée."))
        return redirect(case)
    if request.method == "GET":
        record(
            request.actor,
            Action.READ,
            person,
            fields=[f"{person.role}.{name}" for name in form.fields],
        )
    return edit_page(
        request, case, form, _("Modifier : %(role)s") % {"role": person.get_role_display()}
    )


@case_view(edit=True)
def person_add(request, case):
    role = request.GET.get("role") or request.POST.get("role")
    if role not in (PersonRole.CHILD, PersonRole.RELATIVE):
        role = PersonRole.CHILD
    form = PersonForm(request.POST or None, instance=Person(role=role))
    if request.method == "POST" and form.is_valid():
        services.save_person(request.actor, case, form.instance, form.changed())
        messages.success(request, _("Personne ajoutée."))
        return redirect(case)
    return edit_page(
        request, case, form, _("Ajouter : %(role)s") % {"role": PersonRole(role).label}
    )


@case_view(edit=True)
def relationship_edit(request, case):
    relationship = Relationship.objects.filter(case=case).first() or Relationship(case=case)
    form = RelationshipForm(request.POST or None, instance=relationship)
    if request.method == "POST" and form.is_valid():
        services.save_relationship(request.actor, case, form.instance, form.changed())
        return redirect(case)
    return edit_page(request, case, form, _("Relation entre la victime et l'auteur"))


@case_view(edit=True)
def safe_contact_edit(request, case):
    contact = SafeContact.objects.filter(case=case).first() or SafeContact(case=case)
    form = SafeContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.save_safe_contact(request.actor, case, form.instance, form.changed())
        return redirect(case)
    if request.method == "GET" and contact.pk:
        record(
            request.actor, Action.READ, contact, fields=[f"safe_contact.{n}" for n in form.fields]
        )
    return edit_page(request, case, form, _("Contact sûr"))


@case_view(edit=True)
def masking_edit(request, case):
    initial = {
        "address_hidden": case.address_hidden,
        "address_hidden_basis": case.address_hidden_basis,
        "election_of_domicile": case.election_of_domicile,
    }
    form = MaskingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_address_masking(
            request.actor,
            case,
            hidden=form.cleaned_data["address_hidden"],
            basis=form.cleaned_data["address_hidden_basis"],
            election=form.cleaned_data["election_of_domicile"].strip(),
        )
        return redirect(case)
    return edit_page(request, case, form, _("Masquage de l'adresse"))


@require_POST
@case_view(edit=True)
def case_close(request, case):
    form = CloseCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un motif de clôture."))
        return redirect(case)
    try:
        services.close_case(request.actor, case, form.cleaned_data["reason"])
    except RuleError as refusal:
        for reason in refusal.messages:
            messages.error(request, _("Clôture impossible : %(reason)s") % {"reason": reason})
        return redirect(case)
    messages.success(request, _("Dossier clos."))
    return redirect(case)


@case_view(edit=True)
def release_add(request, case):
    """The perpetrator's release from custody: recorded, it makes a re-assessment due."""
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_release(request.actor, case, form.cleaned_data["released_on"])
        messages.success(request, _("Sortie de détention enregistrée : réévaluez le danger."))
        return redirect(case)
    return edit_page(request, case, form, _("Sortie de détention de l'auteur"))


@require_POST
@case_view(edit=True)
def case_supervise(request, case):
    if case.status == CaseStatus.OPEN:
        services.supervise_case(request.actor, case)
    return redirect(case)


@require_POST
@case_view(edit=True)
def case_reopen(request, case):
    if case.status != CaseStatus.OPEN:
        services.reopen_case(request.actor, case)
        messages.success(request, _("Dossier rouvert."))
    return redirect(case)


@require_POST
@case_view(edit=True)
def document_add(request, case):
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choisissez la nature de la pièce et un fichier."))
        return redirect(case)
    upload = form.cleaned_data["file"]
    if upload.size > services.documents.MAX_DOCUMENT_BYTES:
        messages.error(request, _("Le fichier dépasse 10 Mo."))
        return redirect(case)
    try:
        services.store_document(request.actor, case, form.cleaned_data["kind"], upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(case)
    messages.success(request, _("Pièce ajoutée."))
    return redirect(case)


@case_view()
def document_download(request, case, document_pk):
    if not request.case_access.whole_file:
        raise PermissionDenied
    document: Document = get_object_or_404(case.documents, pk=document_pk)
    response = HttpResponse(services.read_document(request.actor, document), document.content_type)
    extension = document.content_type.rsplit("/", 1)[-1]
    # An opaque file name: the original name may itself be personal data.
    filename = f"{case.reference}-{document.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@case_view()
def case_notes(request, case):
    """Notes and interview records: those of my agency or shared with it; social workers write."""
    membership = request.membership
    can_write = perms.can_write_notes(membership, case)
    form = NoteForm(request.POST or None, case=case, agency=membership.agency)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            notes.write_note(request.actor, case, **form.cleaned_data)
            messages.success(request, _("La note est enregistrée."))
            return redirect("cases:notes", pk=case.pk)
    shown = perms.visible_notes(membership, case).select_related("author", "agency")
    shown = shown.prefetch_related("shared_with")
    if shown:
        record(request.actor, Action.READ, case, fields=["notes"])
    context = {"case": case, "notes": shown, "form": form, "can_write": can_write}
    return render(request, "cases/notes.html", context, status=400 if form.errors else 200)
