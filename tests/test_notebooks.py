"""The notebooks in notebooks/ run top to bottom and show what they promise.

Each notebook is executed with nbclient in a ``python3`` Jupyter kernel, with ``notebooks/`` as the
working directory (the notebooks use paths relative to it) and the checkout on ``PYTHONPATH``.
The executed copy stays in memory: committed notebooks carry no outputs (the corpus notebook's
outputs would hold rows of the shared ACLED files, which must not enter the repository).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_dir

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

pytestmark = [pytest.mark.notebook, pytest.mark.integration]

NOTEBOOKS = REPO / "notebooks"
KERNEL = "python3"
#: Seconds one cell may run (the first gazetteer build alone takes about 30 s).
CELL_TIMEOUT_S = 600
#: ACLED Ukraine exports the corpus notebook imports when present (never copied into the repo).
ACLED_DIR = Path("benchmarks") / "events" / "acled_ukraine"


@pytest.fixture(scope="module")
def kernel_name() -> str:
    """The ``python3`` kernel, registered for this interpreter when Jupyter does not know it."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL not in KernelSpecManager().find_kernel_specs():
        from ipykernel.kernelspec import install

        install(user=True, kernel_name=KERNEL)
    return KERNEL


def execute(name: str, kernel_name: str, monkeypatch: pytest.MonkeyPatch,
            env: dict[str, str] | None = None):
    """Run ``notebooks/<name>`` in a fresh kernel; return the executed notebook.

    nbclient raises ``CellExecutionError`` (naming the cell and the traceback) when a cell
    raises, so a returned notebook ran every cell without an error.
    """
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    # The kernel inherits this process's environment: the checkout must be importable there.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p))
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name=kernel_name,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


def outputs_text(nb) -> str:
    """Every text and HTML output of the executed notebook, concatenated."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"cell raised: {out.get('ename')}"
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            for mime in ("text/plain", "text/html"):
                value = out.get("data", {}).get(mime)
                if value:
                    parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def html_outputs(nb) -> list[str]:
    return [out["data"]["text/html"] for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if "text/html" in out.get("data", {})]


def test_committed_notebooks_have_no_outputs():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.get("outputs"), f"{path.name}: clear the outputs before committing"
                assert cell.get("execution_count") is None, f"{path.name}: clear execution counts"


def test_flagship_notebook(kernel_name, monkeypatch):
    nb = execute("flagship.ipynb", kernel_name, monkeypatch)
    text = outputs_text(nb)
    # Lyman resolved to the Donetsk-oblast town, and it changes hands to Ukraine.
    assert "704204" in text
    assert "Lyman (geonameid 704204) on 2022-09-26: unknown" in text
    # the withdrawal happened "over the weekend" (1-2 October)
    assert re.search(r"Lyman \(geonameid 704204\) on 2022-10-03: UA since 2022-10-0[12]", text)
    # The override carried through to the events: Lyman is then another town.
    override = next(c for c in nb.cells if "what_if = extract_from_parsed" in c.source)
    shown = outputs_text(nbformat.v4.new_notebook(cells=[override]))
    assert "Lyman" in shown and "704204" not in shown
    # Annexation claims are listed apart, for the four oblasts.
    claims = next(c for c in nb.cells if "timeline.claims_at(" in c.source)
    shown = outputs_text(nbformat.v4.new_notebook(cells=[claims]))
    for admin1 in ("UA.05", "UA.08", "UA.14", "UA.26"):  # Donetsk, Kherson, Luhansk, Zaporizhzhia
        assert f"adm1:{admin1}" in shown
    # Both maps displayed inline: folium's iframe with the geo_events page inside.
    maps = [h for h in html_outputs(nb) if "<iframe" in h and "Leaflet" in h]
    assert len(maps) == 2, "expected the places map and the control map inline"
    assert "704204" in maps[1] or "gn:704204" in maps[1]
    # Exports written and read back.
    for what in ("geojson", "gpkg", "acled-csv", "features in the GeoJSON, EPSG:4326",
                 "Non-violent transfer of territory"):
        assert what in text, what


@pytest.mark.evaluation
def test_corpus_notebook_with_acled(kernel_name, monkeypatch):
    if not (shared_dir() / ACLED_DIR).is_dir():
        pytest.skip(f"ACLED exports not available: {shared_dir() / ACLED_DIR} does not exist")
    nb = execute("corpus.ipynb", kernel_name, monkeypatch)
    text = outputs_text(nb)
    assert "Importing ACLED exports from" in text
    assert "events added:" in text
    assert "capture" in text and "recapture" in text
    assert "admin1_code" in text  # the roll-up table
    maps = [h for h in html_outputs(nb) if "<iframe" in h and "Leaflet" in h]
    assert len(maps) == 1


def test_corpus_notebook_without_shared_data(kernel_name, monkeypatch, tmp_path):
    """Where ../shared is absent the notebook says so and runs on the examples/ corpus."""
    nb = execute("corpus.ipynb", kernel_name, monkeypatch,
                 env={"GEO_EVENTS_SHARED": str(tmp_path / "no-shared")})
    text = outputs_text(nb)
    assert "not available" in text and "examples" in text
    assert "704204" in text  # Lyman from the flagship example
    maps = [h for h in html_outputs(nb) if "<iframe" in h and "Leaflet" in h]
    assert len(maps) == 1
