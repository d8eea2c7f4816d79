"""Participant pages: find the workshop, get in, answer section by section, submit.

Thin handlers: read the request, call `responding` or the store, render a page.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, TooManyRequestsException
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from survey.schema import Questionnaire, localize
from survey.store.access import allow, group_for_code, is_limited
from survey.store.database import Database
from survey.store.responses import Participant, ResponseRecord, issue_tokens, participant_for_token
from survey.store.workshops import WorkshopRecord, get_workshop, list_workshops
from survey.web.chrome import TOKEN_COOKIE, Chrome, page_chrome, token_cookie
from survey.web.forms import form_lists
from survey.web.i18n import INTERFACE_LANGUAGES, Catalogs
from survey.web.pages import (
    localizer,
    problem_text,
    review_sections,
    section_page,
    section_with_first_problem,
)
from survey.web.responding import questionnaire_for, save_section, stored_answers, submit_draft

FormBody = URLEncodedBody[dict[str, Any]]
#: Wrong codes or links one address may try before waiting.
FAILED_ATTEMPTS = 20
FAILED_WINDOW = timedelta(minutes=15)


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _workshop_view(record: WorkshopRecord, language: str) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": localize(record.title, language, "en"),
        "dates": ", ".join(day.isoformat() for day in record.dates),
        "venue": record.venue,
        "is_sample": record.is_sample,
    }


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _render(chrome: Chrome, template: str, status: int = 200, **context: Any) -> Template:
    return Template(
        template_name=template,
        context={**chrome.context, **context},
        status_code=status,
        cookies=chrome.cookies,
    )


class ParticipantPages(Controller):
    include_in_schema = False

    @get("/", sync_to_thread=True)
    def index(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
    ) -> Template:
        chrome = page_chrome(request, catalogs, list(INTERFACE_LANGUAGES))
        workshops = [_workshop_view(w, chrome.language) for w in list_workshops(database)]
        return _render(chrome, "index.html", workshops=workshops)

    @get("/w/{workshop_id:str}", sync_to_thread=True)
    def workshop(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        workshop_id: FromPath[str],
    ) -> Template:
        record = get_workshop(database, workshop_id)
        chrome = page_chrome(request, catalogs, record.languages)
        return self._workshop_page(chrome, record, code="", error=None)

    def _workshop_page(
        self,
        chrome: Chrome,
        record: WorkshopRecord,
        *,
        code: str,
        error: str | None,
        status: int = 200,
    ) -> Template:
        groups = [
            {
                "title": localize(g.title, chrome.language, "en"),
                "room": g.room,
                "is_open": g.is_open,
            }
            for g in record.groups
        ]
        return _render(
            chrome,
            "workshop.html",
            status,
            workshop=_workshop_view(record, chrome.language),
            groups=groups,
            code=code,
            error=error,
        )

    @post("/w/{workshop_id:str}/code", sync_to_thread=True)
    def enter_code(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        workshop_id: FromPath[str],
        data: FormBody,
    ) -> Template | Redirect:
        """A group's access code gives this browser a personal token (or resumes its own)."""
        record = get_workshop(database, workshop_id)
        chrome = page_chrome(request, catalogs, record.languages)
        key = f"code:{_client(request)}"
        if is_limited(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW):
            raise TooManyRequestsException()
        code = " ".join(form_lists(data).get("code", []))
        group = group_for_code(database, workshop_id, code) if code else None
        if group is None:
            allow(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW)
            error = chrome.gettext(
                "This code does not match a group of this workshop. Please check it."
            )
            return self._workshop_page(chrome, record, code=code, error=error, status=400)
        current = participant_for_token(database, request.cookies.get(TOKEN_COOKIE, ""))
        if current is not None and current.group.pk == group.pk:
            return Redirect(path="/respond", status_code=303)
        [token] = issue_tokens(database, workshop_id, group.id, 1)
        return Redirect(path="/respond", status_code=303, cookies=[token_cookie(request, token)])

    @get("/r/{token:str}", sync_to_thread=True)
    def personal_link(
        self, request: Request, database: NamedDependency[Database], token: FromPath[str]
    ) -> Redirect:
        """A personal link: remember the token in a cookie and take it out of the address bar."""
        key = f"link:{_client(request)}"
        if is_limited(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW):
            raise TooManyRequestsException()
        if participant_for_token(database, token) is None:
            allow(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW)
            raise NotAuthorizedException("unknown personal link")
        return Redirect(path="/respond", status_code=303, cookies=[token_cookie(request, token)])

    # --- answering ---------------------------------------------------------------------

    @get("/respond", sync_to_thread=True)
    def form(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        section: FromQuery[int] = 0,
    ) -> Template:
        participant, questionnaire, chrome = _session(request, database, catalogs)
        answers, response = stored_answers(database, participant)
        if not participant.group.is_open:
            return self._review(
                chrome, database, participant, questionnaire, answers, response, problems={}
            )
        index = min(max(section, 0), len(questionnaire.sections) - 1)
        return self._form(
            chrome, database, participant, questionnaire, index, answers, {}, response
        )

    def _form(
        self,
        chrome: Chrome,
        database: NamedDependency[Database],
        participant: Participant,
        questionnaire: Questionnaire,
        index: int,
        answers: dict[str, Any],
        problems: dict[str, Any],
        response: ResponseRecord | None,
        status: int = 200,
    ) -> Template:
        page = section_page(
            questionnaire, index, answers, problems, chrome.gettext, chrome.language
        )
        return _render(
            chrome,
            "form.html",
            status,
            t=lambda text: localize(text, chrome.language, questionnaire.default_language),
            page=page,
            draft_key=f"{participant.pk}:{index}",
            **_header(database, participant, questionnaire, chrome.language, response),
        )

    @post("/respond", sync_to_thread=True)
    def save(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        data: FormBody,
    ) -> Template | Redirect:
        participant, questionnaire, chrome = _session(request, database, catalogs)
        fields = form_lists(data)
        index = _section_index(fields, questionnaire)
        outcome = save_section(database, participant, questionnaire, index, fields, chrome.language)
        if outcome.problems:
            return self._form(
                chrome,
                database,
                participant,
                questionnaire,
                index,
                outcome.answers,
                outcome.problems,
                outcome.response,
                422,
            )
        action = (fields.get("_action") or ["save"])[0]
        if action == "review":
            return Redirect(path="/respond/review", status_code=303)
        target = {"next": index + 1, "back": index - 1}.get(action, index)
        target = min(max(target, 0), len(questionnaire.sections) - 1)
        return Redirect(path=f"/respond?section={target}", status_code=303)

    @post("/respond/autosave", sync_to_thread=True)
    def autosave(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        data: FormBody,
    ) -> Response:
        """The page saves as the participant goes; JSON for its script."""
        participant, questionnaire, chrome = _session(request, database, catalogs)
        fields = form_lists(data)
        index = _section_index(fields, questionnaire)
        outcome = save_section(database, participant, questionnaire, index, fields, chrome.language)
        if outcome.problems:
            text = localizer(questionnaire, chrome.language)
            questions = questionnaire.question_index()
            problems = {
                key: problem_text(problem, questions.get(key), text, chrome.gettext)
                for key, problem in outcome.problems.items()
            }
            return Response(content={"saved": False, "problems": problems}, status_code=422)
        saved = outcome.response.updated_at if outcome.response else None
        return Response(
            content={"saved": True, "time": saved.strftime("%H:%M:%S") if saved else ""}
        )

    @get("/respond/review", sync_to_thread=True)
    def review(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
    ) -> Template:
        participant, questionnaire, chrome = _session(request, database, catalogs)
        answers, response = stored_answers(database, participant)
        return self._review(
            chrome, database, participant, questionnaire, answers, response, problems={}
        )

    def _review(
        self,
        chrome: Chrome,
        database: NamedDependency[Database],
        participant: Participant,
        questionnaire: Questionnaire,
        answers: dict[str, Any],
        response: ResponseRecord | None,
        problems: dict[str, Any],
        status: int = 200,
    ) -> Template:
        sections = review_sections(
            questionnaire, answers, problems, chrome.gettext, chrome.language
        )
        return _render(
            chrome,
            "review.html",
            status,
            sections=sections,
            problem_count=len(problems),
            is_open=participant.group.is_open,
            **_header(database, participant, questionnaire, chrome.language, response),
        )

    @post("/respond/submit", sync_to_thread=True)
    def submit(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
    ) -> Template | Redirect:
        participant, questionnaire, chrome = _session(request, database, catalogs)
        outcome = submit_draft(database, participant, chrome.language)
        if outcome.problems:
            first = section_with_first_problem(questionnaire, outcome.problems)
            return self._form(
                chrome,
                database,
                participant,
                questionnaire,
                first,
                outcome.answers,
                outcome.problems,
                outcome.response,
                422,
            )
        return Redirect(path="/respond/receipt", status_code=303)

    @get("/respond/receipt", sync_to_thread=True)
    def receipt(
        self,
        request: Request,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
    ) -> Template | Redirect:
        participant, questionnaire, chrome = _session(request, database, catalogs)
        _answers, response = stored_answers(database, participant)
        if response is None or response.submitted_revision is None:
            return Redirect(path="/respond/review", status_code=303)
        return _render(
            chrome,
            "receipt.html",
            title=localize(questionnaire.title, chrome.language, questionnaire.default_language),
            submitted_at=_when(response.submitted_at),
            revision=response.submitted_revision,
            reference=f"{participant.group.workshop_id}/{participant.group.id}/{response.id:05d}-{response.submitted_revision}",
        )


