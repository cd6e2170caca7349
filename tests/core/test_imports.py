"""The core is a library: a cron command pays only for what it uses, never for Textual or Typer.

(click comes in with sqlite-utils, so it is not on the list; rich would mean a UI leaked in.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert imported_ui("core.clients, core.search, core.interactions, core.people") == []


@pytest.mark.parametrize("module", sorted(p.stem for p in (ROOT / "core").glob("*.py")))
def test_no_core_module_imports_a_user_interface(module):
    assert imported_ui(f"core.{module}") == []


def test_opening_a_desk_imports_no_user_interface(tmp_path):
    code = f"""
from core.desk import open_desk
open_desk(db={str(tmp_path / 'zizhi.db')!r}, as_user='boss', lang='en')
"""
    probe = code + PROBE.format(modules="core.search")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=True, env={"ZIZHI_CONFIG": str(tmp_path / "cfg"), "PATH": ""})
    assert json.loads(result.stdout) == []
