"""`ranking`: choices put in order, all of them or the top `rank_at_most`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, ClassVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import QuestionReport, RankFigures, Tallied, rounded
from survey.core.schema import Asked, Choice, Scalar
from survey.kinds.base import (
    Kind,
    Localize,
    Outcome,
    bad_pick,
    check_choices,
    choice_label,
    first,
    ids,
)
from survey.kinds.specs import (
    WIDTHS,
    Bar,
    Chart,
    Column,
    FormData,
    Gettext,
    Heading,
    Option,
    Sampler,
    Summary,
    Table,
)
from survey.kinds.xlsform import (
    Words,
    XlsField,
    XlsList,
    XlsRead,
    XlsRows,
    about_row,
    asked_keys,
    asked_row,
    choice_data,
    leftover,
    number_in,
)

#: Share of demo participants who put the question's favourite first.
FAVOURITE_FIRST = 0.6
#: Ranks shown among the key figures of the PDF.
KEY_RANKS = 5


class RankingQuestion(Asked, kw_only=True, frozen=True, tag="ranking"):
    choices: list[Choice]
    rank_at_most: int | None = None


class RankTally:
    """Mean rank, first places and a Borda score (n points for first place, n-1 for second…)."""

    def __init__(self, choice_ids: list[str]) -> None:
        self.order = choice_ids
        self.points = len(choice_ids)
        self.rank_sums: Counter[str] = Counter()
        self.ranked: Counter[str] = Counter()
        self.first: Counter[str] = Counter()
        self.borda: Counter[str] = Counter()

    def add(self, value: Any, other: str | None = None, language: str = "") -> None:
        for rank, choice in enumerate(value, 1):
            self.rank_sums[choice] += rank
            self.ranked[choice] += 1
            self.borda[choice] += self.points - rank + 1
            if rank == 1:
                self.first[choice] += 1

    def report(self) -> Tallied:
        ranks = [
            RankFigures(
                id=choice,
                ranked=self.ranked[choice],
                mean_rank=self.rank_sums[choice] / self.ranked[choice]
                if self.ranked[choice]
                else None,
                first_place=self.first[choice],
                borda=self.borda[choice],
            )
            for choice in self.order
        ]
        return Tallied(ranks=sorted(ranks, key=lambda r: (-r.borda, r.id)))


class RankingKind(Kind[RankingQuestion]):
    messages: ClassVar[dict[str, str]] = {
        "expected_ranking": "Please put the choices in order.",
        "ranked_twice": "“{value}” is ranked more than once.",
        "rank_used_twice": "Rank {rank} is given to more than one choice.",
        "ranking_too_long": "Please rank at most {rank_at_most}.",
        "ranking_incomplete": "Please rank all {count} choices.",
    }
    page_value = "filled"

    def check(self, question: RankingQuestion, path: str) -> list[Finding]:
        findings = check_choices(question.choices, f"{path}.choices", reserved=set())
        if question.choices and len(question.choices) < 2:
            findings.append(error("range", f"{path}.choices", "a ranking needs at least 2 choices"))
        limit = question.rank_at_most
        if limit is not None and not 1 <= limit <= len(question.choices):
            findings.append(
                error(
                    "range",
                    f"{path}.rank_at_most",
                    f"rank_at_most must be 1 to {len(question.choices)}, the number of choices",
                )
            )
        return findings

    def comparable_values(self, question: RankingQuestion) -> list[Scalar] | None:
        return None

    def validate(
        self, question: RankingQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return Problem(code="expected_ranking")
        allowed = ids(question.choices)
        problem = bad_pick(value, allowed, repeated="ranked_twice")
        if problem is not None:
            return problem
        if question.rank_at_most is not None and len(value) > question.rank_at_most:
            return Problem(code="ranking_too_long", params={"rank_at_most": question.rank_at_most})
        if complete and question.rank_at_most is None and len(value) < len(allowed):
            return Problem(code="ranking_incomplete", params={"count": len(allowed)})
        return {question.id: list(value)}

    def display(
        self,
        question: RankingQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        words: Gettext,
    ) -> list[str]:
        value = answers.get(question.id) or []
        return [
            f"{rank}. {choice_label(question.choices, item, localize)}"
            for rank, item in enumerate(value, 1)
        ]

    def hint(self, question: RankingQuestion, gettext: Gettext) -> str:
        if question.rank_at_most:
            return gettext("Rank your top {count}; 1 is the most important.").format(
                count=question.rank_at_most
            )
        return gettext("Rank all {count}; 1 is the most important.").format(
            count=len(question.choices)
        )

    def read_form(self, question: RankingQuestion, form: FormData) -> tuple[Any, Problem | None]:
        ranked: dict[int, str] = {}
        for choice in question.choices:
            value = first(form, f"{question.id}.rank.{choice.id}")
            if value is None:
                continue
            if not value.isdigit() or int(value) < 1:
                return None, Problem(code="expected_ranking")
            rank = int(value)
            if rank in ranked:
                return None, Problem(code="rank_used_twice", params={"rank": rank})
            ranked[rank] = choice.id
        return [ranked[rank] for rank in sorted(ranked)] or None, None

    def form_fields(
        self, question: RankingQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        return {
            f"{question.id}.rank.{choice}": [str(rank)]
            for choice, rank in self.form_values(question, answers).items()
            if rank != ""
        }

    def form_values(self, question: RankingQuestion, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        order = value if isinstance(value, list) else []
        return {
            choice.id: (order.index(choice.id) + 1 if choice.id in order else "")
            for choice in question.choices
        }

    def options(
        self,
        question: RankingQuestion,
        answers: Mapping[str, Any],
        localize: Localize,
        gettext: Gettext,
    ) -> list[Option]:
        """The choices in the participant's order so far, unranked ones last."""
        value = answers.get(question.id)
        order = value if isinstance(value, list) else []
        position = {choice_id: index for index, choice_id in enumerate(order)}
        ranked = sorted(question.choices, key=lambda c: position.get(c.id, len(order)))
        return [Option(value=c.id, label=localize(c.label)) for c in ranked]

    def new_tally(self, question: RankingQuestion, options: Mapping[str, list[str]]) -> RankTally:
        return RankTally(list(options.get("choices", [])))

    def columns(self, question: RankingQuestion, heading: Heading) -> list[Column]:
        qid = heading.id

        def rank_of(choice: str) -> Any:
            def read(answers: Mapping[str, Any]) -> Any:
                order = answers.get(qid)
                return order.index(choice) + 1 if order and choice in order else None

            return read

        return [
            Column(
                label=f"{heading.prompt}: {heading.label(option.id)}",
                id=f"{qid}.{option.id}",
                width=WIDTHS["number"],
                read=rank_of(option.id),
                text=False,
                measure="number",
            )
            for option in heading.options.get("choices", [])
        ]

    def summary(
        self, question: RankingQuestion, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        ranks = [rank for rank in report.ranks if rank.offered]
        table = Table(
            header=[
                words("Choice"),
                words("Borda score"),
                words("First places"),
                words("Mean rank"),
                words("Ranked by"),
            ],
            rows=[
                [rank.label, rank.borda, rank.first_place, rounded(rank.mean_rank), rank.ranked]
                for rank in ranks
            ],
            chart_rows=len(ranks),
        )
        measure = words("Borda scores of {count} rankings").format(count=report.answered)
        chart = Chart(
            style="bars",
            rows=[
                Bar(
                    key=rank.id, label=rank.label, values=[float(rank.borda)], shown=str(rank.borda)
                )
                for rank in ranks
            ],
            measure=measure,
        )
        figures = [
            (
                rank.label,
                words("Borda {borda} · first {first} · mean rank {mean:.2f}").format(
                    borda=rank.borda, first=rank.first_place, mean=rank.mean_rank or 0
                ),
            )
            for rank in ranks[:KEY_RANKS]
        ]
        per_response = max(report.answered, 1)
        compare = Chart(
            style="bars",
            rows=[
                Bar(
                    key=rank.id,
                    label=rank.label,
                    values=[rank.borda / per_response],
                    shown=f"{rank.borda / per_response:.1f}",
                    offered=rank.offered,
                )
                for rank in report.ranks
            ],
            measure=words("mean Borda points per ranking"),
        )
        return Summary(
            table=table,
            chart=chart if ranks and report.answered else None,
            figures=figures,
            compare=compare,
        )

    def offered(self, question: RankingQuestion) -> set[str]:
        return set(ids(question.choices))

    def free_texts(self, question: RankingQuestion) -> list[tuple[str, str]]:
        return []

    def sample(self, question: RankingQuestion, sampler: Sampler) -> dict[str, Any]:
        order = ids(question.choices)
        sampler.rng.shuffle(order)
        favourite = question.choices[sampler.leaning(question.id, len(order))].id
        if sampler.rng.random() < FAVOURITE_FIRST:
            order.remove(favourite)
            order.insert(0, favourite)
        return {question.id: order[: question.rank_at_most or len(order)]}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        """`rank`; how many items it ranks comes from Kobo's rank block or our own mark."""
        if field.type != "rank" or not field.claims(self.name):
            return None
        question = {"type": self.name, **asked_keys(field), "choices": choice_data(field.choices)}
        problems = leftover(field.bounds)
        if "rank_at_most" in field.marks:
            limit = number_in(field.marks["rank_at_most"])
            if isinstance(limit, int):
                question["rank_at_most"] = limit
            else:
                problems.append(f"rank_at_most `{field.marks['rank_at_most']}` is not a number")
        return XlsRead(question=question, problems=problems)

    def xlsform_rows(self, question: RankingQuestion, gettext: Words) -> XlsRows:
        """XLSForm's `rank` orders every item; ranking only the top few says so in a note."""
        limit = question.rank_at_most
        rows = [asked_row(question, "rank", list_name=question.id, marks={"rank_at_most": limit})]
        if limit is not None:
            rows.append(about_row(question, gettext("Rank only the top {count}.", count=limit)))
        return XlsRows(rows=rows, lists=[XlsList(name=question.id, choices=question.choices)])


RANKING = RankingKind(RankingQuestion)
KINDS = (RANKING,)
