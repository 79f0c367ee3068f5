"""Normalised names and the keyed digests that let encrypted names be searched.

Names are stored encrypted; the database also holds an HMAC of each normalised name, so an exact
(accent-, case-, hyphen- and particle-insensitive) search works without the clear name ever being
stored, and a stolen table cannot be searched without the key. Fuzzy matching (typos) happens in
memory on decrypted names, among the few people sharing a birth date (see matching.py).
"""

import hashlib
import hmac
import re
import unicodedata
from functools import cache

from django.conf import settings

# Nobiliary particles are often left out ("de La Fontaine" is filed as "La Fontaine"), so they are
# dropped; articles (la, le) are kept because they fuse with the name ("Lafontaine", "Legall").
PARTICLES = frozenset({"d", "de", "des", "du", "van", "von", "der", "den", "da", "di", "del"})
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "Œ": "oe", "Æ": "ae"})


def normalise_name(name: str) -> str:
    """'  Émilie-Anne de La Tour ' → 'emilieannelatour'."""
    decomposed = unicodedata.normalize("NFKD", name.translate(LIGATURES).casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"[a-z0-9]+", letters)
    kept = [word for word in words if word not in PARTICLES] or words
    return "".join(kept)


@cache
def _search_key_for(secret: str) -> bytes:
    return hashlib.sha256(f"egide-person-search:{secret}".encode()).digest()


def name_key(name: str) -> str:
    """The searchable digest of a name. Changing the key means recomputing every Person's keys."""
    secret = settings.PERSON_SEARCH_KEY or settings.SECRET_KEY
    digest = hmac.new(_search_key_for(secret), normalise_name(name).encode(), hashlib.sha256)
    return digest.hexdigest()
