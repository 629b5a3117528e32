"""The JSON API (``/api/...``): search, records, schema; one error envelope for everything."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from mappings.elements import documented_json_schema
from search_api.backends.base import BackendUnavailable, SearchBackend
from search_api.service import BadSearchRequest, parse_search_args, run_search

api = Blueprint("api", __name__, url_prefix="/api")
log = logging.getLogger(__name__)


def backend() -> SearchBackend:
    return current_app.extensions["microcat.search"]


def error_response(status: int, message: str, details: Any = None) -> tuple[Response, int]:
    """The one error format of the API: ``{"error": {"status", "message", "details"}}``."""
    body = {"error": {"status": status, "message": message, "details": details or {}}}
    return jsonify(body), status


@api.errorhandler(BadSearchRequest)
def _bad_search(error: BadSearchRequest) -> tuple[Response, int]:
    return error_response(400, "invalid search parameters", error.details)


@api.errorhandler(BackendUnavailable)
def _search_unavailable(error: BackendUnavailable) -> tuple[Response, int]:
    # The reason names paths and hosts: the operator's log has it, the public a 503.
    log.error("search backend unavailable: %s", error)
    return error_response(503, "search is unavailable for the moment; try again later")


@api.after_app_request
def _cross_origin(response: Response) -> Response:
    """Every API answer may be read by a page of another origin (regional portals call the
    API from their own pages), errors too, so that they can show why a search failed. No
    cookies are involved, so ``*`` is safe; a preflight may ask for any request header."""
    if request.path.startswith(f"{api.url_prefix}/"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            asked = request.headers.get("Access-Control-Request-Headers")
            if asked:
                response.headers["Access-Control-Allow-Headers"] = asked
            response.headers["Access-Control-Max-Age"] = "86400"
    return response


def api_http_error(error: HTTPException) -> tuple[Response, int]:
    return error_response(error.code or 500, error.description or error.name)


@api.get("/search")
def search() -> Response:
    query = parse_search_args(request.args)
    page = run_search(backend(), query)
    response = jsonify(page.to_json())
    # Public, cacheable for a short while: regional portals embed this.
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@api.get("/records/<record_id>")
def record(record_id: str) -> Response | tuple[Response, int]:
    data = backend().get(record_id)
    if data is None:
        return error_response(404, f"no record with id {record_id!r}")
    return jsonify(data)


@api.get("/schema")
def schema() -> Response:
    return jsonify(documented_json_schema())


@api.get("/health")
def health() -> tuple[Response, int]:
    """Whether search answers, for load balancers and portals: 200 with the backend's kind and
    size, or 503. What a backend reports beyond that (paths, cluster and index names) is for
    operators, not published."""
    try:
        status = backend().health()
        usable = (
            status.get("compatible") is not False  # an index an older version built
            and status.get("status") != "red"  # an OpenSearch cluster missing primary shards
        )
        public = {"status": "ok", "backend": status["backend"], "documents": status["documents"]}
    except Exception:  # whatever stops the backend from saying it is fine
        log.exception("search backend health check failed")
        usable = False
    if not usable:
        return jsonify({"status": "unavailable"}), 503
    return jsonify(public), 200
