"""An XLSForm -> a questionnaire version, with every name changed and everything refused.

`import_xlsform` reads the workbook (`xlsform_reader`, pyxform), makes its names ids
and its languages codes (`xlsform_names`), gives each question to the kinds (the first
kind whose `xlsform_read` takes it), turns `relevant` into `show_if`
(`xlsform_conditions`) and returns the questionnaire as a file writes it together with
each refusal and note by row, so a command or a page can show them all before anything
is saved. Nothing is dropped silently: what cannot be expressed is a refusal, what is
left out on purpose (device metadata, unused calculations) a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from survey.core.checks import check_questionnaire
from survey.core.errors import Finding, errors_only
from survey.core.questionnaire import Questionnaire
from survey.files.questionnaire_files import decode_questionnaire
from survey.files.xlsform_conditions import ConditionReader, Target, combine
from survey.files.xlsform_expressions import Test, Unsupported, parse, references
from survey.files.xlsform_fields import FieldReader, is_kind_group
from survey.files.xlsform_names import Languages, Names, Rename
from survey.files.xlsform_reader import SheetForm, SheetItem, read_xlsform
from survey.kinds import KINDS, Question
from survey.kinds.xlsform import ABOUT

#: Types that record the device or the session, not an answer: left out with a note.
METADATA = frozenset(
    [
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
        "background-audio",
        "background-geopoint",
        "uri:deviceid",
        "uri:subscriberid",
        "uri:simserial",
        "uri:phonenumber",
        "uri:username",
        "uri:email",
    ]
)
#: Kobo's deployment stamp, a calculation nothing uses.
KOBO_VERSION = "__version__"


class Issue(msgspec.Struct, kw_only=True, frozen=True):
    """Something the import could not express (a refusal) or chose to leave (a note)."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


class ImportResult(msgspec.Struct, kw_only=True):
    """The questionnaire as a file writes it, without what was refused, and why."""

    data: dict[str, Any]
    questionnaire: Questionnaire | None
    findings: list[Finding]
    renames: list[Rename]
    notes: list[Issue]
    refusals: list[Issue]

    @property
    def usable(self) -> bool:
        """Whether the questionnaire (without the refused parts) is a valid version."""
        return self.questionnaire is not None and not errors_only(self.findings)


def import_xlsform(
    path: Path,
    *,
    questionnaire_id: str | None = None,
    version: int = 1,
    language_map: dict[str, str] | None = None,
) -> ImportResult:
    """Read the XLSForm at `path` (`XlsFormError` if it cannot be read at all)."""
    sheet = read_xlsform(path)
    return _Import(sheet, language_map or {}).result(path.name, questionnaire_id, version)


