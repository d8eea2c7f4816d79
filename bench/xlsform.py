"""XLSForm import and export time, next to pyxform and openpyxl doing their part alone.

Import: `import_xlsform` (pyxform's reader and `workbook_to_json`, Kobo rewriting, the
kinds, conditions, checks) plus writing the YAML file, against pyxform's
`get_xlsform` + `workbook_to_json` of the same file. Export: `export_xlsform` of every
shipped questionnaire version, against openpyxl saving workbooks of the same cells.

    python bench/xlsform.py [--rounds 20]

Target: within 2x the baselines (pyxform and openpyxl do most of the work).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import machine
from openpyxl import Workbook, load_workbook
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from survey.catalogs import Catalogs
from survey.files.questionnaire_files import read_questionnaire_file
from survey.files.xlsform_import import import_xlsform
from survey.files.xlsform_writer import export_xlsform
from survey.files.yaml_writer import dump_yaml

ROOT = Path(__file__).resolve().parent.parent
FORMS = [
    ROOT / "tests/fixtures/xlsform/UCL_Biomass_Plot_Form.xlsx",
    ROOT / "tests/fixtures/xlsform/xlsform_spec_test.xlsx",
]
LANGUAGES = {"english": "en", "chinese": "zh", "default": "en"}


def timed(work: Callable[[], object], rounds: int) -> float:
    """Median seconds of `rounds` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def ours_import(path: Path) -> None:
    result = import_xlsform(path, language_map=LANGUAGES)
    dump_yaml(result.data)


def pyxform_alone(path: Path) -> None:
    workbook = get_xlsform(xlsform=path)
    workbook_to_json(workbook_dict=workbook, fallback_form_name=path.stem, warnings=[])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    print(f"machine: {machine()}; median of {rounds} rounds")
    for path in FORMS:
        ours = timed(lambda path=path: ours_import(path), rounds)
        base = timed(lambda path=path: pyxform_alone(path), rounds)
        print(
            f"import {path.name}: {ours * 1000:.0f} ms vs pyxform {base * 1000:.0f} ms "
            f"({ours / base:.2f}x)"
        )
    versions = [
        loaded.schema
        for p in sorted((ROOT / "questionnaires").glob("*/v*.yaml"))
        if (loaded := read_questionnaire_file(p).loaded) is not None
    ]
    catalogs = Catalogs()
    with tempfile.TemporaryDirectory() as folder:
        targets = [Path(folder) / f"{q.id}-{q.version}.xlsx" for q in versions]

        def export_all() -> None:
            for questionnaire, target in zip(versions, targets, strict=True):
                export_xlsform(questionnaire, target, catalogs)

        export_all()
        sheets = [
            [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in load_workbook(t)]
            for t in targets
        ]

        def openpyxl_alone() -> None:
            for book_rows, target in zip(sheets, targets, strict=True):
                book = Workbook()
                for index, rows in enumerate(book_rows):
                    sheet = book.active if index == 0 else book.create_sheet()
                    for row in rows:
                        sheet.append(row)
                book.save(target.with_suffix(".raw.xlsx"))

        ours = timed(export_all, rounds)
        base = timed(openpyxl_alone, rounds)
    print(
        f"export {len(versions)} shipped versions: {ours * 1000:.0f} ms vs openpyxl "
        f"{base * 1000:.0f} ms ({ours / base:.2f}x)"
    )


if __name__ == "__main__":
    main()
