"""The web UI and HTTP API (``storyline serve``): pages and JSON over one store."""

from storyline.web.app import create_app

__all__ = ["create_app"]
