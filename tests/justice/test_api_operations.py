"""The API's other court operations: lifting, modifying, family proceedings, children,
hearings and linked hearings. The right role succeeds; other roles get 403, other courts 404;
bad input gets a 4xx and changes nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from egide.accounts.roles import Role
from egide.justice import services
from egide.justice.choices import OrderStatus
from egide.justice.models import ChildMeasure, FamilyProceeding, Hearing
from tests.cases.factories import CaseFactory

from .helpers import court_member, court_of, order_in_force, requested_order, same_couple_case

pytestmark = pytest.mark.django_db
API = "/api/v1/justice"


def post(client, url, payload=None):
    return client.post(f"{API}{url}", payload or {}, content_type="application/json")


def soon_dt(**delta):
    return timezone.now() + timedelta(**delta)


def soon(**delta) -> str:
    return soon_dt(**delta).isoformat()


def test_the_judge_lifts_an_order_in_force(sign_in_as):
    case, court, order = order_in_force()
    client = sign_in_as(court.judge.membership)
    assert post(client, f"/orders/{order.pk}/lifting", {"reason": ""}).status_code == 422
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_FORCE
    lifted = post(client, f"/orders/{order.pk}/lifting", {"reason": "Demande de la victime"})
    assert lifted.status_code == 200 and lifted.json()["status"] == OrderStatus.LIFTED
    again = post(client, f"/orders/{order.pk}/lifting", {"reason": "Encore"})
    assert again.status_code == 422 and "en vigueur" in again.json()["detail"]


def test_the_judge_modifies_the_measures_and_a_bad_measure_changes_nothing(sign_in_as):
    case, court, order = order_in_force()
    client = sign_in_as(court.judge.membership)
    url = f"/orders/{order.pk}/modification"
    before = sorted(order.measures.values_list("kind", flat=True))
    unlocated = {"measures": [{"kind": "place_ban", "place_label": "Travail"}]}
    assert post(client, url, unlocated).status_code == 422
    assert post(client, url, {"measures": []}).status_code == 422
    assert sorted(order.measures.values_list("kind", flat=True)) == before
    modified = post(client, url, {"measures": [{"kind": "weapons_ban"}]})
    assert modified.status_code == 200
    assert [m["kind"] for m in modified.json()["measures"]] == ["weapons_ban"]


def test_a_family_proceeding_extends_the_order_in_force(sign_in_as):
    case, court, order = order_in_force()
    client = sign_in_as(court.clerk.membership)
    url = f"/cases/{case.pk}/family-proceedings"
    backwards = {"kind": "divorce", "filed_on": "2026-03-10", "decided_on": "2026-03-01"}
    refused = post(client, url, backwards)
    assert refused.status_code == 422 and "introduite" in refused.json()["detail"]
    assert post(client, url, {"kind": "adoption", "filed_on": "2026-03-10"}).status_code == 422
    assert not FamilyProceeding.objects.exists()
    filed = post(client, url, {"kind": "divorce", "filed_on": timezone.localdate().isoformat()})
    assert filed.status_code == 201
    order.refresh_from_db()
    assert order.ends_at is None  # extended until the divorce is decided (515-12)
    assert [p["kind"] for p in client.get(f"{API}{url}").json()] == ["divorce"]


def test_the_procureur_records_the_automatic_suspension(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    url = f"/cases/{case.pk}/automatic-suspensions"
    assert post(client, url, {"prosecuted_on": "le 3 mars"}).status_code == 422
    assert not ChildMeasure.objects.exists()
    created = post(client, url, {"prosecuted_on": date(2026, 3, 3).isoformat()})
    assert created.status_code == 201
    assert created.json()["basis"] == "automatic_suspension" and created.json()["ends_at"]
    listed = client.get(f"{API}/cases/{case.pk}/child-measures").json()
    assert [m["parental_authority"] for m in listed] == ["suspended"]


def test_the_greffe_schedules_a_hearing_and_bad_slots_are_refused(sign_in_as):
    case = CaseFactory()
    court = court_of(case)
    client = sign_in_as(court.clerk.membership)
    url = f"/cases/{case.pk}/hearings"
    stranger = court_member(CaseFactory(), Role.JUDGE).user
    for payload in (
        {"kind": "criminal", "hearing_at": soon(hours=-1)},
        {"kind": "criminal", "hearing_at": soon(days=2), "judge_id": stranger.pk},
        {"kind": "protection_order", "hearing_at": soon(days=2)},
        {"kind": "criminal", "hearing_at": soon(days=2), "room": "x" * 61},
    ):
        assert post(client, url, payload).status_code == 422, payload
    assert not Hearing.objects.exists()
    payload = {"kind": "criminal", "hearing_at": soon(days=2), "judge_id": court.judge.user.pk}
    created = post(client, url, payload)
    assert created.status_code == 201 and created.json()["judge_id"] == court.judge.user.pk
    assert [h["kind"] for h in client.get(f"{API}/hearings?case_id={case.pk}").json()] == [
        "criminal"
    ]
    other_clerk = court_of(CaseFactory()).clerk.membership
    assert sign_in_as(other_clerk).get(f"{API}/hearings").json() == []


def test_an_op_hearing_before_a_judge_of_another_court_is_refused(sign_in_as):
    case, court, order = requested_order()
    client = sign_in_as(court.clerk.membership)
    stranger = court_member(CaseFactory(), Role.JUDGE).user
    payload = {"hearing_at": soon(days=1), "judge_id": stranger.pk}
    assert post(client, f"/orders/{order.pk}/hearing", payload).status_code == 422
    order.refresh_from_db()
    assert order.hearing_at is None and order.status == OrderStatus.REQUESTED


def test_the_greffe_sets_the_couples_hearings_together(sign_in_as):
    case, court, order = requested_order()
    criminal = same_couple_case(case, opening_agency=case.opening_agency)
    services.schedule_hearing(court.clerk, criminal, kind="criminal", hearing_at=soon_dt(days=4))
    services.set_hearing(court.clerk, order, hearing_at=soon_dt(days=1))
    client = sign_in_as(court.clerk.membership)
    listed = client.get(f"{API}/cases/{case.pk}/linked-proceedings").json()
    assert listed["aligned"] is False
    assert {p["case_id"] for p in listed["proceedings"]} == {case.pk, criminal.pk}

    url = f"/cases/{case.pk}/linked-hearings"
    judge = court.judge.user.pk
    stranger = court_member(CaseFactory(), Role.JUDGE).user.pk
    for payload in (
        {"hearing_at": soon(days=2), "judge_id": stranger},
        {"hearing_at": soon(hours=-2), "judge_id": judge},
        {"hearing_at": soon(days=2), "judge_id": judge, "proceedings": ["op-999999"]},
        {"hearing_at": soon(days=2)},
    ):
        assert post(client, url, payload).status_code == 422, payload
    assert client.get(f"{API}/cases/{case.pk}/linked-proceedings").json() == listed

    scheduled = post(client, url, {"hearing_at": soon(days=2), "judge_id": judge})
    assert scheduled.status_code == 200 and scheduled.json()["aligned"] is True
    assert {p["hearing"]["judge_id"] for p in scheduled.json()["proceedings"]} == {judge}


COURT = {Role.PROSECUTOR: "prosecutor", Role.JUDGE: "judge", Role.CLERK: "clerk"}
HEARING_ROLES = {Role.CLERK, Role.JUDGE}


@pytest.mark.parametrize(
    ("method", "url", "payload", "allowed"),
    [
        ("post", "/orders/{order}/lifting", {"reason": "Motif"}, {Role.JUDGE}),
        ("post", "/orders/{order}/modification", {"measures": [{"kind": "pets"}]}, {Role.JUDGE}),
        ("post", "/cases/{case}/family-proceedings", {"kind": "divorce", "filed_on": "2026-01-05"},
         {Role.CLERK}),
        ("post", "/cases/{case}/automatic-suspensions", {"prosecuted_on": "2026-01-05"},
         {Role.PROSECUTOR}),
        ("post", "/cases/{case}/hearings", {"kind": "family", "hearing_at": "2099-01-05T10:00Z"},
         HEARING_ROLES),
        ("get", "/cases/{case}/linked-proceedings", None, HEARING_ROLES),
        ("post", "/cases/{case}/linked-hearings", {"hearing_at": "2099-01-05T10:00Z",
         "judge_id": 1}, HEARING_ROLES),
    ],
)  # fmt: skip
def test_other_roles_get_403_other_courts_404_and_nothing_changes(
    sign_in_as, method, url, payload, allowed
):
    case, court, order = order_in_force()
    url = f"{API}{url.format(order=order.pk, case=case.pk)}"
    for role in set(COURT) - allowed:
        client = sign_in_as(court_member(case, role))
        response = getattr(client, method)(url, payload, content_type="application/json")
        assert response.status_code == 403, (role, response.content)
    client = sign_in_as(role=Role.MONITORING_OPERATOR)
    response = getattr(client, method)(url, payload, content_type="application/json")
    assert response.status_code in (403, 404)
    other_court = court_of(CaseFactory())
    client = sign_in_as(getattr(other_court, COURT[min(allowed)]).membership)
    response = getattr(client, method)(url, payload, content_type="application/json")
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_FORCE
    assert not (FamilyProceeding.objects.exists() or ChildMeasure.objects.exists())
    assert not Hearing.objects.exclude(protection_order=order).exists()
