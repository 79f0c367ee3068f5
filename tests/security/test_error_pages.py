"""Error pages and error logs never repeat personal data found in the request."""

import logging

import pytest
from django.template.loader import get_template, render_to_string
from django.urls import reverse

from egide.accounts.roles import Role

pytestmark = pytest.mark.django_db

NAME, PHONE = "Dupont-Marie", "0612345678"


@pytest.mark.urls("tests.security.urls")
def test_a_crash_reveals_nothing_in_the_page_nor_the_logs(client, caplog):
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        response = client.post(f"/panne/{NAME}/?nom={NAME}", {"phone": PHONE})
    assert response.status_code == 500
    for secret in (NAME, PHONE):
        assert secret not in response.content.decode()
        assert secret not in caplog.text
    assert "Internal Server Error: /panne/<str:name>/" in caplog.text
    assert "ValueError: [redacted]" in caplog.text
    assert "failing_view" in caplog.text  # the stack is kept for the engineers


def test_the_500_page_stands_alone():
    assert "{% extends" not in get_template("500.html").template.source
    assert "Erreur inattendue" in render_to_string("500.html")


def test_the_404_page_does_not_repeat_the_address(sign_in_as):
    response = sign_in_as(role=Role.POLICE_OFFICER).get(f"/inconnu/{NAME}/?nom={NAME}")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert NAME not in response.content.decode()


def test_the_403_page_does_not_repeat_the_query(sign_in_as):
    response = sign_in_as(role=Role.POLICE_OFFICER).get(reverse("audit:log"), {"actor": NAME})
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert NAME not in response.content.decode()
