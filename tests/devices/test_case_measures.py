"""The case page says which measures are in place, each in words."""

import pytest
from django.urls import reverse

from egide.devices import services
from tests.cases.factories import CaseFactory
from tests.justice.helpers import court_of

from .helpers import active_pairing, stock
from .test_alarm_phones import grant

pytestmark = pytest.mark.django_db


def measures_panel(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    start = page.index("Mesures actives")
    return page[start : page.index("</div>", start)]


def test_the_case_page_names_the_order_the_phone_and_the_bracelet(sign_in_as):
    case = active_pairing().order.case
    court = court_of(case)
    client = sign_in_as(court.prosecutor.membership)
    panel = measures_panel(client, case)
    assert "Une ordonnance de protection est en cours." in panel
    assert "Un bracelet anti-rapprochement est actif." in panel
    assert "téléphone grave danger" not in panel
    assert "Aucune mesure de protection active." not in panel

    services.grant_alarm_phone(court.prosecutor, case, stock(), grant())
    panel = measures_panel(client, case)
    assert "Un téléphone grave danger est attribué." in panel
    assert "Un bracelet anti-rapprochement est actif." in panel


def test_a_case_without_a_measure_says_so(sign_in_as):
    case = CaseFactory()
    panel = measures_panel(sign_in_as(court_of(case).prosecutor.membership), case)
    assert "Aucune mesure de protection active." in panel
    assert 'id="in-progress"' not in panel
