import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("web:accessibility", "Déclaration d'accessibilité"),
        ("web:legal_notice", "Mentions légales"),
        ("web:personal_data", "Données personnelles"),
    ],
)
def test_public_pages_open_without_signing_in(client, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_accessibility_statement_is_honest_about_compliance(client):
    page = client.get(reverse("web:accessibility")).content.decode()
    assert "partiellement conforme" in page
    assert "Aucun audit complet du RGAA" in page


def test_home_sends_an_anonymous_visitor_to_login(client):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_language_switch_works_before_signing_in(client):
    response = client.post(
        reverse("web:set_language"),
        {"language": "en", "next": reverse("web:accessibility")},
    )
    assert response.status_code == 302
    page = client.get(reverse("web:accessibility")).content.decode()
    assert "<h1>Accessibility statement</h1>" in page
    assert '<html lang="en"' in page
