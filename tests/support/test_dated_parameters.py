"""Legal parameters are dated: the latest value started before the date applies."""

from datetime import date
from decimal import Decimal

import pytest

from egide.support.rules import NET_MONTHLY_SMIC, RSA_SINGLE_PERSON, ParameterNotInForce


def test_latest_value_before_the_date_applies():
    assert RSA_SINGLE_PERSON.on(date(2025, 3, 31)).value == Decimal("635.71")
    assert RSA_SINGLE_PERSON.on(date(2025, 4, 1)).value == Decimal("646.52")
    assert NET_MONTHLY_SMIC.on(date(2025, 1, 1)).value == Decimal("1426.30")


def test_every_value_has_a_source():
    for parameter in (RSA_SINGLE_PERSON, NET_MONTHLY_SMIC):
        assert all(value.source for value in parameter.values)


def test_before_the_first_value_is_a_clear_error():
    with pytest.raises(ParameterNotInForce, match="no value before 2023-04-01"):
        RSA_SINGLE_PERSON.on(date(2023, 3, 31))
