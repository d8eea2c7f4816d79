"""Who is asking: one identity for pages and the API, recognised once per request.

The middleware sets `request.user` to the participant (a bearer token or the personal
token cookie), the staff member (a bearer token), or `ANONYMOUS`. It never refuses a
request itself: guards (`web/guards.py`) decide what each identity may reach, before
the body is read.
"""

from __future__ import annotations

from typing import Any

import anyio.to_thread
import msgspec
from litestar.connection import ASGIConnection
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.types import ASGIApp

from survey.store.database import Database
from survey.store.participants import Participant, participant_for_token
from survey.store.staff import StaffUser, user_for_token
from survey.store.tokens import PARTICIPANT_PREFIX, STAFF_PREFIX

#: The participant's personal token, once a link or code let them in.
TOKEN_COOKIE = "survey_token"  # noqa: S105 - the cookie's name, not a secret


class Anonymous(msgspec.Struct, frozen=True):
    """Nobody this site knows: no token, or one that matches nobody."""


ANONYMOUS = Anonymous()
Identity = Participant | StaffUser | Anonymous


def recognise(database: Database, bearer: str, cookie: str) -> Identity:
    """The identity a bearer token or, without one, the personal token cookie names."""
    if bearer.startswith(PARTICIPANT_PREFIX):
        return participant_for_token(database, bearer) or ANONYMOUS
    if bearer.startswith(STAFF_PREFIX):
        return user_for_token(database, bearer) or ANONYMOUS
    if bearer:
        return ANONYMOUS
    if cookie.startswith(PARTICIPANT_PREFIX):
        return participant_for_token(database, cookie) or ANONYMOUS
    return ANONYMOUS


def client_address(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The address a request comes from, as rate limits count it."""
    return connection.client.host if connection.client else "unknown"


def bearer_token(connection: ASGIConnection) -> str:
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class IdentityMiddleware(AbstractAuthenticationMiddleware):
    """Sets `request.user` for every request but static files."""

    def __init__(self, app: ASGIApp, database: Database) -> None:
        super().__init__(app, exclude=["^/static/"])
        self.database = database

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        bearer = bearer_token(connection)
        cookie = connection.cookies.get(TOKEN_COOKIE, "")
        if not bearer and not cookie:
            return AuthenticationResult(user=ANONYMOUS, auth=None)
        user = await anyio.to_thread.run_sync(recognise, self.database, bearer, cookie)
        return AuthenticationResult(user=user, auth=None)
