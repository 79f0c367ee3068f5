"""Who reads a hospital's support case and the evidence it keeps, role by role,
before and after her complaint: the roles table of docs/architecture.md (health professional:
"cases its structure opened or was referred"; police: "cases of their unit"; parquet: "cases of
their court")."""

import datetime

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.cases.models import EvidenceRecord
from tests.cases.factories import SupportCaseFactory
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory, agency_for_role

pytestmark = pytest.mark.django_db
WHAT = "Prélèvements sous scellés, flacon 27-B"
WHERE = "Congélateur de l'UMJ, tiroir 4"


@pytest.fixture
def hospital_case():
    hospital = AgencyFactory(kind=AgencyKind.HOSPITAL, name="Centre hospitalier")
    doctor = MembershipFactory(role=Role.HEALTH_PROFESSIONAL, agency=hospital)
    case = SupportCaseFactory(opening_agency=hospital)
    today = datetime.date.today()
    EvidenceRecord.objects.create(
        case=case,
        kind="samples",
        examined_on=today,
        description=WHAT,
        storage_place=WHERE,
        keep_until=today + datetime.timedelta(days=60),
        keeper=hospital,
        recorded_by=doctor.user,
    )
    return case, doctor


def member_of(role, case, unit):
    """Each role in its usual agency of the case's département and court; the police officer in
    the unit that later takes her complaint, court roles in the case's court."""
    if role == Role.POLICE_OFFICER:
        return MembershipFactory(role=role, agency=unit)
    if role in (Role.PROSECUTOR, Role.JUDGE, Role.CLERK):
        return MembershipFactory(role=role, agency=unit.court)
    return MembershipFactory(role=role, agency=agency_for_role(role))


def reads(client, membership, case) -> tuple[bool, bool]:
    sign_in(client, membership)
    detail = client.get(reverse("cases:detail", args=[case.pk]))
    evidence = client.get(reverse("cases:evidence", args=[case.pk]))
    text = evidence.content.decode() if evidence.status_code == 200 else ""
    return detail.status_code == 200, WHAT in text or WHERE in text


@pytest.mark.parametrize("role", sorted(set(Role.values) - {Role.HEALTH_PROFESSIONAL}))
def test_before_her_complaint_only_the_hospital_reads_the_case_and_its_evidence(
    client, hospital_case, role
):
    case, doctor = hospital_case
    unit = AgencyFactory()
    assert reads(client, doctor, case) == (True, True)
    assert reads(client, member_of(role, case, unit), case) == (False, False)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.POLICE_OFFICER, (True, True)),
        (Role.PROSECUTOR, (True, True)),
        (Role.JUDGE, (True, False)),
        (Role.CLERK, (True, False)),
        (Role.SOCIAL_REFERENT, (False, False)),
        (Role.ISCG_SOCIAL_WORKER, (False, False)),
        (Role.CPCA_WORKER, (False, False)),
        (Role.PROBATION_OFFICER, (False, False)),
        (Role.HELPLINE_LISTENER, (False, False)),
        (Role.MONITORING_OPERATOR, (False, False)),
    ],
)
def test_once_she_files_police_and_parquet_read_the_evidence(client, hospital_case, role, expected):
    case, _doctor = hospital_case
    unit = AgencyFactory()
    case.complaint_filed, case.complaint_unit, case.court = True, unit, unit.court
    case.save()
    assert reads(client, member_of(role, case, unit), case) == expected
