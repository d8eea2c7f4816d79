"""Semantic checks on a decoded questionnaire: what a careful reviewer would catch.

Typing (schema.py) already refused unknown keys and wrong value types. Here: ids are
slugs and unique in their scope, ranges are consistent, texts use declared languages,
and each `show_if` is valid (rules in conditions.py). Checks across versions live in
lineage.py. Each finding names the path inside the document and how to fix it; every
finding of a file is returned at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from survey.conditions import check_condition
from survey.errors import Finding, error, warning
from survey.schema import (
    DONT_KNOW,
    OTHER,
    AllocationQuestion,
    Choice,
    DateQuestion,
    LongTextQuestion,
    MatrixQuestion,
    MultipleChoiceQuestion,
    Note,
    NumberQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    Text,
    TextQuestion,
)

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SLUG_MAX = 64
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
#: A scale with more points than this is better asked as a number.
MAX_SCALE_POINTS = 21


def check_questionnaire(questionnaire: Questionnaire) -> list[Finding]:
    """Every semantic finding for one version on its own."""
    findings: list[Finding] = []
    findings += _check_header(questionnaire)
    findings += _check_texts(questionnaire)
    questions_by_id: dict[str, Question] = {}
    question_ids: set[str] = set()
    section_ids: set[str] = set()
    for s, section in enumerate(questionnaire.sections):
        where = f"sections[{s}]"
        findings += check_id(section.id, f"{where}.id", "section", section_ids)
        if not section.questions:
            findings.append(error("empty-section", f"{where}.questions", "add a question"))
        for q, question in enumerate(section.questions):
            path = f"{where}.questions[{q}]"
            findings += check_id(question.id, f"{path}.id", "question", question_ids)
            if question.renamed_from is not None:
                findings += _check_renamed_from(question.renamed_from, f"{path}.renamed_from")
            findings += TYPE_CHECKS[type(question)](question, path)
            if question.show_if is not None:
                findings += check_condition(question.show_if, f"{path}.show_if", questions_by_id)
            questions_by_id.setdefault(question.id, question)
    if questionnaire.sections and not any(q.takes_answer for q in questionnaire.questions()):
        findings.append(error("no-questions", "sections", "add a question that takes an answer"))
    return findings


def _check_header(questionnaire: Questionnaire) -> list[Finding]:
    findings = check_id(questionnaire.id, "id", "questionnaire", set())
    if questionnaire.version < 1:
        findings.append(error("version", "version", "versions are numbered from 1"))
    if not questionnaire.languages:
        findings.append(error("languages", "languages", "list at least one language"))
    for index, language in enumerate(questionnaire.languages):
        if not LANGUAGE_TAG.match(language):
            findings.append(
                error(
                    "language-code",
                    f"languages[{index}]",
                    f"`{language}` is not a language code such as en, ko, zh, ja, ru",
                )
            )
        elif language in questionnaire.languages[:index]:
            findings.append(
                error("duplicate-language", f"languages[{index}]", f"`{language}` is listed twice")
            )
    if not questionnaire.sections:
        findings.append(error("no-sections", "sections", "add at least one section"))
    return findings


def check_id(value: str, path: str, what: str, taken: set[str]) -> list[Finding]:
    findings = []
    if not SLUG.match(value) or len(value) > SLUG_MAX:
        findings.append(
            error(
                "slug",
                path,
                f"the {what} id `{value}` must be lowercase letters and digits joined by - or _ "
                f"(at most {SLUG_MAX} characters), e.g. `mechanism-form`",
            )
        )
    if value in taken:
        findings.append(
            error("duplicate-id", path, f"the {what} id `{value}` is used twice; ids are unique")
        )
    taken.add(value)
    return findings


def _check_renamed_from(value: str, path: str) -> list[Finding]:
    if SLUG.match(value):
        return []
    return [error("slug", path, f"`{value}` is not an id; renamed_from names the old id")]


# --- texts -------------------------------------------------------------------------------


def _texts(questionnaire: Questionnaire) -> Iterator[tuple[str, Text | None]]:
    """Every user-facing string with its path."""
    yield "title", questionnaire.title
    yield "description", questionnaire.description
    for s, section in enumerate(questionnaire.sections):
        yield f"sections[{s}].title", section.title
        yield f"sections[{s}].description", section.description
        for q, question in enumerate(section.questions):
            path = f"sections[{s}].questions[{q}]"
            for key in ("text", "prompt", "help", "unit"):
                yield f"{path}.{key}", getattr(question, key, None)
            for key in ("choices", "rows", "columns"):
                for c, choice in enumerate(getattr(question, key, None) or ()):
                    yield f"{path}.{key}[{c}].label", choice.label
            for point, label in getattr(question, "labels", {}).items():
                yield f"{path}.labels.{point}", label


def _check_texts(questionnaire: Questionnaire) -> list[Finding]:
    declared = questionnaire.languages
    findings = []
    untranslated: dict[str, list[str]] = {language: [] for language in declared}
    count = 0
    for path, text in _texts(questionnaire):
        if text is None:
            continue
        count += 1
        translations = {declared[0] if declared else "en": text} if isinstance(text, str) else text
        if not translations:
            findings.append(error("empty-text", path, "give the text in at least one language"))
            continue
        for language, value in translations.items():
            if language not in declared:
                findings.append(
                    error(
                        "undeclared-language",
                        f"{path}.{language}",
                        f"`{language}` is not among the questionnaire's languages "
                        f"({', '.join(declared)}); add it to `languages` or remove this text",
                    )
                )
            elif not value.strip():
                findings.append(error("empty-text", f"{path}.{language}", "the text is empty"))
        for language in declared:
            if language not in translations:
                untranslated[language].append(path)
    for language, paths in untranslated.items():
        if paths:
            findings.append(
                warning(
                    "missing-translation",
                    paths[0],
                    f"{len(paths)} of {count} texts have no `{language}` translation (first "
                    f"here); participants reading {language} will see {declared[0]} there",
                )
            )
    return findings


# --- per question type --------------------------------------------------------------------


def _check_choices(choices: list[Choice], path: str, *, reserved: set[str]) -> list[Finding]:
    if not choices:
        return [error("no-choices", path, "list at least one choice")]
    findings: list[Finding] = []
    taken: set[str] = set()
    for index, choice in enumerate(choices):
        findings += check_id(choice.id, f"{path}[{index}].id", "choice", taken)
        if choice.id in reserved:
            findings.append(
                error(
                    "reserved-id",
                    f"{path}[{index}].id",
                    f"`{choice.id}` is reserved by this question's own option; use another id",
                )
            )
        if choice.renamed_from is not None:
            findings += _check_renamed_from(choice.renamed_from, f"{path}[{index}].renamed_from")
    return findings


def _check_point_labels(labels: dict[int, Text], low: int, high: int, path: str) -> list[Finding]:
    return [
        error(
            "label-out-of-range",
            f"{path}.labels.{point}",
            f"{point} is not between {low} and {high}; label only points of the scale",
        )
        for point in labels
        if not low <= point <= high
    ]


def _check_scale_range(low: int, high: int, path: str) -> list[Finding]:
    if low >= high:
        return [error("range", f"{path}.max", f"max ({high}) must be greater than min ({low})")]
    if high - low + 1 > MAX_SCALE_POINTS:
        return [
            error(
                "range",
                f"{path}.max",
                f"{high - low + 1} points is too many for a scale (at most {MAX_SCALE_POINTS}); "
                "use a number question",
            )
        ]
    return []


def _check_note(question: Note, path: str) -> list[Finding]:
    return []


def _check_text(question: TextQuestion | LongTextQuestion, path: str) -> list[Finding]:
    if question.max_length is not None and question.max_length < 1:
        return [error("range", f"{path}.max_length", "max_length must be at least 1 character")]
    return []


def _check_single_choice(question: SingleChoiceQuestion, path: str) -> list[Finding]:
    return _check_choices(
        question.choices, f"{path}.choices", reserved={OTHER} if question.other else set()
    )


def _check_multiple_choice(question: MultipleChoiceQuestion, path: str) -> list[Finding]:
    findings = _check_choices(
        question.choices, f"{path}.choices", reserved={OTHER} if question.other else set()
    )
    available = len(question.choices) + (1 if question.other else 0)
    low, high = question.min_selected, question.max_selected
    if low is not None and not 0 <= low <= available:
        findings.append(
            error("range", f"{path}.min_selected", f"min_selected must be 0 to {available}")
        )
    if high is not None and not 1 <= high <= available:
        findings.append(
            error(
                "range",
                f"{path}.max_selected",
                f"max_selected must be 1 to {available}, the number of choices",
            )
        )
    if low is not None and high is not None and low > high:
        findings.append(
            error("range", f"{path}.min_selected", "min_selected is larger than max_selected")
        )
    return findings


def _check_scale(question: ScaleQuestion, path: str) -> list[Finding]:
    return _check_scale_range(question.min, question.max, path) + _check_point_labels(
        question.labels, question.min, question.max, path
    )


def _check_matrix(question: MatrixQuestion, path: str) -> list[Finding]:
    findings = _check_choices(question.rows, f"{path}.rows", reserved=set())
    on_scale = question.min is not None or question.max is not None
    if question.columns is not None:
        if on_scale or question.labels:
            findings.append(
                error(
                    "matrix-form",
                    path,
                    "a matrix has either `columns` or a scale (`min`, `max`, `labels`), not both",
                )
            )
        reserved = {DONT_KNOW} if question.dont_know else set()
        findings += _check_choices(question.columns, f"{path}.columns", reserved=reserved)
    elif question.min is None or question.max is None:
        findings.append(
            error(
                "matrix-form",
                path,
                "give the matrix either `columns` to pick from or a scale with `min` and `max`",
            )
        )
    else:
        findings += _check_scale_range(question.min, question.max, path)
        findings += _check_point_labels(question.labels, question.min, question.max, path)
    return findings


def _check_ranking(question: RankingQuestion, path: str) -> list[Finding]:
    findings = _check_choices(question.choices, f"{path}.choices", reserved=set())
    if question.choices and len(question.choices) < 2:
        findings.append(error("range", f"{path}.choices", "a ranking needs at least 2 choices"))
    limit = question.rank_at_most
    if limit is not None and not 1 <= limit <= len(question.choices):
        findings.append(
            error(
                "range",
                f"{path}.rank_at_most",
                f"rank_at_most must be 1 to {len(question.choices)}, the number of choices",
            )
        )
    return findings


def _check_allocation(question: AllocationQuestion, path: str) -> list[Finding]:
    findings = _check_choices(question.choices, f"{path}.choices", reserved=set())
    if question.total <= 0:
        findings.append(error("range", f"{path}.total", "total must be a positive number"))
    return findings


def _check_number(question: NumberQuestion, path: str) -> list[Finding]:
    findings = []
    low, high = question.min, question.max
    if low is not None and high is not None and low > high:
        findings.append(error("range", f"{path}.min", f"min ({low}) is larger than max ({high})"))
    if question.integer:
        for key, bound in (("min", low), ("max", high)):
            if bound is not None and bound != int(bound):
                findings.append(
                    error("range", f"{path}.{key}", f"{key} must be whole: integer is set")
                )
    return findings


def _check_date(question: DateQuestion, path: str) -> list[Finding]:
    return []


TYPE_CHECKS: dict[type, Callable[[Any, str], list[Finding]]] = {
    Note: _check_note,
    TextQuestion: _check_text,
    LongTextQuestion: _check_text,
    SingleChoiceQuestion: _check_single_choice,
    MultipleChoiceQuestion: _check_multiple_choice,
    ScaleQuestion: _check_scale,
    MatrixQuestion: _check_matrix,
    RankingQuestion: _check_ranking,
    AllocationQuestion: _check_allocation,
    NumberQuestion: _check_number,
    DateQuestion: _check_date,
}
