"""What every page needs: the language it is in, its links, its translations.

The language is, in order: `?lang=` on the request (remembered in a cookie), the cookie,
the browser's Accept-Language; always one of the languages on offer for the page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import msgspec
from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Template

from survey.catalogs import Catalogs, Gettext
from survey.web.i18n import html_lang, language_name, negotiate
from survey.web.identity import TOKEN_COOKIE

LANGUAGE_COOKIE = "survey_lang"
#: A participant's token cookie outlives the workshop day, for answers given the day after.
TOKEN_MAX_AGE = 60 * 60 * 24 * 30


class Chrome(msgspec.Struct, kw_only=True):
    language: str
    gettext: Any
    context: dict[str, Any]
    cookies: list[Cookie]


def page_chrome(request: Request, catalogs: Catalogs, offered: list[str]) -> Chrome:
    asked = request.query_params.get("lang")
    cookies = []
    if asked in offered:
        language = asked
        cookies.append(_cookie(request, LANGUAGE_COOKIE, asked, max_age=TOKEN_MAX_AGE))
    elif request.cookies.get(LANGUAGE_COOKIE) in offered:
        language = request.cookies[LANGUAGE_COOKIE]
    else:
        language = negotiate(request.headers.get("accept-language"), offered)
    gettext: Gettext = catalogs.gettext(language)
    query = {key: value for key, value in request.query_params.items() if key != "lang"}
    links = [
        (code, language_name(code), f"{request.url.path}?{urlencode({**query, 'lang': code})}")
        for code in offered
    ]
    context = {"_": gettext, "lang": language, "html_lang": html_lang(language), "languages": links}
    return Chrome(language=language, gettext=gettext, context=context, cookies=cookies)


def _cookie(request: Request, key: str, value: str, *, max_age: int) -> Cookie:
    return Cookie(
        key=key,
        value=value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def token_cookie(request: Request, token: str) -> Cookie:
    """The participant's personal token: HttpOnly, SameSite, Secure behind HTTPS."""
    return _cookie(request, TOKEN_COOKIE, token, max_age=TOKEN_MAX_AGE)


def render(chrome: Chrome, template: str, status: int = 200, **context: Any) -> Template:
    """A page in the chrome's language, with its cookies."""
    return Template(
        template_name=template,
        context={**chrome.context, **context},
        status_code=status,
        cookies=chrome.cookies,
    )


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""
