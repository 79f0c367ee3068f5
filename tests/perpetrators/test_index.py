"""The national perpetrator index: "known elsewhere" at the point of decision, without the other
victim's identity, address or narrative; each look-up audited and told to the other file's owner."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.cases.choices import PersonRole
from egide.cases.models import Incident
from egide.justice.choices import MeasureKind, OrderStatus
from egide.justice.models import ProtectionOrder
from egide.perpetrators.evaluation import generate_pairs, measure
from egide.perpetrators.index import known_elsewhere, measures_in_force
from egide.perpetrators.models import IndexLookup
from tests.cases.factories import CaseFactory, PersonFactory
from tests.conftest import sign_in
from tests.devices.helpers import active_pairing
from tests.factories import AgencyFactory, MembershipFactory
from tests.justice.helpers import acting, order_in_force

pytestmark = pytest.mark.django_db
BORN = datetime.date(1979, 6, 21)
# The first victim's names, searched for in the second case's pages: names the factories never
# draw, so that the second case's own people cannot carry them by chance.
FIRST_VICTIM_LAST_NAME, FIRST_VICTIM_FIRST_NAME = "Zorglubien", "Zéphirine"


def case_with_perpetrator(departement, last, first, born, **case):
    agency = AgencyFactory(departement=departement)
    current = CaseFactory(opening_agency=agency, **case)
    current.people.filter(role=PersonRole.PERPETRATOR).delete()
    PersonFactory(
        case=current, role=PersonRole.PERPETRATOR, last_name=last, first_name=first, birth_date=born
    )
    return current


def first_and_second():
    """A man known in the Eure (27) with an OP and a contact ban, then recorded in the Calvados
    (14) with his names inverted, no accents and the day and month of his birth inverted."""
    first = case_with_perpetrator("27", "Lefèbvre", "Jérôme", BORN)
    victim = first.victim
    victim.last_name, victim.first_name = FIRST_VICTIM_LAST_NAME, FIRST_VICTIM_FIRST_NAME
    victim.address = "4 impasse des Glycines, Évreux"
    victim.save()
    Incident.objects.create(
        case=first,
        occurred_on=datetime.date(2026, 1, 3),
        commune="Évreux",
        disclosure_channel="police_complaint",
        narrative="Il l'a étranglée dans la cuisine",
    )
    order_in_force(first)
    second = case_with_perpetrator("14", "JEROME", "LEFEBVRE", datetime.date(1979, 6, 21))
    return first, second


def officer_of(case):
    return MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)


def test_an_officer_elsewhere_sees_known_elsewhere_without_the_first_victim(client):
    first, second = first_and_second()
    victim = first.victim
    sign_in(client, officer_of(second))
    page = client.get(reverse("cases:detail", args=[second.pk])).content.decode()
    printout = client.get(reverse("cases:print", args=[second.pk])).content.decode()
    api = client.get(f"/api/v1/cases/{second.pk}").json()
    for shown in (page, printout):
        assert "Auteur connu ailleurs" in shown
        assert first.opening_agency.name in shown
        assert "département 27" in shown
    assert api["known_elsewhere"][0]["agency"] == first.opening_agency.name
    assert api["known_elsewhere"][0]["departement"] == "27"
    assert MeasureKind.CONTACT_BAN.label in api["known_elsewhere"][0]["measures"]
    for shown in (page, printout, str(api)):
        assert victim.last_name not in shown and victim.first_name not in shown
        assert "Glycines" not in shown
        assert "étranglée" not in shown
        assert first.reference not in shown


def test_each_lookup_is_audited_and_told_to_the_other_owner(client):
    first, second = first_and_second()
    officer = officer_of(second)
    assert len(known_elsewhere(acting(officer), second)) == 1
    lookup = IndexLookup.objects.get()
    assert lookup.matched_case == first and lookup.agency == officer.agency
    assert AuditEntry.objects.filter(object_id=str(first.pk)).exists()
    sign_in(client, officer_of(first))
    home = client.get(reverse("web:home")).content.decode()
    assert "Auteurs de vos dossiers connus ailleurs" in home
    assert officer.agency.name in home and first.reference in home


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_REFERENT, Role.ISCG_SOCIAL_WORKER, Role.CLERK, Role.HEALTH_PROFESSIONAL]
)
def test_roles_that_do_not_decide_get_no_signal(role):
    _first, second = first_and_second()
    member = MembershipFactory(role=role)
    assert known_elsewhere(acting(member), second) == []
    assert not IndexLookup.objects.exists()


def test_a_homonym_born_another_day_is_not_signalled():
    case_with_perpetrator("27", "Lefèbvre", "Jérôme", datetime.date(1985, 2, 10))
    second = case_with_perpetrator("14", "Lefebvre", "Jerome", BORN)
    assert known_elsewhere(acting(officer_of(second)), second) == []


def test_matching_precision_and_recall_floors_on_a_generated_set():
    figures = measure(generate_pairs(1000, seed=3))
    assert figures["precision"] >= 0.99
    assert figures["recall"] >= 0.97


def test_a_withdrawn_order_is_not_a_measure_in_force():
    first, _second = first_and_second()
    ProtectionOrder.objects.filter(case=first).update(
        status=OrderStatus.LIFTED, ends_at=timezone.now()
    )
    assert measures_in_force(first) == ()


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (Role.PROSECUTOR, "justice:case"),
        (Role.PROSECUTOR, "justice:order_request"),
        (Role.PROSECUTOR, "devices:phone_grant"),
        (Role.JUDGE, "justice:case"),
    ],
)
def test_the_parquet_and_the_jaf_see_it_on_their_decision_pages(client, role, url_name):
    first, second = first_and_second()
    sign_in(client, MembershipFactory(role=role, agency=second.court))
    page = client.get(reverse(url_name, args=[second.pk])).content.decode()
    assert "Auteur connu ailleurs" in page and first.opening_agency.name in page
    assert FIRST_VICTIM_LAST_NAME not in page and first.reference not in page


def test_the_owner_is_told_once_a_day_while_every_page_view_is_audited(client):
    first, second = first_and_second()
    officer = officer_of(second)
    url = reverse("cases:detail", args=[second.pk])
    paris = datetime.timezone(datetime.timedelta(hours=1))

    def view_at(hour, day=2):
        clock.move_to(datetime.datetime(2026, 3, day, hour, 30, tzinfo=paris))
        client.logout()  # a new session each time: the idle limit would end the old one
        sign_in(client, officer)
        response = client.get(url)
        assert response.status_code == 200, response.get("Location")

    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=paris), tick=False) as clock:
        view_at(9)
        view_at(23)
        assert IndexLookup.objects.count() == 1
        view_at(0, day=3)
    assert IndexLookup.objects.count() == 2
    reads = AuditEntry.objects.filter(object_id=str(first.pk), fields=["perpetrator_index"])
    assert reads.count() == 3


def test_the_monitoring_supervisor_sees_it_on_the_pairings_without_the_first_victim(client):
    first, _second = first_and_second()
    pairing = active_pairing()
    watched = pairing.order.case
    watched.people.filter(role=PersonRole.PERPETRATOR).delete()
    PersonFactory(
        case=watched,
        role=PersonRole.PERPETRATOR,
        last_name="Lefebvre",
        first_name="Jerome",
        birth_date=BORN,
    )
    sign_in(client, MembershipFactory(role=Role.MONITORING_SUPERVISOR))
    page = client.get(reverse("devices:pairings")).content.decode()
    assert watched.reference in page
    assert "Auteur connu ailleurs" in page and first.opening_agency.name in page
    assert "département 27" in page
    hidden_values = (FIRST_VICTIM_LAST_NAME, FIRST_VICTIM_FIRST_NAME, "Glycines", "étranglée")
    for hidden in (*hidden_values, first.reference):
        assert hidden not in page
    assert IndexLookup.objects.filter(from_case=watched, matched_case=first).exists()
    # The operator handles alerts; deciding on the perpetrator is not hers.
    client.logout()
    sign_in(client, MembershipFactory(role=Role.MONITORING_OPERATOR))
    page = client.get(reverse("devices:pairings")).content.decode()
    assert watched.reference in page and "Auteur connu ailleurs" not in page
