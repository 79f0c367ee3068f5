"""The court's views, for the cross-domain "anonymous and outsiders are refused" test.

Objects belong to a case opened in département 27: only members of that case's court (or of its
police unit) reach them, so a member of another court is an outsider.
"""

from django.utils import timezone

from egide.accounts.roles import Role


def case_kwargs() -> dict:
    from tests.cases.factories import CaseFactory

    return {"pk": CaseFactory().pk}


def order_kwargs() -> dict:
    from .helpers import requested_order

    return {"order_pk": requested_order()[2].pk}


def oppi_kwargs() -> dict:
    from egide.justice import services

    from .helpers import requested_order

    _case, court, order = requested_order()
    oppi = services.request_immediate_order(court.prosecutor, order, victim_consent=True)
    return {"oppi_pk": oppi.pk}


def breach_kwargs() -> dict:
    from egide.justice import services
    from tests.cases.factories import CaseFactory

    report = services.report_breach(
        CaseFactory(), "contact_ban", timezone.now(), "Appels", source="victim"
    )
    return {"breach_pk": report.pk}


def parquet_request_kwargs() -> dict:
    from egide.justice.models import ParquetRequest
    from tests.cases.factories import CaseFactory
    from tests.factories import MembershipFactory

    case = CaseFactory()
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    parquet_request = ParquetRequest.objects.create(
        case=case,
        court=case.court,
        kind="tgd",
        reasons="Danger grave",
        requested_by=officer.user,
        agency=officer.agency,
    )
    return {"request_pk": parquet_request.pk}


def health_report_kwargs() -> dict:
    from egide.justice import health_reports
    from tests.factories import MembershipFactory, agency_for_role

    from .helpers import acting

    doctor = MembershipFactory(
        role=Role.HEALTH_PROFESSIONAL, agency=agency_for_role(Role.HEALTH_PROFESSIONAL)
    )
    report = health_reports.report_to_procureur(
        acting(doctor),
        victim={"last_name": "Martin", "first_name": "Claire", "birth_date": None},
        perpetrator={"last_name": "", "first_name": "", "birth_date": None},
        life_in_immediate_danger=True,
        under_hold=True,
        consent_attempt="Entretien",
        consent_outcome="refused",
        victim_informed=True,
        findings="Menaces de mort",
    )
    return {"report_pk": report.pk}


def view(name, role, kwargs_factory=case_kwargs, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": role,
        "public": False,
        **extra,
    }


VIEWS = [
    # Procureur, JAF and greffe each see their own court's board; other roles are refused.
    view("justice:deadlines", None, dict),
    view("justice:breaches", Role.PROSECUTOR, dict, territorial=False),
    view("justice:breach_acknowledge", Role.PROSECUTOR, breach_kwargs, method="post"),
    view("justice:health_reports", Role.PROSECUTOR, dict, territorial=False),
    view("justice:health_reports_sent", Role.HEALTH_PROFESSIONAL, dict, territorial=False),
    view("justice:health_report_new", Role.HEALTH_PROFESSIONAL, dict, territorial=False),
    view(
        "justice:health_report_acknowledge",
        Role.PROSECUTOR,
        health_report_kwargs,
        method="post",
    ),
    view("justice:case", Role.PROSECUTOR),
    view("justice:order_request", Role.PROSECUTOR),
    view("justice:hearing_schedule", Role.CLERK),
    view("justice:linked_hearings", Role.CLERK),
    view("justice:family_proceeding", Role.CLERK),
    view("justice:automatic_suspension", Role.PROSECUTOR),
    view("justice:breach_report", Role.PROSECUTOR),
    view("justice:parquet_request", Role.POLICE_OFFICER),
    view(
        "justice:parquet_request_answer",
        Role.PROSECUTOR,
        parquet_request_kwargs,
        method="post",
    ),
    view("justice:order", Role.JUDGE, order_kwargs),
    view("justice:oppi_request", Role.PROSECUTOR, order_kwargs),
    view("justice:order_hearing", Role.CLERK, order_kwargs),
    view("justice:order_decide", Role.JUDGE, order_kwargs),
    view("justice:order_notify", Role.CLERK, order_kwargs),
    view("justice:order_lift", Role.JUDGE, order_kwargs),
    view("justice:immediate_order", Role.JUDGE, oppi_kwargs),
    view("justice:oppi_decide", Role.JUDGE, oppi_kwargs),
    view("justice:oppi_notify", Role.CLERK, oppi_kwargs),
]
