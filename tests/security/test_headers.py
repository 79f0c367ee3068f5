"""Every response carries the browser protections; a POST without its CSRF token is refused."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from egide.accounts.roles import Role
from tests.conftest import sign_in
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(sign_in_as):
    return sign_in_as(role=Role.AUDITOR).get(reverse("audit:log"))


def test_content_security_policy_with_a_script_nonce(page):
    policy = page["Content-Security-Policy"]
    nonce = re.search(r"script-src [^;]*'nonce-([^']+)'", policy).group(1)
    assert f'nonce="{nonce}"' in page.content.decode()
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_framing_sniffing_and_referrer_are_locked(page):
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"


def test_a_post_without_csrf_token_is_refused():
    client = sign_in(Client(enforce_csrf_checks=True), MembershipFactory(role=Role.AUDITOR))
    assert client.post(reverse("audit:log")).status_code == 403


def test_a_post_with_its_csrf_token_gets_past_the_check():
    client = sign_in(Client(enforce_csrf_checks=True), MembershipFactory(role=Role.AUDITOR))
    client.get(reverse("audit:log"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("audit:log"), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 405  # the view only reads: refused for its method, not CSRF
