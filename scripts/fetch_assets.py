"""Fetch the browser assets that ``--offline`` maps inline (Leaflet, Leaflet.markercluster).

Installs the versions pinned in ``package.json``/``package-lock.json`` from the npm registry
into ``node_modules/`` and copies the files the maps use into ``geo_events/_assets/`` (both are
gitignored: third-party code is never committed). Safe to run repeatedly; ``.ci/run`` calls it.

Usage: ``python scripts/fetch_assets.py [--dest DIR]`` from anywhere (paths are resolved from
this file). Needs ``npm`` (Debian: ``apt-get install npm``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: npm package -> files of its ``dist/`` folder to copy (CSS images included).
FILES = {
    "leaflet": ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                "images/marker-icon.png", "images/marker-icon-2x.png",
                "images/marker-shadow.png", "../LICENSE"],
    "leaflet.markercluster": ["leaflet.markercluster.js", "MarkerCluster.css",
                              "MarkerCluster.Default.css", "../MIT-LICENCE.txt"],
}


def _installed_ok() -> bool:
    wanted = json.loads((ROOT / "package.json").read_text())["dependencies"]
    for name, version in wanted.items():
        manifest = ROOT / "node_modules" / name / "package.json"
        if not manifest.is_file() or json.loads(manifest.read_text())["version"] != version:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "geo_events" / "_assets")
    args = parser.parse_args(argv)
    if not _installed_ok():
        npm = shutil.which("npm")
        if npm is None:
            print("fetch_assets: npm not found; install it (Debian: apt-get install npm)",
                  file=sys.stderr)
            return 2
        lock = (ROOT / "package-lock.json").is_file()
        cmd = [npm, "ci" if lock else "install", "--ignore-scripts", "--no-audit", "--no-fund"]
        subprocess.run(cmd, cwd=ROOT, check=True)
    for package, files in FILES.items():
        src_dir = ROOT / "node_modules" / package / "dist"
        for rel in files:
            src = (src_dir / rel).resolve()
            if not src.is_file():  # licence file names differ between releases
                continue
            dst = args.dest / package / Path(rel).name if rel.startswith("..") else (
                args.dest / package / rel)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    print(f"fetch_assets: assets ready in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
