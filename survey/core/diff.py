"""What changed between two versions of a questionnaire, for `survey diff`.

Questions and choices are matched by id, or through `renamed_from`: the same rule the
reports use to line versions up, so the diff shows authors exactly what a comparison
across versions will treat as "the same question".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import msgspec

from survey.core.lineage import ancestor_id
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Choice, Condition, Text
from survey.kinds import Question

ChangeKind = Literal["added", "removed", "renamed", "changed"]
_SYMBOL: dict[str, str] = {"added": "+", "removed": "-", "renamed": "~", "changed": "~"}
#: Keys compared generically; the rest (ids, renames, option lists) have their own rules.
_SPECIAL_KEYS = {"id", "renamed_from", "choices", "rows", "columns", "show_if", "type"}
_SHOWN_TEXT = 70
#: Stands for the language of a plain-string text (the questionnaire's default).
_PLAIN = ""


class Change(msgspec.Struct, kw_only=True, frozen=True):
    kind: ChangeKind
    what: Literal["questionnaire", "section", "question"]
    id: str
    summary: str = ""
    details: list[str] = []


def diff_versions(old: Questionnaire, new: Questionnaire) -> list[Change]:
    return [*_header_changes(old, new), *_section_changes(old, new), *_question_changes(old, new)]


def _header_changes(old: Questionnaire, new: Questionnaire) -> Iterator[Change]:
    details = [
        *_text_changes("title", old.title, new.title),
        *_text_changes("description", old.description, new.description),
    ]
    if old.languages != new.languages:
        details.append(f"languages: {', '.join(old.languages)} → {', '.join(new.languages)}")
    if details:
        yield Change(kind="changed", what="questionnaire", id=new.id, details=details)


def _section_changes(old: Questionnaire, new: Questionnaire) -> Iterator[Change]:
    before = {section.id: section for section in old.sections}
    after = {section.id: section for section in new.sections}
    for section in new.sections:
        if section.id not in before:
            yield Change(
                kind="added", what="section", id=section.id, summary=_quote(section.title, new)
            )
            continue
        details = [
            *_text_changes("title", before[section.id].title, section.title),
            *_text_changes("description", before[section.id].description, section.description),
        ]
        if details:
            yield Change(kind="changed", what="section", id=section.id, details=details)
    for section in old.sections:
        if section.id not in after:
            yield Change(
                kind="removed", what="section", id=section.id, summary=_quote(section.title, old)
            )


def _question_changes(old: Questionnaire, new: Questionnaire) -> Iterator[Change]:
    before = old.question_index()
    old_section = {q.id: s.id for s in old.sections for q in s.questions}
    matched: set[str] = set()
    for section in new.sections:
        for question in section.questions:
            ancestor = ancestor_id(question.id, question.renamed_from, before)
            if ancestor is None:
                yield Change(
                    kind="added",
                    what="question",
                    id=question.id,
                    summary=f"({question.kind}, section {section.id}) {_prompt(question, new)}",
                )
                continue
            matched.add(ancestor)
            details = list(_field_changes(before[ancestor], question))
            if old_section[ancestor] != section.id:
                details.insert(0, f"moved from section {old_section[ancestor]} to {section.id}")
            if ancestor != question.id:
                yield Change(
                    kind="renamed",
                    what="question",
                    id=question.id,
                    summary=f"renamed from {ancestor}",
                    details=details,
                )
            elif details:
                yield Change(kind="changed", what="question", id=question.id, details=details)
    for question in old.questions():
        if question.id not in matched:
            yield Change(
                kind="removed",
                what="question",
                id=question.id,
                summary=f"({question.kind}) {_prompt(question, old)}",
            )


def _field_changes(old: Question, new: Question) -> Iterator[str]:
    if old.kind != new.kind:
        yield f"type: {old.kind} → {new.kind}"
    if old.show_if != new.show_if:
        yield f"show_if: {describe_condition(old.show_if)} → {describe_condition(new.show_if)}"
    before = msgspec.to_builtins(old)
    after = msgspec.to_builtins(new)
    for key in dict.fromkeys([*before, *after]):
        if key in _SPECIAL_KEYS or before.get(key) == after.get(key):
            continue
        if key in ("prompt", "help", "text", "unit"):
            yield from _text_changes(key, before.get(key), after.get(key))
        else:
            yield f"{key}: {_value(before.get(key))} → {_value(after.get(key))}"
    for key in ("choices", "rows", "columns"):
        yield from _option_changes(key, getattr(old, key, None), getattr(new, key, None))


def _option_changes(key: str, old: list[Choice] | None, new: list[Choice] | None) -> Iterator[str]:
    if old is None and new is None:
        return
    if old is None or new is None:
        yield f"{key}: {'added' if old is None else 'removed'}"
        return
    before = {choice.id: choice for choice in old}
    matched: list[str] = []
    for choice in new:
        ancestor = ancestor_id(choice.id, choice.renamed_from, before)
        if ancestor is None:
            yield f"{key}: + {choice.id} “{_plain(choice.label)}”"
            continue
        matched.append(ancestor)
        if ancestor != choice.id:
            yield f"{key}: ~ {choice.id} renamed from {ancestor}"
        for change in _text_changes("label", before[ancestor].label, choice.label):
            yield f"{key}: ~ {choice.id} {change}"
    for choice in old:
        if choice.id not in matched:
            yield f"{key}: - {choice.id} “{_plain(choice.label)}”"
    if matched != [choice.id for choice in old if choice.id in matched]:
        yield f"{key}: order changed"


def _text_changes(name: str, old: Text | None, new: Text | None) -> Iterator[str]:
    """Per-language changes of one text; a plain string counts as its only translation."""
    before = _translations(old)
    after = _translations(new)
    for language in dict.fromkeys([*before, *after]):
        label = name if language == _PLAIN else f"{name} [{language}]"
        if language not in before:
            yield f"{label}: added “{_short(after[language])}”"
        elif language not in after:
            yield f"{label}: removed"
        elif before[language] != after[language]:
            yield f"{label}: “{_short(before[language])}” → “{_short(after[language])}”"


def _translations(text: Any) -> dict[str, str]:
    if text is None:
        return {}
    if isinstance(text, str):
        return {_PLAIN: text}
    return dict(text)


def describe_condition(condition: Condition | None) -> str:
    """A condition in words, e.g. `mechanism-form in [secretariat]`."""
    if condition is None:
        return "(always shown)"
    for name, children in (("all", condition.all_), ("any", condition.any_)):
        if children is not None:
            return f"{name}({'; '.join(describe_condition(child) for child in children)})"
    tests = {
        "equals": condition.equals,
        "in": condition.in_,
        "answered": condition.answered,
        "at least": condition.at_least,
        "at most": condition.at_most,
    }
    parts = [f"{name} {_value(value)}" for name, value in tests.items() if value is not None]
    return f"{condition.question} {' '.join(parts)}"


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return str(value)


def _plain(text: Any) -> str:
    translations = _translations(text)
    return _short(next(iter(translations.values()), ""))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN_TEXT else text[: _SHOWN_TEXT - 1] + "…"


def _quote(text: Text, questionnaire: Questionnaire) -> str:
    return f"“{_plain(_in_default(text, questionnaire))}”"


def _prompt(question: Question, questionnaire: Questionnaire) -> str:
    text = getattr(question, "prompt", None) or getattr(question, "text", None)
    return _quote(text, questionnaire) if text is not None else ""


def _in_default(text: Text, questionnaire: Questionnaire) -> Text:
    if isinstance(text, dict) and questionnaire.default_language in text:
        return text[questionnaire.default_language]
    return text


def format_diff(old: Questionnaire, new: Questionnaire, changes: list[Change]) -> str:
    """The changes as a person reads them, grouped by what changed."""
    lines = [f"{new.id}: v{old.version} → v{new.version}"]
    if not changes:
        lines.append("  no differences")
        return "\n".join(lines)
    for what in ("questionnaire", "section", "question"):
        group = [change for change in changes if change.what == what]
        if not group:
            continue
        lines.append(f"{what}s" if what != "questionnaire" else "questionnaire")
        for change in group:
            head = f"  {_SYMBOL[change.kind]} {change.kind:<8} {change.id}"
            lines.append(f"{head}  {change.summary}".rstrip())
            lines.extend(f"      {detail}" for detail in change.details)
    summary = []
    for what in ("section", "question"):
        counts: dict[str, int] = {}
        for change in changes:
            if change.what == what:
                counts[change.kind] = counts.get(change.kind, 0) + 1
        if counts:
            parts = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            summary.append(f"{what}s {parts}")
    if summary:
        lines.append("summary: " + "; ".join(summary))
    return "\n".join(lines)
