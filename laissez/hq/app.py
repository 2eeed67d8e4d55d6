"""The FastAPI application of the headquarters service."""

from __future__ import annotations

from fastapi import FastAPI

from laissez import __version__


def create_app() -> FastAPI:
    """A new application instance."""
    app = FastAPI(title="Laissez headquarters", version=__version__)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
