"""Risk-meeting pages: the member's meetings, a meeting (agenda, plan, minutes) as the member may
see it, and the organiser's forms. A meeting the member is not invited to is a 404."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.audit.choices import Action
from egide.audit.services import record
from egide.web.forms import form_page, run_action, run_form

from . import perms, services
from .agenda import agenda_lines, level_label
from .choices import ItemStatus, MeetingStatus
from .forms import ActionCloseForm, ActionForm, InviteForm, MeetingForm, MinutesForm, ProposalForm
from .models import AgendaItem, PlannedAction

CANDIDATES_SHOWN = 20
CLOSED_SHOWN = 20


def members_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not perms.sits_in_meetings(request.membership):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def with_meeting(view):
    """The meeting of the URL among those the member sees; 404 otherwise."""

    @wraps(view)
    @members_only
    def wrapped(request, pk, *args, **kwargs):
        meetings = perms.visible_meetings(request.membership)
        meeting = get_object_or_404(
            meetings.select_related("organiser__user", "organiser__agency"), pk=pk
        )
        return view(request, meeting, *args, **kwargs)

    return wrapped


def chair_only(view):
    """The organiser's pages: only while the meeting is open."""

    @wraps(view)
    @with_meeting
    def wrapped(request, meeting, *args, **kwargs):
        if not perms.can_run(request.membership, meeting):
            raise PermissionDenied
        return view(request, meeting, *args, **kwargs)

    return wrapped


@members_only
def meeting_list(request):
    meetings = perms.visible_meetings(request.membership).select_related("organiser__agency")
    return render(
        request,
        "meetings/list.html",
        {
            "planned": meetings.filter(status=MeetingStatus.PLANNED).order_by("starts_at"),
            "closed": meetings.filter(status=MeetingStatus.CLOSED)[:CLOSED_SHOWN],
            "can_convene": perms.can_convene(request.membership),
        },
    )


@members_only
def schedule(request):
    if not perms.can_convene(request.membership):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    # The new meeting's page is known only once it is made: the organiser goes on to invite.
    created = []
    done = run_form(
        request,
        form,
        lambda data: created.append(services.schedule_meeting(request.actor, **data)),
        _("La réunion est planifiée : invitez ses membres."),
        "meetings:list",
    )
    if done:
        return redirect(created[0])
    return form_page(request, form, _("Planifier une réunion"), back="meetings:list")


def _proposals(request, meeting):
    proposed = meeting.agenda.filter(status=ItemStatus.PROPOSED).select_related(
        "proposed_by__user", "proposed_by__agency"
    )
    if not perms.chairs(request.membership, meeting):
        proposed = proposed.filter(proposed_by=request.membership)
    return agenda_lines(request.actor, meeting, proposed)


def _candidates(meeting) -> list[tuple]:
    """The département's high-danger worklist, with each case's danger level, for the organiser."""
    cases = services.worklist_candidates(meeting)[:CANDIDATES_SHOWN]
    return [(case, level_label(case.danger_level)) for case in cases]


@with_meeting
def detail(request, meeting):
    membership = request.membership
    accepted = meeting.agenda.filter(status=ItemStatus.ACCEPTED)
    lines = agenda_lines(request.actor, meeting, accepted)
    running = perms.can_run(membership, meeting)
    for line in lines:
        for action in line.actions:
            if perms.can_update_action(membership, meeting, action):
                action.close_form = ActionCloseForm(prefix=f"action-{action.pk}")
    if meeting.minutes:
        record(request.actor, Action.READ, meeting, fields=["minutes"])
    context = {
        "meeting": meeting,
        "members": meeting.members.select_related("membership__user", "membership__agency"),
        "lines": lines,
        "proposals": _proposals(request, meeting),
        "running": running,
        "candidates": _candidates(meeting) if running else [],
        "chairs": perms.chairs(membership, meeting),
        "may_propose": perms.may_propose(membership, meeting),
    }
    return render(request, "meetings/detail.html", context)


@chair_only
def invite(request, meeting):
    form = InviteForm(request.POST or None, meeting=meeting)
    done = run_form(
        request,
        form,
        lambda data: services.invite(request.actor, meeting, data["membership"]),
        _("Le membre est invité."),
        request.path,
    )
    if done:
        return done
    invited = meeting.members.select_related("membership__user", "membership__agency")
    return render(
        request,
        "meetings/invite.html",
        {"meeting": meeting, "form": form, "invited": invited},
        status=400 if form.errors else 200,
    )


@with_meeting
def propose(request, meeting):
    if not perms.may_propose(request.membership, meeting):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, membership=request.membership, meeting=meeting)
    done = run_form(
        request,
        form,
        lambda data: services.propose_case(
            request.actor, meeting, data["case"], reason=data["reason"]
        ),
        _("Le dossier est proposé pour la réunion."),
        meeting,
    )
    return done or form_page(request, form, _("Proposer un dossier"), back=meeting)


@require_POST
@chair_only
def list_case(request, meeting):
    case_id = request.POST.get("case", "")
    if not case_id.isdigit():
        raise Http404
    case = get_object_or_404(services.worklist_candidates(meeting), pk=case_id)
    if run_action(request, lambda: services.list_from_worklist(request.actor, meeting, case)):
        messages.success(
            request,
            _("Le dossier %(reference)s est inscrit à l'ordre du jour.")
            % {"reference": case.reference},
        )
    return redirect(meeting)


DECISIONS = {"accepter": True, "refuser": False}


@require_POST
@chair_only
def decide(request, meeting, item, decision):
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=item)
    if decision not in DECISIONS:
        raise PermissionDenied
    accept = DECISIONS[decision]
    if run_action(request, lambda: services.decide_proposal(request.actor, item, accept=accept)):
        messages.success(
            request,
            _("Le dossier est inscrit à l'ordre du jour.")
            if accept
            else _("La proposition n'est pas retenue."),
        )
    return redirect(meeting)


@chair_only
def action_add(request, meeting):
    form = ActionForm(
        request.POST or None, meeting=meeting, initial={"case": request.GET.get("dossier")}
    )
    done = run_form(
        request,
        form,
        lambda data: services.add_action(request.actor, meeting, **data),
        _("L'action est ajoutée au plan."),
        meeting,
    )
    return done or form_page(request, form, _("Ajouter une action au plan"), back=meeting)


@require_POST
@with_meeting
def action_close(request, meeting, action):
    action = get_object_or_404(
        PlannedAction.objects.filter(meeting__departement=meeting.departement).select_related(
            "meeting"
        ),
        pk=action,
    )
    if not perms.can_update_action(request.membership, meeting, action):
        raise PermissionDenied
    form = ActionCloseForm(request.POST, prefix=f"action-{action.pk}")
    if not form.is_valid():
        messages.error(request, _("Choisissez le nouvel état de l'action."))
    elif run_action(
        request,
        lambda: services.close_action(
            request.actor,
            meeting,
            action,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(request, _("L'action est mise à jour."))
    return redirect(meeting)


@chair_only
def minutes(request, meeting):
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    done = run_form(
        request,
        form,
        lambda data: services.record_minutes(request.actor, meeting, **data),
        _("Le compte rendu est enregistré."),
        meeting,
    )
    return done or form_page(request, form, _("Compte rendu de la réunion"), back=meeting)


@require_POST
@chair_only
def close(request, meeting):
    if run_action(request, lambda: services.close_meeting(request.actor, meeting)):
        messages.success(request, _("La réunion est close."))
    return redirect(meeting)
