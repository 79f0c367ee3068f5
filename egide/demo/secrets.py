"""The demo's own secrets, generated once into an env file that `make demo` sources."""

import os
import secrets
from pathlib import Path

from egide.encryption.keyring import new_key_spec


def demo_env_text() -> str:
    return (
        "# Égide demo secrets, generated once by `make demo`. Deleting this file makes new keys:\n"
        "# the demo database (var/egide.sqlite3) must then be deleted too.\n"
        "EGIDE_DEMO=1\n"
        f"EGIDE_SECRET_KEY={secrets.token_urlsafe(50)}\n"
        f"EGIDE_FIELD_KEYS={new_key_spec('demo1')}\n"
    )


def write_demo_env(path: str | os.PathLike) -> bool:
    """Creates the env file readable by its owner only; keeps an existing one. True if created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as env_file:
        env_file.write(demo_env_text())
    return True
