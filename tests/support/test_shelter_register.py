"""The shelters' register: the platform administrator registers a shelter and names its operator;
the operator's managers keep its details, address included. The address is confidential: only
those managers ever see it again. Bad input is refused with a clear error and changes nothing."""

import html

import pytest
from django.urls import reverse

from egide.accounts.roles import AgencyKind, Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.support.choices import AllocationStatus, ShelterKind
from egide.support.models import Shelter
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory, agency_for_role

from .factories import allocation, shelter, shelter_manager

pytestmark = pytest.mark.django_db

ADDRESS = "12 rue de la Harpe, 27000 Évreux"
NEW_ADDRESS = "3 rue Victor Hugo, 27400 Louviers"
ADD_URL = reverse("support:shelter_register_add")
REGISTER_URL = reverse("support:shelter_register")


def text(response) -> str:
    return html.unescape(response.content.decode())


def registration(operator, **overrides) -> dict:
    data = {
        "operator": operator.pk,
        "name": "Maison Simone Veil",
        "kind": ShelterKind.EMERGENCY,
        "departement": "27",
        "capacity": "10",
        "accessible": "on",
        "accepts_children": "on",
        "address": ADDRESS,
    }
    data.update(overrides)
    return data


@pytest.fixture
def as_admin(sign_in_as):
    return sign_in_as(role=Role.PLATFORM_ADMIN)


@pytest.fixture
def operator():
    return AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR, departement="27", name="Abri 27")


def test_the_administrator_registers_a_shelter_and_names_its_operator(as_admin, operator):
    response = as_admin.post(ADD_URL, registration(operator), follow=True)
    home = Shelter.objects.get()
    assert (home.operator, home.name, home.kind) == (operator, "Maison Simone Veil", "emergency")
    assert (home.departement, home.capacity, home.accessible) == ("27", 10, True)
    assert home.address == ADDRESS and home.latitude is not None  # located for the evictions
    page = text(response)
    assert "L'hébergement est enregistré." in page and "Maison Simone Veil" in page
    assert "rue de la Harpe" not in page
    entry = AuditEntry.objects.get(action=Action.ADMIN, object_id=str(home.pk))
    assert entry.reason == "shelter.create" and "address" in entry.fields
    assert "Harpe" not in str(entry.fields)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"capacity": "-1"}, "supérieure ou égale à 0"),
        ({"departement": "99"}, "Ce code de département n'existe pas."),
        ({"name": "résidence olympe"}, "Un hébergement de ce département porte déjà ce nom."),
        ({"address": "quelque part"}, "Adresse introuvable"),
        ({"capacity": ""}, "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_refused_clearly_and_registers_nothing(as_admin, operator, change, error):
    shelter(operator=operator, name="Résidence Olympe")
    response = as_admin.post(ADD_URL, registration(operator, **change))
    assert response.status_code == 400
    assert error in text(response)
    assert Shelter.objects.count() == 1
    assert not AuditEntry.objects.filter(action=Action.ADMIN).exists()


def test_only_an_active_shelter_operator_may_run_a_shelter(as_admin):
    cidff = AgencyFactory(kind=AgencyKind.ASSOCIATION, departement="27")
    closed = AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR, is_active=False)
    for agency in (cidff, closed):
        assert as_admin.post(ADD_URL, registration(agency)).status_code == 400
    assert not Shelter.objects.exists()


def test_a_shelter_keeps_its_operator_once_that_operator_is_closed(as_admin, operator):
    home = shelter(operator=operator, address=ADDRESS)
    operator.is_active = False
    operator.save()
    data = registration(operator, name=home.name, capacity="6")
    del data["address"]
    as_admin.post(reverse("support:shelter_register_edit", args=[home.pk]), data)
    home.refresh_from_db()
    assert (home.operator, home.capacity) == (operator, 6)


def test_the_same_name_is_free_in_another_departement(as_admin, operator):
    shelter(operator=operator, name="Maison Simone Veil", departement="76")
    as_admin.post(ADD_URL, registration(operator))
    assert Shelter.objects.filter(name="Maison Simone Veil").count() == 2


