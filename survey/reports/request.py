"""What a report is asked for: its scope, language, minimum group size, page size, format.

The CLI, the web and the out-of-process PDF builder all describe a report this way and
hand it to `reports.pipeline.build_report`; the PDF builder receives it as JSON on its
standard input.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from survey.core.aggregate import DEFAULT_MIN_RESPONDENTS
from survey.core.errors import BadInput
from survey.core.ids import LANGUAGE_TAG

PageSize = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSize, ...] = ("A4", "Letter")


class ReportRequest(msgspec.Struct, kw_only=True, frozen=True):
    """A workshop report (`workshop_id`, optionally one `group_id`) or a comparison of
    one questionnaire across `workshops`."""

    format: str
    workshop_id: str | None = None
    group_id: str | None = None
    questionnaire_id: str | None = None
    workshops: list[str] = []
    language: str = "en"
    min_respondents: int = DEFAULT_MIN_RESPONDENTS
    page_size: PageSize = "A4"
    #: CSV only: the long (tidy) form, one row per answer, instead of one per response.
    long: bool = False

    @property
    def is_comparison(self) -> bool:
        return self.questionnaire_id is not None

    def check(self) -> ReportRequest:
        """The request itself, refused with a clear message when it cannot be built."""
        if self.is_comparison == (self.workshop_id is not None):
            raise BadInput("a report covers a workshop, or one questionnaire across workshops")
        if self.is_comparison and not self.workshops:
            raise BadInput("name at least one workshop to compare")
        if not LANGUAGE_TAG.match(self.language):
            raise BadInput(f"`{self.language[:20]}` is not a language code such as en, ko or ru")
        if not 1 <= self.min_respondents <= 1000:
            raise BadInput("the minimum group size must be 1 to 1000")
        return self

    def fingerprint(self) -> str:
        """A stable text of everything that changes the built file (but the data)."""
        return msgspec.json.encode(self, order="sorted").decode()
