"""User boundary files and optional downloads (against a local HTTP server, never the internet)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading

import geopandas as gpd
import pytest
import shapely

from geo_events.boundaries import fetch, fetch_boundaries, load_boundary_file
from geo_events.boundaries.downloads import registry_entry
from geo_events.errors import BoundaryFileError, DownloadError, InputError


def _squares(crs="EPSG:4326", **columns) -> gpd.GeoDataFrame:
    geoms = [shapely.box(30, 48, 31, 49), shapely.box(31, 48, 32, 49)]
    return gpd.GeoDataFrame(columns, geometry=geoms, crs=crs)


def test_geojson_with_shapename(tmp_path):
    path = tmp_path / "raions.geojson"
    _squares(shapeName=["Alpha", "Beta"], shapeID=["A1", "B2"]).to_file(path, driver="GeoJSON")
    frame = load_boundary_file(path)
    assert list(frame["name"]) == ["Alpha", "Beta"]
    assert list(frame["place_id"]) == ["adm2:raions:A1", "adm2:raions:B2"]  # shapeID
    assert set(frame["level"]) == {"admin2"} and "shapeID" in frame.columns
    assert frame.crs.to_epsg() == 4326
    assert frame.attrs["name_column"] == "shapeName"


def test_gpkg_in_web_mercator_is_reprojected(tmp_path):
    path = tmp_path / "units.gpkg"
    _squares(NAME_2=["Alpha", "Beta"]).to_crs(3857).to_file(path, driver="GPKG")
    frame = load_boundary_file(path, level="region", set_name="My Units")
    assert frame.crs.to_epsg() == 4326
    minx, _, _, maxy = frame.total_bounds
    assert abs(minx - 30) < 1e-6 and abs(maxy - 49) < 1e-6
    assert frame["place_id"].iloc[0] == "region:my-units:0"
    assert "3857" in frame.attrs["source_crs"]


def test_explicit_name_column_and_missing_one(tmp_path):
    path = tmp_path / "units.geojson"
    _squares(label_uk=["Альфа", "Бета"], code=[1, 2]).to_file(path, driver="GeoJSON")
    frame = load_boundary_file(path, name_column="label_uk", code_column="code")
    assert list(frame["name"]) == ["Альфа", "Бета"]
    assert list(frame["place_id"]) == ["adm2:units:1", "adm2:units:2"]
    with pytest.raises(BoundaryFileError, match="cannot tell which column") as err:
        load_boundary_file(path)
    assert "label_uk" in str(err.value) and "code" in str(err.value)
    with pytest.raises(BoundaryFileError, match="no column 'nom'"):
        load_boundary_file(path, name_column="nom")


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
def test_shapefile_without_crs_is_refused(tmp_path):
    path = tmp_path / "nocrs.shp"
    _squares(crs=None, name=["Alpha", "Beta"]).to_file(path)
    assert not path.with_suffix(".prj").exists()
    with pytest.raises(BoundaryFileError, match="no CRS") as err:
        load_boundary_file(path)
    assert "nocrs.shp" in str(err.value)


def test_invalid_geometry_is_repaired(tmp_path):
    bowtie = shapely.Polygon([(30, 48), (31, 49), (31, 48), (30, 49), (30, 48)])
    assert not bowtie.is_valid
    path = tmp_path / "bowtie.gpkg"
    gpd.GeoDataFrame({"name": ["Bow"]}, geometry=[bowtie], crs=4326).to_file(path)
    frame = load_boundary_file(path)
    assert frame.attrs["repaired"] == 1
    assert frame.geometry.is_valid.all() and frame.geometry.iloc[0].area > 0.4
    assert frame.geom_type.iloc[0] == "MultiPolygon"


def test_text_file_pretending_to_be_gpkg(tmp_path):
    path = tmp_path / "fake.gpkg"
    path.write_text("this is not a GeoPackage\n")
    with pytest.raises(BoundaryFileError, match=r"fake\.gpkg") as err:
        load_boundary_file(path)
    assert "not a vector file" in str(err.value)


def test_points_and_missing_files_are_refused(tmp_path):
    path = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["p"]}, geometry=[shapely.Point(30, 48)], crs=4326).to_file(
        path, driver="GeoJSON")
    with pytest.raises(BoundaryFileError, match="must be polygons"):
        load_boundary_file(path)
    with pytest.raises(BoundaryFileError, match="no such file"):
        load_boundary_file(tmp_path / "absent.gpkg")


def test_geoparquet(tmp_path):
    path = tmp_path / "units.parquet"
    _squares(name=["Alpha", "Beta"]).to_parquet(path)
    assert list(load_boundary_file(path)["name"]) == ["Alpha", "Beta"]


# --- downloads against a local server ---------------------------------------------------------

@pytest.fixture()
def local_server(tmp_path):
    """Serve tmp_path/www on 127.0.0.1 (a free port); yields (base_url, folder)."""
    www = tmp_path / "www"
    www.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", www
    finally:
        server.shutdown()
        server.server_close()


def _publish(www, name: str, content: bytes) -> str:
    target = www / registry_entry(name).path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return hashlib.sha256(content).hexdigest()


def test_download_with_right_and_wrong_hash(local_server, tmp_path):
    base, www = local_server
    digest = _publish(www, "naturalearth-admin1-10m", b"zip bytes stand-in")
    path = fetch("naturalearth-admin1-10m", base_url=base, sha256=digest,
                 folder=tmp_path / "cache")
    assert path.read_bytes() == b"zip bytes stand-in"
    with pytest.raises(DownloadError, match="does not match"):
        fetch("naturalearth-admin1-10m", base_url=base, sha256="0" * 64,
              folder=tmp_path / "cache2")
    assert not any((tmp_path / "cache2").glob("*admin1*.zip"))


def test_download_unpinned_is_pinned_on_first_use(local_server, tmp_path, monkeypatch):
    base, www = local_server
    monkeypatch.setenv("GEO_EVENTS_DOWNLOAD_BASE", base)
    _publish(www, "geoboundaries-ukr-adm2", b'{"type": "FeatureCollection", "features": []}')
    with pytest.warns(UserWarning, match="no pinned SHA-256"):
        first = fetch("geoboundaries-ukr-adm2", folder=tmp_path)
    assert first.is_file() and first.with_name(first.name + ".sha256").is_file()
    # the upstream file changes and the cached copy is lost: the pinned hash catches it
    first.unlink()
    _publish(www, "geoboundaries-ukr-adm2", b"tampered")
    with pytest.raises(DownloadError):
        fetch("geoboundaries-ukr-adm2", folder=tmp_path)


def test_download_errors_are_download_errors(tmp_path):
    with pytest.raises(InputError, match="unknown boundary download"):
        fetch("no-such-set", folder=tmp_path)
    # a closed local port: a connection error, reported as DownloadError
    with pytest.raises(DownloadError, match="cannot download"):
        fetch("geoboundaries-sdn-adm1", base_url="http://127.0.0.1:9", sha256="0" * 64,
              folder=tmp_path)
    assert registry_entry("geoboundaries-fra-adm3").path.endswith("geoBoundaries-FRA-ADM3.geojson")


def test_fetch_boundaries_loads_a_geoboundaries_file(local_server, tmp_path):
    base, www = local_server
    path = tmp_path / "src.geojson"
    _squares(shapeName=["Raion A", "Raion B"], shapeID=["UKR-1", "UKR-2"]).to_file(
        path, driver="GeoJSON")
    digest = _publish(www, "geoboundaries-ukr-adm2", path.read_bytes())
    frame = fetch_boundaries("geoboundaries-ukr-adm2", base_url=base, sha256=digest,
                             folder=tmp_path / "cache")
    assert list(frame["name"]) == ["Raion A", "Raion B"]
    assert frame["place_id"].iloc[1] == "adm2:geoboundaries-ukr-adm2:UKR-2"
