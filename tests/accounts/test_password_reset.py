"""Password recovery: a one-time, short-lived link issued by the platform administrator."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.models import PasswordResetLink
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.conftest import sign_in
from tests.factories import TEST_PASSWORD, MembershipFactory

from .conftest import (
    current_code,
    enter_code,
    enter_password,
    fully_signed_in,
    sign_in_with_both_factors,
)

MAIN = re.compile(r"<main.*</main>", re.DOTALL)
NEW_PASSWORD = "Kestrel-vol-92"
LINK = re.compile(r"http://testserver(/comptes/mot-de-passe/reinitialiser/[^/]+/)")


def issue_link(admin_client, user) -> str:
    """Presses "reset password" on the user's page and reads the link shown (once)."""
    response = admin_client.post(reverse("accounts:user_reset_password", args=[user.pk]))
    assert response.status_code == 200
    return LINK.search(response.content.decode()).group(1)


def choose(client, path, password=NEW_PASSWORD, confirmation=None):
    return client.post(path, {"new_password1": password, "new_password2": confirmation or password})


def password_is(user, password) -> bool:
    user.refresh_from_db()
    return user.check_password(password)


@pytest.fixture
def browser():
    """The user's own browser (`client` is the administrator's)."""
    return Client()


@pytest.fixture
def link(as_platform_admin, member):
    return issue_link(as_platform_admin, member.user)


def test_the_user_sets_a_new_password_then_signs_in_with_it_and_the_second_factor(
    browser, member, link
):
    assert "Choisir un nouveau mot de passe" in browser.get(link).content.decode()
    response = choose(browser, link)

    assert response.url == reverse("accounts:login")
    assert password_is(member.user, NEW_PASSWORD)
    assert not fully_signed_in(browser)  # the link signs nobody in
    enter_password(browser, member.user, NEW_PASSWORD)
    assert not fully_signed_in(browser)  # the password alone is not enough
    enter_code(browser, current_code(TOTPDevice.objects.get(user=member.user)))
    assert fully_signed_in(browser)


def test_the_link_works_once(browser, member, link):
    choose(browser, link)
    response = choose(browser, link, "Autre-Mot-2-passe")
    assert response.status_code == 404
    assert "Lien non valide" in response.content.decode()
    assert password_is(member.user, NEW_PASSWORD)


def test_the_link_expires(browser, member, as_platform_admin, settings):
    settings.PASSWORD_RESET_TTL_MINUTES = 30
    issued = timezone.now()
    with time_machine.travel(issued, tick=False) as clock:
        link = issue_link(as_platform_admin, member.user)
        clock.shift(datetime.timedelta(minutes=29))
        assert browser.get(link).status_code == 200
        clock.shift(datetime.timedelta(minutes=2))
        response = choose(browser, link)
    assert response.status_code == 404
    assert password_is(member.user, TEST_PASSWORD)


def test_used_expired_and_unknown_links_answer_alike(browser, member, as_platform_admin):
    used = issue_link(as_platform_admin, member.user)
    choose(browser, used)
    browser.get(reverse("accounts:login"))  # shows (and consumes) the confirmation
    other = MembershipFactory()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        expired = issue_link(as_platform_admin, other.user)
        clock.shift(datetime.timedelta(hours=2))
        answers = {
            (response.status_code, MAIN.search(response.content.decode()).group())
            for response in (
                browser.get(used),
                browser.get(expired),
                browser.get(reverse("accounts:password_reset", args=["inconnu"])),
            )
        }
    assert len(answers) == 1
    assert answers.pop()[0] == 404


def test_a_new_link_voids_the_previous_one(browser, member, as_platform_admin):
    first = issue_link(as_platform_admin, member.user)
    second = issue_link(as_platform_admin, member.user)
    assert choose(browser, first).status_code == 404
    assert choose(browser, second).url == reverse("accounts:login")


def test_a_weak_password_is_refused_and_the_link_still_works(browser, member, link):
    response = choose(browser, link, "kestrelvol99")
    assert response.status_code == 200
    assert "au moins trois types de caractères" in response.content.decode()
    assert password_is(member.user, TEST_PASSWORD)
    assert choose(browser, link).url == reverse("accounts:login")


def test_mismatched_confirmation_changes_nothing(browser, member, link):
    response = choose(browser, link, NEW_PASSWORD, "Kestrel-vol-93")
    assert response.status_code == 200
    assert password_is(member.user, TEST_PASSWORD)


def test_the_reset_ends_the_users_other_sessions(browser, member, link):
    elsewhere = Client()
    sign_in_with_both_factors(elsewhere, member.user)
    assert fully_signed_in(elsewhere)
    choose(browser, link)
    assert not fully_signed_in(elsewhere)


def test_only_the_hash_of_the_token_is_stored_and_the_admin_never_sees_the_password(
    as_platform_admin, member, link
):
    token = link.rstrip("/").rsplit("/", 1)[1]
    stored = PasswordResetLink.objects.get(user=member.user)
    assert token not in stored.token_hash
    assert stored.created_by != member.user
    page = as_platform_admin.get(reverse("accounts:user_detail", args=[member.user.pk]))
    assert token not in page.content.decode()


def test_issuing_and_using_a_link_are_audited_and_flagged(browser, member, link):
    issued = AuditEntry.objects.get(reason="user.password_reset_link")
    assert issued.action == Action.ADMIN and issued.flagged
    assert issued.object_id == str(member.user.pk)
    choose(browser, link)
    used = AuditEntry.objects.get(reason="password_reset")
    assert used.actor == member.user and used.fields == ["password"]


def test_the_user_page_offers_the_reset(as_platform_admin, member):
    page = as_platform_admin.get(reverse("accounts:user_detail", args=[member.user.pk]))
    assert reverse("accounts:user_reset_password", args=[member.user.pk]) in page.content.decode()


def test_a_get_issues_no_link(as_platform_admin, member):
    response = as_platform_admin.get(reverse("accounts:user_reset_password", args=[member.user.pk]))
    assert response.status_code == 405
    assert not PasswordResetLink.objects.exists()


def test_other_roles_cannot_issue_a_link(client, member):
    sign_in(client, MembershipFactory())
    response = client.post(reverse("accounts:user_reset_password", args=[member.user.pk]))
    assert response.status_code == 403
    assert not PasswordResetLink.objects.exists()


def test_a_deactivated_account_cannot_use_its_link(browser, member, link):
    member.user.is_active = False
    member.user.save()
    assert choose(browser, link).status_code == 404
    assert password_is(member.user, TEST_PASSWORD)
