"""A real OAI-PMH server on 127.0.0.1 whose answers the tests change between runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from local_http import serving
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

    def answer(path: str) -> tuple[int, str, bytes]:
        query = parse_qs(urlsplit(path).query)
        repo.requests.append(query)
        if query.get("verb") == ["ListIdentifiers"]:
            # The headers of the same records, as ListIdentifiers answers them.
            headers = "".join(HEADER.search(record).group(0) for record in repo.records)
            text = ENVELOPE.replace("ListRecords", "ListIdentifiers").format(records=headers)
        else:
            text = ENVELOPE.format(records="".join(repo.records))
        return repo.status, "text/xml; charset=utf-8", text.encode()

    with serving(answer) as host:
        yield repo, host
