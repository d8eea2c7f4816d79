"""The XLSForm vocabulary the kinds speak: plain data between each kind and the files layer.

XLSForm (the spreadsheet questionnaires of ODK, KoboToolbox, SurveyCTO and Ona) says in
rows what a questionnaire file says in keys. Each kind owns its mapping in both
directions (`Kind.xlsform_read`, `Kind.xlsform_rows`); the files layer reads and writes
the workbooks and turns XPath (`relevant`, `constraint`) into the `Condition`s and
`Bound`s below, so no kind sees a spreadsheet, pyxform or an expression.

What XLSForm cannot say is carried by our own columns, `survey--<key>` (XLSForm tools
ignore columns they do not know, as they do Kobo's `kobo--` ones): the question type
where the rows alone would read differently (`survey--type`), an allocation's total, a
unit, how many items a ranking ranks. They are the `marks` of fields and rows.
"""

from __future__ import annotations

import re
from typing import Any, Literal, Protocol

import msgspec

from survey.core.schema import DONT_KNOW, OTHER, Asked, Choice, Condition, QuestionBase, Text

#: What a constraint bounds: the answer itself, its length, or how many choices are picked.
Measure = Literal["value", "length", "count"]
Comparison = Literal[">=", "<=", ">", "<"]
#: The `survey--type` mark of a note row that only explains the rows around it to a
#: reader of the spreadsheet; reading the workbook back drops it.
ABOUT = "about"
#: Appearances of a select read as a scale when its choices are points.
SCALE_APPEARANCES = frozenset({"likert"})
#: A `range` question's parameters and XLSForm's defaults for them.
RANGE_DEFAULTS = (("start", "1"), ("end", "10"), ("step", "1"))
_POINT = re.compile(r"^-?[0-9]+$")


class Words(Protocol):
    """An interface message in every language of the questionnaire (English msgid)."""

    def __call__(self, message: str, **params: Any) -> Text: ...


class Bound(msgspec.Struct, kw_only=True, frozen=True):
    """One comparison of a constraint: `. >= 0`, `string-length(.) <= 200`, …"""

    measure: Measure
    op: Comparison
    value: int | float | str


class XlsField(msgspec.Struct, kw_only=True, frozen=True):
    """One question of an XLSForm as the kinds read it, pyxform's shapes already undone.

    `type` is the XLSForm type (`select_one`, `integer`, `range`, …), `grid` for a table
    of selects on one list (a `table-list` group, `label` + `list-nolabel` rows, Kobo's
    score block), or `group` for a group whose `survey--type` mark names a kind. Ids are
    already ours (slugs).
    """

    row: int
    type: str
    id: str
    label: Text | None = None
    hint: Text | None = None
    required: bool = False
    appearance: frozenset[str] = frozenset()
    parameters: dict[str, str] = {}
    #: A select's or rank's list; a grid's columns.
    choices: list[Choice] = []
    #: "Other, please specify": `or_other`, or an `other` choice with its text question.
    other: bool = False
    #: A grid's rows; the questions inside a `group`.
    rows: list[Choice] = []
    bounds: list[Bound] = []
    marks: dict[str, Any] = {}

    def claims(self, kind_name: str) -> bool:
        """Whether a kind named `kind_name` may read this field: unmarked, or marked so."""
        return self.marks.get("type") in (None, kind_name)


class XlsRead(msgspec.Struct, kw_only=True, frozen=True):
    """What a kind made of a field: the question's keys as a file writes them (without
    `id` and `show_if`), and what of the field it could not express and left out."""

    question: dict[str, Any]
    problems: list[str] = []


class XlsRow(msgspec.Struct, kw_only=True, frozen=True):
    """One row of the survey sheet. `name` is our id; a row that is part of a question
    (a matrix row, the "Other" text) says whose in `part_of`, and the writer names it
    `<question>__<part>`. `list_name` goes after a select's or rank's type."""

    type: str
    name: str = ""
    part_of: str = ""
    label: Text | None = None
    hint: Text | None = None
    required: bool = False
    appearance: str = ""
    parameters: str = ""
    list_name: str = ""
    bounds: list[Bound] = []
    #: The row's own relevance (the question's `show_if` goes on its first row).
    show_if: Condition | None = None
    marks: dict[str, Any] = {}


