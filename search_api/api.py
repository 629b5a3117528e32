"""The JSON API (``/api/...``): search, records, schema; one error envelope for everything."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from mappings.elements import documented_json_schema
from search_api.backends.base import SearchBackend
from search_api.service import BadSearchRequest, parse_search_args, run_search

api = Blueprint("api", __name__, url_prefix="/api")


def backend() -> SearchBackend:
    return current_app.extensions["microcat.search"]


def error_response(status: int, message: str, details: Any = None) -> tuple[Response, int]:
    """The one error format of the API: ``{"error": {"status", "message", "details"}}``."""
    body = {"error": {"status": status, "message": message, "details": details or {}}}
    return jsonify(body), status


@api.errorhandler(BadSearchRequest)
def _bad_search(error: BadSearchRequest) -> tuple[Response, int]:
    return error_response(400, "invalid search parameters", error.details)


def api_http_error(error: HTTPException) -> tuple[Response, int]:
    return error_response(error.code or 500, error.description or error.name)


@api.get("/search")
def search() -> Response:
    query = parse_search_args(request.args)
    page = run_search(backend(), query)
    response = jsonify(page.to_json())
    # Public, cacheable for a short while: regional portals embed this.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@api.get("/records/<record_id>")
def record(record_id: str) -> Response | tuple[Response, int]:
    data = backend().get(record_id)
    if data is None:
        return error_response(404, f"no record with id {record_id!r}")
    response = jsonify(data)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@api.get("/schema")
def schema() -> Response:
    return jsonify(documented_json_schema())


@api.get("/health")
def health() -> Response:
    return jsonify(backend().health())
