"""The Flask application: search pages, record pages, the JSON API."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, request
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from aggregator.config import Settings
from search_api.backends.base import BackendUnavailable

log = logging.getLogger(__name__)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The application factory.

    Configuration, later wins: defaults, the instance folder's ``microcat.cfg``,
    ``MICROCAT_*`` environment variables, then ``config`` (tests).
    """
    app = Flask(__name__)
    settings = Settings.from_env()
    app.config.from_mapping(
        DATA_DIR=str(settings.data_dir),
        SEARCH_BACKEND=settings.search_backend,
        OPENSEARCH_URL=settings.opensearch_url,
    )
    app.config.from_pyfile(
        str(Path(app.config["DATA_DIR"]).resolve() / "microcat.cfg"), silent=True
    )
    app.config.from_prefixed_env("MICROCAT")
    if config:
        app.config.from_mapping(config)

    effective = Settings(
        data_dir=Path(app.config["DATA_DIR"]),
        search_backend=app.config["SEARCH_BACKEND"],
        opensearch_url=app.config.get("OPENSEARCH_URL"),
    )
    app.extensions["microcat.settings"] = effective
    app.extensions["microcat.search"] = app.config.get("SEARCH") or effective.open_backend()

    from search_api.api import api, api_http_error
    from web.views import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)

    @app.template_filter("http_url")
    def _http_url(url: str | None) -> str | None:
        # Harvested links are untrusted: only http(s) may become an href (no javascript:).
        text = (url or "").strip()
        return text if text.lower().startswith(("http://", "https://")) else None

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Any:
        if request.path.startswith("/api/"):
            return api_http_error(error)
        from web.views import error_page

        return error_page(error)

    @app.errorhandler(BackendUnavailable)
    def _search_unavailable(error: BackendUnavailable) -> Any:
        # The API answers its own 503 (search_api.api); pages show one without the reason,
        # which names paths and hosts.
        from web.views import error_page

        log.error("search backend unavailable: %s", error)
        return error_page(ServiceUnavailable("Search is unavailable for the moment."))

    @app.after_request
    def _security_headers(response: Any) -> Any:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if response.mimetype == "text/html":
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                " frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
            )
        return response

    return app
