"""Document numbers from a configured pattern: contracts (ZZ-2026-0001) and invoices (FP202600001).

Numbered per year from 1; a number already taken — under an older pattern, or one typed by hand
into the file — is skipped. Called inside the caller's unit of work, so two clerks never get the
same number.
"""

from __future__ import annotations

NUMBERED = ("contracts", "invoices")  # the tables with ``year``, ``seq`` and ``number`` columns


def next_number(db, table: str, pattern: str, year: int) -> tuple[int, str]:
    """The year's next sequence in ``table`` and its number by ``pattern`` ({year}, {seq})."""
    if table not in NUMBERED:
        raise ValueError(table)
    seq = db.execute(f"SELECT coalesce(max(seq), 0) FROM {table} WHERE year = ?", [year]).fetchone()[0]
    while True:
        seq += 1
        number = pattern.format(year=year, seq=seq)
        if not db.execute(f"SELECT 1 FROM {table} WHERE number = ?", [number]).fetchone():
            return seq, number
