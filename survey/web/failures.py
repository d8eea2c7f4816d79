"""The one place where exceptions become HTTP responses.

API paths get JSON (`{"status_code", "detail"}`); pages get a friendly page in the
visitor's language. Nothing else catches exceptions to answer the client.
"""

from __future__ import annotations

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Template

from survey.catalogs import INTERFACE_LANGUAGES, Catalogs
from survey.core.errors import BadInput, Conflict, NotFound
from survey.web.chrome import page_chrome

_STATUS = {NotFound: 404, Conflict: 409, BadInput: 400}

#: What a person is told, per status, on a page (English msgids, translated).
_PAGES = {
    400: ("This request could not be used", "Please go back and try again."),
    401: (
        "Please open your personal link",
        "This page needs your personal link or your group's access code.",
    ),
    403: ("This is not yours to open", "Each participant sees only their own answers."),
    404: (
        "Page not found",
        "The link may be mistyped or no longer valid. Ask the organizers for a new one.",
    ),
    409: ("This cannot change now", "The group may have been closed by its rapporteur."),
    413: ("Too much at once", "What was sent is larger than this site accepts."),
    429: ("Please wait a moment", "Too many attempts. Try again in a few minutes."),
    500: ("Something went wrong", "Your saved answers are safe. Please try again in a moment."),
}


def status_of(error: Exception) -> int:
    if isinstance(error, HTTPException):
        return error.status_code
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 500


def handle_error(request: Request, error: Exception) -> Response:
    status = status_of(error)
    detail = error.detail if isinstance(error, HTTPException) else str(error)
    if status >= 500:
        detail = "Internal server error"
    if request.url.path.startswith(("/api", "/schema")):
        headers = {"www-authenticate": "Bearer"} if status == 401 else None
        return Response(
            content={"status_code": status, "detail": detail},
            status_code=status,
            media_type=MediaType.JSON,
            headers=headers,
        )
    catalogs: Catalogs = request.app.state.catalogs
    chrome = page_chrome(request, catalogs, list(INTERFACE_LANGUAGES))
    heading, message = _PAGES.get(status, _PAGES[400] if status < 500 else _PAGES[500])
    _ = chrome.gettext
    context = {
        **chrome.context,
        "heading": _(heading),
        "message": _(message),
        "link": "/",
        "link_text": _("Home"),
    }
    return Template(template_name="message.html", context=context, status_code=status)
