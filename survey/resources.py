"""Where the top-level folders `templates/` and `reports/` are at run time.

Installed, they are the packages `survey.templates` and `survey.report_designs` (see
pyproject.toml); from a checkout or an editable install, the folders themselves.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(package: str, checkout_folder: str) -> Path:
    local = _CHECKOUT / checkout_folder
    if local.is_dir():
        return local
    return Path(str(importlib.resources.files(package)))


def templates_dir() -> Path:
    return _folder("survey.templates", "templates")


def report_designs_dir() -> Path:
    return _folder("survey.report_designs", "reports")
