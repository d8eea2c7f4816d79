"""Error types and the message catalogue.

Two audiences, two shapes:

* `Finding`: something wrong (or doubtful) in a file an organizer wrote. It carries the
  file, the line where known, the path inside the document and a message that says how
  to fix it. Findings are English: authors read them in a terminal or in CI.
* `Problem`: something wrong with a participant's answer. It is data, not an exception:
  a code plus parameters. The English text lives in catalogues keyed by code (the core's
  `CORE_MESSAGES` and each kind's `messages`, gathered in `survey.kinds`), so
  the web forms can show the same problem in each interface language through gettext.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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

    def message(self, catalogue: Mapping[str, str], gettext: Callable[[str], str] = str) -> str:
        """The text from `catalogue`, in the language `gettext` translates to."""
        return gettext(catalogue[self.code]).format(**self.params)


#: Respondent-facing messages, keyed by `Problem.code`. The English text doubles as the
#: gettext msgid, so translators see whole sentences with named placeholders.
#: Respondent-facing messages of the core itself, keyed by `Problem.code`; each kind
#: adds its own (`Kind.messages`), and `survey.kinds.ANSWER_MESSAGES` holds them all. The
#: English text doubles as the gettext msgid, so translators see whole sentences with
#: named placeholders.
CORE_MESSAGES: dict[str, str] = {
    "required": "Please answer this question.",
    "unknown_question": "This questionnaire has no question “{question}”.",
    "unknown_language": "This questionnaire is not available in “{language}”.",
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
