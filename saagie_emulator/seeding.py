"""Seeding: what a test platform already has when it starts (and after each reset), from a YAML or JSON file.

::

    # seed.yaml
    groups:
      - name: technical-ci
    users:
      - login: ci-bot
        password: ci-bot-password
        roles: [ROLE_READER]
        groups: [technical-ci]
        email: ci-bot@example.com
    catalog:
      - name: team-technologies
        zip: technologies.zip          # relative to this file, read like a repository zip
    projects:
      - name: analytics
        job_technologies: [Python, Bash]   # labels (or technology ids) of the catalog; default: all
        app_technologies: [Jupyter Notebook]
        rights:
          - {group: technical-ci, role: ROLE_PROJECT_EDITOR}
        variables:
          - {name: DB_URL, value: "postgres://db/analytics"}
          - {name: DB_PASSWORD, value: s3cret, password: true}
    variables:
      - {name: ENVIRONMENT, value: ci}

``python -m saagie_emulator --seed seed.yaml``, ``saagie emulator --seed seed.yaml``,
``running(seed="seed.yaml")`` (or ``seed={...}`` the same content as a dict), and the pytest fixture with the
``saagie_emulator_seed`` ini option. Everything goes through the platform's own rules (the same checks as
the API: unique names, existing groups and technologies...), as the default admin user. A seed that does not
fit is refused with a :class:`SeedError` naming the entry, and the platform does not start.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .backend import Backend, Caller
from .backend.projects import JOB_CATEGORIES
from .clock import Clock
from .errors import BusinessError
from .lifecycle import Controls
from .model import Repository, SyncReport, Technology, new_id
from .rest_bodies import GROUP_PERMISSIONS, PROFILE, BadBody, check_body
from .store import Store, StoreData
from .technology_repository import (
    RepositoryContent,
    SourceUnreadable,
    apply_content,
    read_content,
    technologies_from_documents,
)

__all__ = ["SeedError", "apply_seed", "load_seed"]

_SECTIONS = ("groups", "users", "catalog", "projects", "variables")


class SeedError(ValueError):
    """A seed that cannot be applied (one line: the file, the entry, what is wrong)."""


def load_seed(seed: str | Path | Mapping[str, Any]) -> tuple[dict[str, Any], Path | None]:
    """The seed's content and the folder its relative paths start from (None for a dict)."""
    if isinstance(seed, Mapping):
        content: Any = dict(seed)
        base = None
    else:
        path = Path(seed)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SeedError(f"seed file {path}: cannot be read ({exc})") from None
        content = _parse(text, path)
        base = path.resolve().parent
    if content is None:
        content = {}
    if not isinstance(content, dict):
        raise SeedError(f"seed {_name(seed)}: expected a mapping with {', '.join(_SECTIONS)}")
    unknown = sorted(set(content) - set(_SECTIONS))
    if unknown:
        raise SeedError(
            f"seed {_name(seed)}: unknown section(s) {', '.join(unknown)} (expected {', '.join(_SECTIONS)})"
        )
    for section in _SECTIONS:
        if not isinstance(content.get(section) or [], list):
            raise SeedError(f"seed {_name(seed)}: '{section}' must be a list")
    return content, base


def _name(seed: Any) -> str:
    return "(dict)" if isinstance(seed, Mapping) else str(seed)


def _parse(text: str, path: Path) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise SeedError(f"seed file {path}: not valid JSON ({exc})") from None
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML comes with the emulator extra
        raise SeedError(f"seed file {path}: reading YAML needs PyYAML (or give a .json file)") from None
    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise SeedError(f"seed file {path}: not valid YAML ({str(exc).splitlines()[0]})") from None


