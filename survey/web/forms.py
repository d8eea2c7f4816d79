"""HTML form fields <-> answers in the shapes the API uses.

Field names, per question `q`:

* `q` for text, long text, date, number, single choice, scale (one value) and multiple
  choice (several values); `q.other` for the "Other" text;
* `q.row` for each matrix row;
* `q.rank.choice` for a ranking (the rank typed or picked for each choice);
* `q.alloc.choice` for an allocation.

Values that cannot be read (a number typed as "abc") are passed on as typed, so
validation reports them and the page shows them again unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.errors import Problem
from survey.schema import (
    DONT_KNOW,
    OTHER,
    AllocationQuestion,
    MatrixQuestion,
    MultipleChoiceQuestion,
    Note,
    NumberQuestion,
    Question,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
)

FormData = Mapping[str, list[str]]


def form_lists(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every submitted field as a list of non-blank strings.

    Litestar hands over one value as `str` and several as `list`, and drops blanks; this
    is the one place that evens that out.
    """
    fields: dict[str, list[str]] = {}
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                fields.setdefault(key, []).append(item)
    return fields


def answers_from_form(
    questions: list[Question], form: FormData
) -> tuple[dict[str, Any], dict[str, Problem]]:
    """The answers to `questions` found in `form`, and problems only the form can have."""
    answers: dict[str, Any] = {}
    problems: dict[str, Problem] = {}
    for question in questions:
        if isinstance(question, Note):
            continue
        value, problem = _read(question, form)
        if problem is not None:
            problems[question.id] = problem
        if value is not None:
            answers[question.id] = value
        other = _first(form, f"{question.id}.{OTHER}")
        if other is not None and getattr(question, "other", False):
            answers[f"{question.id}.{OTHER}"] = other
    return answers, problems


def _first(form: FormData, key: str) -> str | None:
    values = form.get(key)
    return values[0].strip() if values else None


def _number(text: str) -> int | float | str:
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return (
        int(number)
        if number.is_integer() and "." not in cleaned and "e" not in cleaned.lower()
        else number
    )


def _point(text: str) -> int | str:
    if text == DONT_KNOW:
        return DONT_KNOW
    try:
        return int(text)
    except ValueError:
        return text


def _read(question: Question, form: FormData) -> tuple[Any, Problem | None]:
    qid = question.id
    if isinstance(question, MultipleChoiceQuestion):
        return list(form.get(qid, [])) or None, None
    if isinstance(question, SingleChoiceQuestion):
        return _first(form, qid), None
    if isinstance(question, ScaleQuestion):
        value = _first(form, qid)
        return (None if value is None else _point(value)), None
    if isinstance(question, NumberQuestion):
        value = _first(form, qid)
        return (None if value is None else _number(value)), None
    if isinstance(question, MatrixQuestion):
        cells = {}
        for row in question.rows:
            value = _first(form, f"{qid}.{row.id}")
            if value is not None:
                cells[row.id] = value if question.columns is not None else _point(value)
        return cells or None, None
    if isinstance(question, RankingQuestion):
        return _ranking(question, form)
    if isinstance(question, AllocationQuestion):
        amounts = {}
        for choice in question.choices:
            value = _first(form, f"{qid}.alloc.{choice.id}")
            if value is not None:
                amounts[choice.id] = _number(value)
        return amounts or None, None
    return _first(form, qid), None


def _ranking(question: RankingQuestion, form: FormData) -> tuple[list[str] | None, Problem | None]:
    ranked: dict[int, str] = {}
    for choice in question.choices:
        value = _first(form, f"{question.id}.rank.{choice.id}")
        if value is None:
            continue
        if not value.isdigit() or int(value) < 1:
            return None, Problem(code="expected_ranking")
        rank = int(value)
        if rank in ranked:
            return None, Problem(code="rank_used_twice", params={"rank": rank})
        ranked[rank] = choice.id
    return [ranked[rank] for rank in sorted(ranked)] or None, None


def form_values(question: Question, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What each field of `question` shows, from answers (stored or just submitted)."""
    value = answers.get(question.id)
    if isinstance(question, RankingQuestion):
        order = value if isinstance(value, list) else []
        return {
            choice.id: (order.index(choice.id) + 1 if choice.id in order else "")
            for choice in question.choices
        }
    if isinstance(question, MatrixQuestion | AllocationQuestion):
        return dict(value) if isinstance(value, dict) else {}
    if isinstance(question, MultipleChoiceQuestion):
        return {"picked": list(value) if isinstance(value, list) else []}
    return {"value": "" if value is None else value}
