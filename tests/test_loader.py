"""Reading questionnaire files: one schema for three formats, safe YAML, content hashes."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.core.errors import QuestionnaireError
from survey.files.formats import MAX_FILE_BYTES, parse_document
from survey.files.questionnaire_files import (
    Registry,
    check_files,
    content_hash,
    read_questionnaire_file,
)
from survey.kinds.choice import SingleChoiceQuestion
from survey.kinds.matrix import MatrixQuestion
from survey.kinds.scale import ScaleQuestion
from tests.conftest import ROOT, SHIPPED

DESIGN_EXAMPLE = ROOT / "tests" / "fixtures" / "design-example" / "capacity-wrap-up" / "v2.yaml"

YAML_TEXT = """\
id: q
version: 1
title: {en: Test, ko: 시험}
languages: [en, ko]
sections:
  - id: main
    title: Main
    questions:
      - id: pick
        type: single_choice
        prompt: Pick one
        required: true
        choices: [{id: no, label: "No"}, {id: yes, label: "Yes"}]
        other: true
      - id: level
        type: scale
        min: 1
        max: 5
        labels: {1: Low, 5: {en: High, ko: 높음}}
      - id: when
        type: date
        prompt: When?
"""
DATA = yaml.safe_load(YAML_TEXT.replace("no,", "'no',").replace("yes,", "'yes',"))
TOML_TEXT = """\
id = "q"
version = 1
title = { en = "Test", ko = "시험" }
languages = ["en", "ko"]

[[sections]]
id = "main"
title = "Main"

[[sections.questions]]
id = "pick"
type = "single_choice"
prompt = "Pick one"
required = true
choices = [{ id = "no", label = "No" }, { id = "yes", label = "Yes" }]
other = true

[[sections.questions]]
id = "level"
type = "scale"
min = 1
max = 5
labels = { 1 = "Low", 5 = { en = "High", ko = "높음" } }

