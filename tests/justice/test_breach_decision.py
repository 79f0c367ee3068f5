"""The procureur's "take into account" of a breach records the decision taken."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.justice import services
from egide.justice.choices import BreachKind, BreachSource
from tests.cases.factories import CaseFactory

from .helpers import court_member

pytestmark = pytest.mark.django_db
API = "/api/v1/justice"


@pytest.fixture
def breach():
    return services.report_breach(
        CaseFactory(), BreachKind.CONTACT_BAN, timezone.now(), "Appels", source=BreachSource.VICTIM
    )


def test_a_bare_click_is_refused_and_the_decision_is_recorded(sign_in_as, breach):
    client = sign_in_as(court_member(breach.case, Role.PROSECUTOR))
    url = reverse("justice:breach_acknowledge", args=[breach.pk])
    refused = client.post(url)
    assert refused.status_code == 400
    breach.refresh_from_db()
    assert breach.acknowledged_at is None
    decided = client.post(
        url, {"outcome": "custody", "details": "Patrouille envoyée au domicile de l'auteur"}
    )
    assert decided.status_code == 302
    breach.refresh_from_db()
    assert breach.acknowledged_at is not None and breach.outcome == "custody"
    inbox = html.unescape(client.get(reverse("justice:breaches")).content.decode())
    assert "Décision prise :</strong> Interpellation et garde à vue demandées" in inbox
    assert "Patrouille envoyée au domicile de l'auteur" in inbox


def test_the_api_asks_for_the_outcome(sign_in_as, breach):
    client = sign_in_as(court_member(breach.case, Role.PROSECUTOR))
    url = f"{API}/breaches/{breach.pk}/acknowledgement"
    assert client.post(url, {}, content_type="application/json").status_code == 422
    breach.refresh_from_db()
    assert breach.acknowledged_at is None
    done = client.post(url, {"outcome": "prosecution"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["outcome"] == "prosecution"
