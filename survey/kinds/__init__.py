"""The registry of question kinds: every question type and the kind that owns it.

Each family module (`text`, `choice`, `scale`, …) defines its types' Structs and kinds
and lists them in `KINDS`; this module gathers them, in the order DESIGN.md lists the
types, and builds the tagged union a questionnaire file decodes into. Everything that
depends on a question's type asks `kind_of(question)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from survey.core.errors import CORE_MESSAGES, Problem
from survey.core.schema import QuestionBase
from survey.kinds import allocation, choice, matrix, moments, note, number, ranking, scale, text
from survey.kinds.base import SHARED_MESSAGES, Kind
from survey.kinds.specs import Gettext

FAMILIES = (note, text, choice, scale, matrix, ranking, allocation, number, moments)

KINDS: tuple[Kind[Any], ...] = tuple(kind for family in FAMILIES for kind in family.KINDS)
BY_NAME: dict[str, Kind[Any]] = {kind.name: kind for kind in KINDS}
_BY_STRUCT: dict[type[QuestionBase], Kind[Any]] = {kind.struct: kind for kind in KINDS}

if TYPE_CHECKING:
    #: Any question Struct (the type checker sees their common base).
    Question = QuestionBase
else:
    #: The tagged union of every question Struct: a file's `type` picks the member.
    Question = Union[tuple(kind.struct for kind in KINDS)]  # noqa: UP007 - built from the registry


def kind_of(question: QuestionBase) -> Kind[Any]:
    """The kind that owns `question`'s type."""
    return _BY_STRUCT[type(question)]


#: Every question Struct, in the order DESIGN.md lists the types.
QUESTION_TYPES: tuple[type[QuestionBase], ...] = tuple(kind.struct for kind in KINDS)

#: Every respondent message, keyed by problem code: the core's, the shared ones, and
#: each kind's own. The English text is the gettext msgid.
ANSWER_MESSAGES: dict[str, str] = {
    **CORE_MESSAGES,
    **SHARED_MESSAGES,
    **{code: text for kind in KINDS for code, text in kind.messages.items()},
}


def problem_message(problem: Problem, gettext: Gettext = str) -> str:
    """A problem as the participant reads it, in the language `gettext` translates to."""
    return problem.message(ANSWER_MESSAGES, gettext)
