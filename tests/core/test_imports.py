"""The core is a library: a cron command pays only for what it uses, never for Textual or Typer.

(click comes in with sqlite-utils, so it is not on the list; rich would mean a UI leaked in.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
import {modules}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'typer', 'rich'))))
"""


def imported_ui(modules: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(modules=modules)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_the_client_modules_import_no_user_interface():
    assert imported_ui("zizhi.core.clients.records, zizhi.core.clients.search, "
                       "zizhi.core.clients.interactions, zizhi.core.people.users") == []


CORE_MODULES = sorted(".".join(("zizhi", *p.relative_to(ROOT).with_suffix("").parts)).removesuffix(".__init__")
                      for p in (ROOT / "core").rglob("*.py"))


def test_all_core_modules_import_no_user_interface():
    """One process for all of them: a UI leaking into any core module shows up here."""
    assert imported_ui(", ".join(CORE_MODULES)) == []


def test_opening_a_desk_imports_no_user_interface(tmp_path):
    code = f"""
from zizhi.core.desk import open_desk
open_desk(db={str(tmp_path / 'zizhi.db')!r}, lang='en', create=True)
"""
    probe = code + PROBE.format(modules="zizhi.core.clients.search")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=True, env={"ZIZHI_CONFIG": str(tmp_path / "cfg"), "PATH": ""})
    assert json.loads(result.stdout) == []