class _Import:
    def __init__(self, sheet: SheetForm, language_map: dict[str, str]) -> None:
        self.sheet = sheet
        self.languages = Languages(language_map, sheet.default_language)
        self.renames: list[Rename] = []
        self.refusals: list[tuple[int, str]] = list(sheet.refusals)
        self.notes: list[tuple[int, str]] = list(sheet.notes)
        self.questions = Names("question", self.renames, self.refusals)
        self.sections = Names("section", self.renames, self.refusals)
        self.conditions = ConditionReader()
        self.fields = FieldReader(self.languages, self.renames, self.refusals, self.notes)
        self.used_by: dict[str, list[str]] = {}
        self._survey(sheet.items)

    def _survey(self, items: list[SheetItem]) -> None:
        """Who refers to whom, and where each name is, before anything is read."""
        for item in items:
            kind = "group" if item.type in ("group", "repeat") else "question"
            self.conditions.elsewhere[item.name] = (
                f"`{item.name}` is a {item.type}"
                if kind == "group"
                else f"`{item.name}` comes later; show_if only looks at earlier questions"
            )
            texts = [item.relevant, item.constraint, item.required, item.calculation]
            texts += [item.choice_filter, *_texts(item.label), *_texts(item.hint)]
            for name in {n for text in texts if text for n in references(text)}:
                self.used_by.setdefault(name, []).append(item.name)
            self._survey(item.children)

    def refuse(self, item: SheetItem, problem: str) -> None:
        self.refusals.append((item.row, f"`{item.name}`: {problem}"))

    def note(self, item: SheetItem, said: str) -> None:
        self.notes.append((item.row, f"`{item.name}`: {said}"))

    def leave_out(self, item: SheetItem, why: str) -> None:
        self.conditions.elsewhere[item.name] = f"`{item.name}` is not imported ({why})"

    # --- the questionnaire ----------------------------------------------------------------

    def result(self, file: str, questionnaire_id: str | None, version: int) -> ImportResult:
        header = self._header(file, questionnaire_id, version)
        sections = self._sections()
        languages = self.languages.ordered()
        if not languages:
            default = self.languages.peek("default") or "en"
            if not self.languages.unknown:
                said = f"the labels name no language; they are taken as `{default}`"
                self.notes.append((0, said))
            languages = [default]
        for name in self.languages.unknown:
            column = "label" if name == "default" else f"label::{name}"
            self.refusals.append(
                (
                    0,
                    f"the language of columns such as `{column}` has no code: add --language-map "
                    f'"{name}=<code>" (e.g. {name}=en)',
                )
            )
        data = {**header, "languages": languages, "sections": sections}
        data = {key: data[key] for key in _HEADER_ORDER if key in data}
        if len(languages) == 1:
            data = _plain_texts(data, languages[0])
        questionnaire, findings = decode_questionnaire(data)
        if questionnaire is not None:
            findings = check_questionnaire(questionnaire)
        return ImportResult(
            data=_ordered(data),
            questionnaire=questionnaire,
            findings=findings,
            renames=self.renames,
            notes=[Issue(row=row, message=text) for row, text in _by_row(self.notes)],
            refusals=[Issue(row=row, message=text) for row, text in _by_row(self.refusals)],
        )

    def _header(self, file: str, chosen: str | None, version: int) -> dict[str, Any]:
        sheet = self.sheet
        qid = chosen or Names("form", self.renames, self.refusals).id_of(sheet.form_id, 0) or "form"
        title = self.languages.text(sheet.marks.get("title")) or sheet.title
        provenance = {"format": "xlsform", "file": file, "form_id": sheet.form_id}
        if sheet.version is not None:
            provenance["version"] = sheet.version
        header: dict[str, Any] = {"id": qid, "version": version, "title": title}
        description = self.languages.text(sheet.marks.get("description"))
        if description is not None:
            header["description"] = description
        return header | {"imported_from": provenance}

    def _sections(self) -> list[dict[str, Any]]:
        sections: list[dict[str, Any]] = []
        loose: list[SheetItem] = []
        for item in [*self.sheet.items, None]:
            if item is not None and (item.type != "group" or is_kind_group(item)):
                loose.append(item)
                continue
            if loose:
                name = f"part-{len(sections) + 1}"
                questions = self._questions(loose, [])
                if questions:
                    section_id = self.sections.id_of(name, loose[0].row) or name
                    said = f"questions outside any group form the section `{section_id}`"
                    self.notes.append((loose[0].row, said))
                    sections.append(
                        {"id": section_id, "title": self.sheet.title, "questions": questions}
                    )
                loose = []
            if item is not None:
                sections += self._section(item)
        return sections

    def _section(self, item: SheetItem) -> list[dict[str, Any]]:
        inherited = self._group_condition(item)
        questions = self._questions(item.children, inherited)
        if not questions:
            self.note(item, "the group has no question that can be imported; left out")
            return []
        section_id = self.sections.id_of(item.name, item.row, item.marks.get("id"))
        if section_id is None:
            return []
        section: dict[str, Any] = {"id": section_id, "title": self.languages.text(item.label)}
        if section["title"] is None:
            section["title"] = item.name
            self.note(item, "the group has no label; its name is its title")
        if item.hint is not None:
            section["description"] = self.languages.text(item.hint)
        return [section | {"questions": questions}]

    def _group_condition(self, item: SheetItem) -> list[dict[str, Any]]:
        if item.relevant is None:
            return []
        try:
            return [self.conditions.read(item.relevant)]
        except Unsupported as reason:
            self.refuse(item, f'relevant "{item.relevant}" cannot be expressed: {reason}')
            return []

    def _questions(self, items: list[SheetItem], inherited: list[dict[str, Any]]) -> list[Any]:
        questions: list[Any] = []
        for item in self._fold_other(items):
            if item.marks.get("type") == ABOUT:
                continue
            if item.type == "group" and not is_kind_group(item):
                if item.label is not None:
                    note = self._question(msgspec.structs.replace(item, type="note"), inherited)
                    questions += [note] if note else []
                self.note(item, "a group inside a group: its questions join the section")
                questions += self._questions(item.children, inherited + self._group_condition(item))
                continue
            question = self._question(item, inherited)
            if question is not None:
                questions.append(question)
        return questions

    def _fold_other(self, items: list[SheetItem]) -> list[SheetItem]:
        """A select with an `other` choice and, next, a text shown when it is picked: the
        select's "Other, please specify" (the way to write it with translated labels)."""
        out: list[SheetItem] = []
        for item in items:
            before = out[-1] if out else None
            if (
                before is not None
                and before.type in ("select_one", "select_multiple")
                and item.type == "text"
                and any(choice.name == "other" for choice in before.choices)
                and _opens_other(item.relevant, before.name)
            ):
                kept = [choice for choice in before.choices if choice.name != "other"]
                out[-1] = msgspec.structs.replace(before, other=True, choices=kept)
                if "id" not in item.marks and item.label is not None:
                    self.note(item, f'becomes the "Other, please specify" text of `{before.name}`')
                self.leave_out(item, f"it is the Other text of `{before.name}`")
                continue
            out.append(item)
        return out

    def _question(self, item: SheetItem, inherited: list[dict[str, Any]]) -> dict[str, Any] | None:
        if not self._answerable(item):
            return None
        field = self.fields.field(item)
        if field is None:
            self.leave_out(item, "refused")
            return None
        read = next((r for kind in KINDS if (r := kind.xlsform_read(field)) is not None), None)
        if read is None or not read.question:
            problems = read.problems if read else [f"a `{item.type}` like this cannot be expressed"]
            for problem in problems:
                self.refuse(item, problem)
            self.leave_out(item, "refused")
            return None
        for problem in read.problems:
            self.refuse(item, problem)
        qid = self.questions.id_of(item.name, item.row, item.marks.get("id"))
        if qid is None:
            self.leave_out(item, "its name is refused")
            return None
        own = self._group_condition(item)
        question = {"id": qid, **read.question}
        conditions = inherited + own
        if conditions:
            question["show_if"] = combine(conditions)
        if isinstance(item.marks.get("renamed_from"), str):
            question["renamed_from"] = item.marks["renamed_from"]
        try:
            built = msgspec.convert(question, Question, str_keys=True)
        except msgspec.ValidationError as error:
            self.refuse(item, f"cannot be expressed: {error}")
            self.leave_out(item, "refused")
            return None
        choice_ids = self.fields.choice_ids.get(item.list_name or "", {})
        self.conditions.targets[item.name] = Target(question=built, choice_ids=choice_ids)
        return question

    def _answerable(self, item: SheetItem) -> bool:
        """Whether the item is a question at all; notes or refusals for those that are not."""
        if item.type in METADATA:
            self.note(item, f"`{item.type}` records the device or session; left out")
        elif item.type == "calculate" and item.name == KOBO_VERSION:
            self.note(item, "Kobo's form version stamp; left out")
        elif item.type == "calculate" and self.used_by.get(item.name):
            users = ", ".join(f"`{name}`" for name in self.used_by[item.name])
            self.refuse(item, f"a calculation used by {users} cannot be expressed")
        elif item.type == "calculate":
            self.note(item, "a calculation no question uses; left out")
        elif item.type == "repeat":
            count = len(list(_flatten(item.children)))
            self.refuse(
                item,
                f"a repeat (of {count} items) cannot be expressed: each question is asked once",
            )
            for inner in _flatten(item.children):
                self.leave_out(inner, f"inside the repeat `{item.name}`")
        else:
            return True
        self.leave_out(item, "not a question")
        return False


