"""Already migrated: the typed client (saagie migrate check has nothing to say about this file)."""

from saagieapi import SaagieApi


def names() -> list[str]:
    with SaagieApi.from_env() as api:
        return [project.name for project in api.projects.list()]
