"""The pages of criminal proceedings: the case's criminal part for the court and the police,
the probation service's people, releases and their checks. Objects come from perms' querysets
(not visible: 404); a refused rule is a form error and changes nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.audit.choices import Action
from egide.audit.services import record, record_reads
from egide.perpetrators.index import measures_in_force
from egide.web.forms import form_page, run_form

from . import perms, services
from .forms import ComplianceCheckForm, FollowUpForm, ReleaseForm, StageForm
from .models import NoticeWaiver, Obligation

OBLIGATION_FIELDS = ["kind", "article", "starts_on", "ends_on", "ordering_agency"]
# What the court and the police read of an obligation beyond what the SPIP reads.
COURT_OBLIGATION_FIELDS = [*OBLIGATION_FIELDS, "persons", "details", "place_label"]


def _criminal_case(request, case_pk, *, decide=False):
    case = get_object_or_404(perms.criminal_cases(request.membership), pk=case_pk)
    if decide and not perms.can_decide(request.membership, case):
        raise PermissionDenied
    return case


def case_part(request, case_pk):
    """Stages, obligations, follow-ups and (for those who need them) releases of one case."""
    case = _criminal_case(request, case_pk)
    membership = request.membership
    stages = perms.visible_stages(membership).filter(case=case)
    obligations = (
        perms.visible_obligations(membership)
        .filter(case=case)
        .select_related("stage", "ordering_agency")
    )
    can_see_releases = perms.can_see_releases(membership, case)
    releases = perms.visible_releases(membership).filter(case=case) if can_see_releases else []
    context = {
        "case": case,
        "stages": record_reads(request.actor, stages, fields=["kind", "sentence"]),
        "obligations": record_reads(request.actor, obligations, fields=COURT_OBLIGATION_FIELDS),
        "follow_ups": perms.visible_follow_ups(membership)
        .filter(case=case)
        .select_related("service"),
        "releases": record_reads(request.actor, releases, fields=["kind", "on", "returns_on"]),
        "can_decide": perms.can_decide(membership, case),
        "can_see_releases": can_see_releases,
        "can_record_waiver": perms.can_record_waiver(membership, case),
        "notice_waived": NoticeWaiver.objects.filter(case=case).exists(),
    }
    return render(request, "criminal/case.html", context)


@require_POST
def notice_waiver(request, case_pk):
    """She asked the procureur not to be told of releases (D. 49-72), or withdrew it."""
    case = _criminal_case(request, case_pk)
    waived = request.POST.get("waived") == "1"
    services.set_notice_waiver(request.actor, case, waived=waived)
    messages.success(request, _("Souhait de la victime enregistré."))
    return redirect(_case_url(case))


def stage_add(request, case_pk):
    case = _criminal_case(request, case_pk, decide=True)
    form = StageForm(request.POST or None, case=case)
    done = run_form(
        request,
        form,
        lambda _data: services.record_stage(
            request.actor, case, **form.stage_values(), obligations=form.obligations()
        ),
        _("Étape de la procédure pénale enregistrée."),
        _case_url(case),
    )
    intro = _(
        "Les obligations ne valent que pour une alternative aux poursuites (41-1 CPP), un "
        "contrôle judiciaire (138 CPP) ou un sursis probatoire (132-45 C. pén.) ; chacune est "
        "enregistrée avec son article."
    )
    title = _("Procédure pénale : nouvelle étape")
    return done or form_page(request, form, title, back=_case_url(case), case=case, intro=intro)


def _case_url(case) -> str:
    return reverse("criminal:case", args=[case.pk])


def follow_up_assign(request, case_pk):
    case = _criminal_case(request, case_pk, decide=True)
    form = FollowUpForm(request.POST or None, case=case)
    done = run_form(
        request,
        form,
        lambda data: services.assign_follow_up(request.actor, case, data["service"]),
        _("Suivi confié au SPIP."),
        _case_url(case),
    )
    title = _("Confier le suivi de l'auteur au SPIP")
    return done or form_page(request, form, title, back=_case_url(case), case=case)


def release_add(request, case_pk):
    """The procureur, a judge or the following SPIP records a coming release."""
    case = get_object_or_404(perms.release_cases(request.membership), pk=case_pk)
    back = _case_url(case)
    if perms.is_probation_officer(request.membership):
        follow_up = perms.visible_follow_ups(request.membership).get(case=case)
        back = follow_up.get_absolute_url()
    form = ReleaseForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda data: services.record_release(request.actor, case, **data),
        _("Sortie enregistrée : la victime est avisée et une réévaluation du danger est due."),
        back,
    )
    intro = _(
        "Art. D. 1-11-2 et 712-16-2 CPP : avant toute sortie, même temporaire, la victime est "
        "avisée par son contact sûr, et le parquet vérifie interdictions, TGD et BAR."
    )
    title = _("Sortie de détention")
    return done or form_page(request, form, title, back=back, intro=intro)


def release_check(request, release_pk):
    """The procureur's check before a release: the devices and orders in force on the case."""
    release = get_object_or_404(perms.visible_releases(request.membership), pk=release_pk)
    if not perms.can_check_release(request.membership, release):
        raise PermissionDenied
    if request.method == "POST":
        services.check_release(request.actor, release)
        messages.success(request, _("Vérification enregistrée."))
        return redirect(_case_url(release.case))
    record(request.actor, Action.READ, release, fields=["kind", "on", "notice_channel"])
    context = {"release": release, "measures": measures_in_force(release.case)}
    return render(request, "criminal/release_check.html", context)


