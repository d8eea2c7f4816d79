"""The JSON API under /api: bearer tokens, one role check per route, thin handlers.

401: no token, or one that matches nobody. 403: a valid token that may not reach this
(another group's response, a participant on a staff route). 404: no such workshop,
group or questionnaire version.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

import msgspec
from litestar import Controller, Request, Response, get, put
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler
from litestar.params import FromPath, FromQuery, JSONBody

from survey.reports.isolated import cached_pdf
from survey.reports.workbooks import build_workbook
from survey.schema import Questionnaire, Text
from survey.store.database import Database
from survey.store.questionnaires import published_schema
from survey.store.responses import (
    PARTICIPANT_PREFIX,
    Participant,
    get_response,
    participant_for_token,
    save_answers,
)
from survey.store.staff import (
    STAFF_PREFIX,
    StaffUser,
    get_synthesis,
    save_synthesis,
    user_for_token,
)
from survey.store.workshops import (
    GroupRecord,
    get_group,
    get_workshop,
    list_workshops,
)
from survey.web.i18n import Catalogs

T = TypeVar("T")


class Caller(msgspec.Struct, kw_only=True, frozen=True):
    participant: Participant | None = None
    staff: StaffUser | None = None


def caller_from(connection: ASGIConnection, database: Database) -> Caller:
    """Who is calling, from `Authorization: Bearer <token>`; 401 if nobody."""
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and token.startswith(PARTICIPANT_PREFIX):
        participant = participant_for_token(database, token)
        if participant is not None:
            return Caller(participant=participant)
    if scheme.lower() == "bearer" and token.startswith(STAFF_PREFIX):
        staff = user_for_token(database, token)
        if staff is not None:
            return Caller(staff=staff)
    raise NotAuthorizedException("a valid bearer token is required")


def require_caller(connection: ASGIConnection, _handler: BaseRouteHandler) -> None:
    """Guard: runs before the body is read, so an anonymous request learns nothing more."""
    connection.state.caller = caller_from(connection, connection.app.state.database)


def _caller(request: Request) -> Caller:
    caller: Caller = request.state.caller
    return caller


def _may_see_workshop(caller: Caller, workshop_id: str) -> bool:
    if caller.staff is not None:
        return caller.staff.group is None or caller.staff.group[0] == workshop_id
    return caller.participant is not None and caller.participant.group.workshop_id == workshop_id


def _staff_for_group(caller: Caller, group: GroupRecord) -> StaffUser:
    staff = caller.staff
    if staff is None or (staff.group is not None and staff.group != (group.workshop_id, group.id)):
        raise PermissionDeniedException("this needs the group's rapporteur or an organizer")
    return staff


def _own_participant(caller: Caller, group: GroupRecord) -> Participant:
    participant = caller.participant
    if participant is None:
        raise PermissionDeniedException("responses are read and written with a participant token")
    if participant.group.pk != group.pk:
        raise PermissionDeniedException("this token belongs to another group")
    return participant


class GroupOut(msgspec.Struct, kw_only=True):
    id: str
    title: Text
    room: str | None
    questionnaire_id: str
    questionnaire_version: int
    is_open: bool


class WorkshopOut(msgspec.Struct, kw_only=True):
    id: str
    title: Text
    dates: list[date]
    venue: str | None
    languages: list[str]
    non_attribution: bool
    is_sample: bool
    groups: list[GroupOut]


class ResponseIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    answers: dict[str, Any]
    language: str | None = None
    submit: bool = False


class ResponseOut(msgspec.Struct, kw_only=True):
    workshop_id: str
    group_id: str
    questionnaire_id: str
    questionnaire_version: int
    language: str
    answers: dict[str, Any]
    status: str
    submitted_revision: int | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


class SynthesisIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    text: str


class SynthesisOut(msgspec.Struct, kw_only=True):
    workshop_id: str
    group_id: str
    text: str
    updated_by: str | None
    updated_at: datetime


def _out(record: Any, shape: type[T]) -> T:
    """A store record as the API shows it: the fields `shape` names, nothing more."""
    return msgspec.convert(record, shape, from_attributes=True)


class Api(Controller):
    path = "/api"
    guards = (require_caller,)

    @get("/workshops", sync_to_thread=True)
    def workshops(self, request: Request, database: NamedDependency[Database]) -> list[WorkshopOut]:
        """Workshops the caller may see: all for organizers, their own for others."""
        caller = _caller(request)
        return [
            _out(w, WorkshopOut)
            for w in list_workshops(database)
            if _may_see_workshop(caller, w.id)
        ]

    @get("/workshops/{workshop_id:str}", sync_to_thread=True)
    def workshop(
        self, request: Request, database: NamedDependency[Database], workshop_id: FromPath[str]
    ) -> WorkshopOut:
        caller = _caller(request)
        record = get_workshop(database, workshop_id)
        if not _may_see_workshop(caller, workshop_id):
            raise PermissionDeniedException("this token belongs to another workshop")
        return _out(record, WorkshopOut)

    @get("/questionnaires/{questionnaire_id:str}/{version:int}", sync_to_thread=True)
    def questionnaire(
        self,
        request: Request,
        database: NamedDependency[Database],
        questionnaire_id: FromPath[str],
        version: FromPath[int],
    ) -> Questionnaire:
        """A questionnaire version as published (participants: only their group's)."""
        caller = _caller(request)
        if caller.participant is not None:
            group = caller.participant.group
            if (group.questionnaire_id, group.questionnaire_version) != (questionnaire_id, version):
                raise PermissionDeniedException("participants read their own group's questionnaire")
        with database.read() as connection:
            return published_schema(connection, questionnaire_id, version)

    @get("/workshops/{workshop_id:str}/groups/{group_id:str}/response", sync_to_thread=True)
    def own_response(
        self,
        request: Request,
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
    ) -> ResponseOut:
        caller = _caller(request)
        participant = _own_participant(caller, get_group(database, workshop_id, group_id))
        return _out(get_response(database, participant), ResponseOut)

    @put("/workshops/{workshop_id:str}/groups/{group_id:str}/response", sync_to_thread=True)
    def save_response(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
        data: JSONBody[ResponseIn],
    ) -> Response[Any]:
        """Save a draft (`submit: false`) or submit. The same body twice stores one response."""
        caller = _caller(request)
        participant = _own_participant(caller, get_group(database, workshop_id, group_id))
        group = participant.group
        with database.read() as connection:
            schema = published_schema(
                connection, group.questionnaire_id, group.questionnaire_version
            )
        language = data.language or schema.default_language
        result = save_answers(
            database, participant, data.answers, language=language, submit=data.submit
        )
        if result.response is None:
            gettext = catalogs.gettext(language)
            return Response(
                content={
                    "status_code": 422,
                    "detail": "some answers cannot be accepted",
                    "problems": {
                        key: problem.message(gettext) for key, problem in result.problems.items()
                    },
                    "codes": {key: problem.code for key, problem in result.problems.items()},
                },
                status_code=422,
            )
        return Response(content=_out(result.response, ResponseOut))

    @get("/workshops/{workshop_id:str}/groups/{group_id:str}/synthesis", sync_to_thread=True)
    def synthesis(
        self,
        request: Request,
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
    ) -> SynthesisOut:
        caller = _caller(request)
        _staff_for_group(caller, get_group(database, workshop_id, group_id))
        return _out(get_synthesis(database, workshop_id, group_id), SynthesisOut)

    @put("/workshops/{workshop_id:str}/groups/{group_id:str}/synthesis", sync_to_thread=True)
    def write_synthesis(
        self,
        request: Request,
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
        data: JSONBody[SynthesisIn],
    ) -> SynthesisOut:
        """The rapporteur's narrative for the group (Markdown)."""
        caller = _caller(request)
        author = _staff_for_group(caller, get_group(database, workshop_id, group_id))
        return _out(
            save_synthesis(database, workshop_id, group_id, data.text, author), SynthesisOut
        )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def _report_scope(caller: Caller, workshop_id: str) -> str | None:
    """Organizers report on whole workshops, a rapporteur on their own group."""
    if caller.staff is None:
        raise PermissionDeniedException("reports are for the rapporteur and organizers")
    if caller.staff.group is None:
        return None
    if caller.staff.group[0] != workshop_id:
        raise PermissionDeniedException("this rapporteur reports on another workshop")
    return caller.staff.group[1]


def _download(content: bytes, media_type: str, filename: str) -> Response[bytes]:
    headers = {"content-disposition": f'attachment; filename="{filename}"'}
    return Response(content=content, media_type=media_type, headers=headers)


class Reports(Controller):
    path = "/api/workshops/{workshop_id:str}"
    guards = (require_caller,)

    @get("/report.xlsx", sync_to_thread=True, media_type=XLSX)
    def workbook(
        self, request: Request, database: NamedDependency[Database], workshop_id: FromPath[str]
    ) -> Response[bytes]:
        """The workshop's workbook: organizers get every group, a rapporteur their own."""
        group_id = _report_scope(_caller(request), workshop_id)
        content = build_workbook(database, workshop_id, group_id)
        return _download(content, XLSX, f"{workshop_id}{'-' + group_id if group_id else ''}.xlsx")

    @get("/report.pdf", sync_to_thread=True, media_type=PDF)
    def synthesis_pdf(
        self,
        request: Request,
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        page_size: FromQuery[str] = "A4",
    ) -> Response[bytes]:
        """The workshop's PDF synthesis, rendered outside the request workers and cached."""
        group_id = _report_scope(_caller(request), workshop_id)
        size = "Letter" if page_size.lower() == "letter" else "A4"
        content = cached_pdf(database, request.app.state.database_url, workshop_id, group_id, size)
        return _download(content, PDF, f"{workshop_id}{'-' + group_id if group_id else ''}.pdf")
