"""Participant pages over HTTP without JavaScript: getting in, answering, reviewing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from survey.files.questionnaire_files import Registry
from survey.store.access import assign_access_code
from survey.store.database import Database
from survey.store.participants import issue_tokens
from survey.store.responses import count_responses
from survey.store.tables import participants
from survey.store.workshops import save_workshop, set_group_open
from tests.conftest import make_workshop


def csrf(client: Any) -> str:
    if "survey_csrf" not in client.cookies:
        client.get("/")
    return client.cookies["survey_csrf"]


def enter(client: Any, database: Database, group: str = "wrap-up") -> None:
    code = assign_access_code(database, "test-2007", group)
    response = client.post("/w/test-2007/code", data={"code": code, "_csrf_token": csrf(client)})
    assert response.status_code == 200, response.text


def post_section(client: Any, section: int, action: str = "save", **fields: Any) -> Any:
    data = {"_section": str(section), "_action": action, "_csrf_token": csrf(client), **fields}
    return client.post("/respond", data=data)


def participant_count(database: Database) -> int:
    with database.read() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(participants)).scalar_one()


def test_the_workshop_list_and_page_show_what_a_participant_needs(client: Any) -> None:
    index = client.get("/")
    assert index.status_code == 200 and 'href="/w/test-2007"' in index.text
    page = client.get("/w/test-2007")
    assert (
        'name="code"' in page.text and "Pol-Mil" in page.text and 'name="_csrf_token"' in page.text
    )


def test_an_access_code_gives_this_browser_a_personal_token(
    client: Any, web_database: Database
) -> None:
    code = assign_access_code(web_database, "test-2007", "wrap-up")
    response = client.post(
        "/w/test-2007/code",
        data={"code": code.lower().replace("-", " "), "_csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/respond"
    cookie = response.headers["set-cookie"]
    assert "survey_token=p_" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert participant_count(web_database) == 1
    again = client.post(
        "/w/test-2007/code",
        data={"code": code, "_csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert again.status_code == 303 and "set-cookie" not in {k.lower() for k in again.headers}
    assert participant_count(web_database) == 1


def test_a_wrong_code_is_explained_and_changes_nothing(client: Any, web_database: Database) -> None:
    response = client.post(
        "/w/test-2007/code", data={"code": "WRONG-CODE", "_csrf_token": csrf(client)}
    )
    assert response.status_code == 400
    assert "This code does not match a group of this workshop" in response.text
    assert 'value="WRONG-CODE"' in response.text
    assert participant_count(web_database) == 0


def test_code_guessing_is_limited_even_for_the_right_code(
    client: Any, web_database: Database
) -> None:
    code = assign_access_code(web_database, "test-2007", "wrap-up")
    for attempt in range(20):
        client.post(
            "/w/test-2007/code", data={"code": f"GUESS-{attempt:04d}", "_csrf_token": csrf(client)}
        )
    blocked = client.post("/w/test-2007/code", data={"code": code, "_csrf_token": csrf(client)})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.text
    assert participant_count(web_database) == 0


def test_a_personal_link_signs_in_and_leaves_the_address_bar(
    client: Any, web_database: Database
) -> None:
    [token] = issue_tokens(web_database, "test-2007", "pol-mil", 1)
    response = client.get(f"/r/{token}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/respond"
    assert client.get("/respond").status_code == 200


def test_a_wrong_link_or_no_token_gets_a_friendly_page(client: Any) -> None:
    wrong = client.get("/r/p_nonsense")
    assert wrong.status_code == 401 and "Please open your personal link" in wrong.text
    assert client.get("/respond").status_code == 401
    assert client.get("/w/nowhere").status_code == 404
    assert "Page not found" in client.get("/nothing-here").text


def test_forms_without_the_csrf_token_are_refused(client: Any, web_database: Database) -> None:
    enter(client, web_database)
    response = client.post("/respond", data={"_section": "0", "mechanism-form": "forum"})
    assert response.status_code == 403
    assert count_responses(web_database, "test-2007", "wrap-up") == 0


def test_pages_carry_security_headers(client: Any) -> None:
    headers = client.get("/w/test-2007").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"


def test_saving_a_section_keeps_the_draft_and_show_if_is_applied_by_the_server(
    client: Any, web_database: Database
) -> None:
    enter(client, web_database)
    first = client.get("/respond")
    assert re.search(r'id="q-mechanism-why"[^>]* hidden', first.text)
    saved = post_section(
        client,
        0,
        "save",
        **{"mechanism-form": "secretariat", "obligations": ["reporting", "inspection"]},
    )
    assert saved.status_code == 200
    assert not re.search(r'id="q-mechanism-why"[^>]* hidden', saved.text)
    assert 'value="secretariat" checked' in saved.text
    assert "Draft saved at" in saved.text


def test_invalid_answers_come_back_with_every_value_kept_and_a_message(
    client: Any, web_database: Database
) -> None:
    enter(client, web_database)
    post_section(client, 0, "save", **{"mechanism-form": "forum"})
    response = post_section(
        client,
        2,
        "next",
        **{"annual-budget": "12 million", "cost-sharing.alloc.us": "70", "location": "seoul"},
    )
    assert response.status_code == 422
    assert 'value="12 million"' in response.text and 'value="70"' in response.text
    assert 'value="seoul" checked' in response.text
    assert "Please enter a number." in response.text
    assert 'aria-invalid="true"' in response.text and 'role="alert"' in response.text


def test_submitting_with_answers_missing_shows_what_to_fix(
    client: Any, web_database: Database
) -> None:
    enter(client, web_database)
    post_section(client, 0, "save", **{"mechanism-form": "forum"})
    response = client.post("/respond/submit", data={"_csrf_token": csrf(client)})
    assert response.status_code == 422
    assert "Please answer this question." in response.text
    assert "Section 2 of 5" in response.text


def fill_wrap_up(client: Any) -> None:
    post_section(client, 0, "next", **{"mechanism-form": "forum"})
    post_section(client, 1, "next", **{"membership": "open"})
    post_section(
        client, 2, "next", **{"cost-sharing.alloc.us": "60", "cost-sharing.alloc.china": "40"}
    )
    post_section(
        client,
        3,
        "next",
        **{
            f"crisis-tools.{row}": "3"
            for row in ("hotline", "emergency-meeting", "fact-finding", "early-warning")
        },
    )
    post_section(
        client,
        4,
        "review",
        **{"preparatory-steps.rank.track-two": "1", "next-steps": "<script>alert(1)</script>"},
    )


def test_review_submit_and_receipt(client: Any, web_database: Database) -> None:
    enter(client, web_database)
    fill_wrap_up(client)
    review = client.get("/respond/review")
    assert "Informal forum" in review.text and "United States: 60 percent" in review.text
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in review.text
        and "<script>alert(1)" not in review.text
    )
    receipt = client.post("/respond/submit", data={"_csrf_token": csrf(client)})
    assert receipt.status_code == 200 and "your answers are submitted" in receipt.text
    assert re.search(r"test-2007/wrap-up/\d{5}-1", receipt.text)
    assert count_responses(web_database, "test-2007", "wrap-up") == 1


def test_a_closed_group_shows_the_answers_read_only(client: Any, web_database: Database) -> None:
    enter(client, web_database)
    fill_wrap_up(client)
    set_group_open(web_database, "test-2007", "wrap-up", False)
    page = client.get("/respond")
    assert "Review your answers" in page.text and "Submit answers" not in page.text
    refused = post_section(client, 0, "save", **{"mechanism-form": "secretariat"})
    assert refused.status_code == 409


def test_the_interface_speaks_the_participants_language(
    client: Any, web_database: Database
) -> None:
    enter(client, web_database)
    korean = client.get("/respond", headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert (
        '<html lang="ko">' in korean.text
        and "저장하고 계속" in korean.text
        and "역량 강화를 위한 다음 단계" in korean.text
    )
    chinese = client.get("/respond?lang=zh")
    assert '<html lang="zh-CN">' in chinese.text and "保存并继续" in chinese.text
    assert "survey_lang=zh" in chinese.headers["set-cookie"]
    assert '<html lang="zh-CN">' in client.get("/respond/review").text


def test_text_from_files_is_escaped_everywhere(tmp_path: Path, registry: Registry) -> None:
    from litestar.testing import TestClient

    from survey.config import Settings
    from survey.files.questionnaire_files import LoadedQuestionnaire
    from survey.store.database import open_database
    from survey.web.app import create_app

    hostile = registry.get("capacity-pol-mil", 3)
    schema = hostile.schema
    section = schema.sections[0]
    note = section.questions[0]
    import msgspec

    evil_note = msgspec.structs.replace(note, text="<script>alert('note')</script>")
    evil_schema = msgspec.structs.replace(
        schema,
        title='<img src=x onerror="alert(1)">',
        sections=[
            msgspec.structs.replace(section, questions=[evil_note, *section.questions[1:]]),
            *schema.sections[1:],
        ],
    )
    versions = {(item.schema.id, item.schema.version): item for item in registry}
    versions[("capacity-pol-mil", 3)] = LoadedQuestionnaire(
        schema=evil_schema, content_hash="sha256:evil", path="x"
    )
    database = open_database(f"sqlite:///{tmp_path / 'evil.db'}")
    save_workshop(database, make_workshop(), Registry(versions))
    [token] = issue_tokens(database, "test-2007", "pol-mil", 1)
    with TestClient(create_app(Settings(database_url="unused"), database=database)) as test_client:
        page = test_client.get(f"/r/{token}").text
    assert "<script>alert('note')" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    database.close()


@pytest.mark.parametrize("path", ["/static/app.css", "/static/form.js"])
def test_assets_are_served_locally(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and len(response.content) > 1000
