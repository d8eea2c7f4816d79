"""Page contexts: what each participant page shows, built from plain data.

Templates receive these Structs and never compute visibility, numbering or labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from survey.catalogs import Gettext
from survey.core.conditions import is_shown
from survey.core.display import display_answer
from survey.core.errors import Problem
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Condition, Text, localize
from survey.kinds import Question, kind_of, problem_message
from survey.kinds.base import Localize
from survey.kinds.specs import Option
from survey.web.forms import form_values


class Item(msgspec.Struct, kw_only=True):
    """One question on a form page, with what its fields show."""

    question: Any
    number: int | None
    values: dict[str, Any]
    other_text: str
    error: str | None
    hidden: bool
    show_if: str | None
    options: list[Option]
    hint: str
    #: How the page script reads this question's answer (see `Kind.page_value`).
    page_value: str


class NavEntry(msgspec.Struct, kw_only=True):
    index: int
    title: str
    current: bool
    problems: int


class SectionPage(msgspec.Struct, kw_only=True):
    index: int
    count: int
    title: str
    description: str
    items: list[Item]
    nav: list[NavEntry]
    #: Answers from other sections that show_if conditions here depend on (for the browser).
    known_answers: dict[str, Any]
    error_count: int


class ReviewRow(msgspec.Struct, kw_only=True):
    number: int
    prompt: str
    lines: list[str]
    error: str | None
    required: bool


class ReviewSection(msgspec.Struct, kw_only=True):
    index: int
    title: str
    rows: list[ReviewRow]


def problem_text(
    problem: Problem, question: Question | None, text: Localize, gettext: Gettext
) -> str:
    """A problem in the participant's words: rows and choices by their labels, not ids."""
    labels: dict[str, str] = {}
    for key in ("rows", "choices", "columns"):
        for option in getattr(question, key, None) or []:
            labels[option.id] = text(option.label)
    params = dict(problem.params)
    for name in ("row", "value", "choice"):
        if isinstance(params.get(name), str):
            params[name] = labels.get(str(params[name]), params[name])
    if isinstance(params.get("rows"), str):
        params["rows"] = ", ".join(labels.get(row, row) for row in str(params["rows"]).split(", "))
    return problem_message(Problem(code=problem.code, params=params), gettext)


def localizer(questionnaire: Questionnaire, language: str) -> Localize:
    def text(value: Text | None) -> str:
        return localize(value, language, questionnaire.default_language)

    return text


def visible_ids(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> set[str]:
    """Questions shown for these answers (as the server applies `show_if`)."""
    shown: dict[str, Any] = {}
    visible = set()
    for question in questionnaire.questions():
        if is_shown(question.show_if, shown):
            visible.add(question.id)
            if question.id in answers:
                shown[question.id] = answers[question.id]
    return visible


def numbering(questionnaire: Questionnaire) -> dict[str, int]:
    answerable = [q.id for q in questionnaire.questions() if q.takes_answer]
    return {qid: number for number, qid in enumerate(answerable, 1)}


def _condition_json(condition: Condition | None) -> str | None:
    return None if condition is None else msgspec.json.encode(condition).decode()


def section_page(
    questionnaire: Questionnaire,
    index: int,
    answers: Mapping[str, Any],
    problems: Mapping[str, Problem],
    gettext: Gettext,
    language: str,
) -> SectionPage:
    text = localizer(questionnaire, language)
    section = questionnaire.sections[index]
    visible = visible_ids(questionnaire, answers)
    numbers = numbering(questionnaire)
    items = [
        Item(
            question=question,
            number=numbers.get(question.id),
            values=form_values(question, answers),
            other_text=str(answers.get(f"{question.id}.other", "")),
            error=problem_text(problems[question.id], question, text, gettext)
            if question.id in problems
            else None,
            hidden=question.id not in visible,
            show_if=_condition_json(question.show_if),
            options=kind_of(question).options(question, answers, text, gettext),
            hint=kind_of(question).hint(question, gettext),
            page_value=kind_of(question).page_value,
        )
        for question in section.questions
    ]
    here = {question.id for question in section.questions}
    referenced = {
        qid
        for question in section.questions
        if question.show_if is not None
        for qid in question.show_if.questions_referenced()
        if qid not in here
    }
    known = {qid: answers[qid] for qid in referenced if qid in answers}

    return SectionPage(
        index=index,
        count=len(questionnaire.sections),
        title=text(section.title),
        description=text(section.description),
        items=items,
        nav=_nav(questionnaire, index, problems, text),
        known_answers=known,
        error_count=sum(1 for item in items if item.error),
    )


def _nav(
    questionnaire: Questionnaire, current: int, problems: Mapping[str, Problem], text: Localize
) -> list[NavEntry]:
    return [
        NavEntry(
            index=index,
            title=text(section.title),
            current=index == current,
            problems=sum(1 for q in section.questions if q.id in problems),
        )
        for index, section in enumerate(questionnaire.sections)
    ]


def section_with_first_problem(
    questionnaire: Questionnaire, problems: Mapping[str, Problem]
) -> int:
    for index, section in enumerate(questionnaire.sections):
        if any(question.id in problems for question in section.questions):
            return index
    return 0


def review_sections(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    problems: Mapping[str, Problem],
    gettext: Gettext,
    language: str,
) -> list[ReviewSection]:
    text = localizer(questionnaire, language)
    visible = visible_ids(questionnaire, answers)
    numbers = numbering(questionnaire)
    sections = []
    for index, section in enumerate(questionnaire.sections):
        rows = [
            ReviewRow(
                number=numbers[question.id],
                prompt=text(getattr(question, "prompt", None)) or question.id,
                lines=display_answer(question, answers, text, gettext),
                error=problem_text(problems[question.id], question, text, gettext)
                if question.id in problems
                else None,
                required=bool(getattr(question, "required", False)),
            )
            for question in section.questions
            if question.id in visible and question.takes_answer
        ]
        sections.append(ReviewSection(index=index, title=text(section.title), rows=rows))
    return sections
