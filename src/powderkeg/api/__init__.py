"""The HTTP API and dashboard over a store: ``create_app(db_path, settings)`` and ``serve``.

See docs/api.md and docs/dashboard.md.
"""

from powderkeg.api.app import create_app, serve

__all__ = ["create_app", "serve"]
