"""Admin linkage: country / admin-1 polygons, named regions and reverse lookup.

The embedded boundary set is derived from Natural Earth 1:10m (v4.1.0, as generalised in the
``world_map.gpkg`` of Debian's ``qgis-common``) by ``boundaries/build.py``; see
``boundaries/README.md`` for what was changed (de jure countries, GeoNames admin-1 codes).

* :mod:`~geo_events.boundaries.embedded` - cached loaders (``load_admin0``, ``load_admin1``,
  ``load_regions``), :func:`admin1_table` and :func:`geometry_for` (place id -> polygon);
* :mod:`~geo_events.boundaries.reverse` - :func:`reverse` / :func:`reverse_many` (point -> country
  and admin-1 unit, snapping to the coast within :data:`SNAP_TOLERANCE_KM`);
* :mod:`~geo_events.boundaries.user_files` - :func:`load_boundary_file` for boundary sets the user
  brings (admin-2, custom regions);
* :mod:`~geo_events.boundaries.downloads` - optional bigger boundary sets fetched on request,
  hash-checked, into :func:`geo_events.config.cache_dir`.
"""

from geo_events.boundaries.downloads import REGISTRY, RemoteFile, fetch, fetch_boundaries
from geo_events.boundaries.embedded import (
    admin1_table,
    geometry_for,
    load_admin0,
    load_admin1,
    load_regions,
)
from geo_events.boundaries.reverse import (
    SNAP_TOLERANCE_KM,
    AdminHit,
    reverse,
    reverse_many,
)
from geo_events.boundaries.user_files import load_boundary_file

__all__ = [
    "REGISTRY",
    "SNAP_TOLERANCE_KM",
    "AdminHit",
    "RemoteFile",
    "admin1_table",
    "fetch",
    "fetch_boundaries",
    "geometry_for",
    "load_admin0",
    "load_admin1",
    "load_boundary_file",
    "load_regions",
    "reverse",
    "reverse_many",
]
