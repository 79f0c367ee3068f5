"""The assessment's views, for the cross-domain "anonymous and outsiders are refused" test.

Each object belongs to a case opened by a police unit of département 27: only that unit's
officers may use the views (see tests/security/test_outsiders.py).
"""

from egide.accounts.roles import Role
from egide.assessment import services

from .helpers import acting, grid, officer_and_case, record, sheet


def case_kwargs() -> dict:
    _officer, case = officer_and_case()
    return {"case_pk": case.pk}


def run_kwargs() -> dict:
    return {**case_kwargs(), "instrument_id": "lap-lethality-screen"}


def assessment_kwargs() -> dict:
    officer, case = officer_and_case()
    return {"pk": record(officer, case, grid()).pk}


def pending_downgrade_kwargs() -> dict:
    officer, case = officer_and_case()
    answers = sheet(grid(), yes=["p_firearms", "c_separation"])
    assessment = record(officer, case, grid(), answers=answers)
    reason = "Les deux réponses rouges concernent un ancien conjoint."
    services.record_override(acting(officer), assessment, level="medium", reason=reason)
    return {"pk": assessment.pk}


def police(name, kwargs_factory, method="get") -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": Role.POLICE_OFFICER,
        "public": False,
        "method": method,
    }


VIEWS = [
    # Lists only the tasks of cases the member sees; roles without case files are refused.
    {"name": "assessment:list", "kwargs_factory": dict, "allowed_role": None, "public": False},
    police("assessment:case", case_kwargs),
    police("assessment:run", run_kwargs),
    police("assessment:detail", assessment_kwargs),
    police("assessment:override", assessment_kwargs, method="post"),
    police("assessment:sign_off", pending_downgrade_kwargs),
    police("assessment:victim_summary", assessment_kwargs),
]
