"""Templates and report designs are found from a checkout and from an installed package."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from survey.resources import installed_folder, templates_dir
from tests.conftest import ROOT


def test_from_a_checkout_the_top_level_folders_are_used() -> None:
    assert templates_dir() == ROOT / "templates"


def test_an_installed_namespace_package_resolves_to_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "site" / "shippedpkg" / "templates"
    folder.mkdir(parents=True)
    (folder / "base.html").write_text("<p>installed</p>")
    (tmp_path / "site" / "shippedpkg" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    found = installed_folder("shippedpkg.templates")
    assert (found / "base.html").read_text() == "<p>installed</p>"
    monkeypatch.delitem(sys.modules, "shippedpkg", raising=False)


def test_a_missing_package_is_reported() -> None:
    with pytest.raises(FileNotFoundError):
        installed_folder("survey_no_such_package")
