"""Evidence kept without a complaint: recorded by the hospital, encrypted at
rest, read by police and parquet only once she files or the procureur is seized, and announced
to its keeper before the retention date lapses."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from huey.contrib.djhuey import HUEY

from egide.accounts.roles import AgencyKind, Role
from egide.cases import perms
from egide.cases.models import EvidenceRecord
from egide.cases.tasks import evidence_retention_reminders, send_retention_reminders
from tests.factories import AgencyFactory, MembershipFactory

from .factories import SupportCaseFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def doctor():
    hospital = AgencyFactory(kind=AgencyKind.HOSPITAL, name="Centre hospitalier d'Évreux")
    return MembershipFactory(role=Role.HEALTH_PROFESSIONAL, agency=hospital, user__email="dr@h.fr")


def certificate(**overrides) -> dict:
    data = {
        "kind": "medical_certificate",
        "examined_on": "2026-03-01",
        "description": "Certificat descriptif des lésions, ecchymoses au bras gauche",
        "itt_days": "5",
        "storage_place": "UMJ, armoire forte n° 3",
        "keep_until": "2026-03-20",
    }
    data.update(overrides)
    return data


def kept(case, doctor, kind: str, description: str, storage_place: str, *, days: int):
    """Evidence the doctor's structure keeps for `case` until `days` from today."""
    return EvidenceRecord.objects.create(
        case=case,
        kind=kind,
        examined_on=TODAY,
        description=description,
        storage_place=storage_place,
        keep_until=TODAY + datetime.timedelta(days=days),
        keeper=doctor.agency,
        recorded_by=doctor.user,
    )


def test_the_hospital_records_the_examination_encrypted_at_rest(sign_in_as, client, doctor):
    case = SupportCaseFactory(opening_agency=doctor.agency)
    sign_in_as(doctor)
    response = client.post(reverse("cases:evidence", args=[case.pk]), certificate())
    assert response.status_code == 302
    evidence = EvidenceRecord.objects.get()
    assert (evidence.itt_days, evidence.keeper) == (5, doctor.agency)
    with connection.cursor() as cursor:
        cursor.execute("SELECT description, storage_place FROM cases_evidencerecord")
        stored = " ".join(cursor.fetchone())
    assert "ecchymoses" not in stored and "armoire" not in stored
    page = client.get(reverse("cases:evidence", args=[case.pk])).content.decode()
    assert "armoire forte" in page


def test_bad_evidence_is_refused_with_a_clear_error(sign_in_as, client, doctor):
    case = SupportCaseFactory(opening_agency=doctor.agency)
    sign_in_as(doctor)
    photos = certificate(kind="photographs", keep_until="2026-02-01")
    response = client.post(reverse("cases:evidence", args=[case.pk]), photos)
    page = response.content.decode()
    assert response.status_code == 400
    assert "certificat médical seulement" in page and "déjà passée" in page
    assert not EvidenceRecord.objects.exists()


def test_police_and_parquet_read_it_only_after_her_complaint(doctor):
    case = SupportCaseFactory(opening_agency=doctor.agency)
    kept(case, doctor, "samples", "Prélèvements", "Laboratoire", days=90)
    officer = MembershipFactory(role=Role.POLICE_OFFICER)
    case.complaint_filed, case.complaint_unit = False, officer.agency
    case.save()
    # Even a unit that reaches the file sees nothing until she has filed or the parquet acts.
    assert not perms.visible_evidence(officer, case).exists()
    case.complaint_filed, case.court = True, officer.agency.court
    case.save()
    assert perms.visible_evidence(officer, case).count() == 1
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    assert not perms.visible_evidence(referent, case).exists()


def test_the_keeper_is_reminded_once_before_the_retention_date(doctor):
    case = SupportCaseFactory(opening_agency=doctor.agency)
    kept(case, doctor, "photographs", "Photographies", "Serveur de l'UMJ", days=20)
    assert send_retention_reminders(timezone.now()) == 1
    assert send_retention_reminders(timezone.now()) == 0
    message = mail.outbox[0]
    assert message.to == ["dr@h.fr"] and case.reference in message.body
    assert "Serveur" not in message.body


def test_the_job_queue_runs_the_reminder_every_hour_and_it_reaches_the_keeper_only(doctor):
    # What `egide run_huey` does as it starts: load every app's tasks.py, periodic jobs included.
    autodiscover_modules("tasks")
    start = datetime.datetime(2026, 3, 2, 0, 0, tzinfo=datetime.UTC)
    for hour in range(24):
        due = HUEY.read_periodic(start + datetime.timedelta(hours=hour))
        assert any(isinstance(task, evidence_retention_reminders.task_class) for task in due)
    case = SupportCaseFactory(opening_agency=doctor.agency)
    kept(case, doctor, "samples", "Prélèvements", "Congélateur de l'UMJ", days=60)
    other_hospital = MembershipFactory(
        role=Role.HEALTH_PROFESSIONAL, agency=AgencyFactory(kind=AgencyKind.HOSPITAL)
    )
    colleague = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=doctor.agency)
    evidence_retention_reminders.call_local()
    assert mail.outbox == []  # two months ahead: not yet
    with time_machine.travel(datetime.datetime(2026, 4, 2, 10, tzinfo=datetime.UTC), tick=False):
        evidence_retention_reminders.call_local()
        evidence_retention_reminders.call_local()
    [reminder] = mail.outbox
    assert reminder.to == ["dr@h.fr"]
    assert other_hospital.user.email not in reminder.to and colleague.user.email not in reminder.to
    assert case.reference in reminder.body and "01/05/2026" in reminder.body
    assert "Congélateur" not in reminder.body and "Prélèvements" not in reminder.body
