"""`egide createadmin` bootstraps the first platform administrator."""

import pytest
from django.core.management import CommandError, call_command

from egide.accounts.models import User
from egide.accounts.roles import AgencyKind, Role


def test_creates_the_administrator_and_the_operator_agency(db, monkeypatch):
    monkeypatch.setenv("EGIDE_ADMIN_PASSWORD", "Premier-Admin-2026")
    call_command("createadmin", "chef", "--password-env", "EGIDE_ADMIN_PASSWORD")
    admin = User.objects.get(username="chef")
    membership = admin.memberships.get()
    assert membership.role == Role.PLATFORM_ADMIN
    assert membership.agency.kind == AgencyKind.PLATFORM_OPERATOR
    assert admin.check_password("Premier-Admin-2026")


def test_a_weak_password_creates_nothing(db, monkeypatch):
    monkeypatch.setenv("EGIDE_ADMIN_PASSWORD", "admin")
    with pytest.raises(CommandError, match="trop court"):
        call_command("createadmin", "chef", "--password-env", "EGIDE_ADMIN_PASSWORD")
    assert not User.objects.exists()


def test_the_password_is_asked_twice(db, monkeypatch):
    answers = iter(["Premier-Admin-2026", "Premier-Admin-2027"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="differ"):
        call_command("createadmin", "chef")
    assert not User.objects.exists()


def test_an_existing_username_is_refused(db, monkeypatch):
    User.objects.create(username="chef")
    monkeypatch.setenv("EGIDE_ADMIN_PASSWORD", "Premier-Admin-2026")
    with pytest.raises(CommandError, match="taken"):
        call_command("createadmin", "chef", "--password-env", "EGIDE_ADMIN_PASSWORD")
