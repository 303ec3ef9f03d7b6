"""Serve: the web app (FastAPI) over a newsprism database. Entry point: :func:`create_app`."""

from .app import create_app

__all__ = ["create_app"]
