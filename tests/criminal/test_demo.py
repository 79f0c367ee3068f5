"""The demo's SPIP follows three people of the Eure, with obligations and a release coming;
seeded once."""

import pytest
from django.urls import reverse

from egide.accounts.models import Membership
from egide.accounts.roles import Role
from egide.criminal.models import FollowUp, Obligation, Release, Stage
from egide.demo.seed import seed
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Stage, Obligation, FollowUp, Release)]


def test_the_demo_spip_follows_people_with_obligations_and_a_release(client):
    seed()
    first = counts()
    seed()
    assert counts() == first
    spip = Membership.objects.get(user__username="spip", role=Role.PROBATION_OFFICER)
    assert FollowUp.objects.filter(service=spip.agency).count() == 3
    assert Release.objects.filter(kind="end_of_sentence").exists()
    assert Obligation.objects.filter(kind="cpca_course").count() == 3
    page = sign_in(client, spip).get(reverse("criminal:followed")).content.decode()
    assert "CPP art. 138 9°" in page
