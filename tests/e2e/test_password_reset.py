"""A user who forgot their password: the administrator shows a one-time link, the user follows it
in their own browser, chooses a password and is sent to sign in again."""

import re

import pytest

from egide.accounts.roles import Role
from tests.factories import MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_administrator_hands_over_a_link_and_the_user_chooses_a_password(
    signed_in_page, browser, live_server
):
    member = MembershipFactory(user__first_name="Inès", user__last_name="Martin")
    page = signed_in_page(MembershipFactory(role=Role.PLATFORM_ADMIN))
    page.goto(f"/comptes/utilisateurs/{member.user.pk}/")
    page.get_by_role("button", name="Réinitialiser le mot de passe").click()
    link = page.locator("code").inner_text()
    assert re.match(rf"{live_server.url}/comptes/mot-de-passe/reinitialiser/\S+/$", link)
    check_accessibility(page)
    screenshot(page, "password-reset-link")

    context = browser.new_context(locale="fr-FR")
    users_page = context.new_page()
    users_page.goto(link)
    users_page.locator("#id_new_password1").fill("Kestrel-vol-92")
    users_page.locator("#id_new_password2").fill("Kestrel-vol-92")
    check_accessibility(users_page)
    screenshot(users_page, "password-reset-form")
    users_page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    assert "/comptes/connexion/" in users_page.url
    assert users_page.get_by_text("Votre mot de passe est enregistré").count() == 1

    users_page.goto(link)
    assert users_page.get_by_role("heading", name="Lien non valide").count() == 1
    screenshot(users_page, "password-reset-invalid")
    context.close()
    member.user.refresh_from_db()
    assert member.user.check_password("Kestrel-vol-92")
