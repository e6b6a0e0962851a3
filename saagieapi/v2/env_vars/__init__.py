"""``saagieapi.v2.env_vars``: the 2.x module path of ``EnvVars`` (``from saagieapi.env_vars import EnvVars`` in 2.x)."""

from .env_vars import EnvVars

__all__ = ["EnvVars"]
