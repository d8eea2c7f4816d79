"""The aggregate over known responses: counting kept apart, versions lined up, and the
non-attribution rule."""

from __future__ import annotations

from typing import Any

import msgspec

from survey.core.aggregate import Aggregator, Segment
from survey.core.lineage import line_up
from survey.files.questionnaire_files import Registry


class Answered(msgspec.Struct, kw_only=True):
    workshop_id: str = "w"
    group_id: str = "g"
    questionnaire_id: str
    questionnaire_version: int
    language: str = "en"
    answers: dict[str, Any]


def pol_mil(registry: Registry, *versions: int) -> dict[tuple[str, int], Any]:
    return {("capacity-pol-mil", v): registry.get("capacity-pol-mil", v).schema for v in versions}


def segment(key: str = "g", questionnaire_id: str = "capacity-pol-mil") -> Segment:
    return Segment(
        key=key, title=key, workshop_id="w", group_id=key, questionnaire_id=questionnaire_id
    )


def test_renamed_questions_and_choices_line_up_across_versions(registry: Registry) -> None:
    lineup = line_up({v: registry.get("capacity-pol-mil", v).schema for v in (2, 3)})
    ranking = next(q for q in lineup.questions if q.id == "peace-regime-priorities")
    assert ranking.ids == {2: "peace-priorities", 3: "peace-regime-priorities"}
    assert ranking.option_ids[2]["choices"]["regional-forum"] == "nea-mechanism"
    start = next(q for q in lineup.questions if q.id == "peace-talks-start")
    assert [c.id for c in start.options["choices"]] == [
        "now",
        "after-disablement",
        "after-denuclearization",
        "after-freeze",
    ]


def test_answered_skipped_not_shown_and_not_asked_are_kept_apart(registry: Registry) -> None:
    aggregator = Aggregator(pol_mil(registry, 2, 3), [segment()], non_attribution=False)
    v3 = {"nuclear-safety-role": "no", "sanctions-policy": "maintain"}
    aggregator.add(
        "g", Answered(questionnaire_id="capacity-pol-mil", questionnaire_version=3, answers=v3)
    )
    aggregator.add(
        "g",
        Answered(
            questionnaire_id="capacity-pol-mil",
            questionnaire_version=3,
            answers={
                "nuclear-safety-role": "now",
                "nuclear-safety-forum": "ARF",
                "sanctions-policy": "lift",
            },
        ),
    )
    aggregator.add(
        "g",
        Answered(
            questionnaire_id="capacity-pol-mil",
            questionnaire_version=2,
            answers={"peace-priorities": ["regional-forum", "peace-treaty"]},
        ),
    )
    questions = {q.id: q for q in aggregator.result().segments[0].questions}
    forum = questions["nuclear-safety-forum"]
    assert (forum.asked, forum.answered, forum.skipped, forum.not_shown, forum.not_asked) == (
        2,
        1,
        0,
        1,
        1,
    )
    sanctions = questions["sanctions-policy"]
    assert (sanctions.answered, sanctions.not_asked) == (2, 1)
    ranking = questions["peace-regime-priorities"]
    assert (ranking.answered, ranking.skipped) == (1, 2)
    nea = next(r for r in ranking.ranks if r.id == "nea-mechanism")
    assert (nea.first_place, nea.label) == (1, "Northeast Asia peace and security mechanism")


def test_choices_a_version_did_not_offer_are_not_zero(registry: Registry) -> None:
    aggregator = Aggregator(pol_mil(registry, 1), [segment()], non_attribution=False)
    aggregator.add(
        "g",
        Answered(
            questionnaire_id="capacity-pol-mil",
            questionnaire_version=1,
            answers={"assurance-forms": ["written-nsa"]},
        ),
    )
    lineup_counts = {
        c.id: c
        for q in aggregator.result().segments[0].questions
        if q.id == "assurance-forms"
        for c in q.counts
    }
    assert lineup_counts["written-nsa"].share == 1.0
    assert "non-aggression" not in lineup_counts  # only one version in this selection


def test_small_groups_are_withheld_under_non_attribution(registry: Registry) -> None:
    aggregator = Aggregator(
        pol_mil(registry, 3), [segment("small"), segment("large")], min_respondents=3
    )
    answers = {
        "nuclear-safety-role": "no",
        "sanctions-policy": "maintain",
        "comments": "Speak softly.",
    }
    for key, count in (("small", 2), ("large", 4)):
        for index in range(count):
            language = "ru" if (key, index) == ("large", 0) else "en"
            aggregator.add(
                key,
                Answered(
                    questionnaire_id="capacity-pol-mil",
                    questionnaire_version=3,
                    language=language,
                    answers=answers,
                ),
            )
    small, large = aggregator.result().segments
    assert small.suppressed and small.responses == 2 and small.languages == {}
    assert all(not q.counts and not q.texts for q in small.questions)
    assert not large.suppressed
    comments = next(q for q in large.questions if q.id == "comments")
    # The lone Russian text loses its language; the three English ones keep theirs.
    assert sorted(t.language for t in comments.texts) == ["", "en", "en", "en"]


def test_without_non_attribution_nothing_is_withheld(registry: Registry) -> None:
    aggregator = Aggregator(pol_mil(registry, 3), [segment()], non_attribution=False)
    aggregator.add(
        "g",
        Answered(
            questionnaire_id="capacity-pol-mil",
            questionnaire_version=3,
            answers={"sanctions-policy": "lift"},
        ),
    )
    assert not aggregator.result().segments[0].suppressed
