"""`single_choice` and `multiple_choice`: picks from a list, optionally "Other, please
specify" with its text, and for several picks a minimum and maximum."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from survey.core.errors import Finding, Problem, error
from survey.core.figures import OTHER_WORD, QuestionReport, count_label
from survey.core.schema import OTHER, Asked, Choice, Scalar
from survey.core.statistics import ChoiceTally, Tally
from survey.kinds.base import (
    Kind,
    Localize,
    Outcome,
    bad_pick,
    check_choices,
    choice_label,
    count_rows,
    first,
    ids,
    other_key,
)
from survey.kinds.reporting import answers_measure, percent, share_bars
from survey.kinds.specs import (
    WIDTHS,
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
    XlsRow,
    XlsRows,
    asked_keys,
    asked_row,
    choice_data,
    leftover,
    limits,
    other_rows,
    reads_as_scale,
    split_bounds,
)

#: Chance of "Other" in demo answers, where it is offered.
PICK_OTHER = 0.08


class SingleChoiceQuestion(Asked, kw_only=True, frozen=True, tag="single_choice"):
    choices: list[Choice]
    other: bool = False


class MultipleChoiceQuestion(Asked, kw_only=True, frozen=True, tag="multiple_choice"):
    choices: list[Choice]
    other: bool = False
    min_selected: int | None = None
    max_selected: int | None = None


Picked = SingleChoiceQuestion | MultipleChoiceQuestion
P = TypeVar("P", SingleChoiceQuestion, MultipleChoiceQuestion)


def _with_other(
    question: Picked, value: Any, picked: list[str], answers: Mapping[str, Any]
) -> Outcome:
    """Store the answer, and the "Other" text when Other is among the picks."""
    if OTHER not in picked:
        return {question.id: value}
    text = answers.get(other_key(question.id))
    if not isinstance(text, str) or not text.strip():
        return Problem(code="other_needs_text")
    return {question.id: value, other_key(question.id): text.strip()}


class ChoiceKind(Kind[P]):
    """What single and multiple choice share; the subclasses say how many picks."""

    messages: ClassVar[dict[str, str]] = {
        "expected_choice": "Please pick one of the choices.",
        "other_needs_text": "Please say what you mean by “Other”.",
        "expected_choices": "Please pick from the choices.",
        "chosen_twice": "“{value}” is picked more than once.",
        "too_few_selected": "Please pick at least {min_selected}.",
        "too_many_selected": "Please pick at most {max_selected}.",
    }

    condition_tests = frozenset({"equals", "in"})
    several: ClassVar[bool]

    def allowed(self, question: P) -> list[str]:
        return ids(question.choices) + ([OTHER] if question.other else [])

    def comparable_values(self, question: P) -> list[Scalar] | None:
        return list(self.allowed(question))

    def display(
        self, question: P, answers: Mapping[str, Any], localize: Localize, words: Gettext
    ) -> list[str]:
        value = answers.get(question.id)
        if value is None:
            return []
        other = answers.get(other_key(question.id), "")
        return [
            f"{words(OTHER_WORD)}: {other}"
            if item == OTHER
            else choice_label(question.choices, item, localize)
            for item in (value if isinstance(value, list) else [value])
        ]

    def form_values(self, question: P, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(question.id)
        if self.several:
            return {"picked": list(value) if isinstance(value, list) else []}
        return {"value": "" if value is None else value}

    def options(
        self, question: P, answers: Mapping[str, Any], localize: Localize, gettext: Gettext
    ) -> list[Option]:
        return [Option(value=c.id, label=localize(c.label)) for c in question.choices]

    def new_tally(self, question: P, options: Mapping[str, list[str]]) -> Tally:
        return ChoiceTally(list(options.get("choices", [])), offers_other=question.other)

    def summary(
        self, question: P, report: QuestionReport, localize: Localize, words: Gettext
    ) -> Summary:
        table = Table(
            header=[words("Choice"), words("Count"), words("Share")],
            rows=count_rows(report.counts, words),
            chart_rows=len(report.counts),
        )
        bars = share_bars(report.counts, lambda count: count_label(count, words))
        measure = answers_measure(report.answered, words)
        offered = [bar for bar in bars if bar.offered]
        chart = Chart(style="bars", rows=offered, percent=True, measure=measure)
        figures = [
            (count_label(c, words), f"{c.count} ({percent(c.share)})")
            for c in report.counts
            if c.offered
        ]
        return Summary(
            table=table,
            chart=chart if offered and report.answered else None,
            figures=figures,
            compare=Chart(style="bars", rows=bars, percent=True, measure=measure),
        )

    def offered(self, question: P) -> set[str]:
        return set(self.allowed(question))

    def free_texts(self, question: P) -> list[tuple[str, str]]:
        return [(f".{OTHER}", OTHER_WORD)] if question.other else []

    def other_field(self, question: P, answers: Mapping[str, Any]) -> dict[str, list[str]]:
        text = answers.get(other_key(question.id))
        return {other_key(question.id): [text]} if question.other and text else {}

    def choice_labels(self, question: P, heading: Heading) -> dict[str, str]:
        labels = {option.id: heading.label(option.id) for option in heading.options["choices"]}
        return labels | ({OTHER: heading.words(OTHER_WORD)} if question.other else {})

    def columns_for_other(self, question: P, heading: Heading) -> list[Column]:
        if not question.other:
            return []
        key = other_key(heading.id)
        return [
            Column(
                label=f"{heading.prompt}: {heading.words(OTHER_WORD)}",
                id=key,
                width=WIDTHS["text"],
                read=lambda answers: answers.get(key),
            )
        ]

    def read_choices(self, field: XlsField, xls_type: str) -> XlsRead | None:
        """A select on a list (a `likert` one over points is a scale's, unless marked)."""
        if field.type != xls_type or not field.claims(self.name):
            return None
        if "type" not in field.marks and reads_as_scale(field):
            return None
        question = {"type": self.name, **asked_keys(field), "choices": choice_data(field.choices)}
        if field.other:
            question["other"] = True
        if not self.several:
            return XlsRead(question=question, problems=leftover(field.bounds))
        low, high, rest = split_bounds(field.bounds, "count", whole=True)
        question |= {"min_selected": low} if isinstance(low, int) and low > 0 else {}
        question |= {"max_selected": high} if isinstance(high, int) else {}
        return XlsRead(question=question, problems=leftover(rest))

    def select_rows(self, question: P, xls_type: str, gettext: Words) -> XlsRows:
        """The select, its list, and "Other" as a choice with its text question."""
        extra: list[Choice] = []
        texts: list[XlsRow] = []
        if question.other:
            extra, texts = other_rows(question, gettext)
        bounds = []
        if isinstance(question, MultipleChoiceQuestion):
            bounds = limits("count", question.min_selected, question.max_selected)
        select = asked_row(question, xls_type, list_name=question.id, bounds=bounds)
        return XlsRows(
            rows=[select, *texts],
            lists=[XlsList(name=question.id, choices=[*question.choices, *extra])],
        )


class SingleChoiceKind(ChoiceKind[SingleChoiceQuestion]):
    page_value = "single"
    several = False

    def check(self, question: SingleChoiceQuestion, path: str) -> list[Finding]:
        return check_choices(
            question.choices, f"{path}.choices", reserved={OTHER} if question.other else set()
        )

    def validate(
        self, question: SingleChoiceQuestion, value: Any, answers: Mapping[str, Any], complete: bool
    ) -> Outcome:
        if not isinstance(value, str):
            return Problem(code="expected_choice")
        if value not in self.allowed(question):
            return Problem(code="not_a_choice", params={"value": value})
        return _with_other(question, value, [value], answers)

    def hint(self, question: SingleChoiceQuestion, gettext: Gettext) -> str:
        return ""

    def read_form(
        self, question: SingleChoiceQuestion, form: FormData
    ) -> tuple[Any, Problem | None]:
        return first(form, question.id), None

    def form_fields(
        self, question: SingleChoiceQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        value = answers.get(question.id)
        return {question.id: [value] if value else []} | self.other_field(question, answers)

    def columns(self, question: SingleChoiceQuestion, heading: Heading) -> list[Column]:
        qid = heading.id
        words = heading.words

        def read(answers: Mapping[str, Any]) -> Any:
            value = answers.get(qid)
            if value == OTHER:
                return words(OTHER_WORD)
            return heading.labels.get(value, value) if isinstance(value, str) else value

        chosen = Column(
            label=heading.prompt,
            id=qid,
            width=WIDTHS["label"],
            read=read,
            value=lambda answers: answers.get(qid),
            measure="options",
            value_labels=self.choice_labels(question, heading),
        )
        return [chosen, *self.columns_for_other(question, heading)]

    def sample(self, question: SingleChoiceQuestion, sampler: Sampler) -> dict[str, Any]:
        if question.other and sampler.rng.random() < PICK_OTHER:
            key = other_key(question.id)
            return {question.id: OTHER, key: sampler.sentence(key, 200)}
        return {question.id: sampler.weighted(question.id, question.choices).id}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        return self.read_choices(field, "select_one")

    def xlsform_rows(self, question: SingleChoiceQuestion, gettext: Words) -> XlsRows:
        return self.select_rows(question, "select_one", gettext)


class MultipleChoiceKind(ChoiceKind[MultipleChoiceQuestion]):
    page_value = "multiple"
    several = True

    def check(self, question: MultipleChoiceQuestion, path: str) -> list[Finding]:
        findings = check_choices(
            question.choices, f"{path}.choices", reserved={OTHER} if question.other else set()
        )
        available = len(question.choices) + (1 if question.other else 0)
        low, high = question.min_selected, question.max_selected
        if low is not None and not 0 <= low <= available:
            findings.append(
                error("range", f"{path}.min_selected", f"min_selected must be 0 to {available}")
            )
        if high is not None and not 1 <= high <= available:
            findings.append(
                error(
                    "range",
                    f"{path}.max_selected",
                    f"max_selected must be 1 to {available}, the number of choices",
                )
            )
        if low is not None and high is not None and low > high:
            findings.append(
                error("range", f"{path}.min_selected", "min_selected is larger than max_selected")
            )
        return findings

    def validate(
        self,
        question: MultipleChoiceQuestion,
        value: Any,
        answers: Mapping[str, Any],
        complete: bool,
    ) -> Outcome:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return Problem(code="expected_choices")
        problem = bad_pick(value, self.allowed(question), repeated="chosen_twice")
        if problem is not None:
            return problem
        if question.max_selected is not None and len(value) > question.max_selected:
            return Problem(code="too_many_selected", params={"max_selected": question.max_selected})
        if complete and question.min_selected is not None and len(value) < question.min_selected:
            return Problem(code="too_few_selected", params={"min_selected": question.min_selected})
        return _with_other(question, list(value), value, answers)

    def hint(self, question: MultipleChoiceQuestion, gettext: Gettext) -> str:
        low, high = question.min_selected, question.max_selected
        if low and high:
            return gettext("Pick {min} to {max}.").format(min=low, max=high)
        if high:
            return gettext("Pick up to {max}.").format(max=high)
        if low:
            return gettext("Pick at least {min}.").format(min=low)
        return gettext("Pick all that apply.")

    def read_form(
        self, question: MultipleChoiceQuestion, form: FormData
    ) -> tuple[Any, Problem | None]:
        return list(form.get(question.id, [])) or None, None

    def form_fields(
        self, question: MultipleChoiceQuestion, answers: Mapping[str, Any]
    ) -> dict[str, list[str]]:
        value = answers.get(question.id)
        picked = list(value) if isinstance(value, list) else []
        return {question.id: picked} | self.other_field(question, answers)

    def columns(self, question: MultipleChoiceQuestion, heading: Heading) -> list[Column]:
        qid = heading.id

        def picked(choice: str) -> Any:
            def read(answers: Mapping[str, Any]) -> Any:
                value = answers.get(qid)
                return None if value is None else int(choice in value)

            return read

        flags = [
            Column(
                label=f"{heading.prompt}: {heading.label(option.id)}",
                id=f"{qid}.{option.id}",
                width=WIDTHS["flag"],
                read=picked(option.id),
                text=False,
                flag=True,
                measure="number",
            )
            for option in heading.options.get("choices", [])
        ]
        return flags + self.columns_for_other(question, heading)

    def sample(self, question: MultipleChoiceQuestion, sampler: Sampler) -> dict[str, Any]:
        choice_ids = ids(question.choices)
        low = max(question.min_selected or 1, 1)
        high = min(question.max_selected or min(3, len(choice_ids)), len(choice_ids))
        picked = [sampler.weighted(question.id, question.choices).id]
        for choice_id in sampler.rng.sample(choice_ids, sampler.rng.randint(low, high)):
            if choice_id not in picked and len(picked) < high:
                picked.append(choice_id)
        return {question.id: picked}

    def xlsform_read(self, field: XlsField) -> XlsRead | None:
        return self.read_choices(field, "select_multiple")

    def xlsform_rows(self, question: MultipleChoiceQuestion, gettext: Words) -> XlsRows:
        return self.select_rows(question, "select_multiple", gettext)


SINGLE_CHOICE = SingleChoiceKind(SingleChoiceQuestion)
MULTIPLE_CHOICE = MultipleChoiceKind(MultipleChoiceQuestion)
KINDS = (SINGLE_CHOICE, MULTIPLE_CHOICE)
