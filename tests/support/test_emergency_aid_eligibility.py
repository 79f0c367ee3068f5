"""Who may get the AUU: recent proof, one award per 12 months; who repays a loan."""

from datetime import date

from egide.support.aid import (
    Debtor,
    Form,
    add_months,
    children_counted,
    ineligibility_reasons,
    repayment_debtor,
)

ON = date(2025, 11, 15)


def test_proof_under_twelve_months_is_accepted():
    assert ineligibility_reasons(date(2024, 11, 16), ON) == []


def test_proof_of_twelve_months_or_more_is_refused():
    assert ineligibility_reasons(date(2024, 11, 15), ON)
    assert ineligibility_reasons(date(2023, 1, 1), ON)


def test_proof_after_the_request_is_refused():
    assert ineligibility_reasons(date(2025, 11, 16), ON)


def test_one_award_per_twelve_months():
    assert ineligibility_reasons(date(2025, 10, 1), ON, last_award=date(2024, 11, 16))
    assert ineligibility_reasons(date(2025, 10, 1), ON, last_award=date(2024, 11, 15)) == []


def test_before_the_aid_existed():
    assert ineligibility_reasons(date(2023, 11, 1), date(2023, 11, 30))


def test_add_months_keeps_month_ends():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_children_under_21_count():
    births = [date(2004, 11, 15), date(2004, 11, 16), date(2015, 3, 1)]
    assert children_counted(births, ON) == 2


def test_nothing_claimed_from_the_victim_while_a_criminal_case_is_ongoing():
    assert repayment_debtor(Form.LOAN, criminal_case_ongoing=True, perpetrator_convicted=False) == (
        Debtor.SUSPENDED
    )


def test_the_convicted_perpetrator_may_be_asked_to_repay():
    assert repayment_debtor(Form.LOAN, False, True) == Debtor.PERPETRATOR
    assert repayment_debtor(Form.GRANT, False, True) == Debtor.PERPETRATOR


def test_without_criminal_case_a_loan_is_repaid_by_the_victim_a_grant_never():
    assert repayment_debtor(Form.LOAN, False, False) == Debtor.VICTIM
    assert repayment_debtor(Form.GRANT, False, False) == Debtor.NOBODY
