"""The README's commands as written: the test command is the one .ci/run runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _first_bash_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block, "README.md has no ```bash block"
    return block.group(1).strip().splitlines()


def test_ci_runs_the_readme_test_command_and_needs_no_npm():
    test_command = _first_bash_block()[1]
    assert test_command == 'pip install -e ".[test]" && python -m pytest -q'
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
    assert "npm" not in ci.replace("no npm", "")
    for pkg in ("chromium", "chromium-driver", "gdal-bin"):
        assert f"need+=({pkg})" in ci
    assert not (ROOT / "package.json").exists()
