"""The PDF synthesis, rendered for real and read back: text, bookmarks, page images,
and a renderer that fetches nothing."""

from __future__ import annotations

import socket
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from survey.reports.markdown import render_synthesis
from survey.reports.pdf import write_pdf
from survey.reports.pipeline import build_report
from survey.reports.request import ReportRequest
from survey.store.database import Database
from survey.store.staff import save_synthesis
from tests.test_reports_xlsx import WRAP_UP, submit

SYNTHESIS = """# Main findings

Most participants favoured a **standing secretariat**.

- 역량 강화가 필요하다
- 需要建立信任
- 信頼醸成が必要だ
- Нужны меры доверия

> Start small, but start.
"""


def build_pdf(
    database: Database, path: Path, *, page_size: str = "A4", group: str | None = None
) -> PdfReader:
    request = ReportRequest(
        format="pdf",
        workshop_id="test-2007",
        group_id=group,
        page_size=page_size,  # type: ignore[arg-type]
    )
    build_report(database, request, path)
    return PdfReader(path)


@pytest.fixture
def report(web_database: Database, tmp_path: Path) -> PdfReader:
    for language in ("en", "ko", "ko", "ko", "ru"):
        answers = {
            **WRAP_UP,
            "next-steps": {
                "ko": "다음 회의 전에 헌장 초안을 마련하자.",
                "ru": "Подготовить проект устава.",
            }.get(language, "Draft a charter."),
        }
        submit(web_database, "wrap-up", answers, language=language)
    save_synthesis(web_database, "test-2007", "wrap-up", SYNTHESIS, None)
    return build_pdf(web_database, tmp_path / "report.pdf")


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_cover_contents_groups_comparison_appendix_and_method(
    report: PdfReader,
) -> None:
    text = text_of(report)
    for heading in (
        "Synthesis report: all groups",
        "Contents",
        "Wrap-up",
        "Pol-Mil",
        "Rapporteur's synthesis",
        "Q1. What form should a multilateral mechanism take?",
        "Appendix: free-text answers",
        "Method",
    ):
        assert heading in text, heading
    assert "5 submitted responses" in text
    assert "Informal forum" in text and "100%" in text
    assert "Fewer than 3 responses: figures withheld" in text  # Pol-Mil has none
    assert report.metadata.title == "Test workshop"


def test_every_script_is_real_text(report: PdfReader) -> None:
    text = text_of(report)
    for sample in (
        "역량 강화가 필요하다",
        "需要建立信任",
        "信頼醸成が必要だ",
        "Нужны меры доверия",
        "헌장 초안을",
    ):
        assert sample in text, sample


def test_bookmarks_name_every_group_and_question(report: PdfReader) -> None:
    def titles(outline: list[Any]) -> list[str]:
        found: list[str] = []
        for item in outline:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    bookmarks = titles(report.outline)
    assert "Wrap-up" in bookmarks and "Pol-Mil" in bookmarks
    assert "Q1. What form should a multilateral mechanism take?" in bookmarks
    assert "Appendix: free-text answers" in bookmarks


def test_pages_render_to_images_that_are_not_blank(
    web_database: Database, tmp_path: Path, report: PdfReader
) -> None:
    path = tmp_path / "report.pdf"
    assert path.exists()
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "4", str(path), str(tmp_path / "page")],
        check=True,
    )
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == 4
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]
        assert sum(1 for value in pixels if value < 128) > 20, image.name  # a blank page has 0


def test_letter_paper_is_an_option(web_database: Database, tmp_path: Path) -> None:
    reader = build_pdf(web_database, tmp_path / "letter.pdf", page_size="Letter")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


