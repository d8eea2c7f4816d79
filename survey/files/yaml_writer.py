"""Writing questionnaire files people read: YAML laid out like the shipped ones.

Mappings and lists that fit on a line are written inline (`{id: forum, label: Forum}`),
the rest as blocks; long texts are folded (`>-`) at spaces, texts with line breaks kept
literally (`|-`); a text is quoted whenever `formats.py`'s strict loader would read it as
anything but that text (`no` stays a plain id, `"08:00"`, `"true"` and `"1"` are quoted).
The caller proves each document by reading it back (`dump_yaml` does).
"""

from __future__ import annotations

import re
from typing import Any

from survey.files.formats import parse_document, reads_as_text

#: Lines are kept within this width where the content allows.
WIDTH = 100
#: Lists whose items are always written as blocks (a section, a question per item).
BLOCK_LISTS = frozenset({"sections", "questions"})
#: Folded texts wrap at this width.
FOLD_WIDTH = 88
#: Characters YAML prints as they are (others are escaped in double quotes).
_PRINTABLE = re.compile("[\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
#: Plain words other YAML readers (YAML 1.1) take for booleans or null, and number-like
#: texts (times, dates): quoted so every reader sees the text.
_AMBIGUOUS = re.compile(
    r"^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE"
    r"|~|null|Null|NULL|[-+]?[0-9.][0-9_:.eE+-]*|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """`data` (strings, numbers, booleans, lists, mappings) as a YAML document.

    `header` lines become comments at the top. Raises `ValueError` if the document would
    not read back as `data` (a bug, never silently wrong output).
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    for key, value in data.items():
        if key == "sections":
            lines.append("")
        lines += _entry(key, value, 0)
    text = "\n".join(lines) + "\n"
    document = parse_document(text.encode("utf-8"), ".yaml")
    if document.findings or _plain(document.data) != _plain(data):
        raise ValueError("the YAML written does not read back as the questionnaire")
    return text


def _plain(data: Any) -> Any:
    """Keys as strings, as the loader gives them (labels of scale points are ints)."""
    if isinstance(data, dict):
        return {str(key): _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data


def _entry(key: Any, value: Any, indent: int) -> list[str]:
    """`key: value` at `indent`, inline when it fits, else as a block below the key."""
    pad = " " * indent
    head = f"{pad}{_scalar(key, flow=False)}:"
    inline = _flow(value) if key not in BLOCK_LISTS or not value else None
    if inline is not None and len(head) + 1 + len(inline) <= WIDTH:
        return [f"{head} {inline}"]
    if isinstance(value, str):
        return _long_text(head, value, indent + 2)
    if isinstance(value, dict):
        return [head] + [line for k, v in value.items() for line in _entry(k, v, indent + 2)]
    if isinstance(value, list):
        inline_items = key not in BLOCK_LISTS
        return [head] + [line for item in value for line in _item(item, indent + 2, inline_items)]
    return [f"{head} {_scalar(value, flow=False)}"]


def _item(value: Any, indent: int, inline_ok: bool = True) -> list[str]:
    """One `- item` of a block list."""
    pad = " " * indent
    inline = _flow(value) if inline_ok or not isinstance(value, dict) else None
    if inline is not None and indent + 2 + len(inline) <= WIDTH:
        return [f"{pad}- {inline}"]
    if isinstance(value, dict) and value:
        lines = [line for k, v in value.items() for line in _entry(k, v, indent + 2)]
        return [f"{pad}- {lines[0].lstrip()}", *lines[1:]]
    if isinstance(value, list) and value:
        return [f"{pad}-"] + [line for item in value for line in _item(item, indent + 2)]
    return [f"{pad}- {_scalar(value, flow=False)}"]


def _flow(value: Any) -> str | None:
    """`value` written on one line, or None when it cannot be (a text with line breaks)."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            inner = _flow(item)
            if inner is None:
                return None
            parts.append(f"{_scalar(key, flow=True)}: {inner}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        items = [_flow(item) for item in value]
        return None if None in items else "[" + ", ".join(str(item) for item in items) + "]"
    if isinstance(value, str) and "\n" in value:
        return None
    return _scalar(value, flow=True)


def _scalar(value: Any, *, flow: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if value is None:
        return "null"
    text = str(value)
    return text if _plain_safe(text, flow=flow) else _quoted(text)


def _plain_safe(text: str, *, flow: bool) -> bool:
    """Whether `text` can be written unquoted and read back as the same string."""
    if not text or text != text.strip() or not _PRINTABLE.fullmatch(text):
        return False
    if text[0] in _INDICATORS or "\n" in text or "\t" in text or "\x85" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(mark in text for mark in ",[]{}"):
        return False
    if _AMBIGUOUS.match(text):
        return False
    return reads_as_text(text)


def _quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.fullmatch(char) and char not in "\x85\ufeff":
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _long_text(head: str, text: str, indent: int) -> list[str]:
    """A text too long for its line: folded at spaces, literal with line breaks, or quoted."""
    pad = " " * indent
    clean = _PRINTABLE.fullmatch(text) and "\r" not in text and "\x85" not in text
    clean = clean and "\t" not in text and text == text.lstrip(" ") and "\ufeff" not in text
    if clean and "\n" not in text and text == text.rstrip():
        return [f"{head} >-", *(pad + line for line in _fold(text, FOLD_WIDTH - indent))]
    lines = text.split("\n")
    literal = clean and not text.endswith("\n") and all(line == line.rstrip() for line in lines)
    if literal and lines[0]:
        return [f"{head} |-", *((pad + line) if line else "" for line in lines)]
    return [f"{head} {_quoted(text)}"]


def _fold(text: str, width: int) -> list[str]:
    """Lines of at most `width` where possible, broken only at single spaces (which a
    folded scalar reads back as spaces)."""
    lines: list[str] = []
    start = 0
    while len(text) - start > width:
        cut = -1
        for position in range(start + 1, len(text) - 1):
            if position - start > width and cut != -1:
                break
            if text[position] == " " and text[position - 1] != " " and text[position + 1] != " ":
                cut = position
        if cut == -1:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines
