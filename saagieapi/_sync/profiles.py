# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.profiles``: user profiles (REST).

This file is the single source: ``saagieapi/_sync/profiles.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Profiles"]


class Profiles(Resource):
    """Methods of ``api.profiles`` (user profiles (REST))."""
