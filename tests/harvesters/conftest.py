"""Fixtures of the harvester tests."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator

import pytest
from harvest_helpers import LocalServer, Route


@pytest.fixture
def serve() -> Iterator[Callable[..., LocalServer]]:
    """Start local servers for one test: `server = serve(route)` (HTTPS with
    `serve(route, tls=context)`); all stop afterwards."""
    servers: list[LocalServer] = []

    def start(route: Route, tls: ssl.SSLContext | None = None) -> LocalServer:
        server = LocalServer(route, tls).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
