"""The perpetrator programmes' views, for the cross-domain "anonymous and outsiders are refused"
test. Orders, enrolments and reports belong to département 27's court and CPCA: a CPCA or a court
elsewhere is an outsider."""

from egide.accounts.roles import Role


def view(name, role, kwargs_factory=dict, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": role,
        "public": False,
        **extra,
    }


def order_kwargs() -> dict:
    from .helpers import ordered

    return {"order_pk": ordered().order.pk}


def enrolment_kwargs() -> dict:
    from .helpers import enrolled

    return {"enrolment_pk": enrolled()[1].pk}


def session_kwargs() -> dict:
    from .helpers import enrolled, past_session

    programme, enrolment = enrolled()
    return {"session_pk": past_session(programme, enrolment).pk}


def _absence_report():
    from egide.perpetrators import programmes
    from tests.factories import acting

    from .helpers import enrolled, past_session

    programme, enrolment = enrolled()
    session = past_session(programme, enrolment)
    programmes.record_attendance(acting(programme.cpca), session, "unexcused")
    return programme, session.report


def report_kwargs() -> dict:
    return {"report_pk": _absence_report()[1].pk}


def sent_report_kwargs() -> dict:
    from egide.perpetrators import programmes
    from tests.factories import acting

    programme, report = _absence_report()
    programmes.send_report(acting(programme.cpca), report, note="Absent")
    return {"report_pk": report.pk}


def case_kwargs() -> dict:
    from .helpers import victim_case

    return {"case_pk": victim_case().pk}


ORDERING = (Role.JUDGE, Role.PROBATION_OFFICER)

VIEWS = [
    view("perpetrators:programmes", Role.CPCA_WORKER, territorial=False),
    view("perpetrators:enrol_volunteer", Role.CPCA_WORKER, territorial=False),
    view("perpetrators:enrol_order", Role.CPCA_WORKER, order_kwargs),
    view("perpetrators:enrolment", Role.CPCA_WORKER, enrolment_kwargs),
    view("perpetrators:modules", Role.CPCA_WORKER, enrolment_kwargs),
    view("perpetrators:plan_session", Role.CPCA_WORKER, enrolment_kwargs),
    view("perpetrators:end_enrolment", Role.CPCA_WORKER, enrolment_kwargs),
    view("perpetrators:attendance", Role.CPCA_WORKER, session_kwargs, method="post"),
    view("perpetrators:send_report", Role.CPCA_WORKER, report_kwargs),
    view(
        "perpetrators:order_programme",
        Role.PROSECUTOR,
        case_kwargs,
        also_allowed=(Role.JUDGE,),
    ),
    view("perpetrators:reports", Role.PROSECUTOR, also_allowed=ORDERING, territorial=False),
    view(
        "perpetrators:acknowledge_report",
        Role.PROSECUTOR,
        sent_report_kwargs,
        also_allowed=ORDERING,
        method="post",
    ),
]
