"""Reports people can read: the PDFs of the demo series read back with pypdf.

Labels and legends complete (no clipped glyph run: every label's text is there whole),
each type's figures present, the comparison's cover and "not asked" notes, the report's
own words in Korean and Russian, and the PDF/UA structure (language, title, tagged
figures with their text alternative)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from survey.demo import load_demo
from survey.files.questionnaire_files import Registry
from survey.reports.pipeline import build_report
from survey.reports.request import ReportRequest
from survey.store.database import Database, open_database

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    load_demo(database, registry)
    yield database
    database.close()


def pdf(database: Database, path: Path, **fields: Any) -> PdfReader:
    build_report(database, ReportRequest(format="pdf", **fields), path)
    return PdfReader(path)


def squeezed(reader: PdfReader) -> str:
    """The document's text without any whitespace: a label wrapped over lines, or CJK
    broken between characters, reads whole again."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def russian(demo: Database, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    path = tmp_path_factory.mktemp("ru") / "wrap-up-ru.pdf"
    return pdf(demo, path, workshop_id="beijing-2007", group_id="wrap-up", language="ru")


@pytest.fixture(scope="module")
def korean(demo: Database, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    path = tmp_path_factory.mktemp("ko") / "wrap-up-ko.pdf"
    return pdf(demo, path, workshop_id="beijing-2007", group_id="wrap-up", language="ko")


@pytest.fixture(scope="module")
def comparison(demo: Database, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    path = tmp_path_factory.mktemp("compare") / "compare.pdf"
    return pdf(
        demo,
        path,
        questionnaire_id="capacity-pol-mil",
        workshops=["shanghai-2005", "hawaii-2006", "beijing-2007"],
    )


RUSSIAN_LABELS = [
    "Консультации перед крупными военными шагами",
    "Международные организации (МАГАТЭ, учреждения ООН)",
    "Консультации по мере необходимости",  # a matrix legend entry
    "Без роли",
    "Полноправный участник",
    "Открыто для всех государств Северо-Восточной Азии и США",
]


def test_russian_labels_and_legends_are_whole(russian: PdfReader) -> None:
    text = squeezed(russian)
    for label in RUSSIAN_LABELS:
        assert re.sub(r"\s+", "", label) in text, label


def test_korean_labels_and_legends_are_whole(korean: PdfReader) -> None:
    text = squeezed(korean)
    for label in (
        "주요 군사 조치 전 협의",
        "국제기구(IAEA, 유엔 기구)",
        "필요 시 협의",
        "역할 없음",
    ):
        assert re.sub(r"\s+", "", label) in text, label


def test_report_words_are_in_the_report_language(russian: PdfReader, korean: PdfReader) -> None:
    ru = "\n".join(page.extract_text() for page in russian.pages)
    for words in ("Содержание", "ответили", "Методика", "Страница"):
        assert words in ru, words
    assert "answered ·" not in ru and "Contents" not in ru
    ko = "\n".join(page.extract_text() for page in korean.pages)
    for words in ("목차", "응답", "방법", "부록: 자유 응답", "기타"):
        assert words in ko, words
    assert "answered ·" not in ko and "Appendix" not in ko


def test_each_type_has_its_figures(korean: PdfReader, comparison: PdfReader) -> None:
    ko = squeezed(korean)
    assert "평균" in ko  # matrix rows' mean column
    assert "가장이른날짜" in ko and "가장늦은날짜" in ko  # dates: earliest, latest
    assert "백만달러" in ko  # the budget's unit beside its figures
    text = "\n".join(page.extract_text() for page in comparison.pages)
    beijing = text[text.index("Beijing 2007\n") :]
    year = beijing[beijing.index("In which year do you expect") :][:600]
    assert re.search(r"Median \d{4}\n", year) and not re.search(r"Mean \d{4}\.\d", year)


def test_the_comparison_names_every_workshop_and_says_not_asked_once(
    comparison: PdfReader,
) -> None:
    cover = comparison.pages[0].extract_text()
    for title in ("Shanghai 2005", "Honolulu 2006", "Beijing 2007"):
        assert title in cover
    for venue in ("Shanghai, China", "Honolulu, Hawaii"):
        assert venue in cover
    assert "all groups" not in cover
    text = "\n".join(page.extract_text() for page in comparison.pages)
    assert "Not asked in Shanghai 2005" in text
    assert "Option “U.S.-DPRK non-aggression declaration” added in 2006" in text
    assert "Wording changed in 2007" in text
    assert "Don't know: not offered in Shanghai 2005" in text
    start = text.index("Shanghai 2005\n23 submitted")
    shanghai = text[start : text.index("Honolulu 2006\n", start)]
    assert not re.search(r"(?<!\d)0 answered", shanghai)  # no empty section for what v1 lacked
    assert "(mean) -" not in text and "capacity-pol-mil v1 →" not in text


def structure(reader: PdfReader) -> list[Any]:
    root = reader.trailer["/Root"]

    def walk(element: Any) -> Iterator[Any]:
        element = element.get_object()
        yield element
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and "/S" in kid:
                yield from walk(kid)

    kids = root["/StructTreeRoot"]["/K"]
    return [e for k in (kids if isinstance(kids, list) else [kids]) for e in walk(k)]


def test_the_pdf_is_tagged_for_accessibility(russian: PdfReader) -> None:
    root = russian.trailer["/Root"]
    assert root["/Lang"] == "ru" and root["/MarkInfo"]["/Marked"]
    assert russian.metadata.title
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode()
    elements = structure(russian)
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) >= 8
    assert all("/Alt" in figure and len(str(figure["/Alt"])) > 20 for figure in figures)
    assert any("Гистограмма" in str(f["/Alt"]) or "диаграмма" in str(f["/Alt"]) for f in figures)
    assert {"/H1", "/H2", "/H3", "/Table"} <= {e["/S"] for e in elements}
    assert russian.outline  # bookmarks kept
