"""geopy compatibility of the embedded geocoder; the online fallback against a local stand-in
Nominatim server (never a live service)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo_events.geocoders import EmbeddedGeocoder, FallbackGeocoder, get_geocoder

pytestmark = pytest.mark.integration


def test_embedded_is_a_geopy_geocoder(gazetteer):
    geo = EmbeddedGeocoder(gazetteer)
    assert isinstance(geo, Geocoder)
    loc = geo.geocode("Lyman")
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == 704204 and "Donetsk" in loc.address
    many = geo.geocode("Lyman", exactly_one=False, limit=3)
    assert len(many) == 3 and many[0].raw["score"] >= many[1].raw["score"]
    assert geo.geocode("Qwzxv Nowhereville") is None
    # geopy's RateLimiter wraps it like any other geocoder
    limited = RateLimiter(geo.geocode, min_delay_seconds=0)
    assert limited("Kyiv").raw["geonameid"] == 703448


def test_embedded_reverse(gazetteer):
    geo = EmbeddedGeocoder(gazetteer)
    loc = geo.reverse((48.99, 37.81))
    assert loc.raw["admin1_code"] == "UA.05"
    assert geo.reverse("44.957, 34.111").raw["country_code"] == "UA"  # de jure Crimea


class _FakeNominatim(BaseHTTPRequestHandler):
    calls: ClassVar[list[str]] = []

    def do_GET(self):
        q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).calls.append(q)
        body = json.dumps([{"place_id": 1, "lat": "50.1", "lon": "30.2",
                            "display_name": f"{q}, Testland", "osm_type": "node"}])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def local_nominatim():
    _FakeNominatim.calls = []
    server = HTTPServer(("127.0.0.1", 0), _FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()


def test_fallback_uses_online_only_for_unknown_names(gazetteer, local_nominatim, tmp_path):
    online = Nominatim(domain=local_nominatim, scheme="http", user_agent="geo_events-tests")
    geo = FallbackGeocoder(online, embedded=EmbeddedGeocoder(gazetteer), min_delay_seconds=0,
                           cache_path=tmp_path / "cache.json")
    assert geo.geocode("Lyman").raw["geonameid"] == 704204
    assert _FakeNominatim.calls == []
    loc = geo.geocode("Some Farm Road 12")
    assert loc.raw["source"] == "Nominatim" and abs(loc.latitude - 50.1) < 1e-9
    assert _FakeNominatim.calls == ["Some Farm Road 12"]
    # cached: a second ask (even by a new instance) does not reach the service
    geo2 = FallbackGeocoder(online, embedded=EmbeddedGeocoder(gazetteer), min_delay_seconds=0,
                            cache_path=tmp_path / "cache.json")
    assert geo2.geocode("Some Farm Road 12").latitude == loc.latitude
    assert _FakeNominatim.calls == ["Some Farm Road 12"]


def test_get_geocoder_by_name():
    assert isinstance(get_geocoder("embedded"), EmbeddedGeocoder)
    from geo_events.errors import InputError

    with pytest.raises(InputError, match="unknown geocoder"):
        get_geocoder("no-such-service")
