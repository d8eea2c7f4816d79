"""Every question type has a kind, and every kind provides every facet.

The fixture questionnaire uses every type; each facet of each kind runs on it with
sample answers, so a kind that forgets something fails here instead of printing
nothing in a report or a page.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from survey.core.aggregate import Aggregator, Segment
from survey.core.answers import validate_answers
from survey.core.questionnaire import Questionnaire
from survey.core.schema import Choice, localize
from survey.demo.samples import sample_answers
from survey.files.questionnaire_files import Registry
from survey.kinds import BY_NAME, KINDS, QUESTION_TYPES, kind_of
from survey.kinds.base import Kind
from survey.kinds.specs import Heading
from survey.kinds.xlsform import XlsField

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every-type"
FACETS = sorted(Kind.__abstractmethods__)


@pytest.fixture(scope="module")
def every_type() -> Questionnaire:
    return Registry.from_directory(EVERY_TYPE).get("every-type", 1).schema


@pytest.fixture(scope="module")
def samples(every_type: Questionnaire) -> list[dict[str, Any]]:
    rng = random.Random(11)
    return [sample_answers(every_type, rng, language) for language in ["en", "ko"] * 15]


def test_the_fixture_uses_every_type(every_type: Questionnaire) -> None:
    assert {question.kind for question in every_type.questions()} == set(BY_NAME)
    assert [kind.struct for kind in KINDS] == list(QUESTION_TYPES)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_kind_provides_every_facet_itself(kind: Kind[Any]) -> None:
    assert not type(kind).__abstractmethods__
    for facet in FACETS:
        assert getattr(type(kind), facet) is not getattr(Kind, facet), facet
    assert kind.page_value in ("text", "number", "single", "point", "multiple", "filled", "none")


def test_sample_answers_exercise_every_answerable_question(
    every_type: Questionnaire, samples: list[dict[str, Any]]
) -> None:
    answered = {key.split(".")[0] for answers in samples for key in answers}
    answerable = {q.id for q in every_type.questions() if q.takes_answer}
    assert answered == answerable
    for answers in samples:
        assert validate_answers(every_type, answers, complete=True).ok


def test_display_hint_and_options_speak_for_every_answer(
    every_type: Questionnaire, samples: list[dict[str, Any]]
) -> None:
    def text(value: Any) -> str:
        return localize(value, "ko", "en")

    for answers in samples:
        for question in every_type.questions():
            kind = kind_of(question)
            assert isinstance(kind.hint(question, str), str)
            assert isinstance(kind.options(question, answers, text, str), list)
            lines = kind.display(question, answers, text, str)
            assert bool(lines) == (question.id in answers), question.id


def test_the_form_codec_reads_back_what_it_writes(
    every_type: Questionnaire, samples: list[dict[str, Any]]
) -> None:
    for answers in samples:
        for question in every_type.questions():
            kind = kind_of(question)
            fields = {k: v for k, v in kind.form_fields(question, answers).items() if v}
            value, problem = kind.read_form(question, fields)
            assert problem is None
            assert value == answers.get(question.id), question.id
            assert isinstance(kind.form_values(question, answers), dict)


def test_free_texts_name_the_keys_answers_carry(
    every_type: Questionnaire, samples: list[dict[str, Any]]
) -> None:
    for answers in samples:
        for key in answers:
            question_id, _, suffix = key.partition(".")
            question = every_type.question_index()[question_id]
            suffixes = [extra for extra, _ in kind_of(question).free_texts(question)]
            assert not suffix or f".{suffix}" in suffixes


def test_conditions_name_values_where_a_kind_offers_equality(every_type: Questionnaire) -> None:
    for question in every_type.questions():
        kind = kind_of(question)
        values = kind.comparable_values(question)
        if values:
            assert "equals" in kind.condition_tests, kind.name


def test_every_answerable_kind_reports_columns_a_table_and_a_figure(
    every_type: Questionnaire, samples: list[dict[str, Any]]
) -> None:
    segment = Segment(
        key="s", title="S", workshop_id="w", group_id="g", questionnaire_id="every-type"
    )
    aggregator = Aggregator({("every-type", 1): every_type}, [segment], non_attribution=False)
    canonical = []
    for answers in samples:
        response = _Response(answers)
        canonical.append(aggregator.add("s", response))
    [report] = aggregator.result().segments
    lineup = aggregator.lineups["every-type"]
    for lined_up, question_report in zip(lineup.questions, report.questions, strict=True):
        question = lined_up.question
        kind = kind_of(question)
        heading = Heading(
            id=lined_up.id,
            prompt=f"Q {lined_up.id}",
            options=lined_up.options,
            labels={o.id: str(o.label) for options in lined_up.options.values() for o in options},
            localize=text,
        )
        columns = kind.columns(question, heading)
        assert columns, kind.name
        assert any(column.read(answers) is not None for column in columns for answers in canonical)
        for column in columns:  # what CSV and the statistics files read
            assert column.question == "" and column.measure in MEASURES
            if column.value is not None:
                assert any(column.value(answers) is not None for answers in canonical)
        summary = kind.summary(question, question_report, text, str)
        assert summary.table.rows, kind.name
        shows_texts = ("", "") in kind.free_texts(question)
        assert summary.chart is not None or summary.figures or shows_texts, kind.name
        assert (
            summary.chart is None
            or all(bar.label for bar in summary.chart.rows)
            or (summary.chart.style == "stacked")
        )
        assert isinstance(kind.offered(question), set)


MEASURES = {"options", "points", "number", "date", "text"}


def text(value: Any) -> str:
    return localize(value, "en", "en")


def test_each_type_has_its_figures() -> None:
    """Matrix rows' means and distribution, dates with a timeline, numbers with their
    unit, years as years."""
    from survey.core.figures import Count, Figures, QuestionReport, RowFigures
    from survey.kinds.matrix import MatrixQuestion
    from survey.kinds.moments import DateQuestion
    from survey.kinds.number import NumberQuestion

    def report(kind: str, **fields: Any) -> QuestionReport:
        return QuestionReport(
            id="q", kind=kind, number=1, prompt="Q", versions=[1], answered=4, **fields
        )

    matrix = MatrixQuestion(
        id="q", rows=[], min=1, max=5, labels={1: "Not feasible", 3: "Possible"}, dont_know=True
    )
    counts = [Count(id=str(p), count=1, share=0.25) for p in (1, 2, 3, 4)]
    counts += [Count(id="5", count=0, share=0.0), Count(id="dont_know", count=0, share=0.0)]
    rows = [RowFigures(id="r", label="Row", counts=counts, figures=Figures(count=4, mean=2.5))]
    summary = kind_of(matrix).summary(matrix, report("matrix", rows=rows), text, str)
    assert summary.grid is not None
    assert summary.grid.header == [
        "Row",
        "1 Not feasible",
        "2",
        "3 Possible",
        "4",
        "5",
        "Don't know",
        "Mean",
    ]
    assert summary.grid.rows[0][1] == "1 (25%)" and summary.grid.rows[0][-1] == "2.50"
    assert summary.chart is not None and summary.chart.palette == "diverging"

    money = NumberQuestion(id="q", unit="USD million")
    figures = Figures(count=4, mean=167.771, median=150.0, sd=20.5, min=100.0, max=250.0)
    shown = dict(
        kind_of(money).summary(money, report("number", figures=figures), text, str).figures
    )
    assert shown["Mean"] == "167.77 USD million" and shown["Range"] == "100 to 250 USD million"

    year = NumberQuestion(id="q", integer=True, min=2007, max=2030)
    figures = Figures(count=4, mean=2016.85, median=2015.5, sd=3.2, min=2008.0, max=2025.0)
    timeline = [Count(id=str(y), count=1) for y in (2008, 2015, 2016, 2025)]
    summary = kind_of(year).summary(
        year, report("number", figures=figures, timeline=timeline), text, str
    )
    assert dict(summary.figures)["Mean"] == "2017" and "2016.85" not in str(summary.figures)
    assert summary.chart is not None and summary.chart.style == "timeline"

    day = DateQuestion(id="q")
    figures = Figures(count=3, min=733000.0, median=733100.0, max=733400.0)
    months = [Count(id="2007-10", count=2), Count(id="2008-09", count=1)]
    summary = kind_of(day).summary(day, report("date", figures=figures, timeline=months), text, str)
    assert [label for label, _ in summary.figures] == ["Earliest", "Median", "Latest"]
    assert summary.chart is not None and len(summary.chart.rows) == 12  # Oct 2007 to Sep 2008


class _Response:
    workshop_id = "w"
    group_id = "g"
    questionnaire_id = "every-type"
    questionnaire_version = 1
    language = "en"

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers


@pytest.fixture(scope="module")
def through_xlsform(every_type: Questionnaire, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The fixture written as an XLSForm by every kind's rows and read back by the kinds."""
    from survey.catalogs import Catalogs
    from survey.files.xlsform_import import import_xlsform
    from survey.files.xlsform_writer import export_xlsform

    path = tmp_path_factory.mktemp("xlsform") / "every-type.xlsx"
    export_xlsform(every_type, path, Catalogs())
    return import_xlsform(path)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_kind_reads_back_the_xlsform_rows_it_writes(
    kind: Kind[Any], every_type: Questionnaire, through_xlsform: Any
) -> None:
    from tests.xlsform_forms import canonical

    assert through_xlsform.refusals == [] and through_xlsform.questionnaire is not None
    before, after = canonical(every_type), canonical(through_xlsform.questionnaire)
    mine = [
        (question, again)
        for section, back in zip(before["sections"], after["sections"], strict=True)
        for question, again in zip(section["questions"], back["questions"], strict=True)
        if question["type"] == kind.name
    ]
    assert mine
    for question, again in mine:
        assert again == question


