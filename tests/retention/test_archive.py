"""A month after a bracelet placement ends its data is archived: the procureur or the JAF of the
court reads it only after stating a reason, the read is flagged to the auditor, and a refused
read (no reason, not yet archived) shows nothing and records nothing."""

import pytest
import time_machine
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
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
        assert "Motif de la consultation" in form and "zone.enter" not in form
        refused = client.post(archive_url(pairing), {"reason": "  "})
        assert refused.status_code == 400 and not flagged_reads(pairing).exists()
        page = client.post(archive_url(pairing), {"reason": "Réquisition du 14/04"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "zone.enter" in content and "mesures de distance" in content
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
    assert page.status_code == 400 and "zone.enter" not in page.content.decode()
    assert not flagged_reads(pairing).exists()


def test_the_greffe_of_the_court_is_refused_and_nothing_is_recorded(sign_in_as):
    pairing = ended_placement(at("2026-01-10"), at("2026-03-15"))
    client = sign_in_as(court_member(pairing.order.case, Role.CLERK))
    with time_machine.travel(at("2026-05-01"), tick=False):
        response = client.post(archive_url(pairing), {"reason": "Vérification"})
    assert response.status_code == 404 and "zone.enter" not in response.content.decode()
    assert not flagged_reads(pairing).exists()
