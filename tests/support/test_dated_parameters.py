"""Legal parameters are dated data: the latest value started on or before the date applies, and a
platform administrator records new ones (with their source, audited) without a code release."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.support import aid
from egide.support.models import ParameterValue
from egide.support.rules import (
    NET_MONTHLY_SMIC,
    RSA_SINGLE_PERSON,
    ParameterNotInForce,
    value_on,
)

pytestmark = pytest.mark.django_db


def test_latest_value_before_the_date_applies():
    assert value_on(RSA_SINGLE_PERSON, date(2025, 3, 31)).value == Decimal("635.71")
    assert value_on(RSA_SINGLE_PERSON, date(2025, 4, 1)).value == Decimal("646.52")
    assert value_on(NET_MONTHLY_SMIC, date(2025, 1, 1)).value == Decimal("1426.30")


def test_the_net_smic_of_1_january_2026_is_recorded():
    smic = value_on(NET_MONTHLY_SMIC, date(2026, 1, 1))
    assert (smic.value, smic.valid_from) == (Decimal("1443.11"), date(2026, 1, 1))


def test_every_value_has_a_source():
    assert ParameterValue.objects.count() >= 7
    assert not ParameterValue.objects.filter(source="").exists()


def test_before_the_first_value_is_a_clear_error():
    with pytest.raises(ParameterNotInForce, match="no value before 2023-04-01"):
        value_on(RSA_SINGLE_PERSON, date(2023, 3, 31))


def test_estimates_after_april_2026_warn_until_the_rsa_is_recorded():
    assert aid.estimate(Decimal("0"), 0, date(2026, 3, 31)).warnings == []
    warned = aid.estimate(Decimal("0"), 0, date(2026, 5, 1))
    assert len(warned.warnings) == 1 and "RSA" in warned.warnings[0]
    ParameterValue.objects.create(
        parameter=RSA_SINGLE_PERSON,
        valid_from=date(2026, 4, 1),
        value=Decimal("652.34"),
        source="test",
    )
    recorded = aid.estimate(Decimal("0"), 0, date(2026, 5, 1))
    assert recorded.warnings == [] and recorded.amount == Decimal("652.34")


def add_url(parameter=RSA_SINGLE_PERSON):
    return reverse("support:parameter_add", args=[parameter])


def test_the_administrator_records_a_value_with_its_source_and_it_is_audited(sign_in_as):
    client = sign_in_as(role=Role.PLATFORM_ADMIN)
    page = client.get(reverse("support:parameters"))
    assert "1443.11" in page.content.decode() or "1443,11" in page.content.decode()
    response = client.post(
        add_url(),
        {
            "valid_from": "2026-04-01",
            "value": "652.34",
            "source": "Décret n° 2026-xxx, revalorisation du 1er avril 2026",
            "source_url": "https://www.legifrance.gouv.fr/",
        },
    )
    assert response.status_code == 302
    value = ParameterValue.objects.get(parameter=RSA_SINGLE_PERSON, valid_from=date(2026, 4, 1))
    assert value.recorded_by is not None and value.source_url
    assert value_on(RSA_SINGLE_PERSON, date(2026, 6, 1)).value == Decimal("652.34")
    entry = AuditEntry.objects.get(action=Action.ADMIN, object_id=str(value.pk))
    assert entry.object_type == "support.parametervalue"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"valid_from": "2025-04-01", "value": "650.00"}, "déjà enregistrée"),
        ({"valid_from": "2026-04-01", "value": "0"}, "supérieur à 0"),
        ({"valid_from": "2026-04-01", "value": "-12.5"}, "supérieur à 0"),
        ({"valid_from": "32/13/2026", "value": "650"}, "date"),
    ],
)
def test_a_duplicate_start_or_a_value_not_above_zero_is_refused_and_nothing_changes(
    sign_in_as, data, message
):
    client = sign_in_as(role=Role.PLATFORM_ADMIN)
    before = list(ParameterValue.objects.values_list("parameter", "valid_from", "value"))
    audited = AuditEntry.objects.filter(action=Action.ADMIN).count()
    response = client.post(add_url(), {"source": "JO", **data})
    assert response.status_code == 400
    assert message in response.content.decode().lower() or message in response.content.decode()
    assert list(ParameterValue.objects.values_list("parameter", "valid_from", "value")) == before
    assert AuditEntry.objects.filter(action=Action.ADMIN).count() == audited


def test_an_unknown_parameter_is_not_found(sign_in_as):
    client = sign_in_as(role=Role.PLATFORM_ADMIN)
    assert client.get(add_url("tva")).status_code == 404


def test_only_the_administrator_sees_the_menu_entry(sign_in_as, client):
    url = reverse("support:parameters")
    assert url in sign_in_as(role=Role.PLATFORM_ADMIN).get(reverse("web:home")).content.decode()
    client.logout()
    assert url not in sign_in_as(role=Role.AID_AGENT).get(reverse("web:home")).content.decode()
