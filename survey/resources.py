"""Where the top-level folders `templates/` and `reports/` are at run time.

Installed, they are the packages `survey.templates` and `survey.report_designs` (see
pyproject.toml); from a checkout or an editable install, the folders themselves.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def installed_folder(package: str) -> Path:
    """The folder of an installed package, also when it is a namespace package (no
    `__init__.py`), whose `importlib.resources.files()` is not a plain path."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise FileNotFoundError(f"the package {package} is not installed")
    return Path(locations[0])


def _folder(package: str, checkout_folder: str) -> Path:
    local = _CHECKOUT / checkout_folder
    if local.is_dir():
        return local
    return installed_folder(package)


def templates_dir() -> Path:
    return _folder("survey.templates", "templates")


def report_designs_dir() -> Path:
    return _folder("survey.report_designs", "reports")
