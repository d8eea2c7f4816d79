"""Answers as a person reads them: choice labels instead of ids, units, ranks.

Used by the review page and the receipt; each kind says how its answers read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.kinds import Question, kind_of
from survey.kinds.base import Localize
from survey.kinds.specs import Gettext


def display_answer(
    question: Question, answers: Mapping[str, Any], localize: Localize, gettext: Gettext = str
) -> list[str]:
    """The answer to `question` as lines of text; empty when it was not answered."""
    return kind_of(question).display(question, answers, localize, gettext)
