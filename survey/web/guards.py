"""What each identity may reach: plain predicates, shared by pages and the API.

Route guards (`requires_*`) run before a body is read and answer 401 to an anonymous
caller and 403 to one of the wrong kind; handlers then check the object a route names
(`allow(is_staff_of_group(user, group), ...)`) after looking it up, so a missing
workshop or group is a 404 first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from survey.store.participants import Participant
from survey.store.staff import StaffUser
from survey.store.workshops import GroupRecord
from survey.web.identity import ANONYMOUS, Anonymous, Identity

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


def is_participant(user: Identity) -> bool:
    return isinstance(user, Participant)


def is_staff(user: Identity) -> bool:
    return isinstance(user, StaffUser)


def is_organizer(user: Identity) -> bool:
    return isinstance(user, StaffUser) and user.role == "organizer"


def is_participant_of_group(user: Identity, group: GroupRecord) -> bool:
    return isinstance(user, Participant) and user.group.pk == group.pk


def is_staff_of_group(user: Identity, group: GroupRecord) -> bool:
    """Organizers, and the rapporteur of this group."""
    if not isinstance(user, StaffUser):
        return False
    return user.group is None or user.group == (group.workshop_id, group.id)


def is_staff_of_workshop(user: Identity, workshop_id: str) -> bool:
    """Organizers, and rapporteurs of a group of this workshop."""
    if not isinstance(user, StaffUser):
        return False
    return user.group is None or user.group[0] == workshop_id


def may_see_workshop(user: Identity, workshop_id: str) -> bool:
    """Staff of the workshop, and its participants."""
    if isinstance(user, Participant):
        return user.group.workshop_id == workshop_id
    return is_staff_of_workshop(user, workshop_id)


def allow(allowed: bool, reason: str) -> None:
    """Refuse with 403 and `reason` unless `allowed`."""
    if not allowed:
        raise PermissionDeniedException(reason)


def requires(predicate: Callable[[Identity], bool], reason: str) -> Guard:
    """A route guard: 401 for nobody, 403 with `reason` for someone `predicate` refuses."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
        if connection.scope.get("method") == "OPTIONS":
            return  # answered by Litestar itself: which methods a path has, nothing more
        user = connection.scope.get("user", ANONYMOUS)
        if isinstance(user, Anonymous):
            raise NotAuthorizedException("a valid bearer token is required")
        allow(predicate(user), reason)

    return guard


requires_someone = requires(lambda user: True, "")
requires_participant = requires(
    is_participant, "responses are read and written with a participant token"
)
requires_staff = requires(is_staff, "this is for the rapporteur and organizers")
