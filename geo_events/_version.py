"""The one version number of geo_events (read by pyproject.toml and show_versions())."""

__version__ = "0.1.0"
