"""Questionnaire files -> `Questionnaire` Structs, and the registry of all versions.

msgspec stops at the first type error in a document. Authors want every mistake of a
file at once, so decoding goes level by level (each question, each section without its
questions, the document without its sections) and collects one error per piece before
`checks.py` looks at what typing cannot express.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import msgspec

from survey.core.checks import check_questionnaire
from survey.core.errors import Finding, QuestionnaireError, errors_only
from survey.core.lineage import check_history
from survey.core.questionnaire import Questionnaire, Section
from survey.files.formats import SUFFIXES, Document, line_at, read_document
from survey.kinds import BY_NAME, Question

_VERSION_FILE = re.compile(r"^v([1-9][0-9]*)$")


class LoadedQuestionnaire(msgspec.Struct, kw_only=True, frozen=True):
    """One version, as read from its file, with the hash that identifies its content."""

    schema: Questionnaire
    content_hash: str
    path: str


def content_hash(questionnaire: Questionnaire) -> str:
    """SHA-256 of the decoded content: comments, formatting and file format do not count."""
    plain = msgspec.to_builtins(questionnaire, str_keys=True)
    if plain.get("imported_from") is None:
        # Added after versions were published: a version without it hashes as it always did.
        plain.pop("imported_from", None)
    canonical = msgspec.json.encode(plain, order="sorted")
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def decode_questionnaire(data: Any) -> tuple[Questionnaire | None, list[Finding]]:
    """Plain data -> Questionnaire, or every type error found, one per piece at most."""
    if not isinstance(data, dict):
        return None, [
            Finding(
                code="not-a-mapping",
                message="a questionnaire file holds a mapping with id, version, title and "
                f"sections, not {_describe(data)}",
            )
        ]
    findings = list(_non_finite_numbers(data, ""))
    sections = data.get("sections")
    if isinstance(sections, list):
        for s, section in enumerate(sections):
            where = f"sections[{s}]"
            questions = section.get("questions") if isinstance(section, dict) else None
            if isinstance(questions, list):
                for q, question in enumerate(questions):
                    findings += type_errors(question, Question, f"{where}.questions[{q}]")
                findings += type_errors({**section, "questions": []}, Section, where)
            else:
                findings += type_errors(section, Section, where)
        findings += type_errors({**data, "sections": []}, Questionnaire, "")
    else:
        findings += type_errors(data, Questionnaire, "")
    if findings:
        return None, findings
    return msgspec.convert(data, Questionnaire, str_keys=True), []


def type_errors(value: Any, target: Any, where: str) -> list[Finding]:
    """The first type error of `value` as `target` (a Struct), explained for an author."""
    try:
        msgspec.convert(value, target, str_keys=True)
    except msgspec.ValidationError as error:
        message, _, inner = str(error).partition(" - at `$")
        inner = inner.rstrip("`")
        path = (where + inner).lstrip(".")
        unknown = re.fullmatch(r"Object contains unknown field `(.+)`", message)
        if unknown:
            path = f"{path}.{unknown.group(1)}".lstrip(".")
        if inner.endswith(".type") and message.startswith("Invalid value"):
            message = f"unknown question type {message.removeprefix('Invalid value ')}"
        explained = _explain(message, *_struct_at(target, value, inner))
        return [Finding(code="type", message=explained, path=path)]
    return []


def _explain(message: str, struct: type[msgspec.Struct] | None, value: Any) -> str:
    """Rephrase msgspec's message for an author: name the fix, suggest the likely key."""
    unknown = re.fullmatch(r"Object contains unknown field `(.+)`", message)
    if unknown:
        key = unknown.group(1)
        stray = isinstance(value, dict) and value.get(key, "") is None
        return _unknown_key(key, _keys_of(struct), looks_like_text=stray)
    missing = re.fullmatch(r"Object missing required field `(.+)`", message)
    if missing:
        key = missing.group(1)
        if key == "type":
            return f"missing `type`; one of: {', '.join(BY_NAME)}"
        return f"missing required key `{key}`"
    bad_tag = re.fullmatch(r"unknown question type '(.*)'", message)
    if bad_tag:
        return f"unknown question type `{bad_tag.group(1)}`; one of: {', '.join(BY_NAME)}"
    if message.startswith("Invalid RFC3339 encoded"):
        kind = message.rsplit(" ", 1)[-1]
        return {"date": "expected a date as YYYY-MM-DD", "time": "expected a time as HH:MM"}.get(
            kind, f"expected an RFC 3339 {kind}"
        )
    return message.replace("Expected", "expected", 1)