def _by_row(said: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Messages in the order of the sheet, the form's own first, each once."""
    return sorted(dict.fromkeys(said), key=lambda item: item[0])


def _opens_other(relevant: str | None, name: str) -> bool:
    try:
        test = parse(relevant or "")
    except Unsupported:
        return False
    return (
        isinstance(test, Test)
        and test.subject == name
        and test.value == "other"
        and (test.op in ("=", "selected"))
    )


def _flatten(items: list[SheetItem]) -> Any:
    for item in items:
        yield item
        yield from _flatten(item.children)


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(text) for text in value.values()]
    return [str(value)] if value is not None else []


def _plain_texts(data: Any, language: str) -> Any:
    """`{en: text}` as `text` where `en` is the only language (a plain text means it)."""
    if isinstance(data, dict):
        if set(data) == {language} and isinstance(data[language], str):
            return data[language]
        return {key: _plain_texts(value, language) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain_texts(item, language) for item in data]
    return data


#: The order of a questionnaire's keys in the file written.
_HEADER_ORDER = ("id", "version", "title", "languages", "description", "imported_from", "sections")
#: The order of a question's keys in the file written, as the shipped files have them.
_KEY_ORDER = ("id", "type", "prompt", "text", "help", "required")


def _ordered(data: Any) -> Any:
    if isinstance(data, dict):
        ordered = {k: data[k] for k in _KEY_ORDER if k in data}
        rest = {k: v for k, v in data.items() if k not in ordered}
        late = {k: rest.pop(k) for k in ("show_if", "renamed_from", "sections") if k in rest}
        return {k: _ordered(v) for k, v in {**ordered, **rest, **late}.items()}
    if isinstance(data, list):
        return [_ordered(item) for item in data]
    return data
