"""Reading YAML, TOML and JSON files into plain data, safely and the same way.

Every format yields the same builtins (dicts with string keys, lists, str, int, float,
bool), so one schema decodes all three. YAML is read as a strict subset:

* only the safe constructors (no tags that build objects);
* YAML 1.2 booleans (`true`/`false`; `no`, `on`, `y` stay strings) and no implicit
  timestamps, so a choice id `no` or a date stays the string the author wrote;
* anchors and aliases are allowed but their expansion is bounded (no "billion laughs");
* duplicate keys are an error instead of a silent overwrite.

A `Document` also maps paths (`sections[1].questions[4]`) to line numbers where the
format can tell, so findings can point at a line.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import msgspec
import yaml

from survey.core.errors import Finding

SUFFIXES = (".yaml", ".yml", ".toml", ".json")

#: Questionnaires are hand-written; anything larger is a mistake or an attack.
MAX_FILE_BYTES = 2_000_000
#: Nodes visited while expanding aliases; a real questionnaire has a few thousand.
MAX_YAML_NODES = 200_000
#: Nesting depth of mappings and lists; a questionnaire needs about eight.
MAX_DEPTH = 64

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type, misc]
    """SafeLoader with YAML 1.2 booleans and without implicit timestamps."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


class Document(msgspec.Struct, kw_only=True):
    """A file's content as plain data, or the findings that kept it from being read."""

    data: Any = None
    lines: dict[str, int] = {}
    findings: list[Finding] = []

    def line_of(self, path: str) -> int | None:
        return line_at(self.lines, path)


def line_at(lines: dict[str, int], path: str) -> int | None:
    """Line of the deepest element of `path` whose position is known (1-based)."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = _parent_path(path)


def _parent_path(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def _refused(code: str, message: str, line: int | None = None) -> Document:
    return Document(findings=[Finding(code=code, message=message, line=line)])


def read_document(path: Path) -> Document:
    """Read one questionnaire or workshop file; never raises for bad content."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return _refused("unsupported-format", f"expected a {', '.join(SUFFIXES)} file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _refused(
                "file-too-large",
                f"the file is {size:,} bytes; questionnaire files may be at most "
                f"{MAX_FILE_BYTES:,} bytes",
            )
        raw = path.read_bytes()
    except OSError as error:
        return _refused("unreadable", f"cannot read the file: {error.strerror or error}")
    return parse_document(raw, suffix)


def parse_document(raw: bytes, suffix: str) -> Document:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _refused(
            "not-utf8",
            f"the file is not UTF-8 text (bad byte at offset {error.start}); save it as UTF-8",
        )
    if not text.strip():
        return _refused("empty-file", "the file is empty")
    if suffix in (".yaml", ".yml"):
        document = _parse_yaml(text)
    elif suffix == ".toml":
        document = _parse_toml(text)
    else:
        document = _parse_json(text)
    if not document.findings and _depth(document.data) > MAX_DEPTH:
        return _refused("too-deep", f"the file nests more than {MAX_DEPTH} levels deep")
    return document


def _depth(data: Any) -> int:
    """Nesting depth of plain data, without recursion."""
    deepest = 0
    stack = [(data, 0)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(value, dict):
            stack.extend((child, level + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, level + 1) for child in value)
    return deepest


def _parse_yaml(text: str) -> Document:
    try:
        too_deep = _nests_deeper_than(text, MAX_DEPTH)
    except yaml.YAMLError as error:
        return _yaml_syntax_error(error)
    if too_deep:
        return _refused("too-deep", f"the YAML nests more than {MAX_DEPTH} levels deep")
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _refused("empty-file", "the file holds no YAML document")
        walk = _NodeWalk()
        walk.visit(node, "")
        if walk.findings:
            return Document(findings=walk.findings)
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        return _yaml_syntax_error(error)
    finally:
        loader.dispose()
    return Document(data=_string_keys(data), lines=walk.lines)


def _nests_deeper_than(text: str, limit: int) -> bool:
    """Scan parser events (no recursion) so that composing cannot overflow the C stack."""
    depth = 0
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > limit:
                return True
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
    return False


def _yaml_syntax_error(error: yaml.YAMLError) -> Document:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "malformed YAML"
        return _refused("yaml-syntax", f"not valid YAML: {problem}", line)
    return _refused("yaml-syntax", f"not valid YAML: {error}")


class _NodeWalk:
    """Visits a composed YAML graph once, expanding aliases, within a node budget."""

    def __init__(self) -> None:
        self.visited = 0
        self.lines: dict[str, int] = {}
        self.findings: list[Finding] = []
        self._open: set[int] = set()

    def visit(self, node: yaml.Node, path: str) -> None:
        if id(node) in self._open:
            self.findings.append(
                Finding(
                    code="yaml-recursive-alias",
                    message="an alias refers to the value that contains it; write it out",
                    path=path,
                    line=node.start_mark.line + 1,
                )
            )
            return
        self.visited += 1
        if self.visited > MAX_YAML_NODES:
            if not self.findings:
                self.findings.append(
                    Finding(
                        code="yaml-expansion",
                        message=f"anchors and aliases expand to more than {MAX_YAML_NODES:,} "
                        "values; write the content out or use fewer aliases",
                    )
                )
            return
        self.lines.setdefault(path, node.start_mark.line + 1)
        self._open.add(id(node))
        self._visit_children(node, path)
        self._open.discard(id(node))

    def _visit_children(self, node: yaml.Node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = f"{path}.{key}" if path else key
                if key in seen and key != "<<":
                    self.findings.append(
                        Finding(
                            code="duplicate-key",
                            message=f"the key `{key}` appears twice; keep one",
                            path=path,
                            line=key_node.start_mark.line + 1,
                        )
                    )
                seen.add(key)
                self.visit(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.visit(item, f"{path}[{index}]")


def _string_keys(data: Any) -> Any:
    """YAML reads `1:` as an int key; JSON and TOML cannot. Make every format alike."""
    if isinstance(data, dict):
        return {
            (str(key) if isinstance(key, int | float) and not isinstance(key, bool) else key): (
                _string_keys(value)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_string_keys(item) for item in data]
    return data


def _parse_toml(text: str) -> Document:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        message = getattr(error, "msg", str(error))
        return _refused("toml-syntax", f"not valid TOML: {message}", line)
    except RecursionError:
        return _refused("too-deep", "the TOML is nested too deeply to be a questionnaire")
    return Document(data=data)


def _parse_json(text: str) -> Document:
    duplicates: list[str] = []

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs_to_dict)
    except json.JSONDecodeError as error:
        return _refused("json-syntax", f"not valid JSON: {error.msg}", error.lineno)
    except RecursionError:
        return _refused("too-deep", "the JSON is nested too deeply to be a questionnaire")
    if duplicates:
        return Document(
            findings=[
                Finding(code="duplicate-key", message=f"the key `{key}` appears twice; keep one")
                for key in dict.fromkeys(duplicates)
            ]
        )
    return Document(data=data)


def reads_as_text(text: str) -> bool:
    """Whether the strict YAML loader reads `text`, written unquoted, as a string (not
    `true`, a number or null); for writers that quote only where needed."""
    resolvers = _StrictLoader.yaml_implicit_resolvers.get(text[:1], [])
    return not any(regexp.match(text) for _tag, regexp in resolvers)
