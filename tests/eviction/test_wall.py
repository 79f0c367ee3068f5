"""The wall: the housing operator sees its places and the people it houses — never where the
victim lives, her identity, contact or position, the case's narrative, incidents or assessments.
Every operator page and API answer is searched for her data."""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.choices import DisclosureChannel
from egide.cases.models import Incident
from egide.eviction.choices import RequestStatus
from tests.cases.factories import CaseFactory, renamed

from .factories import housing_operator, housing_request, north_of, place, victim_home

pytestmark = pytest.mark.django_db
NARRATIVE = "Récit confidentiel : coups portés dans la cuisine"


@pytest.fixture
def scene():
    """A request for the perpetrator of a case whose file holds all of her data."""
    case = CaseFactory()
    # Names the factories never draw: his name, shown, cannot contain hers, searched for.
    renamed(case.victim, "Zorglubien", "Zéphirine")
    renamed(case.perpetrator, "Valdrague")
    Incident.objects.create(
        case=case,
        occurred_on=datetime.date(2026, 11, 1),
        commune="Évreux",
        disclosure_channel=DisclosureChannel.values[0],
        narrative=NARRATIVE,
    )
    pending = housing_request(case)
    operator = housing_operator(agency=pending.operator)
    home = victim_home(case)
    near = place(operator, at=north_of(home.latitude, home.longitude, 1_500), label="Studio près")
    far = place(operator, label="Studio loin")
    return case, pending, operator, home, near, far


def victim_secrets(case, home) -> list[str]:
    victim, contact = case.victim, case.safe_contact
    return [
        victim.first_name,
        victim.last_name,
        victim.address,
        "rue des Lilas",
        victim.phone,
        contact.phone,
        contact.code_word,
        NARRATIVE,
        case.reference,
        f"{home.latitude:.4f}",
        f"{home.longitude:.4f}",
    ]


def assert_no_victim_data(text: str, case, home):
    text = unescape(text)
    for secret in victim_secrets(case, home):
        assert secret not in text, f"the operator was shown {secret!r}"


def test_the_operator_pages_show_him_and_nothing_of_her(sign_in_as, scene):
    case, pending, operator, home, near, far = scene
    client = sign_in_as(operator)
    pages = [
        client.get(reverse("web:home"), follow=True),
        client.get(reverse("eviction:places")),
        client.get(reverse("eviction:request", args=[pending.pk])),
    ]
    perpetrator = case.perpetrator
    assert perpetrator.last_name in unescape(pages[2].content.decode())
    for page in pages:
        assert page.status_code == 200
        assert_no_victim_data(page.content.decode(), case, home)


def test_a_too_close_answer_on_the_page_reveals_nothing(sign_in_as, scene):
    case, pending, operator, home, near, far = scene
    client = sign_in_as(operator)
    url = reverse("eviction:request_action", args=[pending.pk, "proposer"])
    page = client.post(url, {"place": near.pk}, follow=True)
    text = unescape(page.content.decode())
    assert "trop proche d'un lieu où la victime doit être protégée" in text
    assert_no_victim_data(text, case, home)
    pending.refresh_from_db()
    assert pending.status == RequestStatus.REQUESTED


def test_the_operator_api_shows_him_and_nothing_of_her(sign_in_as, scene):
    case, pending, operator, home, near, far = scene
    client = sign_in_as(operator)
    answers = [
        client.get("/api/v1/eviction/requests"),
        client.get(f"/api/v1/eviction/requests/{pending.pk}"),
        client.get("/api/v1/eviction/places"),
        client.post(
            f"/api/v1/eviction/requests/{pending.pk}/propose",
            {"place_id": near.pk},
            content_type="application/json",
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 422]
    assert answers[0].json()[0]["perpetrator_last_name"] == case.perpetrator.last_name
    assert "trop proche" in answers[3].json()["detail"]
    for answer in answers:
        assert answer["Content-Type"].startswith("application/json")
        assert_no_victim_data(answer.content.decode(), case, home)


def test_the_operator_api_confirms_a_compatible_place(sign_in_as, scene):
    _case, pending, operator, _home, _near, far = scene
    client = sign_in_as(operator)
    base = f"/api/v1/eviction/requests/{pending.pk}"
    proposed = client.post(f"{base}/propose", {"place_id": far.pk}, content_type="application/json")
    assert proposed.json()["status"] == RequestStatus.PROPOSED
    assert client.post(f"{base}/confirm").json()["status"] == RequestStatus.CONFIRMED


def test_the_operator_never_opens_the_case(sign_in_as, scene):
    case, _pending, operator, _home, _near, _far = scene
    client = sign_in_as(operator)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code in (403, 404)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code in (403, 404)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.HOUSING_OPERATOR])
def test_other_roles_get_nothing_from_the_operator_api(sign_in_as, scene, role):
    _case, pending, _operator, _home, _near, far = scene
    client = sign_in_as(role=role)
    assert client.get("/api/v1/eviction/places").json() == []
    assert client.get("/api/v1/eviction/requests").json() == []
    answer = client.post(
        f"/api/v1/eviction/requests/{pending.pk}/propose",
        {"place_id": far.pk},
        content_type="application/json",
    )
    assert answer.status_code in (403, 404)
    pending.refresh_from_db()
    assert pending.status == RequestStatus.REQUESTED


def test_another_operator_does_not_find_the_request(sign_in_as, scene):
    _case, pending, _operator, _home, _near, _far = scene
    client = sign_in_as(housing_operator())
    assert client.get(f"/api/v1/eviction/requests/{pending.pk}").status_code == 404
    assert client.get(reverse("eviction:request", args=[pending.pk])).status_code == 404


def test_the_api_refuses_anonymous_callers(client, scene):
    assert client.get("/api/v1/eviction/requests").status_code == 401
