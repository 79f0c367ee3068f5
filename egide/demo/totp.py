"""The demo accounts' TOTP keys and codes, in plain Python (no Django): `make demo-code` runs
`python -m egide.demo.totp USERNAME` with the demo's secret key in the environment and answers at
once, instead of starting Django to read the key back from the database.

Keys are derived from the demo's secret key (HMAC-SHA1 of the username); codes follow RFC 6238
with django-otp's defaults for the demo devices: 30-second steps from 0, 6 digits, no drift.
"""

import hashlib
import hmac
import os
import struct
import sys
import time

STEP_SECONDS = 30
DIGITS = 6


def totp_key(secret_key: str, username: str) -> str:
    """A 20-byte hex TOTP key, the same on every run for a given demo secret key."""
    message = f"egide-demo-totp:{username}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha1).hexdigest()


def code(secret_key: str, username: str, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // STEP_SECONDS)
    digest = hmac.new(
        bytes.fromhex(totp_key(secret_key, username)), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def main(argv: list[str]) -> int:
    secret_key = os.environ.get("EGIDE_SECRET_KEY", "")
    if len(argv) != 1 or not secret_key:
        print("usage: EGIDE_SECRET_KEY=… python -m egide.demo.totp USERNAME", file=sys.stderr)
        return 2
    print(code(secret_key, argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
