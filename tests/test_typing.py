"""The package type-checks: ``python -m mypy geo_events`` (settings in pyproject.toml) is clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_geo_events_is_clean():
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    result = subprocess.run([sys.executable, "-m", "mypy", "geo_events"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, (
        f"mypy geo_events exited {result.returncode}:\n{result.stdout}{result.stderr}")
