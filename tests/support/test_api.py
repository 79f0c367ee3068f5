"""The support and directory API: the same querysets and rules as the pages."""

import pytest

from egide.accounts.roles import Role
from egide.directory.demo import populate

from .factories import aid_request, caf_agent

pytestmark = pytest.mark.django_db


def test_a_caf_agent_lists_its_aid_requests(sign_in_as):
    agent = caf_agent()
    mine, _other = aid_request(caisse=agent.agency), aid_request()
    response = sign_in_as(agent).get("/api/v1/support/aid-requests")
    assert [row["id"] for row in response.json()] == [mine.pk]


def test_estimate_and_bad_input(sign_in_as):
    client = sign_in_as(role=Role.AID_AGENT)
    url = "/api/v1/support/aid-estimate"
    ok = client.get(url, {"resources": "800", "on": "2025-11-15"}).json()
    assert (ok["amount_eur"], ok["form"]) == (517.22, "grant")
    assert client.get(url, {"resources": "800", "on": "2023-01-01"}).status_code == 400


def test_nearby_structures(sign_in_as):
    populate()
    client = sign_in_as(role=Role.SOCIAL_REFERENT)
    found = client.get("/api/v1/directory/nearby", {"q": "27200"}).json()
    assert found[0]["commune"] == "Vernon"
    assert client.get("/api/v1/directory/nearby", {"q": "Atlantis"}).status_code == 404


def test_anonymous_is_refused(client):
    assert client.get("/api/v1/support/aid-requests").status_code in (302, 401, 403)
