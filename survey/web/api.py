"""The JSON API under /api: bearer tokens, one guard per route, thin handlers.

401: no token, or one that matches nobody. 403: a valid token that may not reach this
(another group's response, a participant on a staff route). 404: no such workshop,
group or questionnaire version.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Controller, Request, Response, get, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from survey.catalogs import Catalogs
from survey.config import Settings
from survey.core.aggregate import DEFAULT_MIN_RESPONDENTS
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Text
from survey.kinds import problem_message
from survey.reports.isolated import cached_pdf
from survey.reports.pipeline import build_report
from survey.reports.request import PageSize, ReportRequest
from survey.reports.writers import report_format
from survey.reports.xlsx import XLSX_MEDIA_TYPE
from survey.store.database import Database
from survey.store.participants import Participant
from survey.store.published import published_schema
from survey.store.responses import get_response, save_answers
from survey.store.staff import StaffUser, get_synthesis, save_synthesis
from survey.store.workshops import get_group, get_workshop, list_workshops
from survey.web.guards import (
    allow,
    is_participant_of_group,
    is_staff_of_group,
    may_see_workshop,
    requires_participant,
    requires_someone,
    requires_staff,
)
from survey.web.identity import Identity

T = TypeVar("T")
UserRequest = Request[Identity, Any, Any]


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
    guards = (requires_someone,)

    @get("/workshops", sync_to_thread=True)
    def workshops(
        self, request: UserRequest, database: NamedDependency[Database]
    ) -> list[WorkshopOut]:
        """Workshops the caller may see: all for organizers, their own for others."""
        return [
            _out(w, WorkshopOut)
            for w in list_workshops(database)
            if may_see_workshop(request.user, w.id)
        ]

    @get("/workshops/{workshop_id:str}", sync_to_thread=True)
    def workshop(
        self, request: UserRequest, database: NamedDependency[Database], workshop_id: FromPath[str]
    ) -> WorkshopOut:
        record = get_workshop(database, workshop_id)
        allow(may_see_workshop(request.user, workshop_id), "this token belongs to another workshop")
        return _out(record, WorkshopOut)

    @get("/questionnaires/{questionnaire_id:str}/{version:int}", sync_to_thread=True)
    def questionnaire(
        self,
        request: UserRequest,
        database: NamedDependency[Database],
        questionnaire_id: FromPath[str],
        version: FromPath[int],
    ) -> Questionnaire:
        """A questionnaire version as published (participants: only their group's)."""
        user = request.user
        if isinstance(user, Participant):
            own = (user.group.questionnaire_id, user.group.questionnaire_version)
            allow(
                own == (questionnaire_id, version),
                "participants read their own group's questionnaire",
            )
        with database.read() as connection:
            return published_schema(connection, questionnaire_id, version)

    @get(
        "/workshops/{workshop_id:str}/groups/{group_id:str}/response",
        sync_to_thread=True,
        guards=[requires_participant],
    )
    def own_response(
        self,
        request: Request[Participant, Any, Any],
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
    ) -> ResponseOut:
        group = get_group(database, workshop_id, group_id)
        allow(is_participant_of_group(request.user, group), "this token belongs to another group")
        return _out(get_response(database, request.user), ResponseOut)

    @put(
        "/workshops/{workshop_id:str}/groups/{group_id:str}/response",
        sync_to_thread=True,
        guards=[requires_participant],
    )
    def save_response(
        self,
        request: Request[Participant, Any, Any],
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
        data: JSONBody[ResponseIn],
    ) -> Response[Any]:
        """Save a draft (`submit: false`) or submit. The same body twice stores one response."""
        participant = request.user
        group = get_group(database, workshop_id, group_id)
        allow(is_participant_of_group(participant, group), "this token belongs to another group")
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
                        key: problem_message(problem, gettext)
                        for key, problem in result.problems.items()
                    },
                    "codes": {key: problem.code for key, problem in result.problems.items()},
                },
                status_code=422,
            )
        return Response(content=_out(result.response, ResponseOut))

    @get(
        "/workshops/{workshop_id:str}/groups/{group_id:str}/synthesis",
        sync_to_thread=True,
        guards=[requires_staff],
    )
    def synthesis(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
    ) -> SynthesisOut:
        group = get_group(database, workshop_id, group_id)
        allow(is_staff_of_group(request.user, group), STAFF_OF_GROUP)
        return _out(get_synthesis(database, workshop_id, group_id), SynthesisOut)

    @put(
        "/workshops/{workshop_id:str}/groups/{group_id:str}/synthesis",
        sync_to_thread=True,
        guards=[requires_staff],
    )
    def write_synthesis(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        workshop_id: FromPath[str],
        group_id: FromPath[str],
        data: JSONBody[SynthesisIn],
    ) -> SynthesisOut:
        """The rapporteur's narrative for the group (Markdown)."""
        group = get_group(database, workshop_id, group_id)
        allow(is_staff_of_group(request.user, group), STAFF_OF_GROUP)
        return _out(
            save_synthesis(database, workshop_id, group_id, data.text, request.user), SynthesisOut
        )


