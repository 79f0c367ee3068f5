"""The home page: requests to place for the operator; waiting and confirmed ones for the court;
the menu leads each to its page."""

from html import unescape

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.closing import closing_blockers
from egide.eviction.choices import RequestStatus
from tests.justice.helpers import court_member

from .factories import housing_operator, housing_request

pytestmark = pytest.mark.django_db


def test_the_operator_home_lists_the_people_to_house(sign_in_as):
    pending = housing_request()
    page = sign_in_as(housing_operator(agency=pending.operator)).get(reverse("web:home"))
    text = unescape(page.content.decode())
    assert "Auteurs évincés à héberger" in text
    assert reverse("eviction:request", args=[pending.pk]) in text
    assert reverse("eviction:places") in text


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.JUDGE])
def test_the_court_home_lists_its_waiting_and_confirmed_requests(sign_in_as, role):
    waiting = housing_request()
    departed = housing_request(status=RequestStatus.WITHDRAWN)
    departed.court = waiting.court
    departed.save()
    page = sign_in_as(court_member(waiting.case, role)).get(reverse("web:home"))
    text = unescape(page.content.decode())
    assert waiting.case.reference in text
    assert departed.case.reference not in text
    assert reverse("eviction:court_requests") in text


def test_an_open_housing_request_blocks_closing_the_case():
    pending = housing_request()
    blockers = " ".join(str(reason) for reason in closing_blockers(pending.case))
    assert "hébergement de l'auteur évincé" in blockers
