"""The administrator creates and edits agencies with their kind, département and court."""

from django.urls import reverse

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.factories import AgencyFactory, TribunalFactory


def test_create_an_agency_in_a_court_jurisdiction(as_platform_admin):
    tribunal = TribunalFactory(departement="2A")
    data = {"name": "Brigade de Sartène", "kind": AgencyKind.GENDARMERIE, "departement": "2a"}
    response = as_platform_admin.post(
        reverse("accounts:agency_create"), {**data, "court": tribunal.pk, "is_active": "on"}
    )
    assert response.url == reverse("accounts:agencies")
    agency = Agency.objects.get(name="Brigade de Sartène")
    assert (agency.departement, agency.court) == ("2A", tribunal)
    assert AuditEntry.objects.filter(action=Action.ADMIN, reason="agency.create").exists()


def test_an_unknown_departement_is_refused(as_platform_admin):
    data = {"name": "Brigade", "kind": AgencyKind.GENDARMERIE, "departement": "20"}
    response = as_platform_admin.post(reverse("accounts:agency_create"), data)
    assert "Ce code de département n&#x27;existe pas." in response.content.decode()
    assert not Agency.objects.filter(name="Brigade").exists()


def test_a_tribunal_has_no_court_above_it(as_platform_admin):
    other = TribunalFactory()
    data = {"name": "TJ", "kind": AgencyKind.TRIBUNAL, "departement": "27", "court": other.pk}
    response = as_platform_admin.post(reverse("accounts:agency_create"), data)
    assert response.status_code == 200
    assert not Agency.objects.filter(name="TJ").exists()


def test_edit_and_deactivate_an_agency(as_platform_admin):
    agency = AgencyFactory()
    data = {"name": agency.name, "kind": agency.kind, "departement": "27", "court": ""}
    as_platform_admin.post(reverse("accounts:agency_edit", args=[agency.pk]), data)
    agency.refresh_from_db()
    assert not agency.is_active
    entry = AuditEntry.objects.get(reason="agency.update")
    assert set(entry.fields) == {"court", "is_active"}
