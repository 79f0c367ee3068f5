"""Demo orders for `egide demo`: OP and OPPI at every stage in the Tribunal judiciaire d'Évreux,
one decision overdue and one breach escalated, so the board shows what it is for.

Idempotent: nothing is added once the court has orders. Orders go through the services (the
rules apply); only the overdue ones are then moved back in time, which the services would refuse.
"""

from datetime import timedelta
from typing import NamedTuple

from django.utils import timezone

from egide import geocoding
from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.cases.choices import CaseStatus
from egide.cases.models import Case

from . import health_reports, rules, services
from .choices import (
    BreachKind,
    BreachSource,
    Decision,
    MeasureKind,
    NotificationMethod,
    NotificationRecipient,
)
from .choices import RequestedBy as By
from .models import BreachReport, Hearing, ProtectionOrder
from .services import MeasureData

COURT = "tj_evreux"
CONTACT_BAN = MeasureData(MeasureKind.CONTACT_BAN, persons="La victime et ses enfants")
HIDDEN_ADDRESS = MeasureData(
    MeasureKind.HIDDEN_ADDRESS,
    election_of_domicile="6° Chez son avocat",
)
# A place ban near Évreux: the demo bracelets watch it as a fixed zone.
SCHOOL_BAN = MeasureData(
    MeasureKind.PLACE_BAN,
    place_label="École élémentaire Jean-Moulin, Évreux",
    latitude=49.0302,
    longitude=1.1609,
)


class Court(NamedTuple):
    """The procureur, the JAF and the greffe of one court, each as an actor."""

    prosecutor: Actor
    judge: Actor
    clerk: Actor


def court_cases(context):
    court = context.agencies[COURT]
    return list(
        Case.objects.filter(court=court, address_hidden=False)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("pk")[:8]
    )


def populate(context) -> None:
    if ProtectionOrder.objects.filter(court=context.agencies[COURT]).exists():
        return
    cases = court_cases(context)
    if len(cases) < 8:
        return
    court = Court(
        prosecutor=context.acting(Role.PROSECUTOR, COURT),
        judge=context.acting(Role.JUDGE, COURT),
        clerk=context.acting(Role.CLERK, COURT),
    )
    request(court, cases[0], By.VICTIM)
    with_hearing(court, cases[1])
    make_overdue(with_hearing(court, cases[2]))
    services.request_immediate_order(
        court.prosecutor, request(court, cases[3], By.PROSECUTOR), victim_consent=True
    )
    in_force(court, cases[4], [CONTACT_BAN, victim_home_ban(cases[4]), HIDDEN_ADDRESS])
    in_force(court, cases[5], [CONTACT_BAN, SCHOOL_BAN])
    in_force(court, cases[6], [CONTACT_BAN])
    breaches(cases[4], cases[6])
    health_report(context)


def victim_home_ban(case) -> MeasureData:
    """Her home, located from the case file as the decision form does (egide.geocoding)."""
    home = geocoding.geocode(case.victim.address)
    return MeasureData(
        MeasureKind.PLACE_BAN,
        place_label="Domicile de la victime",
        is_victim_home=True,
        latitude=home.latitude,
        longitude=home.longitude,
    )


def request(court, case, by):
    member = court.prosecutor if by == By.PROSECUTOR else court.clerk
    return services.request_order(member, case, requested_by=by, victim_consent=True)


def with_hearing(court, case):
    order = request(court, case, By.LAWYER)
    hearing_at = timezone.now() + timedelta(days=3)
    services.set_hearing(court.clerk, order, hearing_at=hearing_at, judge=court.judge.user)
    return order


def make_overdue(order) -> None:
    past = timezone.now() - timedelta(days=7)
    ProtectionOrder.objects.filter(pk=order.pk).update(
        hearing_set_at=past, hearing_at=past + timedelta(days=2), decision_due_at=past
        + timedelta(days=6, hours=12),
    )  # fmt: skip


def hearing_held(order) -> None:
    """The hearing, set four days ago, took place yesterday: the judge decides after it."""
    now = timezone.now()
    set_at, held_at = now - timedelta(days=4), now - timedelta(days=1)
    ProtectionOrder.objects.filter(pk=order.pk).update(
        hearing_set_at=set_at, hearing_at=held_at, decision_due_at=rules.op_decision_due(set_at)
    )
    Hearing.objects.filter(protection_order=order).update(at=held_at)
    order.refresh_from_db()


def in_force(court, case, measures):
    order = with_hearing(court, case)
    hearing_held(order)
    services.decide_order(
        court.judge,
        order,
        decision=Decision.GRANTED,
        measures=measures,
        reasons="Violences vraisemblables et danger établis à l'audience contradictoire.",
    )
    services.notify_order(
        court.clerk,
        order,
        recipient=NotificationRecipient.DEFENDANT,
        method=NotificationMethod.BAILIFF,
    )
    return order


def breaches(first, second) -> None:
    now = timezone.now()
    services.report_breach(
        first,
        BreachKind.CONTACT_BAN,
        now - timedelta(hours=5),
        "Appels et messages répétés malgré l'interdiction de contact.",
        "Captures d'écran des messages",
        BreachSource.VICTIM,
    )
    late = services.report_breach(
        second,
        BreachKind.PLACE_BAN,
        now - timedelta(hours=3),
        "Présence constatée devant le lieu de travail de la victime.",
        "Constatations de la patrouille",
        BreachSource.PROFESSIONAL,
    )
    BreachReport.objects.filter(pk=late.pk).update(
        reported_at=now - timedelta(hours=2), acknowledgement_due_at=now - timedelta(hours=1)
    )
    services.escalate_overdue_breaches(now)


def health_report(context) -> None:
    """A doctor of the Évreux hospital reports to the procureur without consent (226-14 3°)."""
    doctor = context.acting(Role.HEALTH_PROFESSIONAL, "hospital_evreux")
    health_reports.report_to_procureur(
        doctor,
        victim={
            "last_name": context.faker.last_name(),
            "first_name": context.faker.first_name_female(),
            "birth_date": None,
        },
        perpetrator={"last_name": context.faker.last_name(), "first_name": "", "birth_date": None},
        life_in_immediate_danger=True,
        under_hold=True,
        consent_attempt="Proposé à deux reprises aux urgences ; elle dit qu'il la tuerait.",
        consent_outcome="refused",
        victim_informed=True,
        findings="Traces de strangulation, menaces de mort réitérées, isolement total.",
    )
