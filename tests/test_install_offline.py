"""Acceptance: a plain ``pip install .`` then the README's first command gives a map that renders
with the network blocked (marker ``browser``, ``slow``).

A fresh virtual environment gets the product by ``pip install .`` (a built wheel, not editable,
no npm, no asset script) from a copy of this checkout. To stay within CI's time it sees the
already installed dependencies (``--system-site-packages`` plus the running environment's
site-packages), so pip finds them satisfied and installs geo_events itself; the test checks that
the command then runs the installed copy, not this checkout. The README's first command is read
from the README (so the two cannot drift) and run in that environment, and the page is opened in
headless Chromium with every network request refused: Leaflet must have rendered and the
flagship report's places (Lyman, Lysychansk) must be on the map.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from browser.chromium import chromium_available, console_errors, external_requests, open_map

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser, pytest.mark.slow]
_skip = chromium_available()
if _skip:
    pytestmark.append(pytest.mark.skip(reason=_skip))


def readme_first_command() -> str:
    """The first line of the README's first ``bash`` block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block, "README.md has no ```bash block"
    return block.group(1).strip().splitlines()[0]


def _copy_checkout(dest: Path) -> Path:
    """This checkout's files (tracked and new, not ignored) copied to ``dest``, as a clone has."""
    proc = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                          capture_output=True, check=False)
    if proc.returncode != 0:  # not a git checkout (an sdist): copy the tree as it is
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
        return dest
    for rel in proc.stdout.decode().split("\0"):
        src = ROOT / rel
        if rel and src.is_file() and not src.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _fresh_venv(path: Path) -> Path:
    """A new venv that sees the installed dependencies but has no geo_events of its own."""
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(path)],
                   check=True, capture_output=True, timeout=300)
    python = path / "bin" / "python"
    # When the tests run inside a venv, its packages are not the base's "system" ones: add them
    # after the new venv's own site-packages (so the copy installed there wins).
    site_dirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    new_site = subprocess.run([str(python), "-c", "import sysconfig; "
                               "print(sysconfig.get_paths()['purelib'])"],
                              check=True, capture_output=True, text=True).stdout.strip()
    lines = [f"import site; site.addsitedir({d!r})" for d in sorted(site_dirs) if d != new_site]
    Path(new_site, "zz_geo_events_test_parent.pth").write_text("\n".join(lines) + "\n")
    return python


@pytest.fixture(scope="module")
def installed_map(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("install")
    clone = _copy_checkout(work / "clone")
    python = _fresh_venv(work / "venv")
    command = readme_first_command()
    assert command.startswith("pip install . && geo-events map "), command
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["GEO_EVENTS_NO_PROGRESS"] = "1"
    proc = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=1200)
    assert proc.returncode == 0, (
        f"{command!r} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    where = subprocess.run([str(python), "-c", "import geo_events; print(geo_events.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert str(work / "venv") in where.stdout, f"not the installed copy: {where.stdout}"
    assert not (Path(where.stdout.strip()).parent / "_assets").exists()
    out = shlex.split(command)[-1]
    return clone / out


def test_readme_first_command_after_pip_install_renders_offline(installed_map, driver):
    html = installed_map.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "tile.openstreetmap" not in html
    name = open_map(driver, installed_map, wait_s=10.0)
    assert driver.execute_script("return typeof window.L") == "object"
    assert driver.execute_script("return document.querySelectorAll('.leaflet-pane').length")
    shown = driver.execute_script(
        "const api = window.geoEventsMaps[arguments[0]];"
        "return api.markers.filter(m => m.shown).map(m => m.item.name);", name)
    assert {"Lyman", "Lysychansk"} <= set(shown), shown
    drawn = driver.execute_script(
        "return document.querySelectorAll('path.leaflet-interactive').length")
    assert drawn >= len(shown)
    assert external_requests(driver) == []
    assert console_errors(driver) == []
