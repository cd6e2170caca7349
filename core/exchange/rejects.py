"""The rows an import refused, written back in the file's own format with the reason beside each,
ready to mend and import again (``--skip-invalid``): CSV or TSV in the same encoding and
delimiter with a ``错误原因`` (or ``error``) column, JSON or JSON Lines with an ``error`` field;
a workbook's as a CSV that Excel opens (UTF-8 with a byte-order mark).

Every column of the file is kept — those left out with ``--map 'X=-'`` too — so the mended file
imports with the same ``--map`` (the reason column is left out by itself). A CSV cell a
spreadsheet would run as a formula is written after a ``'``, as an export writes it."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from zizhi.core.errors import InputError
from zizhi.core.exchange.columns import REASON_HEADERS
from zizhi.core.exchange.formulas import neutral
from zizhi.core.exchange.source import Table


def target(table: Table, given: Path | None) -> Path:
    """Where the refused rows go, checked before anything is imported: ``given`` (a new file in a
    folder that exists), else beside the input — leads.csv → leads.errors.csv, or leads.errors-2.csv
    when that one is there already (it may hold yesterday's rows, mended by hand). A workbook's go to
    a CSV (UTF-8 with a BOM, which Excel opens as it is); standard input's to ./import.errors.csv.
    A folder Zizhi may not write in is refused here too, so no import runs whose refused rows
    would have nowhere to go."""
    if given is not None:
        from zizhi.core.paths import guard_target

        guard_target(given, "--errors")
        if given.is_dir():
            raise InputError("exchange.errors_is_folder", file=str(given))
        if not given.parent.is_dir():
            raise InputError("exchange.errors_no_folder", file=str(given))
        if given.exists():
            raise InputError("exchange.errors_exists", file=str(given))
        return _writable(given)
    kind = "csv" if table.format == "xlsx" else table.format
    source = Path(f"import.{kind}") if table.name == "-" else Path(table.name)
    suffix = ".csv" if table.format == "xlsx" else source.suffix or f".{kind}"
    found, n = source.with_name(f"{source.stem}.errors{suffix}"), 1
    while found.exists():
        n += 1
        found = source.with_name(f"{source.stem}.errors-{n}{suffix}")
    return _writable(found)


def _writable(path: Path) -> Path:
    """``path`` once a file could be made beside it: the temporary file :func:`write` makes there,
    made and removed again (asking the permissions instead would be wrong for root, ACLs, a
    read-only mount)."""
    probe = path.with_name(f".{path.name}.tmp")
    left = probe.exists()  # a killed run's: written over anyway
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as exc:
        raise InputError("exchange.errors_unwritable", file=str(path), reason=exc.strerror or str(exc)) from None
    if not left:
        probe.unlink(missing_ok=True)
    return path


def write(table: Table, errors: list[dict], path: Path) -> int:
    """Write each refused row once, its reasons joined; returns how many rows were written."""
    rows: dict[int, tuple[dict, list[str]]] = {}
    for error in errors:
        cells, reasons = rows.setdefault(error["line"], (error["cells"], []))
        reasons.append(error["reason"])
    column = REASON_HEADERS[0] if any(_chinese(header) for header in table.headers) else REASON_HEADERS[1]
    temporary = path.with_name(f".{path.name}.tmp")
    if table.format in ("csv", "tsv", "xlsx"):
        with temporary.open("w", encoding=table.encoding or "utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=table.delimiter or ",")
            writer.writerow([*table.headers, column])
            for cells, reasons in rows.values():
                writer.writerow([*(neutral(cells.get(header, "")) for header in table.headers), "；".join(reasons)])
    else:
        records = [{**cells, column: "；".join(reasons)} for cells, reasons in rows.values()]
        with temporary.open("w", encoding="utf-8") as out:
            if table.format == "jsonl":
                out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
            else:
                json.dump(records, out, ensure_ascii=False, indent=2)
    os.replace(temporary, path)
    return len(rows)


def _chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def keeping(table: Table, skip_invalid: bool, given: Path | None, importing) -> dict:
    """Run ``importing()`` (an import of ``table``; returns its report) and, with ``skip_invalid``,
    write the rows it refused to their file (:func:`target`, checked first), named in the report as
    ``errors_file`` — the same for the CLI's --skip-invalid and the app's "import the good rows"."""
    path = target(table, given) if skip_invalid else None  # a bad place stops it before it writes
    report = importing()
    if report["errors"] and path is not None and not report["dry_run"]:
        report["errors_file"] = str(path)
        write(table, report["errors"], path)
    return report
