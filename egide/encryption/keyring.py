"""The field-encryption keyring.

EGIDE_FIELD_KEYS is "id:base64key,id:base64key,…": the first key encrypts, every key decrypts,
so a new key is put first, `egide rotatekeys` re-encrypts every row, then old keys are removed.
A token is "v1:<key id>:<base64 nonce+ciphertext>"; the key id travels with the data.
"""

import base64
import os
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TOKEN_VERSION = "v1"  # noqa: S105 (a format tag, not a secret)
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, AESGCM]
    primary_id: str

    def encrypt(self, plaintext: str, context: bytes) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self.keys[self.primary_id].encrypt(nonce, plaintext.encode(), context)
        blob = base64.urlsafe_b64encode(nonce + sealed).decode()
        return f"{TOKEN_VERSION}:{self.primary_id}:{blob}"

    def decrypt(self, token: str, context: bytes) -> str:
        try:
            version, key_id, blob = token.split(":", 2)
            raw = base64.urlsafe_b64decode(blob)
            aead = self.keys[key_id]
        except (ValueError, KeyError) as exc:
            raise DecryptionError("unknown token format or key id") from exc
        if version != TOKEN_VERSION:
            raise DecryptionError("unknown token version")
        try:
            return aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context).decode()
        except Exception as exc:  # InvalidTag: wrong key, wrong context or tampered data
            raise DecryptionError("stored value failed authentication") from exc

    def is_current(self, token: str) -> bool:
        return token.startswith(f"{TOKEN_VERSION}:{self.primary_id}:")


def parse_keys(spec: str) -> Keyring:
    keys: dict[str, AESGCM] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        key_id, _, encoded = item.partition(":")
        raw = base64.urlsafe_b64decode(encoded.encode())
        if not key_id or len(raw) != 32:
            raise ImproperlyConfigured(
                "EGIDE_FIELD_KEYS entries must be 'id:base64 of 32 random bytes'"
            )
        keys[key_id] = AESGCM(raw)
    if not keys:
        raise ImproperlyConfigured("EGIDE_FIELD_KEYS is empty: sensitive fields cannot be stored")
    return Keyring(keys=keys, primary_id=next(iter(keys)))


def new_key_spec(key_id: str) -> str:
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"


@cache
def _keyring_for(spec: str) -> Keyring:
    return parse_keys(spec)


def keyring() -> Keyring:
    return _keyring_for(settings.FIELD_ENCRYPTION_KEYS)