class XlsList(msgspec.Struct, kw_only=True, frozen=True):
    """One list of the choices sheet."""

    name: str
    choices: list[Choice]


class XlsRows(msgspec.Struct, kw_only=True, frozen=True):
    """The rows and choice lists that carry one question."""

    rows: list[XlsRow]
    lists: list[XlsList] = []


# --- reading ------------------------------------------------------------------------------


def asked_keys(field: XlsField) -> dict[str, Any]:
    """`prompt`, `help` and `required` of a question that takes an answer."""
    keys: dict[str, Any] = {}
    if field.label is not None:
        keys["prompt"] = field.label
    if field.hint is not None:
        keys["help"] = field.hint
    if field.required:
        keys["required"] = True
    return keys


def joined(first: Text, second: Text) -> Text | None:
    """Two texts as one, a paragraph each, language by language (None when one is plain
    and the other translated: which language the plain one is in is not known here)."""
    if isinstance(first, str) and isinstance(second, str):
        return f"{first}\n\n{second}"
    if isinstance(first, dict) and isinstance(second, dict):
        keys = dict.fromkeys([*first, *second])
        return {key: "\n\n".join(t for t in (first.get(key), second.get(key)) if t) for key in keys}
    return None


def choice_data(choices: list[Choice]) -> list[dict[str, Any]]:
    """Choices as a file writes them."""
    return [
        {"id": c.id, "label": c.label}
        | ({"renamed_from": c.renamed_from} if c.renamed_from is not None else {})
        for c in choices
    ]


def points_of(choices: list[Choice]) -> dict[str, Any] | None:
    """`min`, `max`, `labels` and `dont_know` of a list whose choices are the points of
    a scale (consecutive whole numbers, optionally "Don't know"), else None. A label
    that only repeats its number is no label."""
    points = [c for c in choices if c.id != DONT_KNOW]
    if len(points) < 2 or not all(_POINT.match(c.id) for c in points):
        return None
    numbers = [int(c.id) for c in points]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    labels = {int(c.id): c.label for c in points if not _says_only(c.label, c.id)}
    keys: dict[str, Any] = {"min": numbers[0], "max": numbers[-1]}
    if labels:
        keys["labels"] = labels
    if len(points) < len(choices):
        keys["dont_know"] = True
    return keys


def number_in(value: Any) -> int | float | None:
    """A number written in a cell or parameter (`"5"`, `"2.5"`), whole where it is whole."""
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() else number


def range_of(parameters: dict[str, str]) -> tuple[int | float, int | float, int | float] | None:
    """`start`, `end` and `step` of a `range` question (XLSForm's defaults: 1, 10, 1)."""
    span = [number_in(parameters.get(key, default)) for key, default in RANGE_DEFAULTS]
    start, end, step = span
    if start is None or end is None or step is None or step <= 0 or start >= end:
        return None
    return start, end, step


def scale_range(parameters: dict[str, str], max_points: int) -> tuple[int, int] | None:
    """`min` and `max` of a `range` a scale can ask: whole steps of 1, few enough points."""
    span = range_of(parameters)
    if span is None or not all(isinstance(n, int) for n in span) or span[2] != 1:
        return None
    low, high = int(span[0]), int(span[1])
    return (low, high) if high - low < max_points else None


def _says_only(text: Text, words: str) -> bool:
    """Whether `text` is just `words`, in every language it has."""
    return text == words if isinstance(text, str) else set(text.values()) == {words}


def reads_as_scale(field: XlsField) -> bool:
    """A `select_one` with a `likert` appearance over points is a scale."""
    return bool(field.appearance & SCALE_APPEARANCES) and points_of(field.choices) is not None


