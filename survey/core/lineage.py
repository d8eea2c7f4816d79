"""Questions and choices across versions: what `renamed_from` links, and checking it.

The same id in two versions is the same question; `renamed_from` carries a question or
choice across a rename. Reports line versions up with this; `survey diff` shows it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

import msgspec

from survey.core.errors import Finding, error
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Choice
from survey.kinds import Question


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


# --- lining versions up for reports ------------------------------------------------------

_OPTION_KEYS = ("choices", "rows", "columns")


class LinedUpQuestion(msgspec.Struct, kw_only=True):
    """One question across versions: the newest definition, and its id in each version."""

    id: str
    question: Question
    ids: dict[int, str]
    #: Union of options per key, newest order first then options only older versions had.
    options: dict[str, list[Choice]]
    #: Per version and key: the id an option had then -> its id in the line-up.
    option_ids: dict[int, dict[str, dict[str, str]]]

    @property
    def versions(self) -> list[int]:
        return sorted(self.ids)


class Lineup(msgspec.Struct, kw_only=True):
    questionnaire_id: str
    versions: list[int]
    questions: list[LinedUpQuestion]

    def by_version(self, version: int) -> list[tuple[str, LinedUpQuestion]]:
        """(id in that version, lined-up question) for every question the version has."""
        return [(lq.ids[version], lq) for lq in self.questions if version in lq.ids]


def line_up_all(schemas: Mapping[tuple[str, int], Questionnaire]) -> dict[str, Lineup]:
    """Each questionnaire's versions among `schemas` lined up, by questionnaire id."""
    by_questionnaire: dict[str, dict[int, Questionnaire]] = {}
    for (qid, version), schema in schemas.items():
        by_questionnaire.setdefault(qid, {})[version] = schema
    return {qid: line_up(versions) for qid, versions in by_questionnaire.items()}


def line_up(versions: dict[int, Questionnaire]) -> Lineup:
    """Questions of several versions matched by id and `renamed_from`.

    The newest definition wins (labels, limits); questions only older versions had come
    after the current ones, as formpack does. Options are matched the same way.
    """
    chains: list[dict[int, Question]] = []
    current: dict[str, int] = {}
    for version in sorted(versions):
        following: dict[str, int] = {}
        for question in versions[version].questions():
            if not question.takes_answer:
                continue
            ancestor = ancestor_id(question.id, question.renamed_from, current)
            chain = current[ancestor] if ancestor is not None else len(chains)
            if ancestor is None:
                chains.append({})
            chains[chain][version] = question
            following[question.id] = chain
        current = following
    newest = max(versions) if versions else 0
    ordered = sorted(
        range(len(chains)), key=lambda c: (newest not in chains[c], _position(chains[c], versions))
    )
    questions = [_lined_up(chains[c]) for c in ordered]
    qid = next(iter(versions.values())).id if versions else ""
    return Lineup(questionnaire_id=qid, versions=sorted(versions), questions=questions)


def _position(chain: dict[int, Question], versions: dict[int, Questionnaire]) -> tuple[int, int]:
    version = max(chain)
    ids = [q.id for q in versions[version].questions()]
    return (-version, ids.index(chain[version].id))


def _lined_up(chain: dict[int, Question]) -> LinedUpQuestion:
    newest = chain[max(chain)]
    options: dict[str, list[Choice]] = {}
    option_ids: dict[int, dict[str, dict[str, str]]] = {version: {} for version in chain}
    for key in _OPTION_KEYS:
        if getattr(newest, key, None) is None:
            continue
        merged: list[Choice] = []
        current: dict[str, int] = {}
        per_version: dict[int, dict[str, int]] = {}
        for version in sorted(chain):
            following: dict[str, int] = {}
            for option in getattr(chain[version], key, None) or []:
                ancestor = ancestor_id(option.id, option.renamed_from, current)
                slot = current[ancestor] if ancestor is not None else len(merged)
                if ancestor is None:
                    merged.append(option)
                else:
                    merged[slot] = option
                following[option.id] = slot
            per_version[version] = following
            current = following
        newest_order = list(per_version[max(chain)].values())
        order = newest_order + [slot for slot in range(len(merged)) if slot not in newest_order]
        final_ids = {slot: merged[slot].id for slot in range(len(merged))}
        options[key] = [merged[slot] for slot in order]
        for version, slots in per_version.items():
            option_ids[version][key] = {old: final_ids[slot] for old, slot in slots.items()}
    return LinedUpQuestion(
        id=newest.id,
        question=newest,
        ids={version: question.id for version, question in chain.items()},
        options=options,
        option_ids=option_ids,
    )


def canonical_answer(lined_up: LinedUpQuestion, version: int, value: Any) -> Any:
    """An answer given to `version`, with option ids as the line-up names them."""
    maps = lined_up.option_ids.get(version, {})
    choices = maps.get("choices", {})

    def rename(item: Any) -> Any:
        return choices.get(item, item) if isinstance(item, str) else item

    if isinstance(value, list):
        return [rename(item) for item in value]
    if isinstance(value, dict):
        rows = maps.get("rows", maps.get("choices", {}))
        columns = maps.get("columns", {})
        return {
            rows.get(key, key): (columns.get(cell, cell) if isinstance(cell, str) else cell)
            for key, cell in value.items()
        }
    return rename(value)
