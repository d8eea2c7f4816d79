"""What a report is built from: a selection of the store, its segments and schemas, the
counts the non-attribution rule needs up front, and the groups' syntheses.

A workshop report has one segment per breakout group; a comparison has one segment per
workshop, all answering versions of one questionnaire. Schemas are the published
copies, so a report shows what participants were actually asked. Everything a writer
needs besides the responses themselves is read here, before the stream starts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import msgspec

from survey.core.aggregate import Disclosure, Segment
from survey.core.errors import BadInput, NotFound
from survey.core.lineage import Lineup
from survey.core.questionnaire import Questionnaire
from survey.core.schema import localize
from survey.kinds import kind_of
from survey.reports.request import ReportRequest
from survey.store.database import Database
from survey.store.published import published_schema
from survey.store.responses import (
    ResponseFilter,
    SubmittedResponse,
    count_submitted,
    stream_submitted,
)
from survey.store.staff import syntheses_of
from survey.store.workshops import WorkshopRecord, get_workshop


class ReportSource(msgspec.Struct, kw_only=True):
    kind: str
    title: str
    workshops: list[WorkshopRecord]
    segments: list[Segment]
    schemas: dict[tuple[str, int], Questionnaire]
    selection: ResponseFilter
    by_workshop: bool
    generated_at: datetime
    #: Submitted responses per (segment key, language), known before the stream starts.
    counts: dict[tuple[str, str], int] = {}
    #: The rapporteur's synthesis (Markdown) per segment key, where one was written.
    syntheses: dict[str, str] = {}
    #: Stable choice codes per questionnaire: (question id, option id) -> code, for
    #: every id of every published version (read for the statistics formats only).
    codes: dict[str, dict[tuple[str, str], int]] = {}

    @property
    def is_sample(self) -> bool:
        return any(workshop.is_sample for workshop in self.workshops)

    @property
    def non_attribution(self) -> bool:
        return any(workshop.non_attribution for workshop in self.workshops)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def disclosure(self, min_respondents: int) -> Disclosure:
        return Disclosure(
            self.counts, non_attribution=self.non_attribution, min_respondents=min_respondents
        )

    def segment_key(self, response: SubmittedResponse) -> str:
        return (
            response.workshop_id
            if self.by_workshop
            else f"{response.workshop_id}/{response.group_id}"
        )

    def filters(self, words: Callable[[str], str] = str) -> list[tuple[str, str]]:
        selection = self.selection
        described = [(words("Workshops"), ", ".join(w.id for w in self.workshops))]
        if selection.groups:
            described.append((words("Groups"), ", ".join(selection.groups)))
        if selection.questionnaire_id:
            described.append((words("Questionnaire"), selection.questionnaire_id))
        if selection.languages:
            described.append((words("Languages"), ", ".join(selection.languages)))
        described.append(
            (words("Responses"), words("submitted only (latest submitted revision of each)"))
        )
        return described


def load_source(database: Database, request: ReportRequest) -> ReportSource:
    """Everything a report of `request` is built from, but the responses themselves."""
    request.check()
    if request.questionnaire_id is not None:
        source = comparison_source(
            database, request.questionnaire_id, request.workshops, language=request.language
        )
    else:
        assert request.workshop_id is not None  # noqa: S101 - request.check() made sure
        source = workshop_source(
            database, request.workshop_id, request.group_id, language=request.language
        )
    source.counts = _counts(database, source)
    if not source.by_workshop:
        source.syntheses = {
            f"{workshop_id}/{group_id}": text
            for (workshop_id, group_id), text in syntheses_of(database, source.selection).items()
        }
    return source


def _schema(database: Database, questionnaire_id: str, version: int) -> Questionnaire:
    with database.read() as connection:
        return published_schema(connection, questionnaire_id, version)


def workshop_source(
    database: Database, workshop_id: str, group_id: str | None = None, *, language: str = "en"
) -> ReportSource:
    workshop = get_workshop(database, workshop_id)
    groups = [g for g in workshop.groups if group_id is None or g.id == group_id]
    if not groups:
        raise NotFound(f"no group `{group_id}` in workshop `{workshop_id}`")
    schemas = {
        (g.questionnaire_id, g.questionnaire_version): _schema(
            database, g.questionnaire_id, g.questionnaire_version
        )
        for g in groups
    }
    segments = [
        Segment(
            key=f"{workshop.id}/{g.id}",
            title=localize(g.title, language, "en"),
            workshop_id=workshop.id,
            group_id=g.id,
            questionnaire_id=g.questionnaire_id,
        )
        for g in groups
    ]
    selection = ResponseFilter(
        workshops=[workshop.id], groups=[g.id for g in groups] if group_id else None
    )
    return ReportSource(
        kind="workshop",
        title=localize(workshop.title, language, "en"),
        workshops=[workshop],
        segments=segments,
        schemas=schemas,
        selection=selection,
        by_workshop=False,
        generated_at=datetime.now(UTC),
    )


def comparison_source(
    database: Database, questionnaire_id: str, workshop_ids: list[str], *, language: str = "en"
) -> ReportSource:
    if not workshop_ids:
        raise BadInput("name at least one workshop to compare")
    workshops = [get_workshop(database, workshop_id) for workshop_id in workshop_ids]
    schemas: dict[tuple[str, int], Questionnaire] = {}
    segments = []
    for workshop in workshops:
        versions = [
            g.questionnaire_version
            for g in workshop.groups
            if g.questionnaire_id == questionnaire_id
        ]
        if not versions:
            raise BadInput(f"workshop `{workshop.id}` has no group answering {questionnaire_id}")
        for version in versions:
            schemas[(questionnaire_id, version)] = _schema(database, questionnaire_id, version)
        segments.append(
            Segment(
                key=workshop.id,
                title=workshop_label(workshop),
                workshop_id=workshop.id,
                group_id=None,
                questionnaire_id=questionnaire_id,
            )
        )
    newest = schemas[(questionnaire_id, max(v for _, v in schemas))]
    return ReportSource(
        kind="comparison",
        title=localize(newest.title, language, newest.default_language),
        workshops=workshops,
        segments=segments,
        schemas=schemas,
        selection=ResponseFilter(workshops=workshop_ids, questionnaire_id=questionnaire_id),
        by_workshop=True,
        generated_at=datetime.now(UTC),
    )


def workshop_label(workshop: WorkshopRecord) -> str:
    """A workshop as a comparison heads its column: its city and year ("Shanghai
    2005"), or its id and year where it has no venue."""
    year = str(workshop.dates[0].year) if workshop.dates else ""
    parts = [part.strip() for part in (workshop.venue or "").split(",") if part.strip()]
    # "Shanghai, China" -> Shanghai; "Hotel …, Beijing, China" -> Beijing (the city).
    place = (parts[-2] if len(parts) >= 3 else parts[0]) if parts else workshop.id
    return f"{place} {year}".strip()


def version_dates(source: ReportSource) -> dict[tuple[str, int], str]:
    """Each questionnaire version dated by the earliest workshop (of the source) that
    used it: how change notes say when something changed ("added in 2006")."""
    years: dict[tuple[str, int], int] = {}
    for workshop in source.workshops:
        if not workshop.dates:
            continue
        for group in workshop.groups:
            key = (group.questionnaire_id, group.questionnaire_version)
            if key in source.schemas:
                years[key] = min(years.get(key, 9999), workshop.dates[0].year)
    return {key: str(year) for key, year in years.items()}


def responses(database: Database, source: ReportSource) -> Iterator[SubmittedResponse]:
    return stream_submitted(database, source.selection)


def _counts(database: Database, source: ReportSource) -> dict[tuple[str, str], int]:
    """Submitted responses per (segment, language), known before the stream starts."""
    counts: Counter[tuple[str, str]] = Counter()
    for (workshop_id, group_id, language), count in count_submitted(
        database, source.selection
    ).items():
        key = workshop_id if source.by_workshop else f"{workshop_id}/{group_id}"
        counts[(key, language)] += count
    return dict(counts)


def free_text_questions(
    lineup: Lineup, language: str, words: Callable[[str], str] = str
) -> list[tuple[str, str]]:
    """(answer key, label) of every free text: text answers and "Other" texts."""
    found = []
    for number, lq in enumerate(lineup.questions, 1):
        prompt = (
            f"Q{number} {localize(getattr(lq.question, 'prompt', None), language, 'en') or lq.id}"
        )
        for suffix, label in kind_of(lq.question).free_texts(lq.question):
            found.append((lq.id + suffix, f"{prompt} ({words(label)})" if label else prompt))
    return found
