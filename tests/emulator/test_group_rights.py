"""A project's rights and its groups' permissions are one thing on the platform, seen from two APIs: the GraphQL
``authorizedGroups`` / ``rights(projectId)`` and the security REST API's ``{artifact: {type: PROJECT, id}, role}``
permissions of each group. The emulator kept them apart: a permission given through the REST API granted access
but ``rights`` did not list it, a right given through ``createProject`` did not show in the group's permissions,
and ``isAllProjects`` was always false (the schema: "the group has this role on every project")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from saagie_emulator import RunningPlatform, running
from saagieapi import SaagieApi

from ..support.platforms import connect


@pytest.fixture(scope="module")
def platform() -> Iterator[RunningPlatform]:
    with running(speed=50.0) as served:
        yield served


@pytest.fixture
def api(platform: RunningPlatform) -> Iterator[SaagieApi]:
    platform.reset()
    with connect(platform) as client:
        client.users.create("bob", "Passw0rd-long!", roles=["ROLE_READER"])
        client.groups.create("team", ["bob"])
        client.groups.create("auditors", [])
        yield client


def _bob(platform: RunningPlatform) -> SaagieApi:
    return SaagieApi(platform.url, platform.platform_id, "bob", "Passw0rd-long!", platform.realm)


def _project_permissions(api: SaagieApi, group: str) -> dict[str, str]:
    """``{project id: role}`` of a group's PROJECT permissions on the platform, as the security API shows them."""
    found: dict[str, str] = {}
    for authorization in api.groups.get_permission(group).authorizations or []:
        for permission in authorization.permissions or []:
            if permission.artifact.type == "PROJECT":
                found[str(permission.artifact.id)] = permission.role
    return found


def _rights(api: SaagieApi, project_id: str) -> dict[str, tuple[str | None, bool]]:
    return {
        right.name: (getattr(right.role, "value", right.role), right.is_all_projects)
        for right in api.projects.get_rights(project_id)
    }


def _authorizations(platform: RunningPlatform, *permissions: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"platformId": int(platform.platform_id), "platformName": "p", "permissions": list(permissions)}]


def test_a_permission_given_through_the_security_api_is_a_project_right(
    api: SaagieApi, platform: RunningPlatform
) -> None:
    shared = api.projects.create("shared")
    viewer = {"artifact": {"type": "PROJECT", "id": shared.id}, "role": "ROLE_PROJECT_VIEWER"}
    api.groups.edit_permission("team", authorizations=_authorizations(platform, viewer))
    with _bob(platform) as bob:
        assert [p.name for p in bob.projects.list()] == ["shared"]
    assert _rights(api, shared.id) == {"team": ("ROLE_PROJECT_VIEWER", False)}
    # taken back through the security API: the right goes, and so does the access
    api.groups.edit_permission("team", authorizations=_authorizations(platform))
    assert _rights(api, shared.id) == {}
    with _bob(platform) as bob:
        assert bob.projects.list() == []


def test_a_right_given_through_graphql_is_a_permission_of_the_group(api: SaagieApi, platform: RunningPlatform) -> None:
    project = api.projects.create("via graphql", group="team", role="Editor")
    assert _project_permissions(api, "team") == {project.id: "ROLE_PROJECT_EDITOR"}
    assert _rights(api, project.id) == {"team": ("ROLE_PROJECT_EDITOR", False)}
    # a 2.x-style edit of the realm permissions only (authorizations re-sent as read) keeps the right
    current = [a.model_dump(by_alias=True, mode="json") for a in api.groups.get_permission("team").authorizations]
    api.groups.edit_permission("team", authorizations=current)
    assert _rights(api, project.id) == {"team": ("ROLE_PROJECT_EDITOR", False)}
    api.projects.edit(project.id, group="auditors", role="Viewer")
    assert _project_permissions(api, "team") == {}
    assert _project_permissions(api, "auditors") == {project.id: "ROLE_PROJECT_VIEWER"}
    with _bob(platform) as bob:
        assert bob.projects.list() == []


def test_all_projects_permissions_are_listed_as_such(api: SaagieApi, platform: RunningPlatform) -> None:
    project = api.projects.create("any", group="team", role="Viewer")
    everywhere = {"artifact": {"type": "PROJECTS"}, "role": "ROLE_PROJECT_MANAGER"}
    api.groups.edit_permission("auditors", authorizations=_authorizations(platform, everywhere))
    assert _rights(api, project.id) == {
        "team": ("ROLE_PROJECT_VIEWER", False),
        "auditors": ("ROLE_PROJECT_MANAGER", True),
    }


def test_a_deleted_group_loses_its_rights(api: SaagieApi, platform: RunningPlatform) -> None:
    project = api.projects.create("temporary rights", group="team", role="Manager")
    api.groups.delete("team")
    assert _rights(api, project.id) == {}