[[sections.questions]]
id = "when"
type = "date"
prompt = "When?"
"""


def test_yaml_toml_and_json_decode_into_the_same_questionnaire(write_file) -> None:
    loaded = [
        read_questionnaire_file(write_file("yaml/q/v1.yaml", YAML_TEXT)).loaded,
        read_questionnaire_file(write_file("toml/q/v1.toml", TOML_TEXT)).loaded,
        read_questionnaire_file(write_file("json/q/v1.json", json.dumps(DATA))).loaded,
    ]
    assert all(item is not None for item in loaded)
    schemas = [item.schema for item in loaded if item is not None]
    assert schemas[0] == schemas[1] == schemas[2]
    assert len({item.content_hash for item in loaded if item is not None}) == 1
    pick, level, _ = schemas[0].sections[0].questions
    assert isinstance(pick, SingleChoiceQuestion)
    assert [c.id for c in pick.choices] == ["no", "yes"]
    assert isinstance(level, ScaleQuestion)
    assert level.labels == {1: "Low", 5: {"en": "High", "ko": "높음"}}


def test_yaml_keeps_no_and_dates_as_the_strings_written() -> None:
    document = parse_document(b"a: no\nb: on\nc: 2007-04-27\nd: true\n", ".yaml")
    assert document.data == {"a": "no", "b": "on", "c": "2007-04-27", "d": True}


def test_content_hash_ignores_comments_and_formatting_but_not_content(write_file) -> None:
    first = read_questionnaire_file(write_file("a/q/v1.yaml", YAML_TEXT)).loaded
    commented = "# reviewed\n" + YAML_TEXT.replace("title: Main", "title:   Main   # first")
    second = read_questionnaire_file(write_file("b/q/v1.yaml", commented)).loaded
    changed = read_questionnaire_file(
        write_file("c/q/v1.yaml", YAML_TEXT.replace("Pick one", "Pick exactly one"))
    ).loaded
    assert first and second and changed
    assert first.content_hash == second.content_hash != changed.content_hash
    assert first.content_hash.startswith("sha256:")


def test_published_hashes_stay_as_they_were_before_imported_from_existed() -> None:
    """Hashes recorded by databases before the optional `imported_from` key was added."""
    recorded = {
        "capacity-economic/v1.yaml": "805baf1a83c6acb4d766ae6f4409b87d"
        "2db87c5fca0de63f6d6325045ace3a88",
        "capacity-wrap-up/v2.yaml": "72c113613f35e3ef3a640c8bf8c8c0f1"
        "6eb30c65fdf564131e80504eeb5db4ad",
    }
    for name, digest in recorded.items():
        loaded = read_questionnaire_file(SHIPPED / name).loaded
        assert loaded is not None and loaded.content_hash == f"sha256:{digest}"


def test_imported_from_is_read_and_counts_in_the_hash(write_file) -> None:
    plain = read_questionnaire_file(write_file("a/q/v1.yaml", YAML_TEXT)).loaded
    marked = YAML_TEXT.replace(
        "languages:", 'imported_from: {format: xlsform, form_id: T, version: "3"}\nlanguages:', 1
    )
    imported = read_questionnaire_file(write_file("b/q/v1.yaml", marked)).loaded
    assert plain is not None and imported is not None
    assert imported.schema.imported_from is not None
    assert imported.schema.imported_from.version == "3"
    assert imported.content_hash != plain.content_hash


def test_design_document_example_is_read_and_its_one_mistake_found() -> None:
    result = read_questionnaire_file(DESIGN_EXAMPLE)
    errors = [f for f in result.findings if f.severity == "error"]
    assert [(f.path, f.code) for f in errors] == [
        ("sections[0].questions[2].max_selected", "range")
    ]
    assert result.loaded is not None
    matrices = [q for q in result.loaded.schema.questions() if isinstance(q, MatrixQuestion)]
    assert [m.columns is None for m in matrices] == [True, False]


def test_oversized_file_is_refused_without_being_read(write_file) -> None:
    path = write_file("q/v1.yaml", b"#" * (MAX_FILE_BYTES + 1))
    result = read_questionnaire_file(path)
    assert [f.code for f in result.findings] == ["file-too-large"]


def test_yaml_bom_is_accepted(write_file) -> None:
    path = write_file("q/v1.yaml", "\ufeff" + YAML_TEXT)
    assert read_questionnaire_file(path).ok


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "q" / "v1.yaml").mkdir(parents=True)
    result = read_questionnaire_file(tmp_path / "q" / "v1.yaml")
    assert [f.code for f in result.findings] == ["unreadable"]


def test_registry_loads_every_shipped_version() -> None:
    registry = Registry.from_directory(SHIPPED)
    assert registry.versions("capacity-pol-mil") == [1, 2, 3]
    assert registry.get("capacity-wrap-up", 2).schema.languages == ["en", "ko", "zh", "ja", "ru"]
    with pytest.raises(LookupError, match="known versions: v1, v2, v3"):
        registry.get("capacity-pol-mil", 9)


def test_registry_refuses_a_folder_with_an_invalid_file(write_file, tmp_path: Path) -> None:
    write_file("q/v1.yaml", YAML_TEXT)
    write_file(
        "q/v2.yaml", YAML_TEXT.replace("version: 1", "version: 2").replace("min: 1", "min: 9")
    )
    with pytest.raises(QuestionnaireError) as refused:
        Registry.from_directory(tmp_path)
    assert "v2.yaml" in str(refused.value) and "max (5) must be greater than min (9)" in str(
        refused.value
    )


def test_registry_refuses_two_files_for_one_version(write_file, tmp_path: Path) -> None:
    write_file("q/v1.yaml", YAML_TEXT)
    write_file("q/v1.json", json.dumps(DATA))
    with pytest.raises(QuestionnaireError, match="keep one file per version"):
        Registry.from_directory(tmp_path)


def test_check_reports_cross_version_problems_only_on_the_file_named(
    write_file, tmp_path: Path
) -> None:
    write_file("q/v1.yaml", YAML_TEXT)
    v2 = write_file(
        "q/v2.yaml",
        YAML_TEXT.replace("version: 1", "version: 2").replace(
            "id: level", "id: level2\n        renamed_from: lvl"
        ),
    )
    [result] = check_files([v2])
    assert [f.code for f in result.findings if f.severity == "error"] == ["rename"]


documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "version", "title", "sections", "questions", "type", "choices", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None
)
@given(data=documents, suffix=st.sampled_from([".yaml", ".json"]))
def test_reading_any_document_never_raises(data: object, suffix: str, write_file) -> None:
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data)
    result = read_questionnaire_file(write_file(f"q/v1{suffix}", text))
    assert result.ok or result.findings


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None
)
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".yaml", ".toml", ".json"]))
def test_reading_any_bytes_never_raises(raw: bytes, suffix: str, write_file) -> None:
    result = read_questionnaire_file(write_file(f"q/v1{suffix}", raw))
    assert result.findings


def test_loaded_schema_round_trips_through_json() -> None:
    loaded = Registry.from_directory(SHIPPED).get("capacity-wrap-up", 2)
    again = msgspec.json.decode(msgspec.json.encode(loaded.schema), type=type(loaded.schema))
    assert content_hash(again) == loaded.content_hash
