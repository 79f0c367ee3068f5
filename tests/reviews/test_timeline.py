"""The review's timeline is read from the records, in order, with its source, and marks the
missed opportunities against the platform's rules."""

from datetime import timedelta

import pytest

from egide.justice.choices import MeasureKind, OrderStatus, RequestedBy
from egide.justice.models import BreachReport, Measure, ProtectionOrder
from egide.reviews.choices import MissedKind, Source
from egide.reviews.timeline import reconstruct
from tests.factories import MembershipFactory

from .helpers import DAYS_BEFORE_DEATH, failed_case, review_of

pytestmark = pytest.mark.django_db


def line(lines, prefix):
    return next(line for line in lines if line.key.startswith(prefix))


def kinds(line) -> set[str]:
    return {missed.kind for missed in line.missed}


def assessed_at(case):
    return case.assessments.get().created_at


def order_from(case, days_after, *measures, **fields):
    """An OP granted `days_after` the assessment, in force since."""
    decided = assessed_at(case) + timedelta(days=days_after)
    order = ProtectionOrder.objects.create(
        case=case,
        court=case.court,
        status=OrderStatus.IN_FORCE,
        requested_by=RequestedBy.PROSECUTOR,
        victim_consent=True,
        requested_at=decided - timedelta(days=1),
        decision_due_at=decided + timedelta(days=1),
        decided_at=decided,
        recorded_by=MembershipFactory().user,
        **fields,
    )
    for kind in measures:
        Measure.objects.create(protection_order=order, kind=kind)
    return order


def test_the_timeline_is_in_order_from_opening_to_the_death_with_its_sources():
    case = failed_case()
    lines = reconstruct(case)
    assert [line.at for line in lines] == sorted(line.at for line in lines)
    assert lines[0].kind == "case_opened_complaint"
    assert lines[-1].kind == "case_closed_femicide"
    assert {line.source for line in lines} >= {
        Source.CASE,
        Source.ASSESSMENT,
        Source.MONITORING,
        Source.AUDIT,
    }
    assert str(line(lines, "assessment:").label).endswith("niveau Élevé")


def test_the_re_assessment_never_done_is_a_missed_opportunity():
    lines = reconstruct(failed_case())
    reassessment = line(lines, "reassessment:")
    assert kinds(reassessment) == {MissedKind.REASSESSMENT}
    assert "jamais faite" in str(reassessment.missed[0].text)


def test_a_re_assessment_done_late_says_by_how_much():
    case = failed_case()
    task = case.reassessment_tasks.get()
    task.done_by = case.assessments.get()
    task.due_at = task.done_by.created_at - timedelta(hours=3)
    task.save()
    missed = line(reconstruct(case), "reassessment:").missed
    assert "3 h 00 min de retard" in str(missed[0].text)


def test_the_alert_taken_in_hand_after_the_centres_delay_is_marked(settings):
    settings.EGIDE_MONITORING_ESCALATION_S = 60
    alert = line(reconstruct(failed_case()), "monitoring:")
    assert "prise en charge en 12 min 00 s" in str(alert.label)
    assert kinds(alert) == {MissedKind.LATE_TAKE_IN_CHARGE}


def test_the_same_alert_within_a_longer_delay_is_not_marked(settings):
    settings.EGIDE_MONITORING_ESCALATION_S = 15 * 60
    assert not line(reconstruct(failed_case()), "monitoring:").missed


def test_a_high_danger_without_protection_and_its_unanswered_risk_factors_are_marked():
    assessment = line(reconstruct(failed_case()), "assessment:")
    texts = " ".join(str(missed.text) for missed in assessment.missed)
    assert kinds(assessment) == {MissedKind.UNPROTECTED, MissedKind.RISK_FACTOR}
    assert "Arme détenue" in texts
    assert "étranglement" in texts
    assert "Menaces de mort" not in texts  # not answered yes


def test_an_order_with_a_weapons_ban_within_the_delay_answers_them_all():
    case = failed_case()
    order_from(case, 1, MeasureKind.CONTACT_BAN, MeasureKind.WEAPONS_BAN)
    assert not line(reconstruct(case), "assessment:").missed


def test_an_order_without_weapons_measure_leaves_the_weapon_unanswered():
    case = failed_case()
    order_from(case, 1, MeasureKind.CONTACT_BAN)
    assessment = line(reconstruct(case), "assessment:")
    assert kinds(assessment) == {MissedKind.RISK_FACTOR}
    assert "Arme" in str(assessment.missed[0].text)


def test_protection_granted_after_the_delay_still_leaves_the_danger_marked():
    case = failed_case()
    order_from(case, 5, MeasureKind.CONTACT_BAN, MeasureKind.WEAPONS_BAN)
    assert MissedKind.UNPROTECTED in kinds(line(reconstruct(case), "assessment:"))


def test_an_order_decided_within_its_legal_deadline_says_so():
    case = failed_case()
    order_from(case, 1, MeasureKind.CONTACT_BAN)
    decision = line(reconstruct(case), "order_decision:")
    assert not decision.missed
    assert str(decision.label) == "Ordonnance de protection : En vigueur, dans le délai légal"


def test_an_order_decided_after_its_legal_deadline_is_marked():
    case = failed_case()
    order = order_from(case, 1, MeasureKind.CONTACT_BAN)
    order.decision_due_at = order.decided_at - timedelta(days=2)
    order.save()
    decision = line(reconstruct(case), "order_decision:")
    assert kinds(decision) == {MissedKind.LEGAL_DEADLINE}
    assert "48 h 00 min de retard" in str(decision.missed[0].text)


def test_a_breach_the_parquet_never_acknowledged_is_marked():
    case = failed_case()
    reported = assessed_at(case) + timedelta(days=6)
    BreachReport.objects.create(
        case=case,
        court=case.court,
        kind="contact_ban",
        source="victim",
        occurred_at=reported,
        reported_at=reported,
        acknowledgement_due_at=reported + timedelta(hours=2),
        reported_by=MembershipFactory().user,
    )
    assert kinds(line(reconstruct(case), "breach:")) == {MissedKind.BREACH_UNACKNOWLEDGED}


def test_the_audit_log_says_who_read_the_case_by_agency_and_role_never_by_name():
    case = failed_case()
    reads = line(reconstruct(case), "audit:")
    assert "2 lecture(s)" in str(reads.label)
    assert reads.agency == case.opening_agency
    assert reads.role == "police_officer"


def test_nothing_after_the_death_enters_the_timeline():
    case = failed_case()
    review = review_of(case)
    lines = reconstruct(case)
    assert all(line.at <= case.closed_at for line in lines)
    assert review.opened_at > case.closed_at
    assert (lines[-1].at - lines[0].at).days >= DAYS_BEFORE_DEATH
