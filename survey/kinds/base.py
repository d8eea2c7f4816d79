"""What every question kind provides, and the helpers the kinds share.

A kind is everything one question type means in the core: its Struct, the checks of a
file that uses it, answer validation, the form codec, display text, the limits hint,
its tally, the report's columns, table, chart and key figures, demo answers, and its
XLSForm mapping both ways (`kinds/xlsform.py` holds the plain data it speaks). Each
facet is an abstract method, so a kind that forgets one cannot be created, and the
completeness test runs every facet of every kind on a questionnaire that uses them all.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import (
    NOT_OFFERED_WORD,
    Count,
    Figures,
    QuestionReport,
    count_label,
    rounded,
    share,
)
from survey.core.ids import check_id, check_renamed_from
from survey.core.schema import DONT_KNOW, OTHER, Choice, QuestionBase, Scalar, Text
from survey.core.statistics import Tally
from survey.kinds.specs import (
    Column,
    FormData,
    Gettext,
    Heading,
    Option,
    PageValue,
    Sampler,
    Summary,
)
from survey.kinds.xlsform import Words, XlsField, XlsRead, XlsRows

Q = TypeVar("Q", bound=QuestionBase)
#: Localizes a questionnaire text into the reader's language.
Localize = Callable[[Text | None], str]
#: What a validator returns: the entries to store, or the problem with the answer.
Outcome = dict[str, Any] | Problem
#: A scale with more points than this is better asked as a number.
MAX_SCALE_POINTS = 21
#: Messages of problem codes several kinds share.
SHARED_MESSAGES: dict[str, str] = {
    "not_a_choice": "“{value}” is not one of the choices.",
}
#: The show_if tests on a single value (`answered` works on every kind).
EQUALITY = frozenset({"equals", "in"})
ORDER = frozenset({"at_least", "at_most"})


class Kind(ABC, Generic[Q]):
    """Everything one question type means; one instance per type, held by the registry."""

    #: The question's Struct; its tag is the `type` written in files.
    struct: type[Q]
    #: How the page script reads the answer to apply `show_if` in the browser.
    page_value: ClassVar[PageValue]
    #: The `show_if` tests other questions may apply to this one's answer, besides
    #: `answered` (which applies to every answer).
    condition_tests: ClassVar[frozenset[str]] = frozenset()
    #: Whether a comparison across groups or workshops shows this question's mean.
    compares_mean: ClassVar[bool] = False
    #: The respondent messages of this kind's problem codes (English msgids).
    messages: ClassVar[dict[str, str]] = {}

    def __init__(self, struct: type[Q]) -> None:
        self.struct = struct

    @property
    def name(self) -> str:
        """The type as written in files (the Struct's tag)."""
        return str(self.struct.__struct_config__.tag)

    def __repr__(self) -> str:
        return f"<kind {self.name}>"

    # --- the questionnaire file -----------------------------------------------------------

    @abstractmethod
    def check(self, question: Q, path: str) -> list[Finding]:
        """What a careful reviewer would catch in this question of a file."""

    @abstractmethod
    def comparable_values(self, question: Q) -> list[Scalar] | None:
        """The values `equals`/`in` may name, where they are enumerable (else None)."""

    # --- answers --------------------------------------------------------------------------

    @abstractmethod
    def validate(
        self, question: Q, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        """A non-blank answer: the entries to store, or the problem. `complete` for a
        submission (required parts, totals); a draft is checked for shape and range."""

    @abstractmethod
    def display(
        self, question: Q, answers: Mapping[str, Any], localize: Localize, words: Gettext
    ) -> list[str]:
        """The answer as lines a person reads; empty when there is none."""

    # --- the web form ---------------------------------------------------------------------

    @abstractmethod
    def hint(self, question: Q, gettext: Gettext) -> str:
        """The limits a participant should know before answering, or ""."""

    @abstractmethod
    def read_form(self, question: Q, form: FormData) -> tuple[Any, Problem | None]:
        """The answer found in the form fields (None when blank), or a problem only the
        form can have. Values that cannot be read are passed on as typed, so validation
        names them and the page shows them again unchanged."""

    @abstractmethod
    def form_fields(self, question: Q, answers: Mapping[str, Any]) -> dict[str, list[str]]:
        """The form fields that post this question's answer (the inverse of `read_form`)."""

    @abstractmethod
    def form_values(self, question: Q, answers: Mapping[str, Any]) -> dict[str, Any]:
        """What the question's template shows in its fields."""

    @abstractmethod
    def options(
        self, question: Q, answers: Mapping[str, Any], localize: Localize, gettext: Gettext
    ) -> list[Option]:
        """The options the fields offer, in the order they are shown."""

    # --- statistics and reports -----------------------------------------------------------

    @abstractmethod
    def new_tally(self, question: Q, options: Mapping[str, list[str]]) -> Tally:
        """A tally over the line-up's option ids per key (`choices`, `rows`, `columns`)."""

    @abstractmethod
    def columns(self, question: Q, heading: Heading) -> list[Column]:
        """The Responses sheet's columns for this question."""

    @abstractmethod
    def summary(
        self, question: Q, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        """The question's table, chart and key figures (`question`: its newest definition
        among the versions reported; `words`: the report's gettext)."""

    @abstractmethod
    def offered(self, question: Q) -> set[str]:
        """The answer values this version of the question offered (choice ids, scale
        points as text, matrix cells, "other", "dont_know"): a report says "not offered"
        for the others, never a 0% share."""

    @abstractmethod
    def free_texts(self, question: Q) -> list[tuple[str, str]]:
        """(answer key suffix, label suffix) of each free text an answer may carry:
        ("", "") for the answer itself, (".other", "Other") for "Other" texts."""

    # --- demo -----------------------------------------------------------------------------

    @abstractmethod
    def sample(self, question: Q, sampler: Sampler) -> dict[str, Any]:
        """One plausible answer, as entries to store."""

    # --- XLSForm --------------------------------------------------------------------------

    @abstractmethod
    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """The question this kind makes of an XLSForm field, or None when the field is
        another kind's (the registry asks each kind in turn)."""

    @abstractmethod
    def xlsform_rows(self, question: Q, gettext: Words) -> XlsRows:
        """The XLSForm rows and choice lists that carry this question. What XLSForm cannot
        say is written in its closest form, with a note row saying what it means."""


# --- checks -------------------------------------------------------------------------------


def check_choices(choices: list[Choice], path: str, *, reserved: set[str]) -> list[Finding]:
    if not choices:
        return [error("no-choices", path, "list at least one choice")]
    findings: list[Finding] = []
    taken: set[str] = set()
    for index, choice in enumerate(choices):
        findings += check_id(choice.id, f"{path}[{index}].id", "choice", taken)
        if choice.id in reserved:
            findings.append(
                error(
                    "reserved-id",
                    f"{path}[{index}].id",
                    f"`{choice.id}` is reserved by this question's own option; use another id",
                )
            )
        if choice.renamed_from is not None:
            findings += check_renamed_from(choice.renamed_from, f"{path}[{index}].renamed_from")
    return findings


def check_point_labels(labels: Mapping[int, Text], low: int, high: int, path: str) -> list[Finding]:
    return [
        error(
            "label-out-of-range",
            f"{path}.labels.{point}",
            f"{point} is not between {low} and {high}; label only points of the scale",
        )
        for point in labels
        if not low <= point <= high
    ]


def check_scale_range(low: int, high: int, path: str) -> list[Finding]:
    if low >= high:
        return [error("range", f"{path}.max", f"max ({high}) must be greater than min ({low})")]
    if high - low + 1 > MAX_SCALE_POINTS:
        return [
            error(
                "range",
                f"{path}.max",
                f"{high - low + 1} points is too many for a scale (at most {MAX_SCALE_POINTS}); "
                "use a number question",
            )
        ]
    return []


# --- answers ------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


def as_integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def as_number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def ids(choices: list[Choice]) -> list[str]:
    return [choice.id for choice in choices]


def bad_pick(picked: list[str], allowed: list[str], *, repeated: str) -> Problem | None:
    """The first pick that is not a choice or comes twice (`repeated` is that code)."""
    for position, item in enumerate(picked):
        if item not in allowed:
            return Problem(code="not_a_choice", params={"value": item})
        if item in picked[:position]:
            return Problem(code=repeated, params={"value": item})
    return None


def scale_point(value: Any, low: int, high: int, dont_know: bool) -> int | str | None:
    """A valid scale point (or "dont_know" where offered), else None."""
    if dont_know and value == DONT_KNOW:
        return DONT_KNOW
    point = as_integer(value)
    return point if point is not None and low <= point <= high else None


def other_key(question_id: str) -> str:
    """Where the text of "Other, please specify" is kept next to the answer."""
    return f"{question_id}.{OTHER}"


# --- display ------------------------------------------------------------------------------


def choice_label(choices: list[Choice], choice_id: str, localize: Localize) -> str:
    for choice in choices:
        if choice.id == choice_id:
            return localize(choice.label)
    return choice_id


def point_label(value: Any, labels: Mapping[int, Text], localize: Localize, dont_know: str) -> str:
    if value == DONT_KNOW:
        return dont_know
    label = labels.get(value) if isinstance(value, int) else None
    return f"{value} ({localize(label)})" if label is not None else str(value)


def plain_number(value: Any) -> str:
    """A number as people write it: 100, not 100.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def point_options(
    low: int,
    high: int,
    labels: Mapping[int, Text],
    dont_know: bool,
    localize: Localize,
    gettext: Gettext,
) -> list[Option]:
    """The points of a scale (and "Don't know" where offered) as radio options."""
    points = [
        Option(value=str(point), label=str(point), detail=localize(labels.get(point)))
        for point in range(low, high + 1)
    ]
    return points + ([Option(value=DONT_KNOW, label=gettext("Don't know"))] if dont_know else [])


# --- form fields --------------------------------------------------------------------------


def first(form: FormData, key: str) -> str | None:
    values = form.get(key)
    return values[0].strip() if values else None


def read_number(text: str) -> int | float | str:
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return (
        int(number)
        if number.is_integer() and "." not in cleaned and "e" not in cleaned.lower()
        else number
    )


def read_point(text: str) -> int | str:
    if text == DONT_KNOW:
        return DONT_KNOW
    try:
        return int(text)
    except ValueError:
        return text


def field(value: Any) -> list[str]:
    """A stored value as the one form field that posts it (blank: none)."""
    return [] if value is None else [plain_number(value) if not isinstance(value, str) else value]


# --- reports ------------------------------------------------------------------------------


def count_rows(counts: list[Count], words: Gettext) -> list[list[Any]]:
    """[label, count, share] per choice or point, as the Summary table lists them."""
    return [
        [
            count_label(count, words),
            count.count,
            share(count) if count.offered else words(NOT_OFFERED_WORD),
        ]
        for count in counts
    ]


def figure_rows(figures: Figures, words: Gettext) -> list[list[Any]]:
    """Count, mean, median, spread and range of numbers, as Summary rows."""
    median = words("Median") + (f" ({words('from a sample')})" if figures.approximate else "")
    return [
        [words("Answers"), figures.count],
        [words("Mean"), rounded(figures.mean)],
        [median, rounded(figures.median)],
        [words("Standard deviation"), rounded(figures.sd)],
        [words("Min"), figures.min],
        [words("Max"), figures.max],
    ]


def key_figures(figures: Figures | None, words: Gettext) -> list[tuple[str, str]]:
    """Mean, median, spread and range in a few words, for the PDF."""
    if figures is None or not figures.count:
        return []
    return [
        (words("Mean"), f"{figures.mean:.2f}"),
        (words("Median"), f"{figures.median:g}"),
        (words("Spread (SD)"), f"{figures.sd:.2f}"),
        (
            words("Range"),
            words("{low} to {high}").format(low=f"{figures.min:g}", high=f"{figures.max:g}"),
        ),
    ]


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"