def _probation_officer(request):
    if not perms.is_probation_officer(request.membership):
        raise PermissionDenied


def followed(request):
    """The SPIP's people: identity, obligations, ordering authority, due dates, releases."""
    _probation_officer(request)
    follow_ups = perms.visible_follow_ups(request.membership).select_related("case")
    rows = [
        {
            "follow_up": follow_up,
            "person": follow_up.case.perpetrator,
            "obligations": perms.visible_obligations(request.membership)
            .filter(case=follow_up.case)
            .in_force()
            .select_related("ordering_agency"),
            "releases": perms.visible_releases(request.membership).filter(case=follow_up.case),
        }
        for follow_up in follow_ups
    ]
    for row in rows:
        record(request.actor, Action.READ, row["person"], fields=["last_name", "first_name"])
        record_reads(request.actor, row["obligations"], fields=OBLIGATION_FIELDS)
    return render(request, "criminal/followed.html", {"rows": rows})


def _follow_up(request, follow_up_pk):
    _probation_officer(request)
    return get_object_or_404(perms.visible_follow_ups(request.membership), pk=follow_up_pk)


def follow_up(request, follow_up_pk):
    follow_up_ = _follow_up(request, follow_up_pk)
    case = follow_up_.case
    person = case.perpetrator
    obligations = perms.visible_obligations(request.membership).filter(case=case)
    context = {
        "follow_up": follow_up_,
        "person": person,
        "obligations": record_reads(
            request.actor, obligations.select_related("ordering_agency"), OBLIGATION_FIELDS
        ),
        "checks": follow_up_.checks.select_related("obligation"),
        "releases": perms.visible_releases(request.membership).filter(case=case),
    }
    record(request.actor, Action.READ, person, fields=["last_name", "first_name", "birth_date"])
    return render(request, "criminal/follow_up.html", context)


def check_add(request, follow_up_pk):
    follow_up_ = _follow_up(request, follow_up_pk)
    obligations = Obligation.objects.in_force().filter(case=follow_up_.case)
    form = ComplianceCheckForm(request.POST or None, obligations=obligations)
    done = run_form(
        request,
        form,
        lambda data: services.record_check(request.actor, follow_up_, **data),
        _("Contrôle enregistré."),
        follow_up_.get_absolute_url(),
    )
    intro = _(
        "Un manquement est transmis aussitôt au juge et au parquet, avec un délai de prise en "
        "compte."
    )
    title = _("Contrôle d'une obligation")
    return done or form_page(request, form, title, back=follow_up_.get_absolute_url(), intro=intro)
