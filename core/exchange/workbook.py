"""An Excel workbook's first sheet as rows of text, read with python-calamine (a Rust reader: a
100,000-row sheet in well under the time openpyxl takes).

Excel keeps numbers as floating point and calamine hands them over so: a whole number comes back
as 13812345678.0, and is written back as 13812345678; any other number as the shortest text that
is that float (1800.5), so a money cell that is not exact in binary (0.30000000000000004) is
refused by the money rule rather than rounded in silence. Dates become ISO dates. A phone number
typed as a number has already lost its leading zero in Excel: the phone rule says so. A number of
more than 15 digits (a bank slip's, typed as a number) has lost its last digits in Excel: it comes
as 2.026120212345679e+16, which no rule takes for a number it knows (:func:`digits_lost`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from zizhi.core.errors import InputError

_EXACT = 10 ** 15  # Excel keeps 15 digits: a longer number typed into a cell has lost the rest


def rows(path: Path, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The first sheet's rows after its header row: (its row number as Excel shows it, cells by header)."""
    sheet = _sheet(path, name)
    first = (sheet.start or (0, 0))[0] + 1  # the sheet's first used row, 1-based
    header: list[str] | None = None
    for offset, cells in enumerate(sheet.iter_rows()):
        texts = [text(cell) for cell in cells]
        if header is None:
            header = [cell.strip() for cell in texts]
            continue
        if any(cell.strip() for cell in texts):
            yield first + offset, dict(zip(header, texts))


def headers(path: Path, name: str) -> list[str]:
    for cells in _sheet(path, name).iter_rows():
        return [text(cell).strip() for cell in cells]
    return []


def text(cell: object) -> str:
    """A cell as the text a person typed (see the module)."""
    if cell is None or cell == "":
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < _EXACT else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ") if cell.time() != dt.time() else cell.date().isoformat()
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    if isinstance(cell, dt.timedelta):
        return str(cell)
    return str(cell)


def _sheet(path: Path, name: str):
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError("exchange.xlsx_unreadable", file=name, detail=str(exc).splitlines()[0]) from None


def digits_lost(text: str) -> bool:
    """True for what :func:`text` makes of a number Excel cut to 15 digits (2.026120212345679e+16)."""
    import re

    return re.fullmatch(r"-?\d(\.\d+)?e\+\d+", text.strip()) is not None
