"""The public orientation page: open to all, no cookie, emergency numbers, quick exit, English."""

import pytest
from django.urls import reverse

from egide.directory.choices import StructureKind

from .helpers import structure

pytestmark = pytest.mark.django_db
URL = reverse("directory:find_help")


def test_no_cookie_and_no_caching(client):
    response = client.get(URL, {"q": "27000"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_no_external_resource_and_no_inline_script(client):
    response = client.get(URL)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "<script>" not in html
    assert 'src="http' not in html
    assert 'rel="stylesheet" href="http' not in html


def test_emergency_numbers_always_visible(client):
    html = client.get(URL).content.decode()
    for link in ('href="tel:3919"', 'href="tel:17"', 'href="tel:112"', 'href="sms:114"'):
        assert link in html
    assert "pas un numéro d'urgence" in html


def test_quick_exit_is_present(client):
    html = client.get(URL).content.decode()
    assert 'id="quick-exit"' in html
    assert "quick-exit.js" in html


def test_finds_help_near_a_postcode(client):
    structure("CIDFF de l'Eure", 49.0241, 1.1508)
    structure("Maison des femmes de Caen", 49.1829, -0.3707, kind=StructureKind.WOMENS_HOUSE)
    structure("CPCA de l'Eure", 49.0241, 1.1508, kind=StructureKind.CPCA)
    html = client.get(URL, {"q": "27000"}).content.decode()
    assert "CIDFF de l&#x27;Eure" in html
    assert "Caen" not in html
    assert "CPCA" not in html


@pytest.mark.parametrize("written", ["27 000", "27\u00a0000", " 27000 "])
def test_a_postcode_written_with_a_space_is_understood(client, written):
    structure("CIDFF de l'Eure", 49.0241, 1.1508)
    html = client.get(URL, {"q": written}).content.decode()
    assert "CIDFF de l&#x27;Eure" in html
    assert "Nous ne connaissons pas" not in html


def test_perpetrators_and_those_close_to_them_find_ne_frappez_pas(client):
    html = client.get(URL).content.decode()
    assert 'href="tel:0801901911"' in html
    assert "Ne frappez pas" in html


def test_unknown_place_says_so(client):
    html = client.get(URL, {"q": "Atlantis"}).content.decode()
    assert "Atlantis" in html
    assert "3919" in html


def test_english_by_query_parameter(client):
    html = client.get(URL, {"lang": "en"}).content.decode()
    assert '<html lang="en">' in html
    assert "Where can I find help near me?" in html
    assert "not an emergency number" in html


def test_english_by_browser_language_without_cookie(client):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Where can I find help near me?" in response.content.decode()
    assert "Set-Cookie" not in response


def test_french_by_default(client):
    html = client.get(URL).content.decode()
    assert '<html lang="fr">' in html
    assert "aide près de chez moi ?" in html
