"""What a report is built from: a selection of the store, its segments and schemas.

A workshop report has one segment per breakout group; a comparison has one segment per
workshop, all answering versions of one questionnaire. Schemas are the published
copies, so a report shows what participants were actually asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import msgspec

from survey.aggregate import Segment
from survey.errors import BadInput, NotFound
from survey.lineage import Lineup
from survey.schema import OTHER, Questionnaire, localize
from survey.store.database import Database
from survey.store.questionnaires import published_schema
from survey.store.responses import (
    ResponseFilter,
    SubmittedResponse,
    count_submitted,
    stream_submitted,
)
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

    @property
    def is_sample(self) -> bool:
        return any(workshop.is_sample for workshop in self.workshops)

    @property
    def non_attribution(self) -> bool:
        return any(workshop.non_attribution for workshop in self.workshops)

    def segment_key(self, response: SubmittedResponse) -> str:
        return (
            response.workshop_id
            if self.by_workshop
            else f"{response.workshop_id}/{response.group_id}"
        )

    def filters(self) -> list[tuple[str, str]]:
        selection = self.selection
        described = [("Workshops", ", ".join(w.id for w in self.workshops))]
        if selection.groups:
            described.append(("Groups", ", ".join(selection.groups)))
        if selection.questionnaire_id:
            described.append(("Questionnaire", selection.questionnaire_id))
        if selection.languages:
            described.append(("Languages", ", ".join(selection.languages)))
        described.append(("Responses", "submitted only (latest submitted revision of each)"))
        return described


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
    title = localize(workshop.title, language, "en")
    return ReportSource(
        kind="workshop",
        title=title,
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
    if len(workshop_ids) < 1:
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
                title=workshop.id,
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


def responses(database: Database, source: ReportSource) -> Iterator[SubmittedResponse]:
    return stream_submitted(database, source.selection)


def language_counts(database: Database, source: ReportSource) -> Counter[tuple[str, str]]:
    """Submitted responses per (segment, language), known before the stream starts."""
    counts: Counter[tuple[str, str]] = Counter()
    for (workshop_id, group_id, language), count in count_submitted(
        database, source.selection
    ).items():
        key = workshop_id if source.by_workshop else f"{workshop_id}/{group_id}"
        counts[(key, language)] += count
    return counts


def free_text_questions(lineup: Lineup, language: str) -> list[tuple[str, str]]:
    """(answer key, label) of every free text: text questions and "Other" texts."""
    found = []
    for number, lq in enumerate(lineup.questions, 1):
        prompt = (
            f"Q{number} {localize(getattr(lq.question, 'prompt', None), language, 'en') or lq.id}"
        )
        if lq.question.kind in ("text", "long_text"):
            found.append((lq.id, prompt))
        if getattr(lq.question, "other", False):
            found.append((f"{lq.id}.{OTHER}", f"{prompt} (Other)"))
    return found
