"""Evidence files: encrypted (AES-GCM) under MEDIA_ROOT/cases with an opaque random name.

The file's name on disk says nothing; its original name is an encrypted column. A file is
bound to its stored name (associated data), so swapping two files on disk makes both unreadable.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from egide.encryption.keyring import NONCE_BYTES, DecryptionError, keyring

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Accepted evidence formats, recognised by their first bytes rather than by the browser's word.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def sniff_content_type(head: bytes) -> str:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    raise ValidationError(_("Seuls les fichiers PDF, JPEG et PNG sont acceptés."))


def document_path(stored_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "cases" / stored_name


def new_stored_name() -> str:
    return secrets.token_hex(16)


def write_encrypted(stored_name: str, data: bytes) -> None:
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.keys[ring.primary_id].encrypt(nonce, data, stored_name.encode())
    path = document_path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ring.primary_id.encode() + b"\n" + nonce + sealed)


def read_decrypted(stored_name: str) -> bytes:
    key_id, _, blob = document_path(stored_name).read_bytes().partition(b"\n")
    aead = keyring().keys.get(key_id.decode())
    if aead is None:
        raise DecryptionError("unknown key id")
    return aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], stored_name.encode())
