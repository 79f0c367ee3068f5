"""Production settings pass Django's deployment checklist, and refuse to run half-configured."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

from egide.encryption.keyring import new_key_spec

EGIDE = Path(sys.executable).parent / "egide"


def production_env(**overrides):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        **os.environ,
        "EGIDE_ENV": "production",
        "EGIDE_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "EGIDE_ALLOWED_HOSTS": "egide.example.gouv.fr",
        "EGIDE_FIELD_KEYS": new_key_spec("2026"),
        "EGIDE_AUDIT_KEY": secrets.token_urlsafe(48),
        # Set by the browser tests for Playwright's sync API; never present in production.
        "DJANGO_ALLOW_ASYNC_UNSAFE": None,
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def check_deploy(env):
    return subprocess.run(
        [EGIDE, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production():
    result = check_deploy(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_field_keys():
    result = check_deploy(production_env(EGIDE_FIELD_KEYS=None))
    assert result.returncode != 0
    assert "EGIDE_FIELD_KEYS is unusable" in result.stderr


def test_debug_is_refused_in_production():
    result = check_deploy(production_env(EGIDE_DEBUG="1"))
    assert result.returncode != 0
    assert "EGIDE_DEBUG must not be set in production" in result.stderr


def test_the_audit_key_is_required_in_production():
    result = check_deploy(production_env(EGIDE_AUDIT_KEY=None))
    assert result.returncode != 0
    assert "EGIDE_AUDIT_KEY must be set" in result.stderr
