"""Fixtures of the harvester tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from harvest_helpers import LocalServer, Route


@pytest.fixture
def serve() -> Iterator[Callable[[Route], LocalServer]]:
    """Start local servers for one test: `server = serve(route)`; all stop afterwards."""
    servers: list[LocalServer] = []

    def start(route: Route) -> LocalServer:
        server = LocalServer(route).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
