"""The YAML writer: files laid out like the shipped ones, read back exactly by our loader."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.files.formats import parse_document
from survey.files.questionnaire_files import read_questionnaire_file
from survey.files.yaml_writer import dump_yaml
from tests.conftest import SHIPPED


def read_back(text: str) -> Any:
    document = parse_document(text.encode("utf-8"), ".yaml")
    assert document.findings == []
    return document.data


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_reads_back_as_written(text: str) -> None:
    data = {"id": "q", "title": text, "labels": {1: text}, "choices": [{"id": "a", "label": text}]}
    read = read_back(dump_yaml(data))
    assert read["title"] == text
    assert read["labels"] == {"1": text}
    assert read["choices"] == [{"id": "a", "label": text}]


@settings(max_examples=200, deadline=None)
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=40),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=20,
    )
)
def test_any_nesting_reads_back_as_written(value: Any) -> None:
    assert read_back(dump_yaml({"value": value})) == {"value": value}


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "yes",
        "Yes",
        "on",
        "true",
        "null",
        "~",
        "08:00",
        "18:00",
        "1",
        "1.5",
        "2007-04-27",
        "2022-04-11 16:26:28.971000",
        "1e3",
        "0x1F",
        "- item",
        "a: b",
        "#x",
        '"q"',
        "",
    ],
)
def test_texts_other_readers_would_take_for_something_else_are_quoted(text: str) -> None:
    line = dump_yaml({"id": text}).splitlines()[0]
    assert line.startswith(('id: "', "id: '")), line


def test_layout_follows_the_shipped_files() -> None:
    text = dump_yaml(
        {
            "id": "q",
            "version": 1,
            "title": {"en": "Title", "ko": "제목"},
            "languages": ["en", "ko"],
            "sections": [
                {
                    "id": "s",
                    "title": "Section",
                    "questions": [
                        {
                            "id": "a",
                            "type": "note",
                            "text": "A long note " * 12,
                        },
                        {
                            "id": "b",
                            "type": "single_choice",
                            "prompt": "B?",
                            "choices": [{"id": "no", "label": "No"}, {"id": "x", "label": "X"}],
                        },
                        {"id": "c", "type": "long_text", "prompt": "Line one\nLine two"},
                    ],
                }
            ],
        },
        header="Written by a test.",
    )
    assert text == (
        "# Written by a test.\n"
        "id: q\n"
        "version: 1\n"
        "title: {en: Title, ko: 제목}\n"
        "languages: [en, ko]\n"
        "\n"
        "sections:\n"
        "  - id: s\n"
        "    title: Section\n"
        "    questions:\n"
        "      - id: a\n"
        "        type: note\n"
        '        text: "A long note A long note A long note A long note A long note A long note '
        'A long note A long note A long note A long note A long note A long note "\n'
        "      - id: b\n"
        "        type: single_choice\n"
        "        prompt: B?\n"
        '        choices: [{id: "no", label: "No"}, {id: x, label: X}]\n'
        "      - id: c\n"
        "        type: long_text\n"
        "        prompt: |-\n"
        "          Line one\n"
        "          Line two\n"
    )


def test_long_texts_are_folded_at_spaces() -> None:
    text = "Threat reduction, security assurances and normalization. " * 4
    written = dump_yaml({"description": text.strip()})
    assert written.startswith("description: >-\n  Threat reduction,")
    assert all(len(line) <= 90 for line in written.splitlines())
    assert read_back(written) == {"description": text.strip()}


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*/v*.yaml")), ids=lambda p: p.parent.name)
def test_every_shipped_questionnaire_reads_back_the_same(path: Any) -> None:
    data = read_questionnaire_file(path)
    document = parse_document(path.read_bytes(), ".yaml")
    assert data.ok
    assert read_back(dump_yaml(document.data)) == document.data
