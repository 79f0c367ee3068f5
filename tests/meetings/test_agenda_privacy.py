"""Each representative sees, of a case on the agenda, only what their role may read of it on the
platform; the others see its reference, its danger level and why it is listed, and the actions
they own. Each role's page is searched for the victim's name, address, phone and narrative."""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.audit.models import AuditEntry
from egide.cases.choices import DisclosureChannel, ShareScope
from egide.cases.models import Incident
from tests.cases.factories import CaseFactory, renamed
from tests.cases.sharing_helpers import referral_for
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory

from .factories import action, high_danger_case, listed, meeting, member, organiser, unit_officer

pytestmark = pytest.mark.django_db

NARRATIVE = "Il l'a menacée avec un couteau dans la cuisine"
REASON = "Menaces de mort répétées depuis la séparation"


@pytest.fixture
def agenda():
    """A meeting chaired by the procureur of the case's court, the case on its agenda."""
    case = high_danger_case()
    # A name no other person or word of the page can hold by chance (the factories draw names),
    # and a phone of her own (the factories give him the same one).
    victim = case.victim
    victim.phone = "06 48 15 16 23"
    renamed(victim, "Vasseur-Quintard")
    Incident.objects.create(
        case=case,
        occurred_on=datetime.date(2026, 3, 2),
        commune="Évreux",
        disclosure_channel=DisclosureChannel.POLICE_COMPLAINT,
        narrative=NARRATIVE,
    )
    chair = organiser(court=case.court)
    planned = meeting(chair)
    listed(planned, case, reason=REASON)
    return planned, case


def secrets(case) -> dict[str, str]:
    victim = case.victim
    return {
        "name": victim.last_name,
        "address": "rue des Lilas",
        "phone": victim.phone,
        "narrative": NARRATIVE,
    }


def page_of(client, membership, planned) -> str:
    sign_in(client, membership)
    response = client.get(reverse("meetings:detail", args=[planned.pk]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def seen(page, case) -> set[str]:
    """The kinds of secret found in the page, whatever their case (names show in capitals)."""
    page = page.casefold()
    return {kind for kind, value in secrets(case).items() if value.casefold() in page}


def test_the_unit_officer_and_the_chairing_procureur_read_the_whole_summary(client, agenda):
    planned, case = agenda
    officer = unit_officer(case)
    planned.members.create(membership=officer)
    for membership in (officer, planned.organiser):
        page = page_of(client, membership, planned)
        assert seen(page, case) == {"name", "address", "phone", "narrative"}
        assert case.get_absolute_url() in page


def test_a_social_referent_with_the_support_plan_sees_her_name_and_phone_only(client, agenda):
    planned, case = agenda
    cidff = AgencyFactory(kind=AgencyKind.ASSOCIATION)
    referral_for(case, cidff, Role.SOCIAL_REFERENT, scope=ShareScope.SUPPORT_PLAN)
    referent = member(planned, Role.SOCIAL_REFERENT, cidff)

    page = page_of(client, referent, planned)

    assert seen(page, case) == {"name", "phone"}


@pytest.mark.parametrize(
    "role",
    [
        Role.PROBATION_OFFICER,
        Role.MONITORING_OPERATOR,
        Role.MONITORING_SUPERVISOR,
        Role.SHELTER_MANAGER,
        Role.HOUSING_OPERATOR,
        Role.HEALTH_PROFESSIONAL,
        Role.SOCIAL_REFERENT,
        Role.POLICE_OFFICER,  # another unit of the département
    ],
)
def test_a_member_who_may_not_open_the_case_sees_a_pseudonymous_line(client, agenda, role):
    planned, case = agenda
    representative = member(planned, role)

    page = page_of(client, representative, planned)

    assert seen(page, case) == set()
    assert case.reference in page
    assert "Niveau de danger : Élevé" in page
    assert REASON in page
    assert case.get_absolute_url() not in page


def test_a_member_without_access_sees_their_own_action_and_no_one_elses(client, agenda):
    planned, case = agenda
    spip = member(planned, Role.PROBATION_OFFICER)
    referent = member(planned, Role.SOCIAL_REFERENT)
    action(planned, case, spip, description="Rappeler l'interdiction de contact")
    action(planned, case, referent, description="Proposer un accompagnement juridique")

    page = page_of(client, spip, planned)

    assert "Rappeler l'interdiction de contact" in page
    assert "Proposer un accompagnement juridique" not in page
    assert "Proposer un accompagnement juridique" in page_of(client, planned.organiser, planned)


def test_a_hidden_address_reaches_only_the_unit_and_the_procureur(client):
    case = CaseFactory(hidden=True)
    planned = meeting(organiser(court=case.court))
    listed(planned, case)
    cidff = AgencyFactory(kind=AgencyKind.ASSOCIATION)
    referral_for(case, cidff, Role.SOCIAL_REFERENT)
    referent = member(planned, Role.SOCIAL_REFERENT, cidff)

    page = page_of(client, referent, planned)

    assert "rue des Lilas" not in page
    assert "Chez Maître Dupuis" in page
    assert "rue des Lilas" in page_of(client, planned.organiser, planned)


def test_each_summary_shown_is_audited_with_its_fields_and_pseudonymous_lines_are_not(
    client, agenda
):
    planned, case = agenda
    spip = member(planned, Role.PROBATION_OFFICER)
    page_of(client, spip, planned)
    assert not AuditEntry.objects.filter(object_id=str(case.pk), action="read").exists()

    page_of(client, planned.organiser, planned)
    entry = AuditEntry.objects.get(object_id=str(case.pk), action="read")
    assert entry.actor == planned.organiser.user
    assert {"victim.last_name", "victim.address", "incident.narrative"} <= set(entry.fields)


def test_an_uninvited_member_of_the_departement_does_not_see_the_meeting(client, agenda):
    planned, _case = agenda
    sign_in(client, MembershipFactory(role=Role.PROBATION_OFFICER))
    assert client.get(reverse("meetings:detail", args=[planned.pk])).status_code == 404
    assert str(planned) not in client.get(reverse("meetings:list")).content.decode()
