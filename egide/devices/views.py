"""Device pages: inventory and pairings (monitoring centre), TGD grants (procureur), BAR (JAF)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.services import record
from egide.cases.models import SafeContact
from egide.cases.perms import visible_cases
from egide.errors import RuleError
from egide.perpetrators.index import known_elsewhere
from egide.web.forms import form_page, run_action, run_form

from . import contact_bans, pairing_links, perms, secrets, services
from .choices import DeviceKind, Framework
from .forms import (
    AlarmPhoneGrantForm,
    BraceletOrderForm,
    DeviceForm,
    ExemptionForm,
    PlaceBanZoneForm,
    RevisionForm,
    StatusForm,
    TestForm,
    WithdrawForm,
)
from .models import Device
from .selectors import (
    SECRET_PLACEHOLDER,
    civil_decisions,
    decided_pairing,
    installation_settings,
    place_bans_of,
    unwatched_place_bans,
    zone_rows,
)


def device_list(request):
    """The inventory for the monitoring centre; the court's devices for the court."""
    membership = request.membership
    if perms.can_see_inventory(membership):
        devices = Device.objects.all()
        rows = [{"device": d, "next_test": services.next_test_due(d)} for d in devices]
        context = {"rows": rows, "can_manage": perms.can_manage_inventory(membership)}
        return render(request, "devices/inventory.html", context)
    if membership is None or membership.role not in perms.COURT_ROLES:
        raise PermissionDenied
    context = {
        "assignments": perms.visible_assignments(membership).select_related("case", "phone"),
        "orders": perms.visible_bracelet_orders(membership).select_related("case"),
    }
    return render(request, "devices/court.html", context)


def device_add(request):
    if not perms.can_manage_inventory(request.membership):
        raise PermissionDenied
    form = DeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, secret = services.add_device(request.actor, **form.cleaned_data)
        except RuleError as error:
            form.add_error("device_id", error.messages[0])
        else:
            return installation_page(request, device, secret)
    return form_page(request, form, _("Nouveau dispositif"), back="devices:list")


def installation_page(request, device, secret: str = ""):
    """The settings per client; with `secret`, shown once (only its hash is stored)."""
    context = {
        "device": device,
        "secret": secret,
        "clients": installation_settings(request, device, secret or SECRET_PLACEHOLDER),
    }
    return render(request, "devices/installation.html", context)


def device_installation(request, device_pk):
    """How to set each client up for this device; where to rotate or revoke its secret."""
    if not perms.can_manage_inventory(request.membership):
        raise PermissionDenied
    return installation_page(request, get_object_or_404(Device, pk=device_pk))


@require_POST
def device_secret(request, device_pk, change):
    """`secrets.rotate` (overlap window) or `secrets.revoke` (at once), then the new settings."""
    if not perms.can_manage_inventory(request.membership):
        raise PermissionDenied
    device = get_object_or_404(Device, pk=device_pk)
    secret = change(request.actor, device)
    device.refresh_from_db()
    return installation_page(request, device, secret)


def device_secret_rotate(request, device_pk):
    return device_secret(request, device_pk, secrets.rotate)


def device_secret_revoke(request, device_pk):
    return device_secret(request, device_pk, secrets.revoke)


