"""Demo of the perpetrators domain. Idempotent.

- The national index: the man of the Évreux demo cases (Jérôme Lefèbvre) recorded again in
  Caen, names inverted and without accents, so the Caen officer ("policier.caen") sees "Auteur
  connu ailleurs" and which Eure unit to call.
- The CPCA de l'Eure ("cpca"): programmes ordered by the Évreux parquet and JAF, one followed for
  a month with an unexcused absence reported to the parquet (unread on its home), one whose
  absence report is overdue, one order waiting for enrolment, and the "Ne frappez pas" caller
  enrolled as a volunteer; sessions ahead for all.
"""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases import services as case_services
from egide.cases.choices import PersonRole, RelationshipKind
from egide.cases.models import Case, Person, Relationship, SafeContact
from egide.cases.search_keys import name_key
from egide.helpline.models import CpcaHandover

from . import programmes
from .choices import Attendance, LegalBasis, ModuleKind, SessionKind
from .models import ProgrammeOrder

UNIT = "police_caen"
COURT = "tj_evreux"
CPCA = "cpca_eure"


def populate(context) -> None:
    populate_index(context)
    populate_programmes(context)


def populate_index(context) -> None:
    perpetrators = Person.objects.filter(role=PersonRole.PERPETRATOR)
    original = perpetrators.filter(
        last_name_key=name_key("Lefèbvre"), first_name_key=name_key("Jérôme")
    ).first()
    caen = context.agencies[UNIT]
    inverted = perpetrators.filter(case__opening_agency=caen, last_name_key=name_key("Jerome"))
    if original is None or inverted.exists():
        return
    officer = context.acting(Role.POLICE_OFFICER, UNIT)
    case = case_services.open_case(officer, masking={})
    Person.objects.create(
        case=case,
        role=PersonRole.VICTIM,
        last_name=context.faker.last_name(),
        first_name=context.faker.first_name_female(),
    )
    Person.objects.create(
        case=case,
        role=PersonRole.PERPETRATOR,
        last_name="JEROME",
        first_name="LEFEBVRE",
        birth_date=original.birth_date,
    )
    Relationship.objects.create(case=case, kind=RelationshipKind.EX_PARTNER)
    SafeContact.objects.create(case=case, phone="06 27 14 14 27")


def _ago(days: int, hour: int = 14):
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _order(actor, context, case, basis, days_ago):
    return programmes.order_programme(
        actor,
        person=case.people.filter(role=PersonRole.PERPETRATOR).first(),
        case=case,
        cpca=context.agencies[CPCA],
        ordering_agency=context.agencies[COURT],
        basis=basis,
        ordered_on=timezone.localdate() - timedelta(days=days_ago),
    )


def _sessions(cpca, enrolment, plan):
    """(module, kind, days ago — negative ahead, attendance or "") for each session."""
    for module, kind, days_ago, attendance in plan:
        session = programmes.plan_session(
            cpca, enrolment, module=module, kind=kind, starts_at=_ago(days_ago)
        )
        if attendance:
            programmes.record_attendance(cpca, session, attendance)


def populate_programmes(context) -> None:
    if ProgrammeOrder.objects.filter(cpca=context.agencies[CPCA]).exists():
        return
    cases = Case.objects.filter(
        court=context.agencies[COURT], people__role=PersonRole.PERPETRATOR
    ).distinct()
    cases = list(cases.order_by("pk")[:3])
    if len(cases) < 3:
        return
    prosecutor = context.acting(Role.PROSECUTOR, COURT)
    judge = context.acting(Role.JUDGE, COURT)
    cpca = context.acting(Role.CPCA_WORKER, CPCA)
    today = timezone.localdate()

    course = _order(prosecutor, context, cases[0], LegalBasis.ALTERNATIVE_COURSE, 40)
    followed = programmes.enrol_ordered(
        cpca, course, enrolled_on=today - timedelta(days=35), phone="06 52 18 44 90"
    )
    core, course_kind, group = (
        ModuleKind.CORE,
        SessionKind.RESPONSIBILITY_COURSE,
        SessionKind.TALK_GROUP,
    )
    _sessions(
        cpca,
        followed,
        [
            (core, course_kind, 28, Attendance.PRESENT),
            (core, group, 21, Attendance.EXCUSED),
            (core, group, 14, Attendance.UNEXCUSED),
            (core, group, 7, Attendance.PRESENT),
            (core, group, -3, ""),
        ],
    )
    absence = followed.reports.get()
    programmes.send_report(
        cpca,
        absence,
        note="Absent sans justificatif au groupe de parole ; revenu à la séance suivante.",
    )

    probation = _order(judge, context, cases[1], LegalBasis.PROBATION, 20)
    late = programmes.enrol_ordered(cpca, probation, enrolled_on=today - timedelta(days=15))
    programmes.plan_modules(cpca, late, [ModuleKind.PSYCHO_MEDICAL])
    _sessions(
        cpca,
        late,
        [
            (core, course_kind, 8, Attendance.UNEXCUSED),
            (ModuleKind.PSYCHO_MEDICAL, SessionKind.INDIVIDUAL, -2, ""),
        ],
    )

    _order(prosecutor, context, cases[2], LegalBasis.ALTERNATIVE_CARE, 3)

    handover = CpcaHandover.objects.filter(cpca=context.agencies[CPCA]).first()
    if handover is not None:
        volunteer = programmes.enrol_volunteer(
            cpca,
            first_name=handover.first_name,
            phone=handover.phone,
            handover=handover,
            enrolled_on=today - timedelta(days=5),
        )
        _sessions(cpca, volunteer, [(core, SessionKind.INDIVIDUAL, -4, "")])
