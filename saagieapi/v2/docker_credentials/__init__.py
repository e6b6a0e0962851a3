"""The 2.x module path `saagieapi.docker_credentials` under `saagieapi.v2` (the class 2.x exported from it)."""

from .docker_credentials import DockerCredentials

__all__ = ["DockerCredentials"]
