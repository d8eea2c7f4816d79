"""Data commands as a user runs them: real processes, a real SQLite file."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SHIPPED
from tests.test_cli import survey


def test_demo_then_workshop_list_in_a_fresh_folder(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "questionnaires")
    loaded = survey("demo", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "sample responses added" in loaded.stdout
    assert (tmp_path / "survey.db").exists()
    listed = survey("workshop", "list", cwd=tmp_path)
    assert "beijing-2007" in listed.stdout and "[sample data]" in listed.stdout
    assert "pol-mil    capacity-pol-mil v3" in listed.stdout
    again = survey("demo", cwd=tmp_path)
    assert "0 sample responses added" in again.stdout


def test_workshop_load_tokens_and_user_add(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'w.db'}"
    workshop = tmp_path / "seoul-2008.yaml"
    workshop.write_text(
        "id: seoul-2008\ntitle: Seoul\ndates: [2008-05-01]\ngroups:\n"
        "  - {id: nuclear, title: Nuclear, questionnaire: {id: capacity-nuclear, version: 2}}\n"
    )
    first = survey("workshop", "load", str(workshop), "--db", database)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "workshop seoul-2008 created: 1 groups"
    assert "unchanged" in survey("workshop", "load", str(workshop), "--db", database).stdout
    tokens = survey("tokens", "seoul-2008", "nuclear", "-n", "3", "--db", database).stdout.split()
    assert len(tokens) == 3 and all(t.startswith("p_") for t in tokens)
    staff = survey(
        "user",
        "add",
        "Kim",
        "--role",
        "rapporteur",
        "--group",
        "seoul-2008/nuclear",
        "--db",
        database,
    )
    assert staff.returncode == 0 and staff.stdout.startswith("s_")
    closed = survey("group", "close", "seoul-2008", "nuclear", "--db", database)
    assert closed.stdout.strip() == "group seoul-2008/nuclear is closed"


def test_bad_input_to_data_commands_exits_1_with_a_message(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'w.db'}"
    workshop = tmp_path / "w.yaml"
    workshop.write_text(
        "id: w\ntitle: W\ndates: [2008-05-01]\ngroups:\n"
        "  - {id: g, title: G, questionnaire: {id: capacity-nuclear, version: 9}}\n"
    )
    refused = survey("workshop", "load", str(workshop), "--db", database)
    assert refused.returncode == 1
    assert "no questionnaire capacity-nuclear v9 (known versions: v1, v2)" in refused.stderr
    assert "Traceback" not in refused.stderr
    missing = survey("tokens", "w", "g", "--db", database)
    assert missing.returncode == 1 and "no group `g` in workshop `w`" in missing.stderr
    usage = survey(
        "user", "add", "Kim", "--role", "rapporteur", "--group", "nogroup", "--db", database
    )
    assert usage.returncode == 2 and "is not WORKSHOP/GROUP" in usage.stderr
    unreachable = survey("tokens", "w", "g", "--db", "postgresql://nobody@127.0.0.1:9/x")
    assert unreachable.returncode == 1 and "cannot use the database" in unreachable.stderr


def test_a_changed_published_questionnaire_is_refused_until_a_new_version(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "questionnaires")
    assert survey("demo", cwd=tmp_path).returncode == 0
    published = tmp_path / "questionnaires" / "capacity-pol-mil" / "v3.yaml"
    published.write_text(published.read_text().replace("Rank the three", "Rank the four"))
    refused = survey("demo", cwd=tmp_path)
    assert refused.returncode == 1
    assert "capacity-pol-mil v3 has been in use since" in refused.stderr
    assert "put your changes in v4" in refused.stderr


def test_db_upgrade_reports_the_revision(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'new.db'}"
    first = survey("db", "upgrade", "--db", database)
    assert first.stdout.strip() == "database migrated from empty to revision 0006 (latest: 0006)"
    again = survey("db", "upgrade", "--db", database)
    assert again.stdout.strip() == "database already at revision 0006 (latest: 0006)"


def test_report_and_compare_write_workbooks_with_a_summary_line(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "questionnaires")
    assert survey("demo", cwd=tmp_path).returncode == 0
    report = survey("report", "beijing-2007", "--xlsx", "beijing.xlsx", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("wrote beijing.xlsx: 4 segments, ")
    assert (tmp_path / "beijing.xlsx").stat().st_size > 10_000
    compare = survey(
        "compare",
        "capacity-pol-mil",
        "--workshops",
        "shanghai-2005,hawaii-2006,beijing-2007",
        "--xlsx",
        "pol-mil.xlsx",
        cwd=tmp_path,
    )
    assert compare.returncode == 0 and "3 segments" in compare.stdout
    missing = survey(
        "compare",
        "capacity-economic",
        "--workshops",
        "shanghai-2005",
        "--xlsx",
        "x.xlsx",
        cwd=tmp_path,
    )
    assert missing.returncode == 1 and "has no group answering capacity-economic" in missing.stderr
    assert survey("report", "beijing-2007", cwd=tmp_path).returncode == 2
