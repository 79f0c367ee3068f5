"""The demo's case files: about sixty, idempotent, with the situations the demo has to show."""

import pytest
from django.db.models import F
from django.utils import timezone
from faker import Faker

from egide.accounts.roles import Role
from egide.cases import demo, perms
from egide.cases.matching import known_perpetrator_cases
from egide.cases.models import Case, Referral
from egide.demo.people import seed_accounts
from egide.demo.seed import DemoContext
from egide.demo.territory import seed_agencies

pytestmark = pytest.mark.django_db


def demo_context() -> DemoContext:
    faker = Faker("fr_FR")
    faker.seed_instance(1)
    agencies = seed_agencies()
    return DemoContext(agencies, seed_accounts(agencies, faker), faker)


def test_demo_cases_are_created_once_and_show_every_situation():
    context = demo_context()
    demo.populate(context)
    demo.populate(context)
    assert Case.objects.filter(opened_as="complaint").count() == demo.CASE_COUNT
    assert Case.objects.filter(address_hidden=True).exists()
    assert Referral.objects.filter(to_agency=context.agencies["cidff_eure"]).exists()
    procureur = context.member(Role.PROSECUTOR, "tj_evreux")
    first = Case.objects.filter(opening_agency=context.agencies["police_evreux"]).earliest("id")
    assert known_perpetrator_cases(first, procureur)
    assert not known_perpetrator_cases(first, context.member(Role.POLICE_OFFICER, "police_evreux"))


def test_no_demo_case_is_closed_in_the_future():
    demo.populate(demo_context())
    closed = Case.objects.filter(closed_at__isnull=False)
    assert closed.exists()
    assert not closed.filter(closed_at__gt=timezone.now()).exists()
    assert not closed.filter(closed_at__lt=F("created_at")).exists()


def test_the_demo_shows_a_cidff_support_case_and_a_hospitals_evidence_without_complaint():
    context = demo_context()
    demo.populate(context)
    demo.populate(context)
    cidff = Case.objects.get(opening_agency=context.agencies["cidff_eure"])
    hospital = Case.objects.get(opening_agency=context.agencies["hospital_evreux"])
    assert not cidff.complaint_filed and not hospital.complaint_filed
    referent = context.member(Role.SOCIAL_REFERENT, "cidff_eure")
    doctor = context.member(Role.HEALTH_PROFESSIONAL, "hospital_evreux")
    officer = context.member(Role.POLICE_OFFICER, "police_evreux")
    assert perms.can_edit_case(referent, cidff)
    assert perms.visible_evidence(doctor, hospital).count() == 3
    assert not perms.visible_cases(officer).filter(pk__in=[cidff.pk, hospital.pk]).exists()
