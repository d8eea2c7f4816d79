"""The JSON API over real HTTP (Litestar's test client) and a real SQLite file."""

from __future__ import annotations

from typing import Any

import pytest

from survey.store.database import Database
from survey.store.participants import issue_tokens
from survey.store.staff import add_user
from survey.store.workshops import set_group_open
from tests.conftest import POL_MIL_ANSWERS

RESPONSE = "/api/workshops/test-2007/groups/pol-mil/response"
POL_MIL = POL_MIL_ANSWERS


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


@pytest.fixture
def participant(web_database: Database) -> dict[str, str]:
    [token] = issue_tokens(web_database, "test-2007", "pol-mil", 1)
    return bearer(token)


def test_a_draft_then_a_submission(client: Any, participant: dict[str, str]) -> None:
    draft = client.put(
        RESPONSE,
        json={"answers": {"nuclear-safety-role": "now"}, "submit": False},
        headers=participant,
    )
    assert draft.status_code == 200, draft.text
    assert (draft.json()["status"], draft.json()["submitted_revision"]) == ("draft", None)
    assert client.get(RESPONSE, headers=participant).json()["answers"] == {
        "nuclear-safety-role": "now"
    }
    done = client.put(
        RESPONSE, json={"answers": POL_MIL, "language": "en", "submit": True}, headers=participant
    )
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["submitted_revision"]) == ("submitted", 1)


def test_resubmitting_the_same_body_stores_one_response(
    client: Any, participant: dict[str, str]
) -> None:
    body = {"answers": POL_MIL, "submit": True}
    first = client.put(RESPONSE, json=body, headers=participant).json()
    second = client.put(RESPONSE, json=body, headers=participant).json()
    assert first == second and second["submitted_revision"] == 1


def test_invalid_answers_get_422_with_one_message_per_question(
    client: Any, participant: dict[str, str]
) -> None:
    answers = {**POL_MIL, "cbm-feasibility": {"hotline": 9}, "normalization-year": 1999, "nope": 1}
    del answers["sanctions-policy"]
    response = client.put(RESPONSE, json={"answers": answers, "submit": True}, headers=participant)
    assert response.status_code == 422
    body = response.json()
    assert body["codes"] == {
        "nope": "unknown_question",
        "cbm-feasibility": "row_out_of_range",
        "sanctions-policy": "required",
        "normalization-year": "number_below_min",
    }
    assert body["problems"]["normalization-year"] == "Please enter at least 2007."
    assert client.get(RESPONSE, headers=participant).status_code == 404


