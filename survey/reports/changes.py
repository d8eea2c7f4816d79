"""What changed in a question between the versions a report spans, in plain words.

"Wording changed in 2007: “…” → “…”", "Option “Other” added in 2006", "Row “…” dropped
in 2007": said next to the question in the workbook and the PDF, in the report's
language, and dated by the workshops that used each version (a version no compared
workshop used is named by its number). Questions and options are matched the way the
aggregate lines them up (ids and `renamed_from`), so a renamed id is no change at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from survey.catalogs import Gettext
from survey.core.figures import OTHER_WORD
from survey.core.lineage import LinedUpQuestion, Lineup
from survey.core.questionnaire import Questionnaire
from survey.core.schema import OTHER
from survey.kinds import kind_of
from survey.kinds.specs import Option

#: Texts longer than this are shortened in a change note.
SHOWN = 90


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


class _Side:
    """One version of a question: its definition, options and rows in line-up ids."""

    def __init__(
        self,
        lined_up: LinedUpQuestion,
        schema: Questionnaire,
        version: int,
        text: Callable[[Any], str],
        words: Gettext,
    ) -> None:
        question = schema.question_index()[lined_up.ids[version]]
        kind = kind_of(question)
        renames = lined_up.option_ids.get(version, {})
        values = {**renames.get("choices", {}), **renames.get("columns", {})}
        self.prompt = text(getattr(question, "prompt", None))
        self.options: dict[str, Option] = {
            values.get(o.value, o.value): o for o in kind.options(question, {}, text, words)
        }
        self.other = OTHER in kind.offered(question)
        rows = {row.id: row for row in getattr(question, "rows", None) or []}
        self.rows = {new: text(rows[old].label) for old, new in renames.get("rows", {}).items()}


def question_changes(
    lined_up: LinedUpQuestion,
    schemas: Mapping[int, Questionnaire],
    when: Mapping[int, str],
    text: Callable[[Any], str],
    words: Gettext,
) -> list[str]:
    """Changes of one lined-up question between consecutive versions among `schemas`."""
    versions = [version for version in sorted(schemas) if version in lined_up.ids]
    notes: list[str] = []
    for old_version, new_version in itertools.pairwise(versions):
        old = _Side(lined_up, schemas[old_version], old_version, text, words)
        new = _Side(lined_up, schemas[new_version], new_version, text, words)
        notes += _between(old, new, when.get(new_version, f"v{new_version}"), words)
    return notes


def _between(old: _Side, new: _Side, at: str, words: Gettext) -> list[str]:
    notes = []
    if old.prompt != new.prompt:
        notes.append(
            words("Wording changed in {when}: “{old}” → “{new}”").format(
                when=at, old=_short(old.prompt), new=_short(new.prompt)
            )
        )
    notes += _option_notes(old.options, new.options, at, words)
    if new.other and not old.other:
        notes.append(
            words("Option “{label}” added in {when}").format(label=words(OTHER_WORD), when=at)
        )
    if old.other and not new.other:
        notes.append(
            words("Option “{label}” dropped in {when}").format(label=words(OTHER_WORD), when=at)
        )
    for key, label in new.rows.items():
        if key not in old.rows:
            notes.append(words("Row “{label}” added in {when}").format(label=label, when=at))
        elif old.rows[key] != label:
            notes.append(
                words("Row “{old}” now reads “{new}” (from {when})").format(
                    old=old.rows[key], new=label, when=at
                )
            )
    for key, label in old.rows.items():
        if key not in new.rows:
            notes.append(words("Row “{label}” dropped in {when}").format(label=label, when=at))
    return notes


def _option_notes(
    old: dict[str, Option], new: dict[str, Option], at: str, words: Gettext
) -> list[str]:
    notes = []
    for key, option in new.items():
        before = old.get(key)
        point = option.label == option.value
        if before is None:
            notes.append(
                (
                    words("Point {label} added in {when}")
                    if point
                    else words("Option “{label}” added in {when}")
                ).format(label=option.label, when=at)
            )
        elif before.label != option.label:
            notes.append(
                words("Option “{old}” now reads “{new}” (from {when})").format(
                    old=before.label, new=option.label, when=at
                )
            )
        elif before.detail != option.detail and option.detail:
            notes.append(
                words("Point {point} labelled “{label}” from {when}").format(
                    point=option.label, label=option.detail, when=at
                )
            )
    for key, option in old.items():
        if key not in new:
            point = option.label == option.value
            notes.append(
                (
                    words("Point {label} dropped in {when}")
                    if point
                    else words("Option “{label}” dropped in {when}")
                ).format(label=option.label, when=at)
            )
    return notes


def all_changes(
    lineups: Mapping[str, Lineup],
    schemas: Mapping[tuple[str, int], Questionnaire],
    when: Mapping[tuple[str, int], str],
    texts: Mapping[str, Callable[[Any], str]],
    words: Gettext,
) -> dict[tuple[str, str], list[str]]:
    """Per (questionnaire, question) of the line-ups, its changes in plain words."""
    found: dict[tuple[str, str], list[str]] = {}
    for qid, lineup in lineups.items():
        versions = {v: schemas[(qid, v)] for v in lineup.versions}
        dated = {v: label for (q, v), label in when.items() if q == qid}
        for lined_up in lineup.questions:
            notes = question_changes(lined_up, versions, dated, texts[qid], words)
            if notes:
                found[(qid, lined_up.id)] = notes
    return found
