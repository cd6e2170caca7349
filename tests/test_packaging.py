"""Installing Zizhi puts one import package, ``zizhi``, into site-packages — nothing generic like
``core`` or ``config`` that would collide with another distribution."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("core", "commands", "tui", "config")


def test_every_package_folder_is_installed_under_zizhi():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {"zizhi." + ".".join(init.parent.relative_to(ROOT).parts)
               for layer in LAYERS for init in (ROOT / layer).rglob("__init__.py")}
    assert folders - listed == set(), "add these to [tool.setuptools] packages"


def test_the_wheel_holds_only_zizhi_at_the_top(tmp_path):
    source = tmp_path / "source"  # a copy, so the build leaves nothing behind in the checkout
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "*.db"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(source)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("zizhi-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"zizhi"}
    for shipped in ("zizhi/config/catalogue.toml", "zizhi/tui/styles/app.tcss", "zizhi/core/pipeline/deals.py"):
        assert shipped in names