class Listener:
    """A socket on 127.0.0.1 that records whether anything connects to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.socket.close()


def test_a_hostile_synthesis_and_answers_fetch_nothing(
    web_database: Database, tmp_path: Path
) -> None:
    listener = Listener()
    url = f"http://127.0.0.1:{listener.port}/x.png"
    hostile = (
        f'<img src="{url}"> ![chart]({url}) ![passwd](file:///etc/passwd) '
        f'<link rel="attachment" href="{url}"> <script>alert(1)</script> [link]({url})'
    )
    for _ in range(3):
        submit(web_database, "wrap-up", {**WRAP_UP, "next-steps": hostile})
    save_synthesis(web_database, "test-2007", "wrap-up", hostile, None)
    try:
        text = text_of(build_pdf(web_database, tmp_path / "hostile.pdf"))
        raw = f'<html><img src="{url}"><link rel="stylesheet" href="{url}"><p>raw</p></html>'
        write_pdf(raw, tmp_path / "raw.pdf")
    finally:
        listener.close()
    assert listener.connections == 0
    assert '<img src="http://127.0.0.1' in text and "file:///etc/" in text  # shown, not loaded


def test_the_synthesis_subset_shows_links_and_html_as_text() -> None:
    html = str(render_synthesis("# Title\n\n[IAEA](https://iaea.org) <b>bold</b> ![x](y.png)"))
    assert "<h4>Title</h4>" in html
    assert '<span class="link">IAEA</span> (https://iaea.org)' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<img" not in html and "<a " not in html


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr("survey.reports.isolated.CACHE", folder)
    return folder


def test_staff_get_the_pdf_from_a_child_process_then_from_the_cache(
    client: Any, web_database: Database, cache: Path
) -> None:
    from survey.store.participants import issue_tokens
    from survey.store.staff import add_user

    for _ in range(3):
        submit(web_database, "wrap-up", WRAP_UP)
    _, organizer = add_user(web_database, "Park", "organizer")
    headers = {"authorization": f"Bearer {organizer}"}
    first = client.get("/api/workshops/test-2007/report.pdf", headers=headers)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert len(list(cache.glob("*.pdf"))) == 1
    again = client.get("/api/workshops/test-2007/report.pdf", headers=headers)
    assert again.content == first.content and len(list(cache.glob("*.pdf"))) == 1
    submit(web_database, "wrap-up", WRAP_UP)  # new data, new report
    client.get("/api/workshops/test-2007/report.pdf", headers=headers)
    assert len(list(cache.glob("*.pdf"))) == 2
    [token] = issue_tokens(web_database, "test-2007", "wrap-up", 1)
    participant = client.get(
        "/api/workshops/test-2007/report.pdf", headers={"authorization": f"Bearer {token}"}
    )
    assert participant.status_code == 403


def test_a_report_over_its_limits_is_stopped_with_a_clear_message(
    web_database: Database, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from survey.reports.isolated import ReportFailed, cached_pdf

    url = f"sqlite:///{tmp_path / 'web.db'}"
    request = ReportRequest(format="pdf", workshop_id="test-2007")
    monkeypatch.setattr("survey.reports.isolated.TIME_LIMIT_SECONDS", 0.05)
    with pytest.raises(ReportFailed, match=r"took longer than 0\.05 s"):
        cached_pdf(web_database, url, request)
    monkeypatch.setattr("survey.reports.isolated.TIME_LIMIT_SECONDS", 120)
    monkeypatch.setattr("survey.reports.isolated.MEMORY_LIMIT_MB", 64)
    with pytest.raises(ReportFailed, match="needed more than 64 MB"):
        cached_pdf(web_database, url, request)
    assert list(cache.glob("*")) == []


def test_the_commands_write_the_pdf_and_set_a_synthesis(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import SHIPPED
    from tests.test_cli import survey

    shutil.copytree(SHIPPED, tmp_path / "questionnaires")
    assert survey("demo", cwd=tmp_path).returncode == 0
    (tmp_path / "synthesis.md").write_text("# Findings\n\nУкрепление доверия.\n", encoding="utf-8")
    saved = survey("synthesis", "beijing-2007", "wrap-up", "synthesis.md", cwd=tmp_path)
    assert saved.returncode == 0 and "synthesis of beijing-2007/wrap-up saved" in saved.stdout
    written = survey(
        "report", "beijing-2007", "--group", "wrap-up", "--pdf", "wrap-up.pdf", cwd=tmp_path
    )
    assert written.returncode == 0, written.stderr
    assert "Укрепление доверия" in text_of(PdfReader(tmp_path / "wrap-up.pdf"))
    compared = survey(
        "compare",
        "capacity-pol-mil",
        "--workshops",
        "hawaii-2006,beijing-2007",
        "--pdf",
        "pol-mil.pdf",
        cwd=tmp_path,
    )
    assert compared.returncode == 0 and "Comparison across workshops" in text_of(
        PdfReader(tmp_path / "pol-mil.pdf")
    )
    missing = survey("synthesis", "beijing-2007", "wrap-up", "nowhere.md", cwd=tmp_path)
    assert missing.returncode == 1 and "cannot read nowhere.md" in missing.stderr


def test_the_pdf_builder_gets_its_job_on_stdin_never_the_database_address_in_argv(
    web_database: Database, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import survey.reports.isolated as isolated
    from survey.reports.request import ReportRequest

    seen: dict[str, Any] = {}
    real_run = subprocess.run

    def spy(command: list[str], **options: Any) -> Any:
        seen["argv"], seen["input"] = command, options.get("input", b"")
        return real_run(command, **options)

    monkeypatch.setattr(isolated.subprocess, "run", spy)
    url = f"sqlite:///{tmp_path / 'web.db'}?secret=do-not-show"
    for _ in range(3):
        submit(web_database, "wrap-up", WRAP_UP)
    content = isolated.cached_pdf(
        web_database, url, ReportRequest(format="pdf", workshop_id="test-2007")
    )
    assert content.startswith(b"%PDF")
    assert not any("secret" in part or "web.db" in part for part in seen["argv"])
    assert b"do-not-show" in seen["input"]