STAFF_OF_GROUP = "this needs the group's rapporteur or an organizer"


def _report_request(
    staff: StaffUser, workshop_id: str, report_format: str, options: ReportOptions
) -> ReportRequest:
    """Organizers report on whole workshops, a rapporteur on their own group; only
    organizers may lower the minimum group size below the non-attribution default."""
    group_id = options.group
    if staff.group is not None:
        allow(staff.group[0] == workshop_id, "this rapporteur reports on another workshop")
        allow(group_id in (None, staff.group[1]), "this rapporteur reports on another group")
        group_id = staff.group[1]
    allow(
        options.min_respondents >= DEFAULT_MIN_RESPONDENTS or staff.role == "organizer",
        f"only organizers may report on groups of fewer than {DEFAULT_MIN_RESPONDENTS}",
    )
    return ReportRequest(
        format=report_format,
        workshop_id=workshop_id,
        group_id=group_id,
        language=options.language,
        min_respondents=options.min_respondents,
        page_size=options.page_size,
        long=options.long,
    )


def _download(content: bytes, request: ReportRequest) -> Response[bytes]:
    fmt = report_format(request.format)
    name = f"{request.workshop_id}{'-' + request.group_id if request.group_id else ''}"
    headers = {"content-disposition": f'attachment; filename="{name}.{fmt.extension}"'}
    return Response(content=content, media_type=fmt.media_type, headers=headers)


class ReportOptions(msgspec.Struct, kw_only=True, frozen=True):
    language: str
    min_respondents: int
    page_size: PageSize
    group: str | None = None
    long: bool = False


def provide_report_options(
    language: FromQuery[str] = "en",
    min_respondents: Annotated[int, QueryParameter(ge=1, le=1000)] = DEFAULT_MIN_RESPONDENTS,
    page_size: FromQuery[str] = "A4",
    group: FromQuery[str | None] = None,
    long: FromQuery[bool] = False,
) -> ReportOptions:
    """The report's options from the query: `?language=ko&min_respondents=5&page_size=Letter`,
    `?group=pol-mil` (organizers: one group), `?long=true` (CSV: one row per answer)."""
    size: PageSize = "Letter" if page_size.lower() == "letter" else "A4"
    return ReportOptions(
        language=language, min_respondents=min_respondents, page_size=size, group=group, long=long
    )


class Reports(Controller):
    path = "/api/workshops/{workshop_id:str}"
    guards = (requires_staff,)
    dependencies = {  # noqa: RUF012 - Litestar reads this class attribute once
        "options": Provide(provide_report_options, sync_to_thread=False)
    }

    @get("/report.xlsx", sync_to_thread=True, media_type=XLSX_MEDIA_TYPE)
    def workbook(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        options: NamedDependency[ReportOptions],
        workshop_id: FromPath[str],
    ) -> Response[bytes]:
        """The workshop's workbook: organizers get every group, a rapporteur their own."""
        report = _report_request(request.user, workshop_id, "xlsx", options)
        buffer = io.BytesIO()
        build_report(database, report, buffer)
        return _download(buffer.getvalue(), report)

    @get("/report.csv", sync_to_thread=True, media_type="text/csv; charset=utf-8")
    def table(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        options: NamedDependency[ReportOptions],
        workshop_id: FromPath[str],
    ) -> Response[bytes]:
        """The responses as CSV (UTF-8 with BOM): one row per response, or per answer
        with `?long=true`."""
        return self._built(request.user, database, options, workshop_id, "csv")

    @get("/report.sav", sync_to_thread=True, media_type="application/x-spss-sav")
    def spss(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        options: NamedDependency[ReportOptions],
        workshop_id: FromPath[str],
    ) -> Response[bytes]:
        """The responses as an SPSS file with variable and value labels (stats extra)."""
        return self._built(request.user, database, options, workshop_id, "sav")

    @get("/report.dta", sync_to_thread=True, media_type="application/x-stata-dta")
    def stata(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        options: NamedDependency[ReportOptions],
        workshop_id: FromPath[str],
    ) -> Response[bytes]:
        """The responses as a Stata 14+ file with variable and value labels (stats extra)."""
        return self._built(request.user, database, options, workshop_id, "dta")

    def _built(
        self,
        staff: StaffUser,
        database: Database,
        options: ReportOptions,
        workshop_id: str,
        report_format: str,
    ) -> Response[bytes]:
        report = _report_request(staff, workshop_id, report_format, options)
        buffer = io.BytesIO()
        build_report(database, report, buffer)
        return _download(buffer.getvalue(), report)

    @get("/report.pdf", sync_to_thread=True, media_type="application/pdf")
    def synthesis_pdf(
        self,
        request: Request[StaffUser, Any, Any],
        database: NamedDependency[Database],
        settings: NamedDependency[Settings],
        options: NamedDependency[ReportOptions],
        workshop_id: FromPath[str],
    ) -> Response[bytes]:
        """The workshop's PDF synthesis, rendered outside the request workers and cached."""
        report = _report_request(request.user, workshop_id, "pdf", options)
        return _download(cached_pdf(database, settings.database_url, report), report)
