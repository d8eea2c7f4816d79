"""HTML form fields <-> answers in the shapes the API uses.

Field names, per question `q` (each kind reads and writes its own, see `Kind.read_form`):

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

from survey.core.errors import Problem
from survey.kinds import Question, kind_of
from survey.kinds.base import first
from survey.kinds.specs import FormData


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
        kind = kind_of(question)
        value, problem = kind.read_form(question, form)
        if problem is not None:
            problems[question.id] = problem
        if value is not None:
            answers[question.id] = value
        for suffix, _label in kind.free_texts(question):
            text = first(form, question.id + suffix) if suffix else None
            if text is not None:
                answers[question.id + suffix] = text
    return answers, problems


def form_values(question: Question, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What each field of `question` shows, from answers (stored or just submitted)."""
    return kind_of(question).form_values(question, answers)