def test_problems_come_in_the_language_of_the_request(client: Any, web_database: Database) -> None:
    [token] = issue_tokens(web_database, "test-2007", "wrap-up", 1)
    response = client.put(
        "/api/workshops/test-2007/groups/wrap-up/response",
        json={"answers": {"annual-budget": 900}, "language": "ko", "submit": False},
        headers=bearer(token),
    )
    assert response.status_code == 422
    assert response.json()["problems"]["annual-budget"] == "500 이하를 입력하십시오."


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/workshops"),
        ("get", "/api/workshops/test-2007"),
        ("get", "/api/questionnaires/capacity-pol-mil/3"),
        ("get", RESPONSE),
        ("put", RESPONSE),
        ("get", "/api/workshops/test-2007/groups/pol-mil/synthesis"),
        ("put", "/api/workshops/test-2007/groups/pol-mil/synthesis"),
    ],
)
@pytest.mark.parametrize(
    "headers", [{}, bearer("p_not-a-real-token"), bearer("s_nope"), {"authorization": "Basic x"}]
)
def test_every_route_needs_a_valid_token(
    client: Any, method: str, path: str, headers: dict[str, str]
) -> None:
    response = client.request(method, path, json={"answers": {}, "text": ""}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_participant_reaches_only_their_own_group(
    client: Any, participant: dict[str, str]
) -> None:
    other = "/api/workshops/test-2007/groups/wrap-up/response"
    assert client.get(other, headers=participant).status_code == 403
    assert client.put(other, json={"answers": {}}, headers=participant).status_code == 403
    assert (
        client.get("/api/workshops/test-2007/groups/nope/response", headers=participant).status_code
        == 404
    )
    assert (
        client.get(
            "/api/workshops/nowhere/groups/pol-mil/response", headers=participant
        ).status_code
        == 404
    )
    assert client.get(RESPONSE, headers=participant).status_code == 404  # nothing saved yet


def test_participants_cannot_use_staff_routes(client: Any, participant: dict[str, str]) -> None:
    path = "/api/workshops/test-2007/groups/pol-mil/synthesis"
    assert client.put(path, json={"text": "x"}, headers=participant).status_code == 403
    assert client.get(path, headers=participant).status_code == 403


def test_staff_tokens_cannot_answer(client: Any, web_database: Database) -> None:
    _user, token = add_user(web_database, "Organizer", "organizer")
    response = client.put(RESPONSE, json={"answers": POL_MIL}, headers=bearer(token))
    assert response.status_code == 403


def test_syntheses_belong_to_the_groups_rapporteur_and_organizers(
    client: Any, web_database: Database
) -> None:
    _, own = add_user(web_database, "Kim", "rapporteur", ("test-2007", "pol-mil"))
    _, other = add_user(web_database, "Lee", "rapporteur", ("test-2007", "wrap-up"))
    _, organizer = add_user(web_database, "Park", "organizer")
    path = "/api/workshops/test-2007/groups/pol-mil/synthesis"
    assert client.get(path, headers=bearer(own)).status_code == 404
    written = client.put(path, json={"text": "# Findings"}, headers=bearer(own))
    assert written.status_code == 200 and written.json()["updated_by"] == "Kim"
    assert client.put(path, json={"text": "x"}, headers=bearer(other)).status_code == 403
    assert client.get(path, headers=bearer(organizer)).json()["text"] == "# Findings"


def test_the_questionnaire_route_shows_participants_only_their_version(
    client: Any, participant: dict[str, str], web_database: Database
) -> None:
    own = client.get("/api/questionnaires/capacity-pol-mil/3", headers=participant)
    assert own.status_code == 200 and own.json()["id"] == "capacity-pol-mil"
    assert (
        client.get("/api/questionnaires/capacity-wrap-up/2", headers=participant).status_code == 403
    )
    _, organizer = add_user(web_database, "Park", "organizer")
    assert (
        client.get("/api/questionnaires/capacity-wrap-up/2", headers=bearer(organizer)).status_code
        == 200
    )
    assert (
        client.get("/api/questionnaires/capacity-wrap-up/9", headers=bearer(organizer)).status_code
        == 404
    )


def test_workshops_are_listed_per_role(
    client: Any, participant: dict[str, str], web_database: Database
) -> None:
    assert [w["id"] for w in client.get("/api/workshops", headers=participant).json()] == [
        "test-2007"
    ]
    _, organizer = add_user(web_database, "Park", "organizer")
    detail = client.get("/api/workshops/test-2007", headers=bearer(organizer)).json()
    assert [g["id"] for g in detail["groups"]] == ["pol-mil", "wrap-up"]
    assert client.get("/api/workshops/nowhere", headers=bearer(organizer)).status_code == 404


def test_a_closed_group_refuses_answers_with_409(
    client: Any, participant: dict[str, str], web_database: Database
) -> None:
    set_group_open(web_database, "test-2007", "pol-mil", False)
    response = client.put(RESPONSE, json={"answers": POL_MIL, "submit": True}, headers=participant)
    assert response.status_code == 409 and "closed" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"answers": [], "submit": True},
        {"answers": {}, "submit": "yes"},
        {"answers": {}, "extra": 1},
        {"submit": True},
    ],
)
def test_malformed_bodies_get_400_and_change_nothing(
    client: Any, participant: dict[str, str], body: dict
) -> None:
    response = client.put(RESPONSE, json=body, headers=participant)
    assert response.status_code == 400
    assert client.get(RESPONSE, headers=participant).status_code == 404


