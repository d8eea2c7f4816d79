"""KoboToolbox's blocks, rewritten into rows XLSForm readers know, before pyxform reads them.

Kobo's form builder writes a Likert grid as a *score* block, a top-N ranking as a *rank*
block and a table of questions as a *kobomatrix* block (`begin_score` … `score__row` …
`end_score`, with `kobo--` columns naming the lists). pyxform rejects them, so they
become what they mean: a score block a `table-list` group of selects (read back as a
matrix), a rank block one `rank` row marked with how many items it ranks, a kobomatrix of
one select column a `table-list` group with a row per item. `select_one_or_other L`
becomes `select_one L or_other`.

Rows are the sheet's rows as dicts keyed by the header as written; every row keeps its
sheet row number under `ROW`, so messages can point at the spreadsheet.
"""

from __future__ import annotations

import re
from typing import Any

#: Our column holding each row's number in the sheet, carried through pyxform.
ROW = "survey--row"
#: Our column holding how many items a ranking ranks.
RANK_AT_MOST = "survey--rank_at_most"
_BLOCKS = {
    "begin_score": ("end_score", "score__row"),
    "begin_rank": ("end_rank", "rank__level"),
    "begin_kobomatrix": ("end_kobomatrix", None),
}
_OR_OTHER = re.compile(r"^(select_one|select_multiple)_or_other\s+(\S+)$")

Row = dict[str, Any]
Said = list[tuple[int, str]]


def key_of(row: Row, column: str) -> str | None:
    """The header under which `row` holds `column` (headers are case-insensitive)."""
    wanted = column.replace(" ", "_")
    return next((k for k in row if k.strip().lower().replace(" ", "_") == wanted), None)


def cell(row: Row, column: str) -> str:
    key = key_of(row, column)
    return str(row[key]).strip() if key is not None else ""


def row_type(row: Row) -> str:
    return re.sub(r"\s+", "_", cell(row, "type").lower()) if cell(row, "type") else ""


def _texts(row: Row, *columns: str) -> Row:
    """The cells of `columns`, translated ones too (`label::English (en)`)."""
    return {
        key: value
        for key, value in row.items()
        if re.split(r"::?", key.strip().lower(), maxsplit=1)[0] in columns
    }


def rewrite_kobo(
    rows: list[Row], header: list[str], choices: list[Row]
) -> tuple[list[Row], Said, Said]:
    """The rows with Kobo's blocks rewritten, numbered; notes and refusals by row.
    `header` is the survey sheet's header, whose spelling new cells follow."""
    return _Rewriter(header, choices).rewrite(rows)


class _Rewriter:
    def __init__(self, header: list[str], choices: list[Row]) -> None:
        self.header = {h.strip().lower().replace(" ", "_"): h for h in header}
        self.choices = choices

    def column(self, name: str) -> str:
        """The header as the sheet spells `name` (`TYPE`, `Appearance`), or `name`."""
        return self.header.get(name, name)

    def rewrite(self, rows: list[Row]) -> tuple[list[Row], Said, Said]:
        out: list[Row] = []
        notes: Said = []
        refusals: Said = []
        numbered = [({**row, ROW: str(n)} if row else {}) for n, row in enumerate(rows, start=2)]
        index = 0
        while index < len(numbered):
            row = numbered[index]
            kind = row_type(row)
            other = _OR_OTHER.match(cell(row, "type"))
            if other:
                row = {**row, self.column("type"): f"{other[1]} {other[2]} or_other"}
            if kind not in _BLOCKS:
                out.append(row)
                index += 1
                continue
            end, part = _BLOCKS[kind]
            inner: list[Row] = []
            index += 1
            while index < len(numbered) and row_type(numbered[index]) != end:
                if numbered[index]:
                    inner.append(numbered[index])
                index += 1
            index += 1
            number = int(row[ROW])
            if index > len(numbered):
                refusals.append((number, f"`{kind}` `{cell(row, 'name')}` has no `{end}`"))
                continue
            strays = [r for r in inner if part is not None and row_type(r) != part]
            if strays:
                refusals.append((int(strays[0][ROW]), f"only `{part}` rows belong in a `{kind}`"))
                continue
            rewrite = {"begin_score": self.score, "begin_rank": self.rank}.get(kind, self.matrix)
            rewritten, said = rewrite(row, inner)
            if rewritten:
                out += rewritten
                notes += said
            else:
                refusals += said
        return out, notes, refusals

    def cells(self, row: Row, *columns: str) -> Row:
        """`row`'s cells of `columns`, under the sheet's own headers."""
        found = {self.column(c): cell(row, c) for c in columns}
        return {key: value for key, value in found.items() if value}

    def group(self, begin: Row, rows: list[Row]) -> list[Row]:
        head = {
            **_texts(begin, "label", "hint"),
            **self.cells(begin, "name", "relevant"),
            self.column("type"): "begin_group",
            self.column("appearance"): "table-list",
            ROW: begin[ROW],
        }
        return [head, *rows, {self.column("type"): "end_group", ROW: begin[ROW]}]

    def select(self, texts: Row, name: str, list_name: str, required: Row, row: str) -> Row:
        return {
            **texts,
            self.column("name"): name,
            self.column("type"): f"select_one {list_name}",
            **required,
            ROW: row,
        }

    def score(self, begin: Row, inner: list[Row]) -> tuple[list[Row], Said]:
        name, where = cell(begin, "name"), int(begin[ROW])
        listed = cell(begin, "kobo--score-choices")
        if not listed:
            return [], [(where, f"score block `{name}` names no list (kobo--score-choices)")]
        required = self.cells(begin, "required")
        rows = [
            self.select(_texts(row, "label", "hint"), cell(row, "name"), listed, required, row[ROW])
            for row in inner
        ]
        return self.group(begin, rows), [(where, f"Kobo score block `{name}` becomes a table")]

    def rank(self, begin: Row, inner: list[Row]) -> tuple[list[Row], Said]:
        name, where = cell(begin, "name"), int(begin[ROW])
        listed = cell(begin, "kobo--rank-items")
        if not listed or not inner:
            return [], [(where, f"rank block `{name}` needs kobo--rank-items and rank__level rows")]
        row = {
            **_texts(begin, "label", "hint"),
            **self.cells(begin, "name", "relevant", "required"),
            self.column("type"): f"rank {listed}",
            RANK_AT_MOST: str(len(inner)),
            ROW: begin[ROW],
        }
        note = (
            f"Kobo rank block `{name}` ranks the top {len(inner)}; its levels' labels are left out"
        )
        return [row], [(where, note)]

    def matrix(self, begin: Row, inner: list[Row]) -> tuple[list[Row], Said]:
        name, where = cell(begin, "name"), int(begin[ROW])
        listed = cell(begin, "kobo--matrix_list")
        items = [c for c in self.choices if listed and cell(c, "list_name") == listed]
        select = (
            re.match(r"^select_one\s+(\S+)$", cell(inner[0], "type")) if len(inner) == 1 else None
        )
        if select is None or not items:
            what = "a table of one select_one column over the items of kobo--matrix_list"
            return [], [(where, f"Kobo matrix `{name}` cannot be expressed: only {what} can")]
        required = self.cells(inner[0], "required")
        rows = [
            self.select(_texts(item, "label"), cell(item, "name"), select[1], required, begin[ROW])
            for item in items
        ]
        return self.group(begin, rows), [(where, f"Kobo matrix `{name}` becomes a table")]
