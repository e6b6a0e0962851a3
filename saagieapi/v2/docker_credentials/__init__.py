"""``saagieapi.v2.docker_credentials``: the 2.x module path of ``DockerCredentials`` (``from saagieapi.docker_credentials import DockerCredentials`` in 2.x)."""

from .docker_credentials import DockerCredentials

__all__ = ["DockerCredentials"]