def _session(
    request: Request, database: Database, catalogs: Catalogs
) -> tuple[Participant, Questionnaire, Chrome]:
    """The participant of this browser (from the token cookie) and their questionnaire."""
    participant = participant_for_token(database, request.cookies.get(TOKEN_COOKIE, ""))
    if participant is None:
        raise NotAuthorizedException("no personal token in this browser")
    questionnaire = questionnaire_for(database, participant)
    return participant, questionnaire, page_chrome(request, catalogs, list(questionnaire.languages))


def _section_index(fields: dict[str, list[str]], questionnaire: Questionnaire) -> int:
    raw = (fields.get("_section") or ["0"])[0]
    index = int(raw) if raw.isdigit() else 0
    return min(index, len(questionnaire.sections) - 1)


def _header(
    database: Database,
    participant: Participant,
    questionnaire: Questionnaire,
    language: str,
    response: ResponseRecord | None,
) -> dict[str, Any]:
    group = participant.group
    workshop = get_workshop(database, group.workshop_id)
    submitted = response is not None and response.submitted_revision is not None
    return {
        "title": localize(questionnaire.title, language, questionnaire.default_language),
        "description": localize(
            questionnaire.description, language, questionnaire.default_language
        ),
        "workshop_title": localize(workshop.title, language, "en"),
        "group_title": localize(group.title, language, "en"),
        "is_sample": workshop.is_sample,
        "submitted_at": _when(response.submitted_at) if submitted and response else "",
        "saved_at": response.updated_at.strftime("%H:%M:%S") if response else "",
    }
