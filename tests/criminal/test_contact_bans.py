"""A contact ban of a judicial supervision or a probation counts wherever the platform asks for
"a judicial contact ban": the TGD's conditions (CPP 41-3-1) and the measures in force."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.cases.protection import has_protection_measure
from egide.devices import services as device_services
from egide.errors import RuleError
from egide.perpetrators.index import measures_in_force
from tests.cases.factories import CaseFactory
from tests.devices.helpers import grant, stock
from tests.justice.helpers import court_member

from .helpers import CARE, CONTACT_BAN, prosecutor, supervised_case

pytestmark = pytest.mark.django_db


def test_a_tgd_is_granted_on_the_supervision_contact_ban_when_no_other_basis_is_stated():
    case = supervised_case(obligations=[CONTACT_BAN])
    assignment = device_services.grant_alarm_phone(
        prosecutor(case), case, stock(), grant(contact_ban_basis="")
    )
    assert assignment.contact_ban_basis == "judicial_supervision"


def test_without_a_criminal_contact_ban_the_tgd_still_needs_a_basis():
    case = supervised_case(obligations=[CARE])
    with pytest.raises(RuleError):
        device_services.grant_alarm_phone(
            prosecutor(case), case, stock(), grant(contact_ban_basis="")
        )


def test_a_ban_that_has_ended_no_longer_counts():
    yesterday = timezone.localdate() - timedelta(days=1)
    case = supervised_case(
        obligations=[CONTACT_BAN], starts_on=yesterday - timedelta(days=5), ends_on=yesterday
    )
    assert measures_in_force(case) == ()
    assert not has_protection_measure(case)


def test_the_ban_shows_in_the_measures_in_force_and_protects_the_case():
    case = supervised_case(obligations=[CONTACT_BAN])
    assert any("interdiction de contact (CPP art. 138 9°" in m for m in measures_in_force(case))
    assert has_protection_measure(case)
    assert not has_protection_measure(CaseFactory())


def test_the_tgd_form_offers_the_criminal_ban_as_its_basis(sign_in_as):
    case = supervised_case(obligations=[CONTACT_BAN])
    page = sign_in_as(court_member(case, Role.PROSECUTOR)).get(
        reverse("devices:phone_grant", kwargs={"pk": case.pk})
    )
    assert page.context["form"].initial["contact_ban_basis"] == "judicial_supervision"
    assert "Interdiction de contact en vigueur" in page.content.decode()
