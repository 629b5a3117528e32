"""CSV feeds in Microcat's template (`harvesters/csv_template.md`): one record per row."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from harvesters.items import HarvestError, RawRecord, utc_now
from harvesters.spiders.base import SingleDocumentSpider

if TYPE_CHECKING:
    from collections.abc import Iterator


COLUMNS = (
    "id",
    "title",
    "title_lang",
    "description",
    "provider",
    "provider_country",
    "url",
    "ects",
    "hours",
    "eqf",
    "qf_ehea",
    "isced",
    "mode",
    "languages",
    "assessment",
    "qa_type",
    "qa_body",
    "prerequisites",
    "learning_outcomes",
    "start_date",
    "end_date",
    "price",
    "enrolment_url",
)
"""The template's columns (as `mappings.formats.csv_template` reads them), in order."""
REQUIRED = ("id", "title")
# The longest cell a row may have: far above a real description or list of outcomes (a few
# KiB to tens of KiB). A row with a longer cell is an error line and the next rows are read
# (a row under it whose line still passes HARVEST_MAX_RECORD_BYTES, as non-ASCII text takes
# six bytes a character once escaped, is that record's error line too).
MAX_CELL_CHARS = 1024 * 1024


class CsvSpider(SingleDocumentSpider):
    """Harvest a CSV file in the template: a header row, then one offer per row.

    The file must be UTF-8 (a byte-order mark is allowed) and comma-separated; the header
    must name `id` and `title`, each column once. Each row becomes one record whose payload
    is the row as a JSON object (column -> cell text, every column of the header, in its
    order); the remote id is the `id` cell. A row with the wrong number of cells, a cell
    longer than `MAX_CELL_CHARS`, an empty `id` or `title`, or an `id` already seen is an
    error line and the run goes on; columns the template does not know are reported once
    (an error line) and kept in the payload.
    """

    name = "csv"
    media_type = "application/json"
    record_format = "csv"
    custom_settings = {
        "DEFAULT_REQUEST_HEADERS": {"Accept": "text/csv, text/plain;q=0.9, */*;q=0.1"},
    }

    def parse_document(self, body: bytes, source: str, page_url: str | None) -> Iterator[Any]:
        """The records and error lines of one CSV document.

        Args:
            body: The document's bytes.
            source: What messages call the document: its URL, or the local file's path.
            page_url: The URL of the document (None for a local file): the `url` of error
                lines, and of records whose row has no `url`.
        """
        fetched_at = utc_now()
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield self.list_failed(f"{source} is not UTF-8: {exc}", url=page_url)
            return
        # The csv module's own cap (128 KiB by default) raises mid-file and ends the list;
        # the parser must read an over-long cell to its end to go on with the next row. No
        # cell is longer than the document, so that is the parser's cap, and MAX_CELL_CHARS
        # is checked per row. (The cap is per process; a harvester process runs one spider.)
        csv.field_size_limit(max(len(text), MAX_CELL_CHARS))
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = [name.strip() for name in next(reader, [])]
        except csv.Error as exc:
            yield self.list_failed(f"unreadable CSV header in {source}: {exc}", url=page_url)
            return
        problem = self._header_problem(header)
        if problem:
            yield self.list_failed(f"{problem} in {source}", url=page_url)
            return
        unknown = [name for name in header if name not in COLUMNS]
        if unknown:
            yield self.record_error(
                f"columns not in the template, kept but not mapped: {', '.join(unknown)}",
                url=page_url,
            )
        seen: set[str] = set()
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line
                yield self._to_item(header, cells, reader.line_num, seen, page_url, fetched_at)
        except csv.Error as exc:
            yield self.list_failed(
                f"unreadable CSV in {source} at line {reader.line_num}: {exc}",
                url=page_url,
            )
            return
        self.list_walked()

    @staticmethod
    def _header_problem(header: list[str]) -> str | None:
        if not any(header):
            return "no header row"
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            return f"the header has no {' or '.join(missing)} column"
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            return f"the header names {', '.join(repeated)} more than once"
        return None

    def _to_item(
        self,
        header: list[str],
        cells: list[str],
        line: int,
        seen: set[str],
        page_url: str | None,
        fetched_at: str,
    ) -> RawRecord | HarvestError:
        if len(cells) != len(header):
            return self.record_error(
                f"line {line} has {len(cells)} cells, the header {len(header)}", url=page_url
            )
        row = dict(zip(header, cells, strict=True))
        long_cells = [name for name, cell in row.items() if len(cell) > MAX_CELL_CHARS]
        if long_cells:
            short_id = row["id"].strip() if "id" not in long_cells else ""
            return self.record_error(
                f"line {line}: {', '.join(long_cells)} longer than {MAX_CELL_CHARS}"
                " characters; the row is skipped",
                url=page_url,
                remote_id=short_id or None,
            )
        remote_id = row["id"].strip()
        if not remote_id:
            return self.record_error(f"line {line} has no id", url=page_url)
        if not row["title"].strip():
            return self.record_error(f"line {line} has no title", url=page_url, remote_id=remote_id)
        if remote_id in seen:
            return self.record_error(
                f"line {line} repeats id {remote_id!r}; only its first row is kept",
                url=page_url,
                remote_id=remote_id,
            )
        seen.add(remote_id)
        return RawRecord(
            feed_id=self.feed_id,
            remote_id=remote_id,
            datestamp=None,
            deleted=False,
            media_type=self.media_type,
            format=self.record_format,
            payload=json.dumps(row, ensure_ascii=False),
            url=row.get("url", "").strip() or page_url,
            fetched_at=fetched_at,
        )
