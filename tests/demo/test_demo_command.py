import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.models import Agency, Membership, User
from egide.accounts.roles import AgencyKind, Role
from egide.assessment import services
from egide.assessment.models import Assessment
from egide.cases.models import Case, Person
from egide.cases.perms import visible_cases
from egide.demo.people import ACCOUNTS, DEMO_PASSWORD
from egide.justice.models import ProtectionOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_settings(settings):
    settings.DEMO = True
    return settings


def counts():
    return [model.objects.count() for model in (Agency, User, Membership, TOTPDevice)]


def test_demo_twice_does_not_duplicate(demo_settings):
    call_command("demo", "--no-serve", stdout=StringIO())
    first = counts()
    call_command("demo", "--no-serve", stdout=StringIO())
    assert counts() == first


def test_demo_creates_a_user_per_role_who_can_sign_in(demo_settings, capsys):
    call_command("demo", "--no-serve")
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    user = User.objects.get(username=ACCOUNTS[0].username)
    assert user.check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in capsys.readouterr().out


def test_demo_has_every_agency_kind_and_a_second_departement(demo_settings):
    call_command("demo", "--no-serve", stdout=StringIO())
    assert set(Agency.objects.values_list("kind", flat=True)) == set(AgencyKind.values)
    assert Agency.objects.filter(departement="14").exists()


def test_demo_code_prints_the_current_six_digit_code(demo_settings, capsys):
    call_command("demo", "--no-serve")
    capsys.readouterr()
    call_command("demo", "code", "procureur")
    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", code)
    device = TOTPDevice.objects.get(user__username="procureur")
    assert device.verify_token(code)


def test_demo_refuses_to_run_outside_the_demo(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="EGIDE_DEMO=1"):
        call_command("demo", "--no-serve")


def test_demo_orders_are_decided_after_their_hearing_and_addresses_are_in_the_eure(demo_settings):
    call_command("demo", "--no-serve", stdout=StringIO())
    decided = ProtectionOrder.objects.filter(decided_at__isnull=False)
    assert decided.exists()
    for order in decided:
        assert order.hearing_set_at <= order.hearing_at <= order.decided_at
        assert order.decided_at <= order.decision_due_at
    addresses = [p.address for p in Person.objects.exclude(address="")]
    assert addresses and all(re.search(r", 27\d{3} ", address) for address in addresses)


def test_demo_cases_carry_danger_assessments_and_a_high_danger_case_awaits_a_measure(
    demo_settings,
):
    call_command("demo", "--no-serve", stdout=StringIO())
    levels = set(Assessment.objects.values_list("instrument_id", "computed_level"))
    assert {("lap-lethality-screen", "high"), ("fr-police-grid", "high")} <= levels
    assert ("safelives-dash", "standard") in levels
    officer = Membership.objects.get(user__username="policier", role=Role.POLICE_OFFICER)
    waiting = services.high_danger_without_protection(visible_cases(officer))
    assert waiting.filter(assessments__instrument_id="fr-police-grid").exists()
    bracelet_cases = Case.objects.filter(bracelet_orders__isnull=False)
    assert bracelet_cases.filter(assessments__computed_level="high").exists()


def test_the_account_list_names_each_account_once_and_explains_the_role_switch(
    demo_settings, capsys
):
    call_command("demo", "--no-serve")
    lines = capsys.readouterr().out.splitlines()
    named = [line for line in lines if line.strip().startswith("referent ")]
    assert len(named) == 1
    assert any("same account, second role" in line for line in lines)
    assert any("Changer de rôle" in line for line in lines)


def test_make_demo_code_answers_without_django_and_the_code_is_accepted(demo_settings):
    import os
    import subprocess
    import sys

    call_command("demo", "--no-serve", stdout=StringIO())
    probe = (
        "import sys; from egide.demo.totp import main; main(['procureur']); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    env = {**os.environ, "EGIDE_SECRET_KEY": demo_settings.SECRET_KEY}
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert re.fullmatch(r"\d{6}", out)
    assert TOTPDevice.objects.get(user__username="procureur").verify_token(out)


def test_make_demo_takes_a_port_and_install_needs_no_node():
    import subprocess
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    demo = subprocess.run(
        ["make", "-n", "-B", "demo", "PORT=8123"], cwd=repo, capture_output=True, text=True
    ).stdout
    assert "egide demo --port 8123" in demo
    assert "npm" not in demo
    assert (
        "npm ci"
        in subprocess.run(
            ["make", "-n", "-B", "e2e-deps"], cwd=repo, capture_output=True, text=True
        ).stdout
    )
