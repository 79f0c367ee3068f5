"""Sign-in, sign-out and failures leave attributable entries in the audit log."""

from django.urls import reverse

from egide.audit.choices import Action
from egide.audit.models import AuditEntry

from .conftest import enter_code, enter_password, sign_in_with_both_factors


def actions_of(user):
    return list(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))


def test_login_and_logout_are_recorded(client, member):
    sign_in_with_both_factors(client, member.user)
    client.post(reverse("accounts:logout"))
    assert actions_of(member.user) == [Action.LOGIN, Action.LOGOUT]
    login = AuditEntry.objects.get(action=Action.LOGIN)
    assert (login.role, login.agency) == (member.role, member.agency)


def test_a_wrong_password_is_recorded_against_the_account_not_the_name_typed(client, member):
    enter_password(client, member.user, password="wrong-password")
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.object_id == str(member.user.pk)
    assert member.user.username not in (entry.reason, *entry.fields)


def test_a_wrong_code_is_recorded(client, member):
    enter_password(client, member.user)
    enter_code(client, "000000")
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert (entry.actor, entry.reason) == (member.user, "second_factor")
