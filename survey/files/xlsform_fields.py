"""A sheet item -> the `XlsField` the kinds read: texts in language codes, ids for names,
constraints as bounds, tables as rows and columns; refusals and notes for the rest.

A part that cannot be expressed (a constraint, a choice filter, media) is refused and
left out of the field; an item that cannot be a question at all gives no field.
"""

from __future__ import annotations

from typing import Any

from survey.core.schema import Choice, Text
from survey.files.xlsform_expressions import Unsupported, bounds_of, references
from survey.files.xlsform_names import Languages, Names, Rename, slug_of
from survey.files.xlsform_reader import SheetChoice, SheetItem
from survey.kinds import BY_NAME
from survey.kinds.xlsform import ABOUT, Bound, XlsField

#: Appearances that only arrange a question on the screen: nothing to say about them.
LAYOUT = frozenset(
    [
        "field-list",
        "table-list",
        "minimal",
        "horizontal",
        "horizontal-compact",
        "compact",
        "likert",
        "multiline",
        "list-nolabel",
        "label",
        "list",
        "quick",
        "columns",
        "columns-pack",
        "no-buttons",
    ]
    + [f"w{n}" for n in range(1, 11)]
    + [f"compact-{n}" for n in range(1, 11)]
    + [f"columns-{n}" for n in range(1, 11)]
)
#: Why XLSForm types without a kind cannot be expressed.
UNSUPPORTED = {
    "select_one_from_file": "choices from a file (`{list}`) cannot be expressed",
    "select_multiple_from_file": "choices from a file (`{list}`) cannot be expressed",
    "select_one_external": "external choices cannot be expressed",
    "select_multiple_external": "external choices cannot be expressed",
    "geopoint": "a location cannot be expressed",
    "geotrace": "a line on a map cannot be expressed",
    "geoshape": "a shape on a map cannot be expressed",
    "osm": "a map feature cannot be expressed",
    "image": "a photo cannot be expressed",
    "photo": "a photo cannot be expressed",
    "audio": "a recording cannot be expressed",
    "video": "a video cannot be expressed",
    "file": "a file upload cannot be expressed",
    "barcode": "a barcode cannot be expressed",
    "acknowledge": "an acknowledgement cannot be expressed",
    "trigger": "an acknowledgement cannot be expressed",
    "datetime": "a date with a time cannot be expressed (ask a date and a time)",
}
_YES = frozenset({"yes", "true", "true()"})
_NO = frozenset({"no", "false", "false()"})


def is_kind_group(item: SheetItem) -> bool:
    """A group that is one question of ours (an allocation), by our `survey--type` mark."""
    return item.type == "group" and item.marks.get("type") in BY_NAME


