"""A real OAI-PMH server on 127.0.0.1 whose answers the tests change between runs."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from oai_templates import ENVELOPE

HEADER = re.compile(r"<header.*?</header>", re.S)


class Repository:
    """What the server answers; tests change it between runs."""

    def __init__(self) -> None:
        self.records: list[str] = []
        self.status = 200
        self.requests: list[dict[str, list[str]]] = []


@pytest.fixture
def repository() -> Iterator[tuple[Repository, str]]:
    repo = Repository()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            query = parse_qs(urlsplit(self.path).query)
            repo.requests.append(query)
            if query.get("verb") == ["ListIdentifiers"]:
                # The headers of the same records, as ListIdentifiers answers them.
                headers = "".join(HEADER.search(record).group(0) for record in repo.records)
                text = ENVELOPE.replace("ListRecords", "ListIdentifiers").format(records=headers)
            else:
                text = ENVELOPE.format(records="".join(repo.records))
            body = text.encode()
            self.send_response(repo.status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield repo, f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
