"""Semantic checks on a decoded questionnaire: what a careful reviewer would catch.

Typing (schema.py) already refused unknown keys and wrong value types. Here: ids are
slugs and unique in their scope, ranges are consistent, texts use declared languages,
and each `show_if` is valid (rules in conditions.py). Checks across versions live in
lineage.py. Each finding names the path inside the document and how to fix it; every
finding of a file is returned at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from survey.core.conditions import check_condition
from survey.core.errors import Finding, error, warning
from survey.core.ids import LANGUAGE_TAG, check_id, check_renamed_from
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Text
from survey.kinds import Question, kind_of


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
                findings += check_renamed_from(question.renamed_from, f"{path}.renamed_from")
            findings += kind_of(question).check(question, path)
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
