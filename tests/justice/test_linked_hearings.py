"""Linked hearings: the couple's proceedings found across case files and set on one day."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from egide.errors import RuleError
from egide.justice import linking, services
from egide.justice.choices import HearingKind, ProceedingKind
from egide.justice.models import Hearing
from tests.cases.factories import CaseFactory, PersonFactory

from .helpers import acting, court_member, court_of, requested_order, same_couple_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def couple():
    """An OP request in one case; a criminal case and a divorce of the same couple in another."""
    case, court, order = requested_order()
    criminal = same_couple_case(case, opening_agency=case.opening_agency)
    services.schedule_hearing(
        court.clerk,
        criminal,
        kind=HearingKind.CRIMINAL,
        hearing_at=timezone.now() + timedelta(days=4),
    )
    divorce = services.record_family_proceeding(
        court.clerk, criminal, kind=ProceedingKind.DIVORCE, filed_on=timezone.localdate()
    )
    return case, criminal, court, order, divorce


def test_the_couples_cases_are_found_across_case_files(couple):
    case, criminal, court, _order, _divorce = couple
    another_victim = same_couple_case(case, opening_agency=case.opening_agency)
    another_victim.people.filter(role=PersonRole.VICTIM).delete()
    # Someone else entirely: a name and birth date the factories never draw.
    PersonFactory(
        case=another_victim,
        role=PersonRole.VICTIM,
        last_name="Quintard-Zola",
        first_name="Maëlys",
        birth_date=date(1959, 6, 1),
    )
    assert list(linking.couple_cases(case, court.clerk.membership)) == [case, criminal]


def test_a_linked_case_of_another_court_is_never_revealed(couple):
    case, _criminal, court, _order, _divorce = couple
    elsewhere = same_couple_case(case)
    assert elsewhere.court_id != case.court_id
    assert elsewhere not in linking.couple_cases(case, court.clerk.membership)
    their_clerk = acting(court_member(elsewhere, Role.CLERK)).membership
    seen = {p.case for p in linking.linked_proceedings(elsewhere, their_clerk)}
    assert list(linking.couple_cases(elsewhere, their_clerk)) == [elsewhere]
    assert case not in seen


def test_the_greffe_schedules_the_couples_proceedings_together(couple):
    case, criminal, court, order, divorce = couple
    proceedings = linking.linked_proceedings(case, court.clerk.membership)
    assert {p.kind for p in proceedings} == {"protection_order", "criminal", "family"}
    assert linking.is_aligned(proceedings)  # only one hearing is set so far
    services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(days=1))
    assert not linking.is_aligned(linking.linked_proceedings(case, court.clerk.membership))

    day = timezone.now() + timedelta(days=2)
    services.schedule_linked_hearings(
        court.clerk, proceedings, hearing_at=day, judge=court.judge.user, room="Salle 2"
    )
    hearings = Hearing.objects.filter(case__in=[case, criminal])
    assert hearings.count() == 3
    assert {(h.at, h.judge_id, h.room) for h in hearings} == {(day, court.judge.user.pk, "Salle 2")}
    assert divorce.hearings.get().kind == HearingKind.FAMILY
    order.refresh_from_db()
    assert order.hearing_at == day and order.decision_due_at
    assert linking.is_aligned(linking.linked_proceedings(case, court.clerk.membership))


def test_a_judge_of_another_court_or_a_past_date_changes_nothing(couple):
    case, _criminal, court, order, _divorce = couple
    proceedings = linking.linked_proceedings(case, court.clerk.membership)
    before = list(Hearing.objects.values_list("pk", "at", "judge_id"))
    stranger = court_member(CaseFactory(), Role.JUDGE).user
    future = timezone.now() + timedelta(days=2)
    with pytest.raises(RuleError, match="ne siège pas"):
        services.schedule_linked_hearings(
            court.clerk, proceedings, hearing_at=future, judge=stranger
        )
    with pytest.raises(RuleError, match="passé"):
        services.schedule_linked_hearings(
            court.clerk,
            proceedings,
            hearing_at=timezone.now() - timedelta(hours=1),
            judge=court.judge.user,
        )
    with pytest.raises(RuleError, match="juge"):
        services.schedule_linked_hearings(court.clerk, proceedings, hearing_at=future, judge=None)
    assert list(Hearing.objects.values_list("pk", "at", "judge_id")) == before
    order.refresh_from_db()
    assert order.hearing_at is None


def test_an_op_past_its_six_days_refuses_the_whole_schedule(couple):
    case, _criminal, court, order, _divorce = couple
    services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(days=1))
    before = list(Hearing.objects.values_list("pk", "at", "judge_id"))
    proceedings = linking.linked_proceedings(case, court.clerk.membership)
    with pytest.raises(RuleError, match="échéance légale"):
        services.schedule_linked_hearings(
            court.clerk,
            proceedings,
            hearing_at=timezone.now() + timedelta(days=8),
            judge=court.judge.user,
        )
    assert list(Hearing.objects.values_list("pk", "at", "judge_id")) == before


def test_only_the_court_schedules_linked_hearings(couple):
    case, _criminal, court, _order, _divorce = couple
    proceedings = linking.linked_proceedings(case, court.clerk.membership)
    with pytest.raises(PermissionDenied):
        services.schedule_linked_hearings(
            court.prosecutor,
            proceedings,
            hearing_at=timezone.now() + timedelta(days=1),
            judge=court.judge.user,
        )


def test_the_screen_schedules_and_the_order_page_warns_when_split(couple, sign_in_as):
    case, _criminal, court, order, _divorce = couple
    services.set_hearing(court.clerk, order, hearing_at=timezone.now() + timedelta(days=1))
    client = sign_in_as(court.clerk.membership)
    order_page = client.get(reverse("justice:order", args=[order.pk])).content.decode()
    assert "data-linked-split" in order_page
    board = client.get(reverse("justice:deadlines")).content.decode()
    assert 'data-kind="linked_hearings"' in board

    url = reverse("justice:linked_hearings", args=[case.pk])
    screen = client.get(url)
    assert screen.status_code == 200 and "data-linked-split" in screen.content.decode()
    proceedings = linking.linked_proceedings(case, court.clerk.membership)
    day = timezone.localtime() + timedelta(days=2)
    data = {
        "proceedings": [p.key for p in proceedings],
        "hearing_at": day.strftime("%Y-%m-%dT%H:%M"),
        "judge": court.judge.user.pk,
        "room": "Salle 1",
    }
    stranger = court_member(CaseFactory(), Role.JUDGE).user
    refused = client.post(url, {**data, "judge": stranger.pk})
    assert refused.status_code == 400
    past = {**data, "hearing_at": (day - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")}
    refused = client.post(url, past)
    assert refused.status_code == 400 and "passé" in refused.content.decode()
    assert not linking.is_aligned(linking.linked_proceedings(case, court.clerk.membership))

    assert client.post(url, data).status_code == 302
    assert linking.is_aligned(linking.linked_proceedings(case, court.clerk.membership))
    order_page = client.get(reverse("justice:order", args=[order.pk])).content.decode()
    assert "data-linked-split" not in order_page
    board = client.get(reverse("justice:deadlines")).content.decode()
    assert 'data-kind="linked_hearings"' not in board


def test_the_screen_is_refused_to_the_prosecutor_and_other_courts(couple, sign_in_as):
    case, _criminal, court, _order, _divorce = couple
    url = reverse("justice:linked_hearings", args=[case.pk])
    assert sign_in_as(court.prosecutor.membership).get(url).status_code == 403
    other_clerk = court_of(CaseFactory()).clerk.membership
    assert sign_in_as(other_clerk).get(url).status_code == 404
