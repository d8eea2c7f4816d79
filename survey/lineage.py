"""Questions and choices across versions: what `renamed_from` links, and checking it.

The same id in two versions is the same question; `renamed_from` carries a question or
choice across a rename. Reports line versions up with this; `survey diff` shows it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from survey.errors import Finding, error
from survey.schema import Question, Questionnaire


def ancestor_id(item_id: str, renamed_from: str | None, previous: Collection[str]) -> str | None:
    """The id a question or choice had in the previous version, or None if it is new."""
    if item_id in previous:
        return item_id
    if renamed_from is not None and renamed_from in previous:
        return renamed_from
    return None


def check_history(history: dict[int, Questionnaire]) -> dict[int, list[Finding]]:
    """Findings per version that only show next to the earlier versions of the same id.

    `renamed_from` must name an id of an earlier version; a question keeps its type for
    life, or its answers could not be lined up across versions.
    """
    findings: dict[int, list[Finding]] = {}
    for version in sorted(history):
        earlier = [history[v] for v in sorted(history) if v < version]
        findings[version] = list(_check_lineage(history[version], earlier))
    return findings


def _check_lineage(current: Questionnaire, earlier: list[Questionnaire]) -> Iterator[Finding]:
    past: dict[str, Question] = {}
    for old in earlier:
        past.update(old.question_index())
    present = current.question_index()
    for s, section in enumerate(current.sections):
        for q, question in enumerate(section.questions):
            path = f"sections[{s}].questions[{q}]"
            ancestor_id = question.id
            if question.renamed_from is not None:
                ancestor_id = question.renamed_from
                if question.renamed_from in present:
                    yield error(
                        "rename",
                        f"{path}.renamed_from",
                        f"`{question.renamed_from}` still exists in this version; a renamed "
                        "question replaces its old id",
                    )
                elif question.renamed_from not in past:
                    yield error(
                        "rename",
                        f"{path}.renamed_from",
                        f"no earlier version has a question `{question.renamed_from}`",
                    )
            ancestor = past.get(ancestor_id)
            if ancestor is None:
                if not earlier or question.renamed_from is None:
                    yield from _check_choice_renames(question, None, path)
                continue
            if ancestor.kind != question.kind:
                yield error(
                    "type-changed",
                    f"{path}.type",
                    f"`{ancestor_id}` was a {ancestor.kind} question before and is a "
                    f"{question.kind} question now; a question whose meaning changed needs a "
                    "new id",
                )
            yield from _check_choice_renames(question, ancestor, path)


def _check_choice_renames(
    question: Question, ancestor: Question | None, path: str
) -> Iterator[Finding]:
    for key in ("choices", "rows", "columns"):
        current = getattr(question, key, None) or []
        old_ids = {choice.id for choice in (getattr(ancestor, key, None) or [])}
        for index, choice in enumerate(current):
            if choice.renamed_from is not None and choice.renamed_from not in old_ids:
                yield error(
                    "rename",
                    f"{path}.{key}[{index}].renamed_from",
                    f"the previous version of this question has no {key[:-1]} "
                    f"`{choice.renamed_from}`",
                )
