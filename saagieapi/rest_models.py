"""Models of the platform's REST resources: users, groups, group permissions, profiles and log pages.

They keep unknown fields (``extra="allow"``) so that an export written from them loses nothing;
``model_dump(by_alias=True, exclude_unset=True)`` gives back the platform's JSON. Example::

    user = api.users.get_info("alice")
    login, roles, groups = user.login, user.roles, user.groups
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Group",
    "GroupAuthorization",
    "GroupPermission",
    "GroupPermissions",
    "GroupUsers",
    "LogLine",
    "LogsPage",
    "PermissionArtifact",
    "Profile",
    "RealmAuthorization",
    "User",
]


class _RestModel(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    def to_json_dict(self) -> dict[str, Any]:
        """The platform's JSON for this object (camelCase keys, only the fields it had)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class User(_RestModel):
    """A user of the realm (``GET auth/api/users``)."""

    login: str
    roles: list[str] = Field(default_factory=list)
    platforms: list[Any] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    protected: bool = False


class Group(_RestModel):
    """A group of users, as listed (``GET auth/api/groups``)."""

    name: str
    protected: bool = False


class GroupUsers(_RestModel):
    """A group with the logins of its members (``GET auth/api/groups/{name}``)."""

    name: str
    users: list[str] = Field(default_factory=list)
    protected: bool = False


class PermissionArtifact(_RestModel):
    """What a permission applies to: ``type`` (``PROJECT``, ``TECHNOLOGY_CATALOG``...) and an optional ``id``."""

    type: str
    id: str | None = None


class GroupPermission(_RestModel):
    """One role granted on one artifact."""

    artifact: PermissionArtifact
    role: str


class GroupAuthorization(_RestModel):
    """The permissions of a group on one platform."""

    platform_id: int | str | None = Field(default=None, alias="platformId")
    platform_name: str | None = Field(default=None, alias="platformName")
    permissions: list[GroupPermission] = Field(default_factory=list)


class RealmAuthorization(_RestModel):
    """The permissions of a group on the whole realm (technology catalogs...)."""

    permissions: list[GroupPermission] = Field(default_factory=list)


class GroupPermissions(_RestModel):
    """The role and permissions of a group (``GET security/api/groups/{name}``)."""

    name: str
    role: str | None = None
    authorizations: list[GroupAuthorization] = Field(default_factory=list)
    protected: bool = False
    realm_authorization: RealmAuthorization | None = Field(default=None, alias="realmAuthorization")


class Profile(_RestModel):
    """The profile of a user: job title and email (``GET profiles/api/{login}``)."""

    login: str
    job: str | None = None
    email: str | None = None


class LogLine(BaseModel):
    """One line of logs."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    index: int | None = None
    value: str = ""
    stream: str | None = None
    recording_time: str | None = Field(default=None, alias="recordingTime")


class LogsPage(BaseModel):
    """A page of logs from the log proxy (``total`` counts every line, ``logs`` holds this page)."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    logs: list[LogLine] = Field(default_factory=list)
    limit: int | None = None
    total: int | None = None
    order: str | None = None
    source: str | None = None
