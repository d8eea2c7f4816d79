"""The ways in: find the workshop, type the group's access code or open a personal link.

Thin handlers: each ends on the answering pages (`web/answering.py`) with the personal
token in an HttpOnly cookie, or on the workshop page with what to fix.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, TooManyRequestsException
from litestar.params import FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from survey.catalogs import INTERFACE_LANGUAGES, Catalogs
from survey.core.schema import localize
from survey.store.access import allow as count_attempt
from survey.store.access import group_for_code, is_limited
from survey.store.database import Database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.workshops import WorkshopRecord, get_workshop, list_workshops
from survey.web.chrome import Chrome, page_chrome, render, token_cookie
from survey.web.forms import form_lists
from survey.web.guards import is_participant_of_group
from survey.web.identity import Identity, client_address

FormBody = URLEncodedBody[dict[str, Any]]
UserRequest = Request[Identity, Any, Any]
#: Wrong codes or links one address may try before waiting.
FAILED_ATTEMPTS = 20
FAILED_WINDOW = timedelta(minutes=15)


def _workshop_view(record: WorkshopRecord, language: str) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": localize(record.title, language, "en"),
        "dates": ", ".join(day.isoformat() for day in record.dates),
        "venue": record.venue,
        "is_sample": record.is_sample,
    }


class EntryPages(Controller):
    """The ways in: the list of workshops, a workshop's page, its access code, a personal
    link. Open to anyone; each leads to the answering pages with a personal token."""

    include_in_schema = False

    @get("/", sync_to_thread=True)
    def index(
        self,
        request: UserRequest,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
    ) -> Template:
        chrome = page_chrome(request, catalogs, list(INTERFACE_LANGUAGES))
        workshops = [_workshop_view(w, chrome.language) for w in list_workshops(database)]
        return render(chrome, "index.html", workshops=workshops)

    @get("/w/{workshop_id:str}", sync_to_thread=True)
    def workshop(
        self,
        request: UserRequest,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        workshop_id: FromPath[str],
    ) -> Template:
        record = get_workshop(database, workshop_id)
        chrome = page_chrome(request, catalogs, record.languages)
        return self._workshop_page(chrome, record, code="", error=None)

    def _workshop_page(
        self,
        chrome: Chrome,
        record: WorkshopRecord,
        *,
        code: str,
        error: str | None,
        status: int = 200,
    ) -> Template:
        groups = [
            {
                "title": localize(g.title, chrome.language, "en"),
                "room": g.room,
                "is_open": g.is_open,
            }
            for g in record.groups
        ]
        return render(
            chrome,
            "workshop.html",
            status,
            workshop=_workshop_view(record, chrome.language),
            groups=groups,
            code=code,
            error=error,
        )

    @post("/w/{workshop_id:str}/code", sync_to_thread=True)
    def enter_code(
        self,
        request: UserRequest,
        database: NamedDependency[Database],
        catalogs: NamedDependency[Catalogs],
        workshop_id: FromPath[str],
        data: FormBody,
    ) -> Template | Redirect:
        """A group's access code gives this browser a personal token (or resumes its own)."""
        record = get_workshop(database, workshop_id)
        chrome = page_chrome(request, catalogs, record.languages)
        key = f"code:{client_address(request)}"
        if is_limited(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW):
            raise TooManyRequestsException()
        code = " ".join(form_lists(data).get("code", []))
        group = group_for_code(database, workshop_id, code) if code else None
        if group is None:
            count_attempt(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW)
            error = chrome.gettext(
                "This code does not match a group of this workshop. Please check it."
            )
            return self._workshop_page(chrome, record, code=code, error=error, status=400)
        if is_participant_of_group(request.user, group):
            return Redirect(path="/respond", status_code=303)
        [token] = issue_tokens(database, workshop_id, group.id, 1)
        return Redirect(path="/respond", status_code=303, cookies=[token_cookie(request, token)])

    @get("/r/{token:str}", sync_to_thread=True)
    def personal_link(
        self, request: UserRequest, database: NamedDependency[Database], token: FromPath[str]
    ) -> Redirect:
        """A personal link: remember the token in a cookie and take it out of the address bar."""
        key = f"link:{client_address(request)}"
        if is_limited(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW):
            raise TooManyRequestsException()
        if participant_for_token(database, token) is None:
            count_attempt(database, key, limit=FAILED_ATTEMPTS, window=FAILED_WINDOW)
            raise NotAuthorizedException("unknown personal link")
        return Redirect(path="/respond", status_code=303, cookies=[token_cookie(request, token)])
