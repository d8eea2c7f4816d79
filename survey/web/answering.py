"""Answering: the questionnaire section by section, review, submit, receipt.

Only for a participant (the personal token cookie, see `web/identity.py`); the
participant, their questionnaire and the page's language arrive as dependencies, so
handlers read the request, call `responding` or the store, and render a page.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from survey.catalogs import Catalogs
from survey.core.questionnaire import Questionnaire
from survey.core.schema import localize
from survey.store.database import Database
from survey.store.participants import Participant
from survey.store.responses import ResponseRecord
from survey.store.workshops import get_workshop
from survey.web.chrome import Chrome, page_chrome, render, when
from survey.web.forms import form_lists
from survey.web.guards import requires_participant
from survey.web.pages import (
    localizer,
    problem_text,
    review_sections,
    section_page,
    section_with_first_problem,
)
from survey.web.responding import questionnaire_for, save_section, stored_answers, submit_draft

FormBody = URLEncodedBody[dict[str, Any]]


def provide_participant(request: Request[Participant, Any, Any]) -> Participant:
    return request.user


def provide_questionnaire(
    database: NamedDependency[Database], participant: NamedDependency[Participant]
) -> Questionnaire:
    return questionnaire_for(database, participant)


def provide_chrome(
    request: Request[Any, Any, Any],
    catalogs: NamedDependency[Catalogs],
    questionnaire: NamedDependency[Questionnaire],
) -> Chrome:
    return page_chrome(request, catalogs, list(questionnaire.languages))


class AnswerPages(Controller):
    include_in_schema = False
    guards = (requires_participant,)
    dependencies = {  # noqa: RUF012 - Litestar reads this class attribute once
        "participant": Provide(provide_participant, sync_to_thread=False),
        "questionnaire": Provide(provide_questionnaire, sync_to_thread=True),
        "chrome": Provide(provide_chrome, sync_to_thread=False),
    }

    @get("/respond", sync_to_thread=True)
    def form(
        self,
        database: NamedDependency[Database],
        participant: NamedDependency[Participant],
        questionnaire: NamedDependency[Questionnaire],
        chrome: NamedDependency[Chrome],
        section: FromQuery[int] = 0,
    ) -> Template:
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
        return render(
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
        database: NamedDependency[Database],
        participant: NamedDependency[Participant],
        questionnaire: NamedDependency[Questionnaire],
        chrome: NamedDependency[Chrome],
        data: FormBody,
    ) -> Template | Redirect:
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
        database: NamedDependency[Database],
        participant: NamedDependency[Participant],
        questionnaire: NamedDependency[Questionnaire],
        chrome: NamedDependency[Chrome],
        data: FormBody,
    ) -> Response:
        """The page saves as the participant goes; JSON for its script."""
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
        database: NamedDependency[Database],
        participant: NamedDependency[Participant],
        questionnaire: NamedDependency[Questionnaire],
        chrome: NamedDependency[Chrome],
    ) -> Template:
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
        return render(
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
        database: NamedDependency[Database],
        participant: NamedDependency[Participant],
        questionnaire: NamedDependency[Questionnaire],
        chrome: NamedDependency[Chrome],
    ) -> Template | Redirect:
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
        database: NamedDependency[Database],
        participant: NamedDependency[Participant],
        questionnaire: NamedDependency[Questionnaire],
        chrome: NamedDependency[Chrome],
    ) -> Template | Redirect:
        _answers, response = stored_answers(database, participant)
        if response is None or response.submitted_revision is None:
            return Redirect(path="/respond/review", status_code=303)
        return render(
            chrome,
            "receipt.html",
            title=localize(questionnaire.title, chrome.language, questionnaire.default_language),
            submitted_at=when(response.submitted_at),
            revision=response.submitted_revision,
            reference=f"{participant.group.workshop_id}/{participant.group.id}/{response.id:05d}-{response.submitted_revision}",
        )


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
        "submitted_at": when(response.submitted_at) if submitted and response else "",
        "saved_at": response.updated_at.strftime("%H:%M:%S") if response else "",
    }