# ------------------------------------------------------------------------------------------ applying
class _Seeder:
    def __init__(self, data: StoreData, admin: str, clock: Clock, base: Path | None, name: str) -> None:
        self.data = data
        self.backend = Backend(Store(data), Controls(), clock)
        self.caller = Caller(admin)
        self.clock = clock
        self.base = base
        self.name = name

    def fail(self, where: str, message: str) -> SeedError:
        return SeedError(f"seed {self.name}: {where}: {message}")

    def mapping(self, entry: Any, where: str, required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(entry, dict):
            raise self.fail(where, "expected a mapping")
        for key in required:
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise self.fail(where, f"'{key}' is required (a string)")
        return entry

    def strings(self, entry: dict[str, Any], key: str, where: str) -> list[str]:
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(where, f"'{key}' must be a list of strings")
        return value

    def call(self, where: str, action: Any, *args: Any) -> Any:
        """Run a backend call; the platform's refusal becomes a SeedError naming the entry."""
        try:
            return action(*args)
        except BusinessError as exc:
            raise self.fail(where, exc.message) from None

    def body(self, value: Any, shape: Any, where: str) -> dict[str, Any]:
        try:
            check_body(value, shape)
        except BadBody as exc:
            raise self.fail(where, str(exc)) from None
        checked: dict[str, Any] = value
        return checked

    # ---------------------------------------------------------------- sections
    def groups(self, entries: list[Any], members: dict[str, list[str]]) -> None:
        for index, raw in enumerate(entries):
            where = f"groups[{index}]"
            entry = self.mapping(raw, where, ("name",))
            self.call(where, self.backend.security.create_group, self.caller, {"name": entry["name"], "users": []})
            for login in self.strings(entry, "users", where):
                members.setdefault(login, []).append(entry["name"])

    def group_permissions(self, entries: list[Any]) -> None:
        for index, raw in enumerate(entries):
            permissions = raw.get("permissions")
            if permissions is None:
                continue
            where = f"groups[{index}].permissions"
            body = self.body(permissions, GROUP_PERMISSIONS, where)  # the body of PUT /security/api/groups/{name}
            self.call(where, self.backend.security.set_permissions, self.caller, raw["name"], body)

    def users(self, entries: list[Any], members: dict[str, list[str]]) -> None:
        logins = set()
        for index, raw in enumerate(entries):
            where = f"users[{index}]"
            entry = self.mapping(raw, where, ("login", "password"))
            logins.add(entry["login"])
            groups = self.strings(entry, "groups", where)
            groups += [g for g in members.get(entry["login"], []) if g not in groups]
            body = {
                "login": entry["login"],
                "password": entry["password"],
                "roles": self.strings(entry, "roles", where) or ["ROLE_READER"],
                "groups": groups,
                "platforms": [self.data.platform_id],
            }
            self.call(where, self.backend.security.create_user, self.caller, body)
            profile = self.body({key: entry[key] for key in ("email", "job") if key in entry}, PROFILE, where)
            if profile:
                self.call(where, self.backend.security.edit_profile, self.caller, entry["login"], profile)
        missing = sorted(set(members) - logins - set(self.data.users))
        if missing:
            raise self.fail("groups", f"unknown user(s) {', '.join(missing)} (add them under 'users')")

    def catalog(self, entries: list[Any]) -> None:
        for index, raw in enumerate(entries):
            where = f"catalog[{index}]"
            entry = self.mapping(raw, where, ("name",))
            if any(r.name.casefold() == entry["name"].casefold() for r in self.data.repositories.values()):
                raise self.fail(where, f"a repository named '{entry['name']}' already exists")
            content, source = self.repository_content(entry, where)
            if content.issues:
                first = content.issues[0]
                raise self.fail(where, f"{first['path']}: {first['message']}")
            at = self.clock.datetime()
            repository = Repository(id=new_id(), name=entry["name"], source=source, creation_date=at)
            report = SyncReport(id=new_id(), source=source, trigger_type="INITIAL", started_at=at, ended_at=at)
            apply_content(self.data, repository, content, report, at)
            repository.reports.append(report)
            self.data.repositories[repository.id] = repository

    def repository_content(self, entry: dict[str, Any], where: str) -> tuple[RepositoryContent, dict[str, Any]]:
        if "zip" in entry:
            path = Path(str(entry["zip"]))
            if not path.is_absolute():
                if self.base is None:
                    raise self.fail(where, "a relative 'zip' path needs a seed file (or give an absolute path)")
                path = self.base / path
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise self.fail(where, f"cannot read {path} ({exc.strerror or exc})") from None
            try:
                return read_content(raw, path.name), {"name": path.name}
            except SourceUnreadable as exc:
                raise self.fail(where, str(exc)) from None
        technologies = entry.get("technologies")
        if not isinstance(technologies, list) or not technologies:
            raise self.fail(where, "give 'zip' (a repository zip) or 'technologies' (metadata.yaml documents)")
        documents: list[tuple[str, Any, dict[str, Any]]] = [
            (f"{where}.technologies[{i}]", doc, {}) for i, doc in enumerate(technologies)
        ]
        return technologies_from_documents(documents), {"name": f"{entry['name']}.yaml"}

    def technology(self, reference: str, where: str, kinds: tuple[str, ...]) -> Technology:
        candidates = [t for t in self.data.technologies.values() if t.kind in kinds and t.available]
        repository_name, _, label = reference.rpartition("/") if "/" in reference else ("", "", reference)
        matches = [
            t
            for t in candidates
            if reference in (t.id, t.technology_id)
            or (
                t.label.casefold() == label.casefold()
                and (not repository_name or self.data.repositories[t.repository_id].name == repository_name)
            )
        ]
        if not matches:
            names = ", ".join(sorted({t.label for t in candidates}))
            raise self.fail(where, f"no such technology '{reference}' (the catalog has: {names})")
        if len(matches) > 1:
            raise self.fail(where, f"'{reference}' names several technologies: write 'Repository/Label'")
        return matches[0]

    def projects(self, entries: list[Any]) -> None:
        job_kinds, app_kinds = ("JobTechnology", "SparkTechnology"), ("AppTechnology",)
        for index, raw in enumerate(entries):
            where = f"projects[{index}]"
            entry = self.mapping(raw, where, ("name",))
            jobs = entry.get("job_technologies")
            if jobs is None:
                every = [t for t in self.data.technologies.values() if t.kind in job_kinds and t.available]
                by_category = {category: every for category in JOB_CATEGORIES[:2]}
            elif isinstance(jobs, list):
                chosen = [self.technology(str(ref), where, job_kinds) for ref in jobs]
                by_category = {category: chosen for category in JOB_CATEGORIES[:2]}
            elif isinstance(jobs, dict):
                by_category = {
                    str(category): [self.technology(str(ref), where, job_kinds) for ref in refs or []]
                    for category, refs in jobs.items()
                }
            else:
                raise self.fail(where, "'job_technologies' must be a list of technologies or {category: [...]}")
            apps = entry.get("app_technologies")
            if apps is None:
                app_list = [t for t in self.data.technologies.values() if t.kind in app_kinds and t.available]
            else:
                app_list = [self.technology(str(ref), where, app_kinds) for ref in apps]
            rights = []
            for right_index, raw_right in enumerate(entry.get("rights") or []):
                right_where = f"{where}.rights[{right_index}]"
                right = self.mapping(raw_right, right_where, ("group",))
                role = right.get("role", "ROLE_PROJECT_VIEWER")
                if role not in ("ROLE_PROJECT_VIEWER", "ROLE_PROJECT_EDITOR", "ROLE_PROJECT_MANAGER"):
                    raise self.fail(right_where, f"role must be a ProjectRole (ROLE_PROJECT_VIEWER...), not {role!r}")
                if right["group"] not in self.data.groups:  # the platform accepts it; a seed names a mistake
                    raise self.fail(right_where, f"Group '{right['group']}' does not exist")
                rights.append({"name": right["group"], "role": role})
            values = {
                "name": entry["name"],
                "description": entry.get("description"),
                "technologies_by_category": [
                    {"job_category": category, "technologies": [{"id": t.id} for t in technologies]}
                    for category, technologies in by_category.items()
                ],
                "app_technologies": [{"id": t.id} for t in app_list],
                "authorized_groups": rights,
            }
            project = self.call(where, self.backend.projects.create, self.caller, values)
            project.status, project.timeline = "READY", None  # a seeded project already exists: initialised
            self.variables(entry.get("variables") or [], f"{where}.variables", "PROJECT", project.id)

    def variables(self, entries: Any, where: str, scope: str, entity_id: str | None) -> None:
        if not isinstance(entries, list):
            raise self.fail(where, "expected a list of {name, value}")
        for index, raw in enumerate(entries):
            item_where = f"{where}[{index}]"
            entry = self.mapping(raw, item_where, ("name",))
            values = {
                "name": entry["name"],
                "value": None if entry.get("value") is None else str(entry["value"]),
                "description": entry.get("description"),
                "is_password": entry.get("password") is True,
                "scope": scope,
            }
            self.call(item_where, self.backend.env_vars.save, self.caller, entity_id, values)


def apply_seed(
    data: StoreData, seed: dict[str, Any], *, admin: str, clock: Clock, base: Path | None, name: str = "(dict)"
) -> None:
    """Add the seed's groups, users, catalog entries, projects and variables to ``data`` (a fresh platform)."""
    seeder = _Seeder(data, admin, clock, base, name)
    members: dict[str, list[str]] = {}
    seeder.groups(seed.get("groups") or [], members)
    seeder.users(seed.get("users") or [], members)
    seeder.group_permissions(seed.get("groups") or [])
    seeder.catalog(seed.get("catalog") or [])
    seeder.projects(seed.get("projects") or [])
    seeder.variables(seed.get("variables") or [], "variables", "GLOBAL", None)
