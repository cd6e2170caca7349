"""A file a colleague saved, read one row at a time: CSV or TSV from Excel, an Excel workbook
(.xlsx, its first sheet), JSON or JSON Lines.

The encoding follows one rule, not a guess (statistical detectors call a mostly-ASCII GBK file
cp1250): a byte-order mark says it — UTF-8, or UTF-16 (Excel's "Unicode Text", tab between cells);
else the whole file must be strict UTF-8; else strict GB18030 (which holds GBK, what Excel writes
on a Chinese Windows); else the file is refused with how to re-save it. Never a latin-1 fallback,
which would import mojibake without a word. A folder, an empty file (0 bytes, or only a
byte-order mark or blank lines) is refused by name before anything is read.

Each row carries the physical line it starts on, so an error names the line a spreadsheet or an
editor shows — right even when a quoted cell holds a line break. Reading streams: the file is
checked for its encoding chunk by chunk, then parsed row by row, so memory stays flat however
long it is. Standard input is first copied to a temporary file (it is read twice).
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from zizhi.core.errors import InputError
from zizhi.core.exchange.formulas import restore

FORMATS = ("csv", "tsv", "xlsx", "json", "jsonl")
ENCODINGS = ("utf-8", "gb18030")
# a workbook of any kind python-calamine reads (Excel 97–2003's .xls, .xlsb, LibreOffice's .ods) is "xlsx"
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
             ".xls": "xlsx", ".xlsb": "xlsx", ".ods": "xlsx",
             ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_CHUNK = 1 << 20
_SNIFF = 64 * 1024
csv.field_size_limit(16 * 1024 * 1024)  # a notes cell may be long; a runaway quote is still caught


@dataclass
class Row:
    """One record: the line it starts on (JSON: its place in the list) and its cells by header."""

    line: int
    cells: dict[str, str]


@dataclass
class Table:
    """An opened file: its name as the user gave it, format, encoding, headers, and its rows."""

    name: str
    path: Path
    format: str
    encoding: str | None
    headers: list[str]
    delimiter: str | None = None
    lines: int | None = None  # its line breaks, counted while its encoding is checked: a progress bar's end
    _spooled: bool = field(default=False, repr=False)

    def rows(self) -> Iterator[Row]:
        if self.format in ("csv", "tsv"):
            yield from _csv_rows(self)
        elif self.format == "xlsx":
            from zizhi.core.exchange.workbook import rows

            yield from (Row(line, cells) for line, cells in rows(self.path, self.name))
        elif self.format == "jsonl":
            yield from _jsonl_rows(self)
        else:
            yield from _json_rows(self)

    def close(self) -> None:
        if self._spooled:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_table(name: str, fmt: str | None = None, encoding: str | None = None) -> Table:
    """Open ``name`` (``-``: standard input) as a table; ``fmt`` and ``encoding`` override the rule."""
    if name != "-":
        from zizhi.core import identity

        identity.require_local("FILE", "identity.remote_input")
    path, spooled = (_spool(sys.stdin.buffer), True) if name == "-" else (Path(name), False)
    try:
        if path.is_dir():
            raise InputError("exchange.is_folder", file=name)
        fmt = _format(name, fmt)
        if not path.is_file():
            raise InputError("exchange.no_file", file=name)
        if path.stat().st_size == 0:
            raise InputError("exchange.empty_file", file=_shown(name))
        chosen, lines = (None, None) if fmt == "xlsx" else _encoding(name, path, encoding)  # a workbook: Unicode
        table = Table(name, path, fmt, chosen, [], lines=lines, _spooled=spooled)
        if fmt in ("csv", "tsv"):
            table.delimiter = _delimiter(path, chosen, fmt)
        table.headers = _headers(table)
        if fmt in ("csv", "tsv") and not any(table.headers):  # a byte-order mark, blank lines: no header row
            raise InputError("exchange.empty_file", file=_shown(name))
        return table
    except BaseException:
        if spooled:
            path.unlink(missing_ok=True)
        raise


def _shown(name: str) -> str:
    return "standard input" if name == "-" else name


def _spool(stream: IO[bytes]) -> Path:
    handle, name = tempfile.mkstemp(prefix="zizhi-import-")
    with os.fdopen(handle, "wb") as out:
        shutil.copyfileobj(stream, out, _CHUNK)
    return Path(name)


def _format(name: str, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError("input.not_one_of", field="format", value=fmt, allowed=", ".join(FORMATS))
        return fmt
    if name == "-":
        raise InputError("exchange.format_needed", file=name, allowed=", ".join(FORMATS))
    found = _SUFFIXES.get(Path(name).suffix.lower())
    if found is None:
        raise InputError("exchange.format_unknown", file=name, allowed=", ".join(FORMATS))
    return found


def _encoding(name: str, path: Path, wanted: str | None) -> tuple[str, int]:
    """The file's encoding by the rule (see the module), every byte of it checked, and its lines."""
    if wanted is not None:
        try:
            codec = codecs.lookup(wanted).name
        except LookupError:
            raise InputError("exchange.encoding_unknown", value=wanted) from None
        return codec, _check(name, path, codec)
    with path.open("rb") as stream:
        start = stream.read(3)
    if start == codecs.BOM_UTF8:
        return "utf-8-sig", _check(name, path, "utf-8-sig")
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Excel's "Unicode Text": UTF-16 LE
        return "utf-16", _check(name, path, "utf-16")
    for codec in ENCODINGS:
        try:
            return codec, _check(name, path, codec)
        except InputError:
            continue
    raise InputError("exchange.encoding_unreadable", file=name)


