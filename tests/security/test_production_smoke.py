"""Production mode works end to end: production settings, `collectstatic`
into a temporary directory, `egide serve`, sign in with password and TOTP, open a case."""

import re
import subprocess
import time

import pytest
import requests
from django_otp.oath import totp

from tests.conftest import _free_port, _listening

from .test_deploy import EGIDE, production_env

PASSWORD = "Un mot de passe de recette très long"  # noqa: S105 (a throwaway test database)
SETUP = """
from django_otp.plugins.otp_totp.models import TOTPDevice
from egide.accounts.models import Agency, Membership, User
from egide.cases.models import Case
court = Agency.objects.create(name="TJ Évreux", kind="tribunal", departement="27")
unit = Agency.objects.create(name="CSP Évreux", kind="commissariat", departement="27", court=court)
user = User.objects.create_user("policier", password={password!r})
Membership.objects.create(user=user, agency=unit, role="police_officer")
device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
case = Case.objects.create(reference="VIF-27-2026-000001", departement="27", court=court,
                           opening_agency=unit)
print(case.pk, device.key)
"""


def egide(env, *args):
    result = subprocess.run(
        [EGIDE, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Browser:
    """Requests behind the TLS proxy: `X-Forwarded-Proto: https` and the Secure cookies kept by
    hand (the test talks plain HTTP to the server, as the proxy would)."""

    def __init__(self, base):
        self.base, self.cookies = base, {}

    def request(self, method, path, **kwargs):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1{path}"}
        response = requests.request(
            method,
            self.base + path,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, path, **fields):
        page = self.request("get", path)
        assert page.status_code == 200, (path, page.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("post", path, data={"csrfmiddlewaretoken": token, **fields})


@pytest.fixture
def production(tmp_path):
    env = production_env(
        EGIDE_ALLOWED_HOSTS="127.0.0.1",
        EGIDE_CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'egide.sqlite3'}",
        EGIDE_STATIC_ROOT=str(tmp_path / "static"),
        EGIDE_MEDIA_ROOT=str(tmp_path / "media"),
        EGIDE_HUEY_FILE=str(tmp_path / "huey.db"),
        EGIDE_AUDIT_CHECKPOINTS=str(tmp_path / "audit-checkpoints.jsonl"),
    )
    egide(env, "migrate", "--noinput")
    egide(env, "collectstatic", "--noinput")
    case_id, key = egide(env, "shell", "-c", SETUP.format(password=PASSWORD)).split()[-2:]
    port = _free_port()
    server = subprocess.Popen(
        [EGIDE, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert server.poll() is None and time.monotonic() < deadline, "egide serve failed"
            time.sleep(0.2)
        yield Browser(f"http://127.0.0.1:{port}"), case_id, bytes.fromhex(key)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_sign_in_with_totp_and_open_a_case_in_production(production):
    browser, case_id, key = production
    signed = browser.form("/comptes/connexion/", username="policier", password=PASSWORD)
    assert signed.status_code == 302, signed.text[:500]
    verified = browser.form("/comptes/connexion/code/", code=f"{totp(key):06d}")
    assert verified.status_code == 302, verified.text[:500]
    case = browser.request("get", f"/dossiers/{case_id}/")
    assert case.status_code == 200
    assert "VIF-27-2026-000001" in case.text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', case.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)  # served from the manifest
    assert browser.request("get", stylesheet).status_code == 200
