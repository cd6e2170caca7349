"""Rows leaving Zizhi as a file Excel opens cleanly: CSV (UTF-8 with a byte-order mark, so Excel
shows the Chinese — also when UTF-8 is asked for by name; GBK on request), an Excel workbook, or JSON.

A CSV cell a spreadsheet would run as a formula is written so it does not (:mod:`.formulas`);
a workbook holds text as text, never as a formula, so its cells are written as they are — and
numbers as numbers (money, a ``Decimal`` of yuan, with two decimals), so the sheet adds them up.

The file is written beside its destination and renamed over it once whole; a value the chosen
encoding cannot hold (a rare character in GBK) stops it with the row and column, leaving nothing.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import IO, Iterable

from zizhi.core.errors import InputError
from zizhi.core.exchange.formulas import neutral

FORMATS = ("csv", "xlsx", "json")


def encoding(fmt: str, wanted: str | None) -> str | None:
    """The encoding a CSV is written in: ``wanted`` as Python names it, UTF-8 always with its
    byte-order mark (without it Excel reads UTF-8 as the system's code page: mojibake); an
    encoding that does not exist is refused before anything is written."""
    if wanted is None:
        return None
    if fmt != "csv":
        raise InputError("exchange.encoding_csv_only", format=fmt)
    try:
        codec = codecs.lookup(wanted).name
    except LookupError:
        raise InputError("exchange.encoding_unknown", value=wanted) from None
    return "utf-8-sig" if codec in ("utf-8", "utf-8-sig") else wanted


def write(destination: Path | None, fmt: str, headers: list[str], rows: Iterable[list[str | None]],
          encoding: str | None = None, stdout: IO[bytes] | None = None) -> int:
    """Write ``rows`` under ``headers`` to ``destination`` (None: ``stdout``); returns how many."""
    if fmt not in FORMATS:
        raise InputError("input.not_one_of", field="format", value=fmt, allowed=", ".join(FORMATS))
    if encoding is not None and fmt != "csv":
        raise InputError("exchange.encoding_csv_only", format=fmt)
    if destination is not None:
        from zizhi.core.paths import guard_target

        guard_target(destination, "-o")
    folder = destination.parent if destination is not None else None
    try:
        handle, name = tempfile.mkstemp(prefix=".zizhi-export-", dir=folder)
    except OSError as exc:  # a folder this account may not write in: said before anything is read
        raise InputError("exchange.out_unwritable", file=str(destination or folder),
                         reason=exc.strerror or str(exc)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        count = _WRITERS[fmt](temporary, headers, rows, encoding)
        if destination is None:
            with temporary.open("rb") as written:
                _copy(written, stdout)
        else:
            os.replace(temporary, destination)
        return count
    finally:
        temporary.unlink(missing_ok=True)


def _csv(path: Path, headers: list[str], rows: Iterable[list], encoding: str | None) -> int:
    codec = encoding or "utf-8-sig"
    count = 0
    with path.open("w", encoding=codec, errors="strict", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        for count, row in enumerate(rows, start=1):
            cells = ["" if cell is None else str(cell) if isinstance(cell, (int, Decimal)) else neutral(str(cell))
                     for cell in row]  # a number is no formula: -5.00 stays a number
            try:
                writer.writerow(cells)
            except UnicodeEncodeError as exc:
                column = next((h for h, c in zip(headers, cells) if _fails(c, codec)), "?")
                raise InputError("exchange.not_encodable", row=count + 1, column=column, encoding=codec,
                                 character=exc.object[exc.start:exc.end]) from None
    return count


def _fails(cell: str, codec: str) -> bool:
    try:
        cell.encode(codec)
    except UnicodeEncodeError:
        return True
    return False


def _xlsx(path: Path, headers: list[str], rows: Iterable[list], encoding: str | None) -> int:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, headers)
    money = book.add_format({"num_format": "0.00"})
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            if isinstance(cell, Decimal):  # yuan: a number the sheet adds up, shown with its fen
                sheet.write_number(count, column, float(cell), money)
            elif isinstance(cell, int) and not isinstance(cell, bool):
                sheet.write_number(count, column, cell)
            elif cell not in (None, ""):
                sheet.write_string(count, column, str(cell))
    book.close()
    return count


def _json(path: Path, headers: list[str], rows: Iterable[list], encoding: str | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for count, row in enumerate(rows, start=1):
            out.write(("," if count > 1 else "") + "\n  " + json.dumps(dict(zip(headers, row)), ensure_ascii=False,
                                                                         default=str))  # yuan as "1431.00", exact
        out.write("\n]\n" if count else "]\n")
    return count


def _copy(source: IO[bytes], target: IO[bytes] | None) -> None:
    import shutil
    import sys

    target = target or sys.stdout.buffer
    shutil.copyfileobj(source, target)
    target.flush()


_WRITERS = {"csv": _csv, "xlsx": _xlsx, "json": _json}
