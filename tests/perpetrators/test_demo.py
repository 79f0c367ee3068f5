"""The demo fills the CPCA de l'Eure's home and the Évreux parquet's CPCA reports."""

import pytest
from django.urls import reverse

from egide.accounts.models import Membership
from egide.demo.seed import seed
from egide.perpetrators.demo import populate_programmes
from egide.perpetrators.models import Enrolment, ProgrammeOrder, ProgrammeReport
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_demo_cpca_has_orders_enrolments_sessions_and_reports(client, settings):
    settings.DEMO = True
    context = seed()
    cpca = Membership.objects.get(user__username="cpca")
    home = sign_in(client, cpca).get(reverse("web:home")).content.decode()
    assert "Orientations à inscrire" in home and "En retard" in home
    page = client.get(reverse("perpetrators:programmes")).content.decode()
    assert "Karim" in page  # the "Ne frappez pas" volunteer
    assert Enrolment.objects.filter(cpca=cpca.agency).count() == 3
    waiting = ProgrammeOrder.objects.filter(enrolment__isnull=True)
    # one ordered from the case page, three from the CPCA courses of the criminal demo's decisions
    assert waiting.filter(obligation_reference="").count() == 1
    assert waiting.exclude(obligation_reference="").count() == 3
    prosecutor = Membership.objects.get(user__username="procureur")
    reports = sign_in(client, prosecutor).get(reverse("perpetrators:reports")).content.decode()
    assert "Absent sans justificatif" in reports
    counts = (ProgrammeOrder.objects.count(), ProgrammeReport.objects.count())
    populate_programmes(context)
    assert (ProgrammeOrder.objects.count(), ProgrammeReport.objects.count()) == counts
