"""REST endpoints of the platform used by saagieapi: users, groups, permissions, profiles, password
change, log proxy (app executions, condition instances) and job artifact download."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .lifecycle import now
from .logs import app_execution_logs, filter_logs
from .model import Group, Profile, User

if TYPE_CHECKING:
    from .app import Emulator

__all__ = ["REST_PATHS", "routes"]

Handler = Callable[[Request], Awaitable[Response]]

#: (method, path template) of every REST endpoint served, for the coverage table.
REST_PATHS: list[tuple[str, str]] = [
    ("POST", "/authentication/api/open/authenticate"),
    ("GET", "/auth/api/users"),
    ("POST", "/auth/api/users"),
    ("GET", "/auth/api/users/{login}"),
    ("DELETE", "/auth/api/users/{login}"),
    ("PUT", "/authentication/api/open/password/change"),
    ("GET", "/auth/api/groups"),
    ("POST", "/auth/api/groups"),
    ("GET", "/auth/api/groups/{name}"),
    ("DELETE", "/auth/api/groups/{name}"),
    ("GET", "/security/api/groups/{name}"),
    ("PUT", "/security/api/groups/{name}"),
    ("GET", "/profiles/api/"),
    ("GET", "/profiles/api/{login}"),
    ("PUT", "/profiles/api/{login}"),
    ("GET", "/log-proxy/api/logs/{realm}/platform/{platform_id}/project/{project_id}/app_execution/{execution_id}"),
    (
        "GET",
        "/log-proxy/api/logs/{realm}/platform/{platform_id}/project/{project_id}/condition_instance/{instance_id}",
    ),
    ("GET", "/projects/api/platform/{platform_id}/project/{project_id}/job/{job_id}/version/{number}/artifact/{name}"),
]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": status, "error": message}, status_code=status)


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _user_json(user: User) -> dict[str, Any]:
    return {
        "login": user.login,
        "roles": list(user.roles),
        "platforms": list(user.platforms),
        "groups": list(user.groups),
        "protected": user.protected,
    }


def _permission_json(group: Group) -> dict[str, Any]:
    return {
        "name": group.name,
        "role": group.role,
        "authorizations": group.authorizations,
        "protected": group.protected,
        "realmAuthorization": group.realm_authorization,
    }


def routes(emulator: Emulator) -> list[Route]:
    store = emulator.store

    def authenticated(handler: Handler) -> Handler:
        async def wrapper(request: Request) -> Response:
            if emulator.tokens.login_for(request.headers.get("authorization")) is None:
                return PlainTextResponse("Unauthorized", status_code=401)
            response = await handler(request)
            if request.method != "GET" and response.status_code < 400:
                store.save()
            return response

        return wrapper

    def param(request: Request, name: str) -> str:
        return unquote(str(request.path_params[name]))

    def name_param(request: Request, name: str) -> str:
        """A login or group name taken from the raw path and decoded once, so "a%2Fb%20c" is "a/b c"
        and a literal "%41" stays "%41" (the ASGI path is already decoded; decoding it again is wrong)."""
        raw = request.scope.get("raw_path")
        decoded = str(request.path_params[name])
        if isinstance(raw, bytes):
            path = raw.decode("latin-1").split("?", 1)[0]
            prefix = request.url.path[: len(request.url.path) - len(decoded)]
            if path.startswith(prefix):
                return unquote(path[len(prefix) :])
        return decoded

    # ------------------------------------------------------------ users
    async def list_users(request: Request) -> Response:
        return JSONResponse([_user_json(user) for user in store.data.users.values()])

    async def get_user(request: Request) -> Response:
        user = store.data.users.get(name_param(request, "login"))
        return JSONResponse(_user_json(user)) if user else _error(404, "User not found")

    async def create_user(request: Request) -> Response:
        body = await _json(request)
        login, password = body.get("login"), body.get("password")
        if not login or not password:
            return _error(400, "login and password are required")
        with store.lock:
            if login in store.data.users:
                return _error(409, f"User {login} already exists")
            unknown = [g for g in body.get("groups") or [] if g not in store.data.groups]
            if unknown:
                return _error(400, f"Unknown groups: {unknown}")
            user = User(
                login=login,
                password=password,
                roles=list(body.get("roles") or ["ROLE_READER"]),
                platforms=list(body.get("platforms") or []),
                groups=list(body.get("groups") or []),
            )
            store.data.users[login] = user
            store.data.profiles[login] = Profile(login=login)
            for group_name in user.groups:
                store.data.groups[group_name].users.append(login)
        return JSONResponse(_user_json(user), status_code=201)

    async def delete_user(request: Request) -> Response:
        login = name_param(request, "login")
        with store.lock:
            user = store.data.users.get(login)
            if user is None:
                return _error(404, "User not found")
            if user.protected:
                return _error(403, f"User {login} is protected")
            del store.data.users[login]
            store.data.profiles.pop(login, None)
            for group in store.data.groups.values():
                if login in group.users:
                    group.users.remove(login)
        emulator.tokens.revoke_login(login)
        return Response(status_code=204)

    async def change_password(request: Request) -> Response:
        body = await _json(request)
        user = store.data.users.get(str(body.get("login")))
        if user is None or user.password != body.get("oldPassword"):
            return _error(400, "Wrong login or password")
        if not body.get("newPassword"):
            return _error(400, "newPassword is required")
        user.password = str(body["newPassword"])
        return Response(status_code=204)

    # ------------------------------------------------------------ groups
    async def list_groups(request: Request) -> Response:
        return JSONResponse([{"name": g.name, "protected": g.protected} for g in store.data.groups.values()])

    async def get_group(request: Request) -> Response:
        group = store.data.groups.get(name_param(request, "name"))
        if group is None:
            # The platform answers 500 here, and saagieapi 2.x relies on it to detect a missing group.
            return _error(500, "Group not found")
        return JSONResponse({"name": group.name, "users": list(group.users), "protected": group.protected})

    async def create_group(request: Request) -> Response:
        body = await _json(request)
        name = body.get("name")
        if not name:
            return _error(400, "name is required")
        users = list(body.get("users") or [])
        with store.lock:
            if name in store.data.groups:
                return _error(409, f"Group {name} already exists")
            unknown = [u for u in users if u not in store.data.users]
            if unknown:
                return _error(400, f"Unknown users: {unknown}")
            store.data.groups[name] = Group(name=name, users=users)
            for login in users:
                store.data.users[login].groups.append(name)
        return JSONResponse({"name": name, "users": users, "protected": False}, status_code=201)

    async def delete_group(request: Request) -> Response:
        name = name_param(request, "name")
        with store.lock:
            group = store.data.groups.get(name)
            if group is None:
                return _error(404, "Group not found")
            if group.protected:
                return _error(403, f"Group {name} is protected")
            del store.data.groups[name]
            for user in store.data.users.values():
                if name in user.groups:
                    user.groups.remove(name)
        return Response(status_code=204)

    async def group_permissions(request: Request) -> Response:
        group = store.data.groups.get(name_param(request, "name"))
        if group is None:
            return _error(404, "Group not found")
        if request.method == "PUT":
            body = await _json(request)
            if body.get("role"):
                group.role = str(body["role"])
            if "authorizations" in body and body["authorizations"] is not None:
                group.authorizations = list(body["authorizations"])
            if "realmAuthorization" in body and body["realmAuthorization"] is not None:
                group.realm_authorization = dict(body["realmAuthorization"])
            return Response(status_code=204)
        return JSONResponse(_permission_json(group))

    # ------------------------------------------------------------ profiles
    def _profile_json(profile: Profile) -> dict[str, Any]:
        return {"login": profile.login, "job": profile.job, "email": profile.email}

    async def list_profiles(request: Request) -> Response:
        return JSONResponse([_profile_json(p) for p in store.data.profiles.values()])

    async def profile(request: Request) -> Response:
        found = store.data.profiles.get(name_param(request, "login"))
        if found is None:
            return _error(404, "Profile not found")
        if request.method == "PUT":
            body = await _json(request)
            if "job" in body:
                found.job = body["job"]
            if "email" in body:
                found.email = body["email"]
            return JSONResponse(_profile_json(found))
        return JSONResponse(_profile_json(found))

    # ------------------------------------------------------------ log proxy
    def _check_platform(request: Request) -> Response | None:
        if param(request, "realm") != store.data.realm or param(request, "platform_id") != str(store.data.platform_id):
            return _error(404, "Unknown realm or platform")
        return None

    def _paged(request: Request, lines: list[dict[str, Any]]) -> Response:
        streams_param = request.query_params.get("streams")
        streams = set(streams_param.split(",")) if streams_param else None
        limit = int(request.query_params.get("limit") or 10000)
        skip = int(request.query_params.get("skip") or 0)
        selected = filter_logs(lines, streams)
        return JSONResponse(
            {
                "logs": selected[skip : skip + limit],
                "limit": limit,
                "total": len(selected),
                "order": "asc",
                "source": "emulator",
            }
        )

    async def app_logs(request: Request) -> Response:
        problem = _check_platform(request)
        if problem:
            return problem
        execution_id = param(request, "execution_id")
        for app in store.apps_of(param(request, "project_id")):
            for execution in app.executions:
                if execution.id == execution_id:
                    return _paged(request, app_execution_logs(app, execution, now()))
        return _error(404, "App execution not found")

    async def condition_logs(request: Request) -> Response:
        problem = _check_platform(request)
        if problem:
            return problem
        instance_id = param(request, "instance_id")
        for pipeline_instance in store.data.pipeline_instances.values():
            for condition in pipeline_instance.condition_instances:
                if condition.id == instance_id:
                    return _paged(request, condition.logs)
        return _error(404, "Condition instance not found")

    # ------------------------------------------------------------ artifacts
    async def artifact(request: Request) -> Response:
        job = store.data.jobs.get(param(request, "job_id"))
        if job is None or job.project_id != param(request, "project_id"):
            return _error(404, "Job not found")
        for version in job.versions:
            if str(version.number) == param(request, "number") and version.package_name == param(request, "name"):
                return Response(version.artifact or b"", media_type="application/octet-stream")
        return _error(404, "Artifact not found")

    wrap = authenticated
    log_base = "/log-proxy/api/logs/{realm}/platform/{platform_id}/project/{project_id}"
    artifact_path = (
        "/projects/api/platform/{platform_id}/project/{project_id}/job/{job_id}/version/{number}/artifact/{name:path}"
    )
    return [
        Route("/auth/api/users", wrap(list_users), methods=["GET"]),
        Route("/auth/api/users", wrap(create_user), methods=["POST"]),
        Route("/auth/api/users/{login:path}", wrap(get_user), methods=["GET"]),
        Route("/auth/api/users/{login:path}", wrap(delete_user), methods=["DELETE"]),
        Route("/authentication/api/open/password/change", wrap(change_password), methods=["PUT"]),
        Route("/auth/api/groups", wrap(list_groups), methods=["GET"]),
        Route("/auth/api/groups", wrap(create_group), methods=["POST"]),
        Route("/auth/api/groups/{name:path}", wrap(get_group), methods=["GET"]),
        Route("/auth/api/groups/{name:path}", wrap(delete_group), methods=["DELETE"]),
        Route("/security/api/groups/{name:path}", wrap(group_permissions), methods=["GET", "PUT"]),
        Route("/profiles/api/", wrap(list_profiles), methods=["GET"]),
        Route("/profiles/api/{login:path}", wrap(profile), methods=["GET", "PUT"]),
        Route(log_base + "/app_execution/{execution_id}", wrap(app_logs), methods=["GET"]),
        Route(log_base + "/condition_instance/{instance_id}", wrap(condition_logs), methods=["GET"]),
        Route(artifact_path, wrap(artifact), methods=["GET"]),
    ]
