"""The shape of the package: the core stays free of adapters.

The core (schema, checks, answers, conditions, lineage, diff, errors) imports only the standard
library and msgspec. `formats` and `loader` read files and may also use PyYAML.
Adapters (cli, and later store, web, reports) depend on the core, never the reverse.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "survey"
CORE = [
    "schema",
    "checks",
    "answers",
    "conditions",
    "lineage",
    "diff",
    "errors",
    "config",
    "display",
    "statistics",
    "aggregate",
]
FILE_READING = ["formats", "loader", "workshops"]
ADAPTERS = {"cli", "store", "web", "reports", "demo"}


def imported_roots(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def allowed(name: str, extra: set[str]) -> bool:
    root = name.split(".")[0]
    if root == "survey":
        return name.split(".")[1] not in ADAPTERS if "." in name else True
    return root in sys.stdlib_module_names or root in {"msgspec", "__future__"} | extra


@pytest.mark.parametrize("module", CORE)
def test_core_imports_only_stdlib_msgspec_and_core(module: str) -> None:
    assert {name for name in imported_roots(module) if not allowed(name, set())} == set()


@pytest.mark.parametrize("module", FILE_READING)
def test_file_reading_adds_only_pyyaml(module: str) -> None:
    assert {name for name in imported_roots(module) if not allowed(name, {"yaml"})} == set()


def test_modules_stay_small_enough_to_read() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path


def test_every_question_type_has_a_template_partial() -> None:
    from survey.schema import QUESTION_TYPES
    from tests.conftest import ROOT

    for cls in QUESTION_TYPES:
        kind = str(cls.__struct_config__.tag)
        assert (ROOT / "templates" / "questions" / f"{kind}.html").is_file(), kind


@pytest.mark.parametrize("module", sorted(p.stem for p in (PACKAGE / "web").glob("*.py")))
def test_the_web_layer_holds_no_sql(module: str) -> None:
    source = (PACKAGE / "web" / f"{module}.py").read_text(encoding="utf-8")
    assert "sqlalchemy" not in source and "openpyxl" not in source and "weasyprint" not in source
