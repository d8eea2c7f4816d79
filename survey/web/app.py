"""The Litestar application: pages for participants, the JSON API, static assets.

`create_app(settings)` builds everything from explicit settings; `survey serve` runs it
under uvicorn, and `litestar --app survey.web.app:create_app run` works too (settings
then come from the environment).
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from litestar import Litestar, Response
from litestar.config.csrf import CSRFConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from survey import __version__
from survey.catalogs import Catalogs
from survey.config import Settings, load_settings
from survey.core.errors import BadInput, Conflict, NotFound
from survey.resources import templates_dir
from survey.store.access import app_secret
from survey.store.database import Database, open_database
from survey.web.answering import AnswerPages
from survey.web.api import Api, Reports
from survey.web.entry import EntryPages
from survey.web.failures import handle_error
from survey.web.i18n import html_lang
from survey.web.identity import IdentityMiddleware

STATIC = Path(__file__).parent / "static"
#: Forms and API bodies are small; anything bigger is refused before it is read.
MAX_BODY_BYTES = 256 * 1024

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def template_environment() -> Environment:
    """Autoescaping everywhere: a question or answer with `<script>` is shown as text."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["html_lang"] = html_lang
    return environment


async def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("cache-control", "no-store")
    return response


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> Litestar:
    settings = settings or load_settings(os.environ)
    database = database or open_database(settings.database_url)
    catalogs = Catalogs()
    csrf = CSRFConfig(
        secret=app_secret(database, "csrf"),
        cookie_name="survey_csrf",
        cookie_samesite="lax",
        cookie_secure=settings.secure_cookies,
        exclude=["/api", "/schema"],
    )
    app = Litestar(
        route_handlers=[
            EntryPages,
            AnswerPages,
            Api,
            Reports,
            create_static_files_router(path="/static", directories=[STATIC]),
        ],
        dependencies={
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            "database": Provide(lambda: database, use_cache=True, sync_to_thread=False),
            "catalogs": Provide(lambda: catalogs, use_cache=True, sync_to_thread=False),
        },
        middleware=[DefineMiddleware(IdentityMiddleware, database=database)],
        template_config=TemplateConfig(
            instance=JinjaTemplateEngine.from_environment(template_environment())
        ),
        csrf_config=csrf,
        request_max_body_size=MAX_BODY_BYTES,
        after_request=add_security_headers,
        exception_handlers={
            HTTPException: handle_error,
            NotFound: handle_error,
            Conflict: handle_error,
            BadInput: handle_error,
            500: handle_error,
        },
        openapi_config=OpenAPIConfig(title="survey", version=__version__, path="/schema"),
        on_shutdown=[database.close],
        debug=False,
    )
    # The error handler renders pages in the visitor's language outside any route.
    app.state.catalogs = catalogs
    return app