def _unknown_key(key: str, allowed: list[str], *, looks_like_text: bool) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    if (looks_like_text and not close) or not _KEY_LIKE.match(key):
        return (
            f"unknown key `{key}`: this looks like part of a text; put the whole text in "
            'quotes (a comma or ": " inside {...} ends the value there)'
        )
    hint = f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(allowed)}"
    return f"unknown key `{key}` ({hint})"


_KEY_LIKE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _struct_at(target: Any, value: Any, inner_path: str) -> tuple[type[msgspec.Struct] | None, Any]:
    """The Struct class an error path points into and the value there.

    Follows the value to pick the member of a tagged union.
    """
    info = _narrow(msgspec.inspect.type_info(target), value)
    for key, index in _SEGMENT.findall(inner_path):
        if key and isinstance(info, msgspec.inspect.StructType):
            field = next((f for f in info.fields if f.encode_name == key), None)
            if field is None:
                return None, None
            value = value.get(key) if isinstance(value, dict) else None
            info = _narrow(field.type, value)
        elif index and isinstance(info, msgspec.inspect.ListType):
            items = value if isinstance(value, list) else []
            value = items[int(index)] if int(index) < len(items) else None
            info = _narrow(info.item_type, value)
        else:
            return None, None
    return (info.cls if isinstance(info, msgspec.inspect.StructType) else None), value


def _narrow(info: msgspec.inspect.Type, value: Any) -> msgspec.inspect.Type:
    """Of a union, the member `value` was meant to be: by tag, else the first container."""
    if not isinstance(info, msgspec.inspect.UnionType):
        return info
    structs = [t for t in info.types if isinstance(t, msgspec.inspect.StructType)]
    tag = value.get("type") if isinstance(value, dict) else None
    for struct in structs:
        if struct.tag is not None and struct.tag == tag:
            return struct
    wanted = (msgspec.inspect.StructType, msgspec.inspect.ListType)
    return next((t for t in info.types if isinstance(t, wanted)), info)


def _keys_of(struct: type[msgspec.Struct] | None) -> list[str]:
    if struct is None:
        return []
    names = list(struct.__struct_encode_fields__)
    if struct.__struct_config__.tag_field:
        names.insert(0, struct.__struct_config__.tag_field)
    return names


def _describe(data: Any) -> str:
    return {list: "a list", str: "a single string"}.get(type(data), f"a {type(data).__name__}")