def test_huge_bodies_are_refused(client: Any, participant: dict[str, str]) -> None:
    response = client.put(
        RESPONSE,
        content=b'{"answers": {"comments": "' + b"x" * 400_000 + b'"}}',
        headers=participant,
    )
    assert response.status_code == 413


def test_the_openapi_document_describes_the_api(client: Any) -> None:
    paths = client.get("/schema/openapi.json").json()["paths"]
    assert "/api/workshops/{workshop_id}/groups/{group_id}/response" in paths
    assert {"get", "put"} <= set(paths["/api/workshops/{workshop_id}/groups/{group_id}/response"])


def test_staff_download_the_workbook_by_role(
    client: Any, participant: dict[str, str], web_database: Database
) -> None:
    import io

    from openpyxl import load_workbook

    _, organizer = add_user(web_database, "Park", "organizer")
    _, rapporteur = add_user(web_database, "Kim", "rapporteur", ("test-2007", "pol-mil"))
    whole = client.get("/api/workshops/test-2007/report.xlsx", headers=bearer(organizer))
    assert whole.status_code == 200
    assert whole.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="test-2007.xlsx"' in whole.headers["content-disposition"]
    assert "Responses wrap-up" in load_workbook(io.BytesIO(whole.content)).sheetnames
    own = client.get("/api/workshops/test-2007/report.xlsx", headers=bearer(rapporteur))
    assert load_workbook(io.BytesIO(own.content)).sheetnames == [
        "About",
        "Summary",
        "Synthesis",
        "Responses pol-mil",
        "Free text",
    ]
    assert (
        client.get("/api/workshops/test-2007/report.xlsx", headers=participant).status_code == 403
    )
    assert client.get("/api/workshops/test-2007/report.xlsx").status_code == 401
    assert (
        client.get("/api/workshops/nowhere/report.xlsx", headers=bearer(organizer)).status_code
        == 404
    )


def test_report_language_and_minimum_group_size_come_from_the_query(
    client: Any, participant: dict[str, str], web_database: Database
) -> None:
    import io

    from openpyxl import load_workbook

    client.put(RESPONSE, json={"answers": POL_MIL, "submit": True}, headers=participant)
    _, organizer = add_user(web_database, "Park", "organizer")
    _, rapporteur = add_user(web_database, "Kim", "rapporteur", ("test-2007", "pol-mil"))

    def summary(response: Any) -> str:
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[1]  # Summary, 요약…
        return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)

    withheld = client.get("/api/workshops/test-2007/report.xlsx", headers=bearer(organizer))
    assert summary(withheld).count("figures withheld") == 2  # pol-mil (1) and wrap-up (0)
    one = client.get(
        "/api/workshops/test-2007/report.xlsx?min_respondents=1", headers=bearer(organizer)
    )
    assert one.status_code == 200 and summary(one).count("figures withheld") == 1
    lowered = client.get(
        "/api/workshops/test-2007/report.xlsx?min_respondents=1", headers=bearer(rapporteur)
    )
    assert lowered.status_code == 403
    for bad in ("0", "1001", "two"):
        refused = client.get(
            f"/api/workshops/test-2007/report.xlsx?min_respondents={bad}", headers=bearer(organizer)
        )
        assert refused.status_code == 400, bad
    from tests.test_reports_xlsx import WRAP_UP, submit

    submit(web_database, "wrap-up", WRAP_UP)
    korean = client.get(
        "/api/workshops/test-2007/report.xlsx?language=ko&min_respondents=1",
        headers=bearer(organizer),
    )
    assert "메커니즘은 어떤 형태여야 합니까?" in summary(korean)
