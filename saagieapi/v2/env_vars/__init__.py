"""The 2.x module path `saagieapi.env_vars` under `saagieapi.v2` (the class 2.x exported from it)."""

from .env_vars import EnvVars

__all__ = ["EnvVars"]
