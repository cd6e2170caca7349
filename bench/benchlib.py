"""What the benchmark scripts share (each runs as `python bench/NAME.py`, so this folder is on the path)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable


def steady_environment(prefix: str) -> Path:
    """Children run as on a person's machine after the first start: compiled modules cached (in a
    folder of ours, even where ``PYTHONDONTWRITEBYTECODE`` is set) and the configuration's checked
    values kept in a state folder (``ZIZHI_STATE``) that no other checkout on the machine overwrites.
    Returns the folder, for the caller to remove."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    os.environ["ZIZHI_STATE"] = str(folder / "state")
    return folder


def first_admin(path: str) -> str:
    """The login to act as: the file's first admin, read without opening a desk."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    row = conn.execute("SELECT login FROM users WHERE role = 'admin' AND active ORDER BY id").fetchone()
    conn.close()
    if not row:
        raise SystemExit(f"{path}: no admin user; build it with bench/build_db.py")
    return row[0]


def app_bench_options(doc: str, child: Callable[[str, str | None], None] | None = None
                      ) -> tuple[argparse.Namespace, str] | None:
    """The command line the app benches share (PATH, --runs, --as); a ``--child`` run — the app
    process a bench times — is handed to ``child`` and None returned. A bench whose app process
    is a script of its own passes no ``child``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as", dest="login", default=None, help="acting user (default: the first admin)")
    if child:
        parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if child and args.child:
        child(args.path, args.login)
        return None
    return args, args.login or first_admin(args.path)
