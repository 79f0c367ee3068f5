"""Opening a case from a complaint: one page; invalid input changes nothing."""

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.cases.models import Case, Incident, Person, TimelineEntry
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def complaint(**overrides) -> dict:
    data = {
        "victim-last_name": "Lefèvre",
        "victim-first_name": "Émilie",
        "victim-birth_date": "1988-04-12",
        "victim-phone": "06 12 34 56 78",
        "victim-address": "4 allée des Tilleuls, 27000 Évreux",
        "safe_contact-phone": "07 11 22 33 44",
        "safe_contact-times_to_call": "en semaine, 9 h – 11 h",
        "safe_contact-never_leave_message": "on",
        "safe_contact-code_word": "Mimosa",
        "perpetrator-last_name": "Martin",
        "perpetrator-first_name": "Julien",
        "perpetrator-birth_date": "1985-09-30",
        "relationship-kind": "married",
        "relationship-separation_in_progress": "on",
        "incident-occurred_on": "2026-01-10",
        "incident-commune": "Évreux",
        "incident-violence_forms": ["physical", "threats"],
        "incident-disclosure_channel": "police_complaint",
        "incident-narrative": "Coups au visage devant les enfants.",
        "incident-children_exposed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def officer(sign_in_as):
    membership = MembershipFactory(role=Role.POLICE_OFFICER)
    return sign_in_as(membership), membership


def test_one_page_opens_the_whole_case(officer):
    client, membership = officer
    response = client.post(reverse("cases:open"), complaint())
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.reference == f"VIF-27-{case.created_at:%Y}-{case.pk:06d}"
    assert case.opening_agency == membership.agency and case.court == membership.agency.court
    assert {person.role for person in case.people.all()} == {"victim", "perpetrator"}
    assert case.relationship.separation_in_progress
    assert case.safe_contact.code_word == "Mimosa"
    assert case.incidents.get().violence_forms == ["physical", "threats"]
    assert case.timeline.filter(kind="incident").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"victim-last_name": ""},
        {"incident-violence_forms": None},
        {"incident-occurred_on": "2999-01-01"},
        {"safe_contact-phone": "appelez-moi"},
        {"perpetrator-birth_date": "", "perpetrator-birth_year": ""},
        {"masking-address_hidden": "on", "masking-election_of_domicile": ""},
        {"relationship-kind": "unknown"},
    ],
)
def test_invalid_input_changes_nothing(officer, overrides):
    client, _membership = officer
    audit_before = AuditEntry.objects.count()
    response = client.post(reverse("cases:open"), complaint(**overrides))
    assert response.status_code == 400
    assert "pas été ouvert" in response.content.decode()
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not Incident.objects.exists() and not TimelineEntry.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_hidden_address_at_opening_requires_an_election(officer):
    client, _membership = officer
    data = complaint(
        **{
            "masking-address_hidden": "on",
            "masking-address_hidden_basis": "victim_request",
            "masking-election_of_domicile": "CIDFF de l'Eure, 1 rue Chartraine, Évreux",
        }
    )
    client.post(reverse("cases:open"), data)
    assert Case.objects.get().address_hidden


def test_opening_is_audited_with_field_names(officer):
    client, _membership = officer
    client.post(reverse("cases:open"), complaint())
    entry = AuditEntry.objects.get(action=Action.CREATE, object_type="cases.case")
    assert "victim.address" in entry.fields and "safe_contact.code_word" in entry.fields
    assert "Mimosa" not in str(entry.fields)


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.ISCG_SOCIAL_WORKER, Role.CPCA_WORKER])
def test_only_police_open_cases(sign_in_as, role):
    client = sign_in_as(role=role)
    assert client.post(reverse("cases:open"), complaint()).status_code == 403
    assert not Case.objects.exists()


def test_inline_check_names_each_wrong_field_and_stores_nothing(officer):
    client, _membership = officer
    data = complaint(**{"safe_contact-phone": "appelez-moi", "incident-occurred_on": "2999-01-01"})
    response = client.post(reverse("cases:open_check"), data)
    errors = response.json()["errors"]
    assert set(errors) == {"safe_contact-phone", "incident-occurred_on"}
    assert "06 12 34 56 78" in errors["safe_contact-phone"][0]
    assert "futur" in errors["incident-occurred_on"][0]
    assert not Case.objects.exists() and not Person.objects.exists()


def test_inline_check_of_a_valid_complaint_reports_no_error(officer):
    client, _membership = officer
    assert client.post(reverse("cases:open_check"), complaint()).json() == {"errors": {}}
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.CPCA_WORKER])
def test_only_police_use_the_inline_check(sign_in_as, role):
    client = sign_in_as(role=role)
    assert client.post(reverse("cases:open_check"), complaint()).status_code == 403
