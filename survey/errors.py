"""Error types and the message catalogue.

Two audiences, two shapes:

* `Finding`: something wrong (or doubtful) in a file an organizer wrote. It carries the
  file, the line where known, the path inside the document and a message that says how
  to fix it. Findings are English: authors read them in a terminal or in CI.
* `Problem`: something wrong with a participant's answer. It is data, not an exception:
  a code plus parameters. The English text lives in `ANSWER_MESSAGES`, keyed by code, so
  the web forms can show the same problem in each interface language through gettext.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import msgspec

Severity = Literal["error", "warning"]


class Finding(msgspec.Struct, kw_only=True, frozen=True):
    code: str
    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    severity: Severity = "error"

    def located(self, file: str, line: int | None) -> Finding:
        return msgspec.structs.replace(
            self, file=file, line=self.line if self.line is not None else line
        )

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        label = "warning: " if self.severity == "warning" else ""
        inside = f"{self.path}: " if self.path else ""
        return f"{where}: {label}{inside}{self.message}"


def error(code: str, path: str, message: str) -> Finding:
    return Finding(code=code, path=path, message=message)


def warning(code: str, path: str, message: str) -> Finding:
    return Finding(code=code, path=path, message=message, severity="warning")


def errors_only(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == "error"]


class QuestionnaireError(Exception):
    """A questionnaire file that cannot be used; carries every finding at once."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(str(finding) for finding in findings))


class Problem(msgspec.Struct, kw_only=True, frozen=True):
    """One thing wrong with one answer: a catalogue code and its parameters."""

    code: str
    params: dict[str, str | int | float] = {}

    def message(self, gettext: Callable[[str], str] = str) -> str:
        """The text in the language `gettext` translates to (English by default)."""
        return gettext(ANSWER_MESSAGES[self.code]).format(**self.params)


#: Respondent-facing messages, keyed by `Problem.code`. The English text doubles as the
#: gettext msgid, so translators see whole sentences with named placeholders.
ANSWER_MESSAGES: dict[str, str] = {
    "required": "Please answer this question.",
    "unknown_question": "This questionnaire has no question “{question}”.",
    "unknown_language": "This questionnaire is not available in “{language}”.",
    "takes_no_answer": "This is a note; it takes no answer.",
    "expected_text": "Please enter text.",
    "too_long": "Please shorten this answer to at most {max_length} characters (it has {length}).",
    "expected_choice": "Please pick one of the choices.",
    "not_a_choice": "“{value}” is not one of the choices.",
    "other_needs_text": "Please say what you mean by “Other”.",
    "expected_choices": "Please pick from the choices.",
    "chosen_twice": "“{value}” is picked more than once.",
    "too_few_selected": "Please pick at least {min_selected}.",
    "too_many_selected": "Please pick at most {max_selected}.",
    "expected_point": "Please pick a point on the scale.",
    "point_out_of_range": "Please pick a point from {min} to {max}.",
    "expected_rows": "Please answer the rows of this table.",
    "unknown_row": "This table has no row “{row}”.",
    "rows_missing": "Please answer every row (missing: {rows}).",
    "expected_column": "Row “{row}”: please pick one of the columns.",
    "row_out_of_range": "Row “{row}”: please pick a point from {min} to {max}.",
    "expected_ranking": "Please put the choices in order.",
    "ranked_twice": "“{value}” is ranked more than once.",
    "rank_used_twice": "Rank {rank} is given to more than one choice.",
    "ranking_too_long": "Please rank at most {rank_at_most}.",
    "ranking_incomplete": "Please rank all {count} choices.",
    "expected_allocation": "Please give an amount for each choice.",
    "allocation_not_number": "“{choice}”: please enter a number.",
    "allocation_negative": "“{choice}”: amounts cannot be negative.",
    "allocation_total": "The amounts must add up to {total} (they add up to {sum}).",
    "expected_number": "Please enter a number.",
    "expected_whole_number": "Please enter a whole number.",
    "number_below_min": "Please enter at least {min}.",
    "number_above_max": "Please enter at most {max}.",
    "expected_date": "Please enter a date as YYYY-MM-DD.",
    "no_such_date": "{value} is not a date in the calendar.",
}


class BadInput(ValueError):
    """Input a user gave that cannot be used (CLI exit 1, HTTP 400/422)."""


class NotFound(LookupError):
    """Something named by an id, token or path does not exist (HTTP 404, CLI exit 1)."""


class Conflict(Exception):
    """The request is well-formed but the stored state forbids it (HTTP 409, CLI exit 1).

    For example: saving answers in a closed group, or rebinding a group that already has
    responses to another questionnaire version.
    """
