"""The shape of the package: layers that only import downwards, and no import cycle.

    core, kinds   the pure layer: the standard library and msgspec only
    files         reading questionnaire and workshop files (adds PyYAML), and XLSForms
                  (openpyxl, Babel's language names, pyxform)
    store         SQLite and PostgreSQL (SQLAlchemy, Alembic, psycopg)
    demo          the demo series, written through the store
    reports       the report pipeline and its writers (openpyxl, WeasyPrint, Jinja)
    web           the Litestar application
    cli           the `survey` command, over everything

`config`, `resources`, `catalogs` and the package itself sit beside the layers: anyone
above the core may use them. README's Layout section describes the same layers.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "survey"
ORDER = ["core", "kinds", "files", "store", "demo", "reports", "web", "cli"]
#: What each layer may import besides the standard library and the layers below it.
LIBRARIES = {
    "core": {"msgspec"},
    "kinds": {"msgspec"},
    "files": {"msgspec", "yaml", "openpyxl", "babel", "pyxform"},
    "store": {"msgspec", "sqlalchemy", "alembic"},
    "demo": {"msgspec"},
    "reports": {
        "msgspec",
        "openpyxl",
        "weasyprint",
        "jinja2",
        "markupsafe",
        "markdown_it",
        "fontTools",
        "pandas",
        "pyreadstat",
        "babel",
    },
    "web": {"msgspec", "litestar", "jinja2", "babel", "anyio", "markupsafe"},
    "cli": {"msgspec", "click", "uvicorn", "sqlalchemy"},
}
#: The core and the kinds are one layer in two packages: the core's questionnaire holds
#: the kinds' union of types, and the kinds build on the core's base Structs.
PEERS = {"core": {"kinds"}, "kinds": {"core"}}
BESIDE = {"config", "resources", "catalogs"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def top_level_imports(path: Path) -> set[str]:
    """Modules imported when `path` is imported (imports inside functions run later)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If):  # TYPE_CHECKING blocks never run
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def refused(layer: str, name: str) -> bool:
    root, _, rest = name.partition(".")
    if root != "survey":
        return root not in sys.stdlib_module_names | {"__future__"} | LIBRARIES[layer]
    target = rest.split(".")[0]
    if not target or target in BESIDE or target == layer or target in PEERS.get(layer, set()):
        return False
    if layer in ("core", "kinds"):
        return True
    return target not in ORDER or ORDER.index(target) > ORDER.index(layer)


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if layer_of(p) in ORDER],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_every_module_imports_only_downwards(path: Path) -> None:
    layer = layer_of(path)
    assert {name for name in all_imports(path) if refused(layer, name)} == set()


def test_the_core_is_pure_even_beside_the_layers() -> None:
    for name in ("config", "resources"):
        imported = all_imports(PACKAGE / f"{name}.py")
        assert {n for n in imported if refused("core", n) and not n.startswith("survey")} == set()


def test_no_module_imports_itself_back_through_others() -> None:
    """No cycle among top-level imports, module by module."""
    names = {
        ".".join(("survey", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): p
        for p in modules()
    }
    graph = {
        name: {
            target
            for imported in top_level_imports(path)
            for target in (imported, imported.rsplit(".", 1)[0])
            if target in names and target != name
        }
        for name, path in names.items()
    }
    # A package's __init__ importing its own submodules is how registries are built.
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in graph[node]:
            if state.get(target) == 1:
                raise AssertionError(" -> ".join([*trail, node, target]))
            if target not in state:
                visit(target, [*trail, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_modules_stay_small_enough_to_read() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path


def test_every_question_type_has_a_template_partial() -> None:
    from survey.kinds import KINDS
    from tests.conftest import ROOT

    for kind in KINDS:
        assert (ROOT / "templates" / "questions" / f"{kind.name}.html").is_file(), kind.name


@pytest.mark.parametrize("module", sorted(p.stem for p in (PACKAGE / "web").glob("*.py")))
def test_the_web_layer_holds_no_sql(module: str) -> None:
    source = (PACKAGE / "web" / f"{module}.py").read_text(encoding="utf-8")
    assert "sqlalchemy" not in source and "openpyxl" not in source and "weasyprint" not in source