def _check(name: str, path: Path, codec: str) -> int:
    """Decode the whole file strictly, a chunk at a time; the first bad byte names its line.
    Returns how many line breaks it has."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    wide = codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))  # a 0x0A byte may be half a character
    lines = 1
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                before = chunk[:max(exc.start, 0)]
                line = lines + (before.decode(codec, errors="ignore").count("\n") if wide else before.count(b"\n"))
                raise InputError("exchange.not_in_encoding", file=name, line=line, encoding=codec) from None
            lines += text.count("\n") if wide else chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError("exchange.not_in_encoding", file=name, line=lines, encoding=codec) from None
    return lines - 1  # its line breaks: as many lines as a file ending in one has


def _delimiter(path: Path, encoding: str, fmt: str) -> str:
    """Sniffed from the start of the file among , ; tab and |; else the one the header row holds
    most of (a quoted line break can puzzle the sniffer); else the format's own."""
    with path.open(encoding=encoding, newline="") as stream:
        sample = stream.read(_SNIFF)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample.strip() else ""
        counts = {mark: header.count(mark) for mark in ",;\t|"}
        best = max(counts, key=counts.get)
        return best if counts[best] else "\t" if fmt == "tsv" else ","


def _headers(table: Table) -> list[str]:
    if table.format == "xlsx":
        from zizhi.core.exchange.workbook import headers

        return headers(table.path, table.name)
    if table.format in ("csv", "tsv"):
        with table.path.open(encoding=table.encoding, newline="") as stream:
            first = next(csv.reader(stream, delimiter=table.delimiter), None)
        return [cell.strip() for cell in first or []]
    for row in table.rows():
        return list(row.cells)
    return []


def _csv_rows(table: Table) -> Iterator[Row]:
    with table.path.open(encoding=table.encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=table.delimiter)
        try:
            header = [cell.strip() for cell in next(reader)]
        except StopIteration:
            return
        start = reader.line_num + 1
        try:
            for cells in reader:
                if any(cell.strip() for cell in cells):  # Excel's blank lines at the end
                    yield Row(start, _cells(table, start, header, cells))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError("exchange.csv_broken", file=table.name, line=start, detail=str(exc)) from None


def _cells(table: Table, line: int, header: list[str], cells: list[str]) -> dict[str, str]:
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
        raise InputError("exchange.too_many_cells", file=table.name, line=line, count=len(cells),
                         columns=len(header))
    return dict(zip(header, map(restore, cells)))


def _jsonl_rows(table: Table) -> Iterator[Row]:
    with table.path.open(encoding=table.encoding) as stream:
        for line, text in enumerate(stream, start=1):
            if text.strip():
                yield Row(line, _record(table, line, text))


def _json_rows(table: Table) -> Iterator[Row]:
    with table.path.open(encoding=table.encoding) as stream:
        try:
            data = json.load(stream)
        except json.JSONDecodeError as exc:
            raise InputError("exchange.json_broken", file=table.name, line=exc.lineno, detail=exc.msg) from None
    if not isinstance(data, list):
        raise InputError("exchange.json_not_list", file=table.name)
    for place, item in enumerate(data, start=1):
        yield Row(place, _fields(table, place, item))


def _record(table: Table, line: int, text: str) -> dict[str, str]:
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("exchange.json_broken", file=table.name, line=line, detail=exc.msg) from None
    return _fields(table, line, item)


def _fields(table: Table, line: int, item: object) -> dict[str, str]:
    """A JSON object as text cells: numbers as written (a phone's leading zero needs a string)."""
    if not isinstance(item, dict):
        raise InputError("exchange.json_not_object", file=table.name, line=line)
    return {str(key): _text(value) for key, value in item.items()}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(part) for part in value)
    return str(value)
