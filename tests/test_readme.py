"""The README as written: its test command is the one .ci/run runs, and its Python snippets run
(with the spaCy pipeline geo_events installs; ``en_core_web_sm`` is not needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def _python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_readme_needs_no_model_that_is_not_installed_with_geo_events():
    for block in _python_blocks():
        assert 'spacy.load("en_core_web_sm")' not in block


@pytest.mark.integration
@pytest.mark.parametrize("index", range(len(_python_blocks())))
def test_readme_python_snippet_runs_as_written(index, monkeypatch):
    """Each ```python block of the README, run from the repository root as a reader would."""
    monkeypatch.chdir(ROOT)
    block = _python_blocks()[index]
    namespace: dict[str, object] = {"__name__": f"readme_snippet_{index}"}
    exec(compile(block, f"README.md python block {index + 1}", "exec"), namespace)
