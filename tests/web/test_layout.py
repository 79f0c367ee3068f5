import re

import pytest
from django.urls import reverse

from egide.accounts.roles import Role

pytestmark = pytest.mark.django_db

BANNER = "Démonstration — données entièrement fictives"


def test_demo_banner_is_shown_in_the_demo(client, settings):
    settings.DEMO = True
    assert BANNER in client.get(reverse("web:accessibility")).content.decode()


def test_demo_banner_is_not_shown_outside_the_demo(client, settings):
    settings.DEMO = False
    assert BANNER not in client.get(reverse("web:accessibility")).content.decode()


def test_every_script_carries_the_csp_nonce(sign_in_as):
    page = sign_in_as(role=Role.PROSECUTOR).get(reverse("web:home")).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts
    assert all("nonce=" in tag for tag in scripts)


def test_skip_links_lead_to_content_menu_and_footer(sign_in_as):
    page = sign_in_as(role=Role.PROSECUTOR).get(reverse("web:home")).content.decode()
    for target in ("content", "fr-navigation", "footer"):
        assert f'href="#{target}"' in page
        assert f'id="{target}"' in page


def test_header_shows_the_acting_role_and_a_logout_button(sign_in_as):
    page = sign_in_as(role=Role.PROSECUTOR).get(reverse("web:home")).content.decode()
    assert "Procureur (pôle VIF) — Tribunal judiciaire" in page
    if "accounts:logout" in page:
        raise AssertionError("URL names must be resolved, not printed")


def test_footer_links_to_the_accessibility_statement(client):
    page = client.get(reverse("web:legal_notice")).content.decode()
    assert f'href="{reverse("web:accessibility")}"' in page
    assert "Accessibilité : partiellement conforme" in page