@require_POST
def device_status(request, device_pk):
    if not perms.can_manage_inventory(request.membership):
        raise PermissionDenied
    device = get_object_or_404(Device, pk=device_pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(request.actor, device, form.cleaned_data["status"])
            messages.success(request, _("État du dispositif modifié."))
        except RuleError as error:
            messages.error(request, error.messages[0])
    else:
        messages.error(request, _("État inconnu."))
    return redirect("devices:list")


SAFE_CONTACT_FIELDS = ["safe_contact.phone", "safe_contact.times_to_call", "safe_contact.code_word"]


def device_test(request, device_pk):
    """Testing a phone: the operator calls the victim on her safe contact (shown here, audited:
    the task needs it) and records the result; a failure says why and what follows."""
    if not perms.can_test_devices(request.membership):
        raise PermissionDenied
    device = get_object_or_404(Device, pk=device_pk, kind=DeviceKind.ALARM_PHONE)
    case = services.phone_case(device)
    safe_contact = SafeContact.objects.filter(case=case).first() if case else None
    if safe_contact is not None:
        record(request.actor, Action.READ, case, fields=SAFE_CONTACT_FIELDS)
    form = TestForm(request.POST or None)

    def test(data):
        services.record_test(
            request.actor,
            device,
            passed=data["result"] == "passed",
            failure=data["failure"],
            follow_up=data["follow_up"],
        )

    done = run_form(request, form, test, _("Test enregistré."), "devices:list")
    context = {
        "device": device,
        "case": case,
        "safe_contact": safe_contact,
        "form": form,
        "tests": device.tests.select_related("tested_by")[:5],
    }
    return done or render(
        request, "devices/phone_test.html", context, status=400 if form.is_bound else 200
    )


def pairings(request):
    """What the monitoring centre needs to know of each pairing — never the victim's address,
    nor her safe contact (shown only on an open incident or a phone test)."""
    if not perms.is_monitoring(request.membership):
        raise PermissionDenied
    active = services.active_pairings().select_related(
        "order__case", "perpetrator_device", "victim_device"
    )
    rows = [
        {
            "pairing": pairing,
            "zones": zone_rows(pairing),
            "known_elsewhere": known_elsewhere(request.actor, pairing.order.case),
        }
        for pairing in active
    ]
    return render(request, "devices/pairings.html", {"rows": rows})


def court_case(request, pk, role):
    if request.membership is None or request.membership.role != role:
        raise PermissionDenied
    return get_object_or_404(visible_cases(request.membership), pk=pk)


def phone_grant(request, pk):
    case = court_case(request, pk, Role.PROSECUTOR)
    if not perms.can_grant_alarm_phone(request.membership, case):
        raise PermissionDenied
    bans = contact_bans.in_force(case)
    form = AlarmPhoneGrantForm(
        request.POST or None,
        initial={"contact_ban_basis": bans[0].basis} if bans else None,
        same_address=case.records_victim_at_perpetrator_address(),
    )

    def grant(data):
        phone = data.pop("phone")
        services.grant_alarm_phone(request.actor, case, phone, services.TgdGrant(**data))

    done = run_form(
        request,
        form,
        grant,
        _("Téléphone grave danger attribué pour 6 mois."),
        case.get_absolute_url(),
    )
    intro = _(
        "Art. 41-3-1 CPP : pas de cohabitation, et une interdiction judiciaire de contact ou un "
        "danger imminent avéré ; accord exprès de la victime ; 6 mois renouvelables."
    )
    for ban in bans:
        intro = f"{intro} " + _("Interdiction de contact en vigueur : %(ban)s.") % {
            "ban": ban.label
        }
    if form.same_address:
        intro = f"{intro} " + _(
            "Attention : le dossier enregistre la même adresse pour la victime et l'auteur. "
            "« Ne cohabite pas » demande une confirmation."
        )
    return done or form_page(
        request,
        form,
        _("Attribuer un téléphone grave danger"),
        back="justice:deadlines",
        intro=intro,
        case=case,
        known_elsewhere=known_elsewhere(request.actor, case),
    )


def court_assignment(request, assignment_pk, *, decide: bool = False):
    """A TGD grant as the court sees it (the monitoring centre reads pairings, not grants)."""
    if perms.is_monitoring(request.membership):
        raise PermissionDenied
    assignment = get_object_or_404(
        perms.visible_assignments(request.membership).select_related("case", "phone"),
        pk=assignment_pk,
    )
    if decide and not perms.can_grant_alarm_phone(request.membership, assignment.case):
        raise PermissionDenied
    return assignment


def assignment_detail(request, assignment_pk):
    assignment = court_assignment(request, assignment_pk)
    can_decide = perms.can_grant_alarm_phone(request.membership, assignment.case)
    context = {
        "assignment": assignment,
        "can_decide": can_decide,
        "form": WithdrawForm(),
        "now": timezone.now(),
    }
    return render(request, "devices/assignment.html", context)


@require_POST
def assignment_renew(request, assignment_pk):
    assignment = court_assignment(request, assignment_pk, decide=True)
    if run_action(request, lambda: services.renew_alarm_phone(request.actor, assignment)):
        messages.success(request, _("Attribution renouvelée pour 6 mois."))
    return redirect("devices:assignment", assignment_pk=assignment.pk)


@require_POST
def assignment_keep_positions(request, assignment_pk):
    assignment = court_assignment(request, assignment_pk, decide=True)
    if run_action(request, lambda: services.keep_positions_longer(request.actor, assignment)):
        messages.success(request, _("Les positions de ce téléphone seront conservées huit jours."))
    return redirect("devices:assignment", assignment_pk=assignment.pk)


@require_POST
def assignment_withdraw(request, assignment_pk):
    assignment = court_assignment(request, assignment_pk, decide=True)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif du retrait."))
        return redirect("devices:assignment", assignment_pk=assignment.pk)
    try:
        services.withdraw_alarm_phone(request.actor, assignment, reason=form.cleaned_data["reason"])
        messages.success(request, _("Téléphone retiré."))
    except RuleError as error:
        messages.error(request, error.messages[0])
    return redirect("devices:assignment", assignment_pk=assignment.pk)


def bracelet_order(request, pk):
    case = court_case(request, pk, Role.JUDGE)
    if not perms.can_order_bracelet(request.membership, case):
        raise PermissionDenied
    op, oppi = civil_decisions(request.membership, case)
    place_bans = place_bans_of(op, oppi)
    form = BraceletOrderForm(request.POST or None, place_bans=place_bans)

    def order(data):
        civil = data["framework"] == Framework.CIVIL
        bar = services.BarOrder(
            framework=data["framework"],
            alert_km=data["alert_km"],
            perpetrator_consent=data["perpetrator_consent"],
            victim_consent=data["victim_consent"],
            protection_order=op if civil and op and op.is_active else None,
            immediate_order=oppi if civil else None,
            place_bans=tuple(data["place_bans"]),
        )
        return services.order_bracelet(request.actor, case, bar)

    done = run_form(
        request,
        form,
        order,
        _("Bracelet anti-rapprochement ordonné et appairé."),
        case.get_absolute_url(),
    )
    intro = _(
        "Distance d'alerte : nombre entier de 1 à 10 km ; pré-alerte au double. Au civil : "
        "seulement avec une interdiction de contact et l'accord des deux parties (515-11-1)."
    )
    return done or form_page(
        request,
        form,
        _("Ordonner un bracelet anti-rapprochement"),
        back="justice:deadlines",
        intro=intro,
    )


def pairing_detail(request, pairing_pk):
    """The court's page of a pairing (the monitoring centre works from the active list)."""
    if perms.is_monitoring(request.membership):
        raise PermissionDenied
    pairing = get_object_or_404(
        perms.visible_pairings(request.membership).select_related("order__case"), pk=pairing_pk
    )
    can_revise = perms.can_order_bracelet(request.membership, pairing.order.case)
    revision_form = RevisionForm(request.POST or None) if can_revise else None
    exemption_form = ExemptionForm(zones=pairing.zones.all()) if can_revise else None
    place_bans = unwatched_place_bans(request.membership, pairing) if can_revise else None
    zone_form = PlaceBanZoneForm(place_bans=place_bans) if place_bans else None
    if can_revise and request.method == "POST" and revision_form.is_valid():
        try:
            services.revise_distances(request.actor, pairing, **revision_form.cleaned_data)
            messages.success(request, _("Distances révisées."))
            return redirect("devices:pairing", pairing_pk=pairing.pk)
        except RuleError as error:
            revision_form.add_error("alert_km", error.messages[0])
    decision = pairing.order
    context = {
        "pairing": pairing,
        "decision": decision,
        "can_renew": can_revise and decision.is_criminal and decision.ended_at is None,
        "renewable": decision.is_criminal and services.bracelet_renewable(decision),
        "zones": zone_rows(pairing),
        "revisions": pairing.revisions.select_related("revised_by"),
        "revision_form": revision_form,
        "exemption_form": exemption_form,
        "zone_form": zone_form,
        "links": pairing_links.links(request.membership, pairing),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "devices/pairing.html", context, status=status)


@require_POST
def exemption_add(request, pairing_pk):
    pairing = decided_pairing(request.membership, pairing_pk)
    form = ExemptionForm(request.POST, zones=pairing.zones.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_exemption(
                request.actor,
                data["zone"],
                start=data["start"],
                end=data["end"],
                label=data["label"],
            )
            messages.success(request, _("Dérogation enregistrée."))
        except RuleError as error:
            messages.error(request, error.messages[0])
    else:
        messages.error(request, _("Dérogation incomplète : zone, début et fin sont requis."))
    return redirect("devices:pairing", pairing_pk=pairing.pk)


@require_POST
def bracelet_renew(request, pairing_pk):
    pairing = decided_pairing(request.membership, pairing_pk)
    try:
        decision = services.renew_bracelet(request.actor, pairing.order)
        messages.success(
            request,
            _("Bracelet prolongé jusqu'au %(end)s.")
            % {"end": timezone.localdate(decision.ends_at).strftime("%d/%m/%Y")},
        )
    except RuleError as error:
        messages.error(request, error.messages[0])
    return redirect("devices:pairing", pairing_pk=pairing.pk)


@require_POST
def zone_add(request, pairing_pk):
    pairing = decided_pairing(request.membership, pairing_pk)
    place_bans = unwatched_place_bans(request.membership, pairing)
    form = PlaceBanZoneForm(request.POST, place_bans=place_bans)
    if form.is_valid():
        try:
            services.watch_place_ban(request.actor, pairing, form.cleaned_data["measure"])
            messages.success(request, _("Zone fixe ajoutée."))
        except RuleError as error:
            messages.error(request, error.messages[0])
    else:
        messages.error(request, _("Choisissez un lieu interdit de ce dossier."))
    return redirect("devices:pairing", pairing_pk=pairing.pk)
