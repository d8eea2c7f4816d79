"""The aggregate: every report's figures, computed once in one streaming pass.

Responses are split into *segments* (a breakout group for a workshop report, a workshop
for a comparison across workshops). Within a segment, the versions of its questionnaire
are lined up by stable ids (`lineage.line_up`), so a question is counted the same way
whichever version a response answered. For each question the aggregate keeps apart:

* answered: the participant gave an answer;
* skipped: the question was shown and left blank;
* not shown: `show_if` hid it for this participant;
* not asked: the participant's version did not have it (never counted as "no answer").

Non-attribution: nothing here identifies a participant, and a segment with fewer than
`min_respondents` responses is suppressed (its figures withheld, with a note), as are
the languages of free texts where fewer than that many responses share the language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import msgspec

from survey.core.conditions import is_shown
from survey.core.figures import Count, QuestionReport, Tallied, TextSample
from survey.core.lineage import LinedUpQuestion, Lineup, canonical_answer, line_up_all
from survey.core.questionnaire import Questionnaire
from survey.core.schema import OTHER, Text, localize
from survey.kinds import kind_of

#: Under non-attribution, the fewest responses a group (or a language of free texts)
#: needs before it is reported.
DEFAULT_MIN_RESPONDENTS = 3


def too_few(count: int, *, non_attribution: bool, min_respondents: int) -> bool:
    """The non-attribution rule: whether `count` responses are too few to report."""
    return non_attribution and count < min_respondents


class Disclosure:
    """What a report may show before the aggregate is complete: which segments are
    withheld and which languages of free texts are hidden, from how many submitted
    responses each (segment, language) has. The aggregate applies the same rule."""

    def __init__(
        self, counts: Mapping[tuple[str, str], int], *, non_attribution: bool, min_respondents: int
    ) -> None:
        self.non_attribution = non_attribution
        self.min_respondents = min_respondents
        sizes: Counter[str] = Counter()
        for (segment, _language), count in counts.items():
            sizes[segment] += count
        self._withheld = {segment for segment, count in sizes.items() if self._too_few(count)}
        self._hidden = {pair for pair, count in counts.items() if self._too_few(count)}

    def _too_few(self, count: int) -> bool:
        return too_few(
            count, non_attribution=self.non_attribution, min_respondents=self.min_respondents
        )

    def withheld(self, segment: str) -> bool:
        return segment in self._withheld

    def language(self, segment: str, language: str) -> str:
        """The language of a free text as a report may name it ("" when hidden)."""
        return "" if (segment, language) in self._hidden else language


class ResponseLike(Protocol):
    """What the aggregate reads of a submitted response (the store's SubmittedResponse)."""

    workshop_id: str
    group_id: str
    questionnaire_id: str
    questionnaire_version: int
    language: str
    answers: dict[str, Any]


class SegmentReport(msgspec.Struct, kw_only=True):
    key: str
    title: str
    workshop_id: str
    group_id: str | None
    questionnaire_id: str
    versions: list[int]
    responses: int
    languages: dict[str, int]
    suppressed: bool
    questions: list[QuestionReport]


class Aggregate(msgspec.Struct, kw_only=True):
    language: str
    non_attribution: bool
    min_respondents: int
    segments: list[SegmentReport]
    lineups: dict[str, Lineup]

    @property
    def responses(self) -> int:
        return sum(segment.responses for segment in self.segments)


class Segment(msgspec.Struct, kw_only=True):
    """A segment the caller declares: which responses go in it, and what to call it."""

    key: str
    title: str
    workshop_id: str
    group_id: str | None
    questionnaire_id: str


class _PlanItem:
    """How one question of one version is read: decided once per version, not per response."""

    __slots__ = (
        "canonical_other_key",
        "lined_up",
        "lined_up_id",
        "old_id",
        "other_key",
        "renames",
    )

    def __init__(self, old_id: str, lined_up: LinedUpQuestion, version: int) -> None:
        self.old_id = old_id
        self.lined_up = lined_up
        self.lined_up_id = lined_up.id
        self.other_key = f"{old_id}.{OTHER}"
        self.canonical_other_key = f"{lined_up.id}.{OTHER}"
        maps = lined_up.option_ids.get(version, {}).values()
        self.renames = any(old != new for mapping in maps for old, new in mapping.items())


class _Plan:
    def __init__(self, schema: Questionnaire, lineup: Lineup, version: int) -> None:
        present = lineup.by_version(version)
        self.items = [_PlanItem(old_id, lined_up, version) for old_id, lined_up in present]
        asked = {lined_up.id for _, lined_up in present}
        self.not_asked = [lq.id for lq in lineup.questions if lq.id not in asked]
        self.conditions = [(q.id, q.show_if) for q in schema.questions() if q.show_if is not None]


class _QuestionState:
    __slots__ = ("answered", "asked", "not_asked", "not_shown", "skipped", "tally")

    def __init__(self, lined_up: LinedUpQuestion) -> None:
        options = {
            key: [option.id for option in values] for key, values in lined_up.options.items()
        }
        self.tally = kind_of(lined_up.question).new_tally(lined_up.question, options)
        self.asked = self.answered = self.skipped = self.not_shown = self.not_asked = 0


class _SegmentState:
    def __init__(self, segment: Segment, lineup: Lineup) -> None:
        self.segment = segment
        self.lineup = lineup
        self.responses = 0
        self.versions: set[int] = set()
        self.languages: Counter[str] = Counter()
        self.questions = {lq.id: _QuestionState(lq) for lq in lineup.questions}


class Aggregator:
    """Feed it responses one at a time (`add`), then read `result()`.

    `add` also returns the response's answers keyed and valued by the line-up's ids, so
    a report writer can write the same response while it streams past.
    """

    def __init__(
        self,
        schemas: Mapping[tuple[str, int], Questionnaire],
        segments: Iterable[Segment],
        *,
        language: str = "en",
        non_attribution: bool = True,
        min_respondents: int = DEFAULT_MIN_RESPONDENTS,
    ) -> None:
        self.schemas = schemas
        self.language = language
        self.non_attribution = non_attribution
        self.min_respondents = min_respondents
        self.lineups = line_up_all(schemas)
        self._defaults = {
            qid: schemas[(qid, lineup.versions[-1])].default_language
            for qid, lineup in self.lineups.items()
        }
        self._plans = {
            (qid, version): _Plan(schemas[(qid, version)], lineup, version)
            for qid, lineup in self.lineups.items()
            for version in lineup.versions
        }
        self._segments = {
            s.key: _SegmentState(s, self.lineups[s.questionnaire_id]) for s in segments
        }

    def add(self, segment_key: str, response: ResponseLike) -> dict[str, Any]:
        state = self._segments[segment_key]
        plan = self._plans[(response.questionnaire_id, response.questionnaire_version)]
        state.responses += 1
        state.versions.add(response.questionnaire_version)
        state.languages[response.language] += 1
        answers = response.answers
        hidden = {qid for qid, condition in plan.conditions if not is_shown(condition, answers)}
        canonical: dict[str, Any] = {}
        questions = state.questions
        for item in plan.items:
            question = questions[item.lined_up_id]
            question.asked += 1
            if item.old_id in hidden:
                question.not_shown += 1
                continue
            value = answers.get(item.old_id)
            if value is None:
                question.skipped += 1
                continue
            question.answered += 1
            if item.renames:
                value = canonical_answer(item.lined_up, response.questionnaire_version, value)
            canonical[item.lined_up_id] = value
            other = answers.get(item.other_key)
            if other is not None:
                canonical[item.canonical_other_key] = other
            question.tally.add(value, other, response.language)
        for lined_up_id in plan.not_asked:
            questions[lined_up_id].not_asked += 1
        return canonical

    def result(self) -> Aggregate:
        return Aggregate(
            language=self.language,
            non_attribution=self.non_attribution,
            min_respondents=self.min_respondents,
            segments=[self._segment_report(state) for state in self._segments.values()],
            lineups=self.lineups,
        )

    def _segment_report(self, state: _SegmentState) -> SegmentReport:
        def withheld(count: int) -> bool:
            return too_few(
                count, non_attribution=self.non_attribution, min_respondents=self.min_respondents
            )

        suppressed = withheld(state.responses)
        hidden_languages = {
            language for language, count in state.languages.items() if withheld(count)
        }
        questions = [
            self._question_report(
                state.segment.questionnaire_id,
                state.versions,
                number,
                lined_up,
                state.questions[lined_up.id],
                suppressed,
                hidden_languages,
            )
            for number, lined_up in enumerate(state.lineup.questions, 1)
        ]
        languages = {} if suppressed else dict(state.languages)
        return SegmentReport(
            key=state.segment.key,
            title=state.segment.title,
            workshop_id=state.segment.workshop_id,
            group_id=state.segment.group_id,
            questionnaire_id=state.segment.questionnaire_id,
            versions=sorted(state.versions),
            responses=state.responses,
            languages=languages,
            suppressed=suppressed,
            questions=questions,
        )

    def _question_report(
        self,
        questionnaire_id: str,
        versions: set[int],
        number: int,
        lined_up: LinedUpQuestion,
        state: _QuestionState,
        suppressed: bool,
        hidden_languages: set[str],
    ) -> QuestionReport:
        question = lined_up.question
        default = self._defaults[questionnaire_id]

        def text(value: Text | None) -> str:
            return localize(value, self.language, default)

        report = QuestionReport(
            id=lined_up.id,
            kind=question.kind,
            number=number,
            prompt=text(getattr(question, "prompt", None)) or lined_up.id,
            versions=lined_up.versions,
            asked=state.asked,
            answered=state.answered,
            skipped=state.skipped,
            not_shown=state.not_shown,
            not_asked=state.not_asked,
        )
        if suppressed:
            return report
        tallied: Tallied = state.tally.report()
        labels = {
            option.id: text(option.label)
            for options in lined_up.options.values()
            for option in options
        }
        _label(tallied.counts, labels)
        offered = self._offered(questionnaire_id, lined_up, versions)
        _mark_unoffered(tallied.counts, offered.values)
        for row in tallied.rows:
            row.label = labels.get(row.id, row.id)
            row.offered = offered.parts is None or row.id in offered.parts
            _label(row.counts, labels)
            _mark_unoffered(row.counts, offered.values)
        for rank in tallied.ranks:
            rank.label = labels.get(rank.id, rank.id)
            rank.offered = offered.parts is None or rank.id in offered.parts
        report.counts = tallied.counts
        report.figures = tallied.figures
        report.rows = tallied.rows
        report.ranks = tallied.ranks
        report.texts = _unattributed(tallied.texts, hidden_languages)
        report.other_texts = _unattributed(tallied.other_texts, hidden_languages)
        report.text_count = tallied.text_count
        report.timeline = tallied.timeline
        return report

    def _offered(
        self, questionnaire_id: str, lined_up: LinedUpQuestion, versions: set[int]
    ) -> _Offered:
        """What the segment's versions offered of this question, in line-up ids."""
        values: set[str] = set()
        parts: set[str] | None = None
        for version in versions:
            if version not in lined_up.ids:
                continue
            question = self.schemas[(questionnaire_id, version)].question_index()[
                lined_up.ids[version]
            ]
            renames = lined_up.option_ids.get(version, {})
            cells = {**renames.get("choices", {}), **renames.get("columns", {})}
            values |= {cells.get(value, value) for value in kind_of(question).offered(question)}
            row_ids = renames.get("rows", renames.get("choices"))
            if row_ids is not None:
                parts = (parts or set()) | set(row_ids.values())
        return _Offered(values=values, parts=parts)


def _label(counts: list[Count], labels: Mapping[str, str]) -> None:
    for count in counts:
        count.label = labels.get(count.id, "")


class _Offered(msgspec.Struct, kw_only=True):
    """Answer values (choices, points, cells) and parts (rows, ranked or allocated
    choices) that a segment's versions offered; None: the question has no parts."""

    values: set[str]
    parts: set[str] | None


def _mark_unoffered(counts: list[Count], offered: set[str]) -> None:
    """A value none of the segment's versions offered is "not offered", not a 0% share."""
    if not offered:
        return
    for count in counts:
        if count.id not in offered:
            count.offered = False
            count.share = None


def _unattributed(samples: list[TextSample], hidden_languages: set[str]) -> list[TextSample]:
    return [
        TextSample(text=s.text, language="" if s.language in hidden_languages else s.language)
        for s in samples
    ]