def test_the_administrator_corrects_a_registration_without_reading_the_address(as_admin, operator):
    home = shelter(operator=operator, address=ADDRESS)
    url = reverse("support:shelter_register_edit", args=[home.pk])
    form = text(as_admin.get(url))
    assert home.name in form and "rue de la Harpe" not in form
    assert "rue de la Harpe" not in text(as_admin.get(REGISTER_URL))
    data = registration(operator, name=home.name, kind=ShelterKind.INTEGRATION, capacity="7")
    del data["address"], data["accessible"]
    assert as_admin.post(url, data).status_code == 302
    home.refresh_from_db()
    assert (home.kind, home.capacity, home.address) == ("integration", 7, ADDRESS)
    entry = AuditEntry.objects.get(action=Action.ADMIN, object_id=str(home.pk))
    assert entry.reason == "shelter.update" and set(entry.fields) == {"kind", "capacity"}


def test_the_register_lists_the_departements_shelters(as_admin):
    evreux = shelter(name="Résidence de l'Iton", departement="27")
    rouen = shelter(name="Résidence de la Seine", departement="76")
    page = text(as_admin.get(REGISTER_URL, {"departement": "27"}))
    assert evreux.name in page and rouen.name not in page
    assert evreux.operator.name in page


def test_the_manager_edits_their_shelters_details_address_included(sign_in_as):
    manager = shelter_manager()
    home = shelter(operator=manager.agency, address=ADDRESS, capacity=4)
    client = sign_in_as(manager)
    url = reverse("support:shelter_edit", args=[home.pk])
    assert "rue de la Harpe" in text(client.get(url))
    assert AuditEntry.objects.filter(
        action=Action.READ, object_id=str(home.pk), fields=["address"]
    ).exists()
    data = {"name": "Les Tilleuls", "capacity": "6", "accepts_children": "on"}
    response = client.post(url, {**data, "address": NEW_ADDRESS}, follow=True)
    assert "L'hébergement est mis à jour." in text(response)
    home.refresh_from_db()
    assert (home.name, home.capacity, home.accessible) == ("Les Tilleuls", 6, False)
    assert home.address == NEW_ADDRESS and float(home.longitude) > 1.1  # Louviers, not Évreux
    assert home.operator == manager.agency and home.departement == "27"


def test_a_manager_never_sets_fewer_places_than_those_held(sign_in_as):
    manager = shelter_manager()
    home = shelter(operator=manager.agency, address=ADDRESS, capacity=4)
    allocation(home, adults=1, children=2, status=AllocationStatus.ACCEPTED)
    client = sign_in_as(manager)
    url = reverse("support:shelter_edit", args=[home.pk])
    data = {"name": home.name, "capacity": "2", "address": ADDRESS}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "3 places sont occupées ou réservées" in text(response)
    home.refresh_from_db()
    assert home.capacity == 4


def test_a_manager_cannot_edit_another_operators_shelter(sign_in_as):
    other = shelter(address=ADDRESS, capacity=4)
    client = sign_in_as(shelter_manager())
    url = reverse("support:shelter_edit", args=[other.pk])
    assert client.get(url).status_code == 404
    data = {"name": "Pris", "capacity": "9", "address": NEW_ADDRESS}
    assert client.post(url, data).status_code == 404
    other.refresh_from_db()
    assert (other.name, other.capacity, other.address) != ("Pris", 9, NEW_ADDRESS)


def test_those_who_ask_for_a_place_never_see_the_address(sign_in_as):
    home = shelter(address=ADDRESS)
    officer = MembershipFactory(
        role=Role.POLICE_OFFICER, agency=agency_for_role(Role.POLICE_OFFICER, "27")
    )
    case = CaseFactory(opening_agency=officer.agency)
    page = sign_in_as(officer).get(reverse("support:places_request", args=[case.pk]))
    assert home.name in text(page)
    assert "rue de la Harpe" not in text(page)


def test_the_administrators_menu_leads_to_the_register(as_admin):
    menu = as_admin.get(reverse("web:home"), follow=True).context["main_menu"]
    assert REGISTER_URL in [link.url for link in menu]
