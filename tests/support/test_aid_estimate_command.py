"""`egide aid estimate` prints one JSON object; bad input exits non-zero and prints nothing.

It reads the dated parameters from the database, as the web pages do: here the test database,
whose committed rows (transactional test) the command's own process sees."""

import json
import os
import subprocess
import sys

import pytest

from ..subprocesses import database_url

EGIDE = "from egide.cli import main; main()"

pytestmark = pytest.mark.django_db(transaction=True)


def egide(*args):
    return subprocess.run(
        [sys.executable, "-c", EGIDE, "aid", "estimate", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": database_url()},
    )


def test_prints_the_amount_form_and_parameters():
    result = egide("--resources", "800", "--children", "0", "--on", "2025-11-15")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["amount_eur"] == 517.22
    assert output["form"] == "grant"
    assert output["parameters"]["rsa_single_person"]["eur"] == "646.52"
    assert output["parameters"]["net_monthly_smic"]["eur"] == "1426.30"
    assert output["parameters"]["reduction"] == "0.20"
    assert output["parameters"]["sources"]


def test_loan_with_three_children_and_a_french_decimal_comma():
    result = egide("--resources", "4707,00", "--children", "3", "--on", "2025-11-15")
    output = json.loads(result.stdout)
    assert (output["amount_eur"], output["form"]) == (568.94, "loan")


@pytest.mark.parametrize(
    "args",
    [
        ("--resources", "beaucoup", "--on", "2025-11-15"),
        ("--resources", "-5", "--on", "2025-11-15"),
        ("--resources", "800", "--on", "15/11/2025"),
        ("--resources", "800", "--children", "-1", "--on", "2025-11-15"),
        ("--resources", "800", "--on", "2023-06-01"),
    ],
)
def test_bad_input_is_a_clear_error(args):
    result = egide(*args)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "--" in result.stderr or "2023-12-01" in result.stderr


def test_reads_the_parameters_the_administrator_recorded():
    from datetime import date
    from decimal import Decimal

    from egide.support.models import ParameterValue

    before = json.loads(egide("--resources", "0", "--on", "2026-06-01").stdout)
    assert before["amount_eur"] == 646.52
    assert len(before["warnings"]) == 1
    ParameterValue.objects.create(
        parameter="rsa_single_person",
        valid_from=date(2026, 4, 1),
        value=Decimal("652.34"),
        source="revalorisation du 1er avril 2026",
    )
    after = json.loads(egide("--resources", "0", "--on", "2026-06-01").stdout)
    assert (after["amount_eur"], after["warnings"]) == (652.34, [])
    assert after["parameters"]["net_monthly_smic"]["eur"] == "1443.11"


def test_a_database_never_migrated_is_named_as_the_cause(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", EGIDE, "aid", "estimate", "--resources", "800"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"},
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert "a new database needs `egide migrate` first" in result.stderr