class FieldReader:
    """Builds fields; refusals and notes go to the importer's lists, by row."""

    def __init__(
        self,
        languages: Languages,
        renames: list[Rename],
        refusals: list[tuple[int, str]],
        notes: list[tuple[int, str]],
    ) -> None:
        self.languages = languages
        self.renames = renames
        self.refusals = refusals
        self.notes = notes
        #: Each list's choice names -> ids, once read.
        self.choice_ids: dict[str, dict[str, str]] = {}
        self.lists: dict[str, list[Choice]] = {}

    def refuse(self, item: SheetItem, problem: str) -> None:
        self.refusals.append((item.row, f"`{item.name}`: {problem}"))

    def note(self, item: SheetItem, said: str) -> None:
        self.notes.append((item.row, f"`{item.name}`: {said}"))

    def field(self, item: SheetItem) -> XlsField | None:
        if item.type in UNSUPPORTED:
            self.refuse(item, UNSUPPORTED[item.type].format(list=item.list_name))
            return None
        if item.read_only:
            self.refuse(item, "a read-only question cannot be expressed")
            return None
        self._parts_left_out(item)
        choices = self.choices(item) if item.list_name and item.type != "grid" else []
        rows: list[Choice] = []
        required = self.required(item)
        if item.type == "grid":
            grid = self.grid(item)
            if grid is None:
                return None
            rows, choices, required = grid
        elif item.type == "group":
            rows, required = self.parts(item)
        return XlsField(
            row=item.row,
            type=item.type,
            id=slug_of(item.name),
            label=None if item.marks.get("unlabelled") else self.languages.text(item.label),
            hint=self.languages.text(item.hint),
            required=required,
            appearance=frozenset(item.appearance.split()),
            parameters=item.parameters,
            choices=choices,
            other=item.other,
            rows=rows,
            bounds=self.bounds(item),
            marks={key: self.mark(value) for key, value in item.marks.items()},
        )

    def mark(self, value: Any) -> Any:
        return self.languages.text(value) if isinstance(value, dict) else value

    def _parts_left_out(self, item: SheetItem) -> None:
        """Refusals and notes for what a row says besides the question."""
        if item.media:
            self.refuse(item, "its image, audio or video cannot be expressed")
        if item.choice_filter:
            self.refuse(
                item,
                f'choice_filter "{item.choice_filter}" cannot be expressed (all choices '
                "would be offered)",
            )
        if item.calculation:
            self.refuse(item, f'calculation "{item.calculation}" cannot be expressed')
        if "trigger" in item.extras:
            self.refuse(item, "its trigger cannot be expressed")
        if item.default:
            self.note(item, f"its default answer `{item.default}` is left out")
        for extra in ("constraint_message", "required_message", "guidance_hint"):
            if extra in item.extras:
                self.note(item, f"its {extra.replace('_', ' ')} is left out")
        for word in item.appearance.split():
            if word not in LAYOUT and item.marks.get("type") != ABOUT:
                self.note(item, f"appearance `{word}` has no equivalent; left out")
        for text in (self.languages.text(item.label), self.languages.text(item.hint)):
            values = text.values() if isinstance(text, dict) else [text] if text else []
            for name in sorted({n for value in values for n in references(value)}):
                self.note(item, "${" + name + "} in its text is shown as written")

    def required(self, item: SheetItem) -> bool:
        said = (item.required or "").strip()
        if not said or said.lower() in _NO:
            return False
        if said.lower() in _YES:
            return True
        self.refuse(item, f'required "{said}" cannot be expressed (only yes or no); optional')
        return False

    def bounds(self, item: SheetItem) -> list[Bound]:
        if not item.constraint or item.type in ("grid", "group"):
            return []
        try:
            return bounds_of(item.constraint)
        except Unsupported as reason:
            self.refuse(item, f'constraint "{item.constraint}" cannot be expressed: {reason}')
            return []

    def choices(self, item: SheetItem) -> list[Choice]:
        """The choices of the item's list, read once per list."""
        name = item.list_name or ""
        if name not in self.lists:
            names = Names(f"choice of `{name}`", self.renames, self.refusals)
            found = [self.choice(item, names, choice) for choice in item.choices]
            self.lists[name] = [choice for choice in found if choice is not None]
            self.choice_ids[name] = names.ids
        return self.lists[name]

    def choice(self, item: SheetItem, names: Names, choice: SheetChoice) -> Choice | None:
        choice_id = names.id_of(choice.name, item.row, choice.marks.get("id"))
        if choice_id is None:
            return None
        label: Text | None = self.languages.text(choice.label)
        if choice.media:
            only = " (the only thing it shows)" if label is None else ""
            self.refuse(
                item,
                f"the image, audio or video of choice `{choice.name}`{only} cannot be expressed",
            )
        if label is None:
            if not choice.media and choice.label is None:
                self.note(item, f"choice `{choice.name}` has no label; its name is its label")
            label = choice.name
        renamed = choice.marks.get("renamed_from")
        return Choice(id=choice_id, label=label, renamed_from=renamed if renamed else None)

    def grid(self, item: SheetItem) -> tuple[list[Choice], list[Choice], bool] | None:
        """Rows, columns and `required` of a table of selects on one list."""
        kinds = {row.type for row in item.children}
        lists = {row.list_name for row in item.children}
        if kinds != {"select_one"}:
            self.refuse(item, "a table of multiple-choice rows cannot be expressed")
            return None
        if len(lists) != 1:
            self.refuse(item, "a table whose rows choose from different lists cannot be expressed")
            return None
        names = Names(f"row of `{item.name}`", self.renames, self.refusals)
        rows = []
        for row in item.children:
            row_id = names.id_of(row.name, row.row, row.marks.get("id"))
            for part, text in (("relevant", row.relevant), ("constraint", row.constraint)):
                if text:
                    self.refuse(row, f'{part} "{text}" of one row of a table cannot be expressed')
            if row.hint is not None:
                self.note(row, "the hint of a row of a table is left out")
            label = self.languages.text(row.label)
            if row_id is not None:
                renamed = row.marks.get("renamed_from")
                rows.append(Choice(id=row_id, label=label or row.name, renamed_from=renamed))
        required = [self.required(row) for row in item.children]
        if any(required) and not all(required):
            self.refuse(item, "only some rows of the table are required; none is")
        return rows, self.choices(item.children[0]), all(required)

    def parts(self, item: SheetItem) -> tuple[list[Choice], bool]:
        """The questions inside a group that is one question (an allocation's amounts), and
        whether they are required."""
        names = Names(f"part of `{item.name}`", self.renames, self.refusals)
        parts = []
        inside = [part for part in item.children if part.marks.get("type") != ABOUT]
        for part in inside:
            part_id = names.id_of(part.name, part.row, part.marks.get("id"))
            if part_id is not None:
                label = self.languages.text(part.label) or part.name
                renamed = part.marks.get("renamed_from")
                parts.append(Choice(id=part_id, label=label, renamed_from=renamed))
        return parts, bool(inside) and all(self.required(part) for part in inside)
