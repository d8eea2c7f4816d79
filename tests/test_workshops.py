"""Workshop files: decoded strictly, checked against the questionnaires they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.core.errors import QuestionnaireError
from survey.files.questionnaire_files import Registry
from survey.files.workshop_files import decode_workshop, read_workshop_file
from tests.conftest import SMALL_WORKSHOP

DESIGN_EXAMPLE = """\
id: beijing-2007
title: Building Multi-Party Capacity for a WMD-Free Korean Peninsula
dates: [2007-04-27]
venue: Hotel Nikko New Century Beijing
languages: [en, ko, zh, ja, ru]
non_attribution: true
groups:
  - {id: pol-mil, title: Pol-Mil Group, room: "Zhonghua Hall I",
     questionnaire: {id: capacity-pol-mil, version: 3}}
"""


def test_the_design_documents_example_loads(write_file, registry: Registry) -> None:
    workshop = read_workshop_file(write_file("beijing-2007.yaml", DESIGN_EXAMPLE), registry)
    assert workshop.groups[0].room == "Zhonghua Hall I"
    assert workshop.dates[0].isoformat() == "2007-04-27"


def test_a_questionnaire_version_that_does_not_exist_is_refused(
    write_file, registry: Registry
) -> None:
    path = write_file("w.yaml", DESIGN_EXAMPLE.replace("version: 3}", "version: 7}"))
    with pytest.raises(QuestionnaireError) as refused:
        read_workshop_file(path, registry)
    text = str(refused.value)
    assert "w.yaml:9: groups[0].questionnaire: no questionnaire capacity-pol-mil v7" in text
    assert "known versions: v1, v2, v3" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"titel": "x"}, "unknown key `titel` (did you mean `title`?)"),
        ({"dates": ["27 April 2007"]}, "expected a date as YYYY-MM-DD"),
        ({"dates": []}, "give at least one date"),
        ({"groups": []}, "add at least one breakout group"),
        ({"id": "Beijing 2007"}, "must be lowercase"),
        (
            {"groups": [dict(SMALL_WORKSHOP["groups"][0], session="plenary-9")]},
            "no session `plenary-9` in this workshop",
        ),
        (
            {"groups": [SMALL_WORKSHOP["groups"][0], SMALL_WORKSHOP["groups"][0]]},
            "the group id `pol-mil` is used twice",
        ),
        (
            {"sessions": [{"id": "s", "title": "S", "starts": "14:00", "ends": "25:00"}]},
            "`25:00` is not a time",
        ),
    ],
)
def test_malformed_workshops_are_refused_with_a_clear_message(change: dict, message: str) -> None:
    _, findings = decode_workshop({**SMALL_WORKSHOP, **change})
    assert any(message in finding.message for finding in findings), findings


def test_a_workshop_file_that_is_not_yaml_is_refused(write_file, registry: Registry) -> None:
    with pytest.raises(QuestionnaireError, match="not valid YAML"):
        read_workshop_file(write_file("w.yaml", "id: [unclosed\n"), registry)


def test_demo_workshop_files_are_valid(registry: Registry) -> None:
    from survey.demo import WORKSHOP_FILES

    ids = [read_workshop_file(Path(path), registry).id for path in WORKSHOP_FILES]
    assert ids == ["beijing-2007", "hawaii-2006", "shanghai-2005", "washington-2002"]
