"""XLSForm names and languages made ours: names become ids (slugs), language names codes.

XLSForm names are XML names (`Seedling_1`, `_1`, `FALSE`, `label-test`); ids here are
slugs (`seedling_1`). Every change is recorded so the importer can print the map, and two
names that would become the same id are refused. Languages are named in column headers
(`label::English (en)`); the code in parentheses is taken, a bare code (`EN`) is one,
and any other name needs `--language-map`.
"""

from __future__ import annotations

import re
import unicodedata

import msgspec

from survey.core.ids import LANGUAGE_TAG, SLUG, SLUG_MAX
from survey.core.schema import Text

#: What a language is called when a label column has no language (`label`).
DEFAULT_LANGUAGE = "default"
_CODE_IN_NAME = re.compile(r"\(([^()]*)\)\s*$")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


class Rename(msgspec.Struct, kw_only=True, frozen=True):
    """A name that changed on its way to an id."""

    what: str
    old: str
    new: str
    row: int = 0


def slug_of(name: str) -> str:
    """`name` as an id: lower case without accents, runs of other characters as one `-`
    (or `_` where the run was only underscores), no separator at either end, at most
    SLUG_MAX characters."""
    plain = unicodedata.normalize("NFKD", name)  # `Café` -> `Cafe`
    lowered = "".join(c for c in plain if not unicodedata.combining(c)).strip().lower()
    pieces = _SEPARATORS.split(lowered)
    joints = _SEPARATORS.findall(lowered)
    text = pieces[0]
    for joint, piece in zip(joints, pieces[1:], strict=True):
        text += ("_" if set(joint) == {"_"} else "-") + piece
    return text[:SLUG_MAX].strip("-_")


class Names:
    """Ids given in one scope (questions, sections, a list's choices, a table's rows)."""

    def __init__(self, what: str, renames: list[Rename], refusals: list[tuple[int, str]]) -> None:
        self.what = what
        self.renames = renames
        self.refusals = refusals
        self.taken: dict[str, tuple[str, int]] = {}
        self.ids: dict[str, str] = {}

    def id_of(self, name: str, row: int, chosen: object = None) -> str | None:
        """The id for `name` (or the id `chosen` by our own `survey--id` mark), or None,
        refused, when it is empty or taken by another name."""
        new = str(chosen) if isinstance(chosen, str) and SLUG.match(chosen) else slug_of(name)
        if not SLUG.match(new):
            said = f"the {self.what} name `{name}` has no Latin letters or digits to make an id of"
            self.refusals.append((row, said))
            return None
        if new in self.taken:
            other, at = self.taken[new]
            where = f" (row {at})" if at and at != row else ""
            said = f"the {self.what} names `{other}`{where} and `{name}` would both be `{new}`"
            if other == name:
                said = f"the {self.what} name `{name}` is used twice{where}"
            self.refusals.append((row, said))
            return None
        self.taken[new] = (name, row)
        self.ids[name] = new
        if new != name and chosen is None:
            self.renames.append(Rename(what=self.what, old=name, new=new, row=row))
        return new


class Languages:
    """Language names of the form's columns, as codes, in the order they first appear."""

    def __init__(self, mapping: dict[str, str], default_name: str | None) -> None:
        self.mapping = {name.strip().lower(): code.strip() for name, code in mapping.items()}
        self.default_name = default_name if default_name != DEFAULT_LANGUAGE else None
        self.codes: list[str] = []
        #: Names without a code, in the order they were met.
        self.unknown: list[str] = []

    def peek(self, name: str) -> str | None:
        """The code of a language name: mapped, in parentheses, or a code itself."""
        mapped = self.mapping.get(name.strip().lower())
        found = _CODE_IN_NAME.search(name)
        if mapped is not None:
            code = mapped
        elif found:
            code = found.group(1).strip()
        else:
            code = "" if name == DEFAULT_LANGUAGE else name.strip().lower()
        primary, dash, rest = code.partition("-")
        code = primary.lower() + dash + rest  # `(EN)` is `en`; a region keeps its case
        return code if LANGUAGE_TAG.match(code) else None

    def code_of(self, name: str) -> str | None:
        code = self.peek(name)
        if code is None and name not in self.unknown:
            self.unknown.append(name)
        if code is not None and code not in self.codes:
            self.codes.append(code)
        return code

    def text(self, value: object) -> Text | None:
        """A label or hint as pyxform gives it (a string, or language name -> string)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            return str(value)
        found = {}
        for name, text in value.items():
            code = self.code_of(str(name))
            if code is not None and str(text).strip():
                found[code] = str(text)
        return found or None

    def ordered(self) -> list[str]:
        """Every code, the default language (the settings' `default_language`) first."""
        default = self.peek(self.default_name) if self.default_name else None
        if default is None:
            return list(self.codes)
        return [default, *(code for code in self.codes if code != default)]