def _non_finite_numbers(data: Any, path: str) -> Iterator[Finding]:
    if isinstance(data, float) and not math.isfinite(data):
        yield Finding(code="not-finite", message=f"{data} is not a usable number", path=path)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _non_finite_numbers(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_finite_numbers(value, f"{path}[{index}]")


def _path_findings(path: Path, questionnaire: Questionnaire) -> list[Finding]:
    """A version lives at `<id>/v<N>.<ext>`; the file must say the same id and N."""
    findings = []
    match = _VERSION_FILE.match(path.stem)
    if not match:
        findings.append(
            Finding(
                code="file-name",
                message=f"name the file v{questionnaire.version}{path.suffix} "
                "(v<version>, in a folder named after the questionnaire id)",
            )
        )
    elif int(match.group(1)) != questionnaire.version:
        findings.append(
            Finding(
                code="version-mismatch",
                path="version",
                message=f"the file says version {questionnaire.version} but is named "
                f"{path.name}; make them agree",
            )
        )
    if path.parent.name != questionnaire.id:
        findings.append(
            Finding(
                code="id-mismatch",
                path="id",
                message=f"the file says id `{questionnaire.id}` but lies in the folder "
                f"`{path.parent.name}/`; make them agree",
            )
        )
    return findings


class FileResult(msgspec.Struct, kw_only=True):
    """What reading one file gave: the version (when usable) and every finding."""

    path: Path
    loaded: LoadedQuestionnaire | None = None
    findings: list[Finding] = []
    lines: dict[str, int] = {}

    @property
    def ok(self) -> bool:
        return self.loaded is not None and not errors_only(self.findings)


def read_questionnaire_file(path: Path) -> FileResult:
    """Read, decode and check one file on its own (without its sibling versions)."""
    document = read_document(path)
    questionnaire = None
    findings = document.findings
    if not findings:
        questionnaire, findings = decode_questionnaire(document.data)
    if questionnaire is not None:
        findings = _path_findings(path, questionnaire) + check_questionnaire(questionnaire)
    return _located(path, document, questionnaire, findings)


def _located(
    path: Path, document: Document, questionnaire: Questionnaire | None, findings: list[Finding]
) -> FileResult:
    findings = [f.located(str(path), document.line_of(f.path)) for f in findings]
    loaded = None
    if questionnaire is not None:
        loaded = LoadedQuestionnaire(
            schema=questionnaire, content_hash=content_hash(questionnaire), path=str(path)
        )
    return FileResult(path=path, loaded=loaded, findings=findings, lines=document.lines)


def questionnaire_files(paths: Iterable[Path]) -> list[Path]:
    """Files named by `paths`, folders searched recursively for questionnaire files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def check_files(paths: Iterable[Path]) -> list[FileResult]:
    """Read each file and check it, including against the other versions in its folder."""
    results = [read_questionnaire_file(path) for path in questionnaire_files(paths)]
    by_folder: dict[Path, dict[Path, FileResult]] = {}
    for result in results:
        by_folder.setdefault(result.path.parent, {})[result.path] = result
    for folder, named in by_folder.items():
        siblings = {**_sibling_results(folder, set(named)), **named}
        if any(result.loaded is None for result in siblings.values()):
            # A version that cannot be read would make every rename after it look wrong;
            # its own findings already say what to fix first.
            continue
        history = {
            r.loaded.schema.version: r.loaded.schema
            for r in siblings.values()
            if r.loaded is not None and r.loaded.schema.id == folder.name
        }
        for version, findings in check_history(history).items():
            for result in named.values():
                if result.loaded is not None and result.loaded.schema.version == version:
                    result.findings = result.findings + [
                        f.located(str(result.path), line_at(result.lines, f.path)) for f in findings
                    ]
    return results


def _sibling_results(folder: Path, already: set[Path]) -> dict[Path, FileResult]:
    return {
        path: read_questionnaire_file(path)
        for path in questionnaire_files([folder])
        if path.parent == folder and path not in already
    }


class Registry:
    """Every valid questionnaire version under one folder, by (id, version)."""

    def __init__(self, versions: dict[tuple[str, int], LoadedQuestionnaire]) -> None:
        self._versions = versions

    @classmethod
    def from_directory(cls, directory: Path) -> Registry:
        """Load a folder; refuses it whole, with every finding, if any file is invalid."""
        if not directory.is_dir():
            raise QuestionnaireError(
                [
                    Finding(
                        code="no-folder",
                        file=str(directory),
                        message="no such folder of questionnaires (see --questionnaires)",
                    )
                ]
            )
        results = check_files([directory])
        problems = [f for r in results for f in errors_only(r.findings)]
        if problems:
            raise QuestionnaireError(problems)
        versions: dict[tuple[str, int], LoadedQuestionnaire] = {}
        for result in results:
            assert result.loaded is not None  # noqa: S101 - guaranteed by the error check above
            schema = result.loaded.schema
            key = (schema.id, schema.version)
            if key in versions:
                raise QuestionnaireError(
                    [
                        Finding(
                            code="duplicate-version",
                            file=str(result.path),
                            message=f"{schema.id} v{schema.version} is also defined in "
                            f"{versions[key].path}; keep one file per version",
                        )
                    ]
                )
            versions[key] = result.loaded
        return cls(versions)

    def get(self, questionnaire_id: str, version: int) -> LoadedQuestionnaire:
        try:
            return self._versions[(questionnaire_id, version)]
        except KeyError:
            known = self.versions(questionnaire_id)
            hint = (
                f"known versions: {', '.join(f'v{v}' for v in known)}"
                if known
                else f"known questionnaires: {', '.join(self.ids()) or 'none'}"
            )
            raise LookupError(f"no questionnaire {questionnaire_id} v{version} ({hint})") from None

    def versions(self, questionnaire_id: str) -> list[int]:
        return sorted(v for (qid, v) in self._versions if qid == questionnaire_id)

    def ids(self) -> list[str]:
        return sorted({qid for qid, _ in self._versions})

    def __iter__(self) -> Iterator[LoadedQuestionnaire]:
        return iter(self._versions[key] for key in sorted(self._versions))

    def __len__(self) -> int:
        return len(self._versions)
