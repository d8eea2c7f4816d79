"""Secret tokens: 192 random bits, shown once, stored only as a hash.

Participant tokens start with `p_`, staff tokens with `s_`, so the two are easy to tell
apart in a header or a log.
"""

from __future__ import annotations

import hashlib
import secrets

PARTICIPANT_PREFIX = "p_"
STAFF_PREFIX = "s_"
TOKEN_BYTES = 24


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    # Tokens carry 192 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()
