"""A participant in real Chromium: every question type, errors fixed, drafts resumed,
languages switched, no JavaScript, a phone. Screenshots of each page type go to
test-output/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from survey.store.access import assign_access_code
from survey.store.database import Database
from survey.store.responses import ResponseFilter, stream_submitted
from tests.browser import CHROMIUM_ARGS, chromium_path, live_server, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(web_database: Database) -> Iterator[str]:
    with live_server(web_database) as url:
        yield url


def sign_in(page: Page, site: str, database: Database, *, group: str = "wrap-up") -> None:
    page.goto(f"{site}/w/test-2007")
    page.fill("#code", assign_access_code(database, "test-2007", group))
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(f"{site}/respond")


def question(page: Page, qid: str) -> Any:
    return page.locator(f"#q-{qid}")


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


def test_a_participant_answers_every_type_fixes_errors_and_submits(
    browser: Browser, site: str, web_database: Database
) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{site}/w/test-2007")
    screenshot(page, "workshop-code")
    sign_in(page, site, web_database)

    # Section 1: single choice with show_if, multiple choice, matrix of columns.
    expect(question(page, "mechanism-why")).to_be_hidden()
    page.get_by_label("Standing secretariat").check()
    expect(question(page, "mechanism-why")).to_be_visible()
    question(page, "mechanism-why").locator("textarea").fill("It keeps records between rounds.")
    for label in (
        "Regular reporting",
        "Inspection and verification",
        "Binding dispute settlement",
        "Funding joint projects",
    ):
        page.get_by_label(label).check()
    page.get_by_label("NGOs and think tanks: Observer").check()
    page.get_by_label("Private companies: Consulted as needed").check()
    screenshot(page, "form-section")
    save_and_continue(page)
    expect(page.locator(".error-summary")).to_contain_text("Please pick at most 3.")
    screenshot(page, "form-error")
    page.get_by_label("Funding joint projects").uncheck()
    save_and_continue(page)

    # A matrix once started must be finished before submitting: the message names the rows.
    page.goto(f"{site}/respond/review")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "missing: International organizations (IAEA, UN agencies), "
        "Regional organizations (ARF, APEC)"
    )
    for row in (
        "International organizations (IAEA, UN agencies)",
        "Regional organizations (ARF, APEC)",
    ):
        page.get_by_label(f"{row}: Full member").check()
    save_and_continue(page)

    # Section 2: scale revealed by show_if.
    expect(page.locator("h2.section-title")).to_have_text("Membership, chairmanship and leadership")
    page.get_by_label("The six parties only").check()
    expect(question(page, "leadership-confidence")).to_be_hidden()
    page.get_by_label("Rotating among members").check()
    expect(question(page, "leadership-confidence")).to_be_visible()
    question(page, "leadership-confidence").locator("label.point", has_text="4").click()
    save_and_continue(page)

    # Section 3: allocation with its live counter, number out of range, other + text.
    amounts = question(page, "cost-sharing")
    amounts.get_by_label("United States").fill("50")
    amounts.get_by_label("China").fill("30")
    expect(amounts.locator("[data-alloc-status]")).to_have_text("20 left to allocate")
    amounts.get_by_label("Republic of Korea").fill("20")
    expect(amounts.locator("[data-alloc-status]")).to_have_text("Adds up to the total")
    question(page, "annual-budget").locator("input").fill("900")
    question(page, "location").locator(".other-text input").fill("Ulaanbaatar")
    save_and_continue(page)
    expect(question(page, "annual-budget")).to_contain_text("Please enter at most 500.")
    expect(question(page, "location").locator(".other-text input")).to_have_value("Ulaanbaatar")
    question(page, "annual-budget").locator("input").fill("25")
    save_and_continue(page)

    # Section 4: matrix on a scale.
    for row in (
        "Hotline linking the six capitals",
        "Emergency meeting within 48 hours",
        "Joint fact-finding missions",
        "Early-warning centre",
    ):
        page.get_by_label(f"{row}: 4").check()
    page.get_by_label("By consensus among all members").check()
    save_and_continue(page)

    # Section 5: ranking with move buttons, date, text, long text.
    ranking = question(page, "preparatory-steps")
    ranking.get_by_role("button", name="Move up: A ministerial meeting of the six parties").click()
    ranking.get_by_role("button", name="Move up: A ministerial meeting of the six parties").click()
    ranking.get_by_role("button", name="Move up: A ministerial meeting of the six parties").click()
    expect(ranking.locator("select").first).to_have_value("1")
    question(page, "first-meeting").locator("input").fill("2008-03-15")
    question(page, "lead-institution").locator("input").fill("The six-party working group")
    question(page, "next-steps").locator("textarea").fill("Draft a charter before the next round.")
    page.get_by_role("button", name="Save and review").click()
    page.wait_for_url(f"{site}/respond/review")
    expect(page.locator("main")).to_contain_text("Other: Ulaanbaatar")
    expect(page.locator("main")).to_contain_text("1. A ministerial meeting of the six parties")
    screenshot(page, "review")
    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_url(f"{site}/respond/receipt")
    expect(page.locator("h1")).to_contain_text("your answers are submitted")
    screenshot(page, "receipt")

    [response] = list(stream_submitted(web_database, ResponseFilter(groups=["wrap-up"])))
    assert response.answers["cost-sharing"] == {"us": 50, "china": 30, "rok": 20}
    assert response.answers["preparatory-steps"][0] == "ministerial"
    assert (
        response.answers["location"] == "other"
        and response.answers["location.other"] == "Ulaanbaatar"
    )
    page.close()


def test_a_closed_tab_and_a_lost_connection_lose_nothing(
    browser: Browser, site: str, web_database: Database
) -> None:
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, site, web_database)
    page.get_by_label("Treaty-based organization").check()
    expect(page.locator("[data-save-status]")).to_contain_text("Draft saved at")
    page.close()

    page = context.new_page()
    page.goto(f"{site}/respond")
    expect(page.get_by_label("Treaty-based organization")).to_be_checked()

    context.set_offline(True)
    page.get_by_label("Regular reporting").check()
    expect(page.locator("[data-save-status]")).to_contain_text("Not saved yet")
    page.close()
    context.set_offline(False)

    page = context.new_page()
    page.goto(f"{site}/respond")
    expect(page.get_by_label("Regular reporting")).to_be_checked()
    expect(page.locator("[data-save-status]")).to_contain_text("Draft saved at")
    page.reload()
    expect(page.get_by_label("Regular reporting")).to_be_checked()
    context.close()


def test_switching_language_changes_the_interface_and_the_questions(
    browser: Browser, site: str, web_database: Database
) -> None:
    page = browser.new_page()
    sign_in(page, site, web_database)
    page.get_by_role("link", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator("h1")).to_have_text("역량 강화를 위한 다음 단계")
    expect(page.get_by_role("button", name="저장하고 계속")).to_be_visible()
    screenshot(page, "form-korean")
    page.get_by_role("link", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("button", name="保存并继续")).to_be_visible()
    page.get_by_role("link", name="日本語").click()
    expect(page.get_by_role("button", name="保存して次へ")).to_be_visible()
    page.get_by_role("link", name="Русский").click()
    expect(page.get_by_role("button", name="Сохранить и продолжить")).to_be_visible()
    screenshot(page, "form-russian")
    page.close()


def test_everything_works_without_javascript(
    browser: Browser, site: str, web_database: Database
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, site, web_database, group="pol-mil")
    expect(question(page, "nuclear-safety-forum")).to_be_hidden()
    for row in (
        "Military hotline between the two Koreas",
        "Advance notification of military exercises",
        "Observers at exercises",
        "Incidents-at-sea agreement in the West Sea",
        "Consultations on nuclear safety and fail-safe procedures",
    ):
        page.get_by_label(f"{row}: 3").check()
    page.get_by_label("Yes, starting now").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    expect(question(page, "nuclear-safety-forum")).to_be_visible()
    question(page, "nuclear-safety-forum").locator("input").fill("The six-party working group")
    save_and_continue(page)
    page.get_by_label("Written U.S. negative security assurance").check()
    save_and_continue(page)
    ranking = question(page, "peace-regime-priorities")
    ranking.locator("select").nth(0).select_option("2")
    ranking.locator("select").nth(1).select_option("1")
    page.get_by_label("Relax step by step with verified progress").check()
    save_and_continue(page)
    screenshot(page, "no-javascript")
    page.get_by_role("button", name="Save and review").click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator("h1")).to_contain_text("your answers are submitted")
    [response] = list(stream_submitted(web_database, ResponseFilter(groups=["pol-mil"])))
    assert response.answers["peace-regime-priorities"] == ["four-party-forum", "peace-treaty"]
    assert response.answers["nuclear-safety-forum"] == "The six-party working group"
    context.close()


def test_a_phone_sized_screen_shows_the_form_without_sideways_scrolling(
    browser: Browser, site: str, web_database: Database
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{site}/w/test-2007")
    screenshot(page, "phone-workshop")
    sign_in(page, site, web_database)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Informal forum", exact=True).check()
    page.get_by_label("Private companies: Observer").check()
    screenshot(page, "phone-form")
    save_and_continue(page)
    save_and_continue(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "phone-allocation")
    context.close()