def split_bounds(
    bounds: list[Bound], measure: Measure, *, whole: bool, text: bool = False
) -> tuple[Any, Any, list[Bound]]:
    """The lowest and highest value `bounds` allow on `measure`, and the bounds left.

    Values are numbers (or, with `text`, strings such as times). A strict comparison
    (`> 0`) becomes an inclusive one (`>= 1`) only on whole numbers; otherwise it is left
    over, like a bound on another measure or of another sort of value.
    """
    low: Any = None
    high: Any = None
    rest: list[Bound] = []
    for bound in bounds:
        value = bound.value
        if bound.measure != measure or isinstance(value, str) != text:
            rest.append(bound)
        elif bound.op in (">", "<"):
            if not whole or not isinstance(value, int):
                rest.append(bound)
            elif bound.op == ">":
                low = value + 1
            else:
                high = value - 1
        elif bound.op == ">=":
            low = value
        else:
            high = value
    return low, high, rest


def leftover(bounds: list[Bound]) -> list[str]:
    """Problems naming the bounds a kind could not express."""
    return [f"constraint {describe(bound)} cannot be expressed" for bound in bounds]


def describe(bound: Bound) -> str:
    subject = {"value": ".", "length": "string-length(.)", "count": "count-selected(.)"}
    value = f"'{bound.value}'" if isinstance(bound.value, str) else str(bound.value)
    return f"`{subject[bound.measure]} {bound.op} {value}`"


# --- writing ------------------------------------------------------------------------------


def limits(measure: Measure, low: Any, high: Any) -> list[Bound]:
    """The constraint of a lowest and a highest value (either may be None)."""
    return [
        *([Bound(measure=measure, op=">=", value=low)] if low is not None else []),
        *([Bound(measure=measure, op="<=", value=high)] if high is not None else []),
    ]


def asked_row(question: Asked, type_: str, **keys: Any) -> XlsRow:
    """The first row of a question that takes an answer: name, label, hint, required."""
    return XlsRow(
        type=type_,
        name=question.id,
        label=question.prompt,
        hint=question.help,
        required=question.required,
        marks=own_marks(question, **keys.pop("marks", {})),
        **keys,
    )


def own_marks(question: QuestionBase, **marks: Any) -> dict[str, Any]:
    """The `survey--` columns of a question's first row: its type, its former id, more."""
    found = {"type": question.kind, **marks}
    if question.renamed_from is not None:
        found["renamed_from"] = question.renamed_from
    return {key: value for key, value in found.items() if value is not None}


def point_choices(
    low: int, high: int, labels: dict[int, Text], dont_know: bool, gettext: Words
) -> list[Choice]:
    """A scale's points as a choice list (the inverse of `points_of`)."""
    points = [Choice(id=str(p), label=labels.get(p, str(p))) for p in range(low, high + 1)]
    if dont_know:
        points.append(Choice(id=DONT_KNOW, label=gettext("Don't know")))
    return points


def other_rows(question: Asked, gettext: Words) -> tuple[list[Choice], list[XlsRow]]:
    """The `other` choice and the text question it opens, as XLSForm writes "Other,
    please specify" where labels are translated."""
    choice = Choice(id=OTHER, label=gettext("Other"))
    text = XlsRow(
        type="text",
        name=OTHER,
        part_of=question.id,
        label=gettext("Other, please specify"),
        required=True,
        show_if=Condition(question=question.id, equals=OTHER),
    )
    return [choice], [text]


def about_row(question: QuestionBase, text: Text) -> XlsRow:
    """A note that tells a reader of the spreadsheet what the rows around it cannot."""
    return XlsRow(type="note", name=ABOUT, part_of=question.id, label=text, marks={"type": ABOUT})


def group_rows(question: Asked, appearance: str, parts: list[XlsRow], **marks: Any) -> list[XlsRow]:
    """A question written as a group of rows (a table, an allocation)."""
    first = asked_row(question, "begin_group", appearance=appearance, marks=marks)
    return [msgspec.structs.replace(first, required=False), *parts, XlsRow(type="end_group")]
