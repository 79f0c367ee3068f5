"""The 3919 and "Ne frappez pas" door: anonymous call records, hand-overs only with consent."""

import datetime

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases import perms as case_perms
from egide.cases.models import Case, Person
from egide.errors import RuleError
from egide.helpline import perms, services
from egide.helpline.models import CpcaHandover, PerpetratorCall, VictimCall
from tests.cases.factories import CaseFactory, PersonFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory, agency_for_role
from tests.justice.helpers import acting

from .helpers import cidff, cpca, handover_data, listener, victim_call

pytestmark = pytest.mark.django_db
BORN = datetime.date(1990, 5, 4)


def test_a_call_record_stores_no_identity():
    call = victim_call()
    identifying = {"name", "last_name", "first_name", "phone", "email", "address"}
    fields = {field.name for field in VictimCall._meta.get_fields()}
    assert not fields & identifying
    assert call.referral is None


def test_a_warm_referral_opens_a_case_at_the_cidff_and_its_social_referent_sees_it():
    member = listener()
    structure = cidff()
    call = victim_call(member)
    referral = services.hand_over(acting(member), call, **handover_data(structure))
    case = referral.case
    assert case.opening_agency == structure
    assert case.victim.first_name == "Inès"
    assert case.safe_contact.phone == "06 12 34 56 78"
    assert referral.consent.recorded_agency == member.agency
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=structure)
    assert case_perms.can_view_case(referent, case)
    assert case_perms.can_see_contact(referent, case)
    assert not case_perms.can_view_case(member, case)
    other_cidff = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff())
    assert not case_perms.can_view_case(other_cidff, case)


def test_a_warm_referral_is_a_support_case_she_has_not_filed_a_complaint():
    """The caller confided in the helpline: the structure accompanies her; nothing says she went
    to the police, and evidence kept for her stays withheld until she does."""
    member = listener()
    call = victim_call(member)
    referral = services.hand_over(acting(member), call, **handover_data(cidff()))
    case = Case.objects.get(pk=referral.case.pk)
    assert case.is_support_case
    assert not case.complaint_filed
    assert not case.evidence_disclosed


def test_without_her_consent_nothing_is_stored():
    member = listener()
    call = victim_call(member)
    with pytest.raises(RuleError):
        services.hand_over(acting(member), call, **{**handover_data(cidff()), "consent": False})
    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_a_structure_of_another_departement_is_refused():
    member = listener()
    call = victim_call(member)
    with pytest.raises(RuleError):
        services.hand_over(acting(member), call, **handover_data(cidff("76")))
    assert not Case.objects.exists()


def test_the_referral_joins_the_case_the_structure_already_holds_for_her():
    structure = cidff()
    existing = CaseFactory(opening_agency=structure, people=False)
    PersonFactory(
        case=existing, role="victim", last_name="Lefevre", first_name="Ines", birth_date=BORN
    )
    member = listener()
    referral = services.hand_over(
        acting(member),
        victim_call(member),
        **handover_data(structure, last_name="Lefèvre", first_name="Inès", birth_date=BORN),
    )
    assert referral.case == existing
    assert Case.objects.count() == 1


def test_a_call_is_handed_over_once():
    member = listener()
    call = victim_call(member)
    services.hand_over(acting(member), call, **handover_data(cidff()))
    with pytest.raises(RuleError):
        services.hand_over(acting(member), call, **handover_data(cidff()))


def test_perpetrator_line_calls_are_kept_apart_and_the_cpca_sees_only_its_own():
    member = listener()
    mine, other = cpca(), cpca()
    services.record_perpetrator_call(
        acting(member),
        departement="27",
        caller="relative",
        violence_forms=["physical"],
        orientation="cpca",
        handover={"cpca": mine, "first_name": "Marc", "phone": "0600000000", "times_to_call": ""},
    )
    assert not VictimCall.objects.exists()
    assert PerpetratorCall.objects.count() == 1
    worker = MembershipFactory(role=Role.CPCA_WORKER, agency=mine)
    assert perms.visible_cpca_handovers(worker).count() == 1
    elsewhere = MembershipFactory(role=Role.CPCA_WORKER, agency=other)
    assert not perms.visible_cpca_handovers(elsewhere).exists()
    assert not case_perms.visible_cases(worker).exists()
    assert CpcaHandover._meta.db_table != VictimCall._meta.db_table


def test_listener_records_a_call_and_hands_her_over_on_the_pages(client):
    member = listener()
    structure = cidff()
    sign_in(client, member)
    response = client.post(
        reverse("helpline:victim_call"),
        {
            "departement": "27",
            "violence_forms": ["physical"],
            "danger": "grave",
            "orientation": "local_structure",
        },
    )
    assert response.status_code == 302
    call = VictimCall.objects.get()
    url = reverse("helpline:handover", args=[call.pk])
    data = {
        "structure": structure.pk,
        "last_name": "Petit",
        "first_name": "Nora",
        "phone": "0611111111",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Sans son accord" in response.content.decode()
    assert not Case.objects.exists()
    assert client.post(url, {**data, "consent": "on"}).status_code == 302
    page = client.get(reverse("helpline:calls")).content.decode()
    assert structure.name in page
    assert "Nora" not in page


def test_other_roles_see_no_call_record():
    victim_call()
    for role in (Role.POLICE_OFFICER, Role.ANALYST, Role.SOCIAL_REFERENT, Role.CPCA_WORKER):
        member = MembershipFactory(role=role, agency=agency_for_role(role))
        assert not perms.visible_victim_calls(member).exists()
        assert not perms.visible_perpetrator_calls(member).exists()
