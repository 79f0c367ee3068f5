"""A month after a bracelet placement ends its data is archived: the procureur or the JAF of the
court reads it only after stating a reason, the read is flagged to the auditor, and a refused
read (no reason, not yet archived) shows nothing and records nothing."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.monitoring.choices import PRIORITY, IncidentKind, IncidentStatus
from egide.monitoring.models import Event, Incident
from tests.conftest import sign_in
from tests.factories import MembershipFactory
from tests.justice.helpers import court_member

from .helpers import at, ended_placement

pytestmark = pytest.mark.django_db


def archive_url(pairing):
    return reverse("retention:archived_pairing", kwargs={"pairing_pk": pairing.pk})


def flagged_reads(pairing):
    return AuditEntry.objects.filter(
        object_type="devices.pairing", object_id=str(pairing.pk), flagged=True
    )


def test_the_procureur_reads_the_archive_with_a_reason_and_the_auditor_sees_it(sign_in_as):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    client = sign_in_as(court_member(pairing.order.case, Role.PROSECUTOR))
    with time_machine.travel(at("2026-04-15", 9), tick=False):
        form = client.get(archive_url(pairing)).content.decode()
        assert "Motif de la consultation" in form and "pré-alerte → alerte" not in form
        refused = client.post(archive_url(pairing), {"reason": "  "})
        assert refused.status_code == 400 and not flagged_reads(pairing).exists()
        page = client.post(archive_url(pairing), {"reason": "Réquisition du 14/04"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "pré-alerte → alerte" in content and "mesures de distance" in content
    entry = flagged_reads(pairing).get()
    assert (entry.reason, entry.fields) == (
        "Réquisition du 14/04",
        ["distances", "events", "positions"],
    )


def test_before_the_archive_the_page_reads_nothing(sign_in_as):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    client = sign_in_as(court_member(pairing.order.case, Role.JUDGE))
    with time_machine.travel(at("2026-04-14", 23), tick=False):
        page = client.post(archive_url(pairing), {"reason": "Curiosité"})
    assert page.status_code == 400 and "pré-alerte → alerte" not in page.content.decode()
    assert not flagged_reads(pairing).exists()


def test_the_greffe_of_the_court_is_refused_and_nothing_is_recorded(sign_in_as):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    client = sign_in_as(court_member(pairing.order.case, Role.CLERK))
    with time_machine.travel(at("2026-05-01"), tick=False):
        response = client.post(archive_url(pairing), {"reason": "Vérification"})
    assert response.status_code == 404 and "pré-alerte → alerte" not in response.content.decode()
    assert not flagged_reads(pairing).exists()


def test_the_monitoring_console_leaves_an_archived_placement_to_the_archive():
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    incident = Incident.objects.create(
        kind=IncidentKind.ALERT,
        priority=PRIORITY[IncidentKind.ALERT],
        pairing=pairing,
        device=pairing.perpetrator_device,
        case=pairing.order.case,
        occurred_at=at("2026-03-15", 11),
        status=IncidentStatus.CLOSED,
        closed_at=at("2026-03-15", 13),
    )
    Event.objects.filter(pairing_key=f"pairing-{pairing.pk}").update(incident=incident)
    supervisor = MembershipFactory(role=Role.MONITORING_SUPERVISOR)
    page_url = reverse("monitoring:incident", kwargs={"pk": incident.pk})
    map_url = reverse("monitoring:incident_map", kwargs={"pk": incident.pk})
    with time_machine.travel(at("2026-04-14", 23), tick=False):
        client = sign_in(Client(), supervisor)
        before = client.get(page_url).content.decode()
        assert client.get(map_url).status_code == 200
    assert "distance-chart-title" in before and "sont archivés" not in before
    with time_machine.travel(at("2026-04-15", 0), tick=False):
        client = sign_in(Client(), supervisor)
        after = client.get(page_url).content.decode()
        assert client.get(map_url).status_code == 404
    assert "sont archivés" in after and "distance-chart-title" not in after
    assert "data-map-url" not in after


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.JUDGE])
def test_the_pairing_page_links_to_the_archive_for_the_magistrates_once_archived(role):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    magistrate = court_member(pairing.order.case, role)
    page_url = reverse("devices:pairing", kwargs={"pairing_pk": pairing.pk})
    with time_machine.travel(at("2026-04-14", 23), tick=False):
        before = sign_in(Client(), magistrate).get(page_url)
    with time_machine.travel(at("2026-04-15", 9), tick=False):
        after = sign_in(Client(), magistrate).get(page_url)
    assert before.status_code == after.status_code == 200
    assert archive_url(pairing) not in before.content.decode()
    assert f'href="{archive_url(pairing)}"' in after.content.decode()


def test_the_greffe_sees_no_link_to_the_archive(sign_in_as):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    client = sign_in_as(court_member(pairing.order.case, Role.CLERK))
    with time_machine.travel(at("2026-05-01"), tick=False):
        page = client.get(reverse("devices:pairing", kwargs={"pairing_pk": pairing.pk}))
    assert page.status_code == 200 and archive_url(pairing) not in page.content.decode()