def xls_field(xls_type: str, **keys: Any) -> XlsField:
    return XlsField(row=2, type=xls_type, id="q", label="Q?", **keys)


POINTS = [Choice(id=str(n), label=str(n)) for n in range(1, 6)]
WORDS = [Choice(id="agree", label="Agree"), Choice(id="disagree", label="Disagree")]


@pytest.mark.parametrize(
    ("field", "kind_name"),
    [
        (xls_field("note"), "note"),
        (xls_field("text"), "text"),
        (xls_field("phone number"), "text"),
        (xls_field("text", appearance=frozenset({"multiline"})), "long_text"),
        (xls_field("select_one", choices=WORDS), "single_choice"),
        (xls_field("select_one", choices=POINTS), "single_choice"),
        (xls_field("select_one", choices=WORDS, appearance=frozenset({"likert"})), "single_choice"),
        (xls_field("select_one", choices=POINTS, appearance=frozenset({"likert"})), "scale"),
        (
            xls_field(
                "select_one",
                choices=POINTS,
                marks={"type": "single_choice"},
                appearance=frozenset({"likert"}),
            ),
            "single_choice",
        ),
        (xls_field("select_multiple", choices=WORDS), "multiple_choice"),
        (xls_field("range", parameters={"start": "0", "end": "10"}), "scale"),
        (xls_field("range", parameters={"start": "0", "end": "100"}), "number"),
        (xls_field("grid", rows=WORDS, choices=POINTS), "matrix"),
        (xls_field("rank", choices=WORDS), "ranking"),
        (
            xls_field("group", rows=WORDS, marks={"type": "allocation", "total": "100"}),
            "allocation",
        ),
        (xls_field("integer"), "number"),
        (xls_field("decimal"), "number"),
        (xls_field("date"), "date"),
        (xls_field("time"), "time"),
    ],
)
def test_exactly_one_kind_reads_each_xlsform_field(field: XlsField, kind_name: str) -> None:
    readers = [kind.name for kind in KINDS if kind.xlsform_read(field) is not None]
    assert readers == [kind_name]
    read = BY_NAME[kind_name].xlsform_read(field)
    assert read is not None and read.question["type"] == kind_name


@pytest.mark.parametrize("xls_type", ["geopoint", "calculate", "datetime", "group", "repeat"])
def test_no_kind_reads_what_it_cannot_express(xls_type: str) -> None:
    assert [kind.name for kind in KINDS if kind.xlsform_read(xls_field(xls_type))] == []
