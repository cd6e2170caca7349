"""What the benchmark scripts share (each runs as `python bench/NAME.py`, so this folder is on the path)."""

from __future__ import annotations

import sqlite3


def first_admin(path: str) -> str:
    """The login to act as: the file's first admin, read without opening a desk."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    row = conn.execute("SELECT login FROM users WHERE role = 'admin' AND active ORDER BY id").fetchone()
    conn.close()
    if not row:
        raise SystemExit(f"{path}: no admin user; build it with bench/build_db.py")
    return row[0]
