"""The operator proposes a place; the platform answers only "compatible" or "too close", and the
operator confirms only a compatible place — it cannot override a "too close"."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from egide.audit.models import AuditEntry
from egide.errors import RuleError
from egide.eviction import rules, services
from egide.eviction.choices import RequestStatus
from egide.justice.choices import OrderStatus
from egide.justice.models import ProtectionOrder
from egide.justice.rules import RuleNotInForce
from egide.support.choices import AllocationStatus
from tests.cases.factories import CaseFactory
from tests.criminal.helpers import EVICTION, supervised_case
from tests.devices.helpers import criminal_pairing
from tests.factories import acting
from tests.justice.helpers import order_in_force
from tests.support.factories import allocation, shelter

from .factories import housing_operator, housing_request, north_of, place, victim_home

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def without_home_address(case):
    """Her address left out of the file, so that only the other protected places count."""
    victim = case.victim
    victim.address = ""
    victim.save()


def propose(operator, pending, a_place):
    services.propose_place(acting(operator), pending, a_place)
    pending.refresh_from_db()
    return pending


def refusal_of(operator, pending, a_place) -> str:
    with pytest.raises(RuleError) as refused:
        services.propose_place(acting(operator), pending, a_place)
    pending.refresh_from_db()
    assert pending.status == RequestStatus.REQUESTED and pending.place is None
    return " ".join(refused.value.messages)


def assert_reveals_nothing(message: str, case):
    assert message == services.too_close_message()
    assert not re.search(r"\d", message), "no distance, no address number"
    for word in ("km", " m ", "nord", "sud", "est ", "ouest", "Évreux", "Lilas"):
        assert word not in message
    victim = case.victim
    assert victim.last_name not in message and victim.first_name not in message


def test_a_place_near_her_home_is_too_close_and_the_answer_reveals_nothing():
    pending = housing_request()
    operator = housing_operator(agency=pending.operator)
    home = victim_home(pending.case)
    near = place(operator, at=north_of(home.latitude, home.longitude, 2_000))

    assert_reveals_nothing(refusal_of(operator, pending, near), pending.case)


def test_a_compatible_place_is_proposed_then_confirmed():
    pending = housing_request()
    operator = housing_operator(agency=pending.operator)
    far = place(operator)  # Bernay, some 40 km from her home in Évreux

    assert propose(operator, pending, far).status == RequestStatus.PROPOSED
    services.confirm_allocation(acting(operator), pending)
    pending.refresh_from_db()
    assert pending.status == RequestStatus.CONFIRMED and pending.place == far


@pytest.mark.parametrize(("metres", "compatible"), [(9_990, False), (10_010, True)])
def test_the_minimum_distance_from_her_home_is_ten_kilometres(metres, compatible, time_machine):
    time_machine.move_to("2026-12-03 10:00+01:00")
    pending = housing_request()
    operator = housing_operator(agency=pending.operator)
    home = victim_home(pending.case)
    a_place = place(operator, at=north_of(home.latitude, home.longitude, metres))
    if compatible:
        assert propose(operator, pending, a_place).status == RequestStatus.PROPOSED
    else:
        refusal_of(operator, pending, a_place)


def test_the_distance_rule_is_dated():
    assert rules.min_distance_m(TODAY) == 10_000
    with pytest.raises(RuleNotInForce):
        rules.min_distance_m(date(2020, 9, 24))


def test_a_place_near_a_place_banned_to_him_is_too_close():
    case, _court, _order = order_in_force()  # bans the Évreux school (PLACE_BAN)
    without_home_address(case)
    pending = housing_request(case)
    operator = housing_operator(agency=pending.operator)
    near_school = place(operator, at=north_of(49.0241, 1.1508, 5_000))

    assert_reveals_nothing(refusal_of(operator, pending, near_school), case)
    assert propose(operator, pending, place(operator)).status == RequestStatus.PROPOSED


def test_a_place_near_the_home_a_criminal_decision_evicted_him_from_is_too_close():
    case = supervised_case(obligations=[EVICTION])  # the couple's home, at 49.02, 1.15
    without_home_address(case)
    pending = housing_request(case)
    operator = housing_operator(agency=pending.operator)
    near_home = place(operator, at=north_of(49.02, 1.15, 5_000))

    assert_reveals_nothing(refusal_of(operator, pending, near_home), case)
    assert propose(operator, pending, place(operator)).status == RequestStatus.PROPOSED


def test_a_place_near_a_bracelet_zone_is_too_close():
    pairing = criminal_pairing()
    case = pairing.case
    without_home_address(case)
    # Only the bracelet's fixed zone is left to protect: the order itself has ended.
    ProtectionOrder.objects.filter(case=case).update(status=OrderStatus.LIFTED)
    zone = pairing.zones.get()
    pending = housing_request(case)
    operator = housing_operator(agency=pending.operator)
    near = place(operator, at=north_of(float(zone.latitude), float(zone.longitude), 6_000))

    assert_reveals_nothing(refusal_of(operator, pending, near), case)


def test_a_place_near_her_shelter_is_too_close():
    case = CaseFactory()
    without_home_address(case)
    refuge = shelter(latitude=Decimal("49.2153"), longitude=Decimal("1.1656"))  # Louviers
    allocation(refuge, case, status=AllocationStatus.ARRIVED)
    pending = housing_request(case)
    operator = housing_operator(agency=pending.operator)
    near = place(operator, at=north_of(49.2153, 1.1656, 3_000))

    assert_reveals_nothing(refusal_of(operator, pending, near), case)


def test_without_any_known_protected_place_the_platform_does_not_say_compatible():
    case = CaseFactory()
    without_home_address(case)
    pending = housing_request(case)
    operator = housing_operator(agency=pending.operator)
    message = refusal_of(operator, pending, place(operator))
    assert "ne situe aucun lieu" in message


def test_confirmation_checks_again_and_refuses_a_place_now_too_close():
    pending = housing_request()
    operator = housing_operator(agency=pending.operator)
    a_place = place(operator)
    propose(operator, pending, a_place)
    # Meanwhile she is placed in a shelter near that place.
    near_place = shelter(latitude=a_place.latitude, longitude=a_place.longitude)
    allocation(near_place, pending.case, status=AllocationStatus.ACCEPTED)

    with pytest.raises(RuleError, match="trop proche"):
        services.confirm_allocation(acting(operator), pending)
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PROPOSED


def test_a_full_or_closed_place_is_refused():
    first, second = housing_request(), housing_request()
    operator = housing_operator(agency=first.operator)
    second.operator = first.operator
    second.save()
    single = place(operator, capacity=1)
    propose(operator, first, single)
    services.confirm_allocation(acting(operator), first)
    with pytest.raises(RuleError, match="plus de place libre"):
        services.propose_place(acting(operator), second, single)
    closed = place(operator, available=False)
    with pytest.raises(RuleError, match="pas ouvert"):
        services.propose_place(acting(operator), second, closed)


def test_an_operator_cannot_place_a_request_addressed_to_another():
    pending = housing_request()
    stranger = housing_operator()
    with pytest.raises(PermissionDenied):
        services.propose_place(acting(stranger), pending, place(stranger))
    pending.refresh_from_db()
    assert pending.status == RequestStatus.REQUESTED


def test_every_check_of_her_places_is_audited_even_a_refused_one():
    pending = housing_request()
    operator = housing_operator(agency=pending.operator)
    home = victim_home(pending.case)
    refusal_of(operator, pending, place(operator, at=north_of(home.latitude, home.longitude, 500)))
    checks = AuditEntry.objects.filter(
        action="read", object_id=str(pending.pk), fields=["protected_places_compatibility"]
    )
    assert checks.count() == 1
