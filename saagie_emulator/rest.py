"""REST endpoints of the platform used by saagieapi: users, groups, permissions, profiles, password
change, log proxy (app executions, condition instances) and job artifact download."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from . import rest_bodies as bodies
from .backend import Caller
from .errors import BusinessError
from .logs import filter_logs
from .model import Group, Profile, User
from .rest_bodies import BadBody, Shape, parse_body

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


def _permission_json(group: Group, authorizations: list[Any]) -> dict[str, Any]:
    return {
        "name": group.name,
        "role": group.role,
        "authorizations": authorizations,
        "protected": group.protected,
        "realmAuthorization": group.realm_authorization,
    }


def routes(emulator: Emulator) -> list[Route]:
    store = emulator.store
    backend = emulator.backend
    security = backend.security

    def authenticated(handler: Handler, body: Shape | None = None) -> Handler:
        async def wrapper(request: Request) -> Response:
            if emulator.tokens.login_for(request.headers.get("authorization")) is None:
                return PlainTextResponse("Unauthorized", status_code=401)
            if body is not None:  # malformed bodies: 400 naming the field (rest_bodies), before the handler
                try:
                    parse_body(await request.body(), body, max_depth=emulator.limits.max_json_depth)
                except BadBody as exc:
                    return _error(400, str(exc))
            response = await handler(request)
            if request.method != "GET" and response.status_code < 400:
                await anyio.to_thread.run_sync(store.save)  # a large state is not written on the event loop
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
            # the ASGI path, not request.url.path: a URL rebuilt from the decoded path splits at a decoded ? or #
            whole = str(request.scope.get("path", ""))
            prefix = whole[: len(whole) - len(decoded)]
            if path.startswith(prefix):
                return unquote(path[len(prefix) :])
        return decoded

    def caller_of(request: Request) -> Caller:
        return Caller(emulator.tokens.login_for(request.headers.get("authorization")) or "")

    def refused(handler: Handler) -> Handler:
        """A refusal of the security backend becomes the platform's JSON error with its status."""

        async def wrapper(request: Request) -> Response:
            try:
                return await handler(request)
            except BusinessError as exc:
                return _error(exc.http_status, exc.message)

        return wrapper

    # ------------------------------------------------------------ users
    async def list_users(request: Request) -> Response:
        return JSONResponse([_user_json(user) for user in security.users()])

    async def get_user(request: Request) -> Response:
        return JSONResponse(_user_json(security.user(name_param(request, "login"))))

    async def create_user(request: Request) -> Response:
        user = security.create_user(caller_of(request), await _json(request))
        return JSONResponse(_user_json(user), status_code=201)

    async def delete_user(request: Request) -> Response:
        login = name_param(request, "login")
        security.delete_user(caller_of(request), login)
        emulator.tokens.revoke_login(login)
        return Response(status_code=204)

    async def change_password(request: Request) -> Response:
        security.change_password(caller_of(request), await _json(request))
        return Response(status_code=204)

    # ------------------------------------------------------------ groups
    async def list_groups(request: Request) -> Response:
        return JSONResponse([{"name": g.name, "protected": g.protected} for g in security.groups()])

    async def get_group(request: Request) -> Response:
        # The platform answers 500 here, and saagieapi 2.x relies on it to detect a missing group.
        group = security.group(name_param(request, "name"), as_users=True)
        return JSONResponse({"name": group.name, "users": list(group.users), "protected": group.protected})

    async def create_group(request: Request) -> Response:
        group = security.create_group(caller_of(request), await _json(request))
        return JSONResponse({"name": group.name, "users": list(group.users), "protected": False}, status_code=201)

    async def delete_group(request: Request) -> Response:
        security.delete_group(caller_of(request), name_param(request, "name"))
        return Response(status_code=204)

    async def group_permissions(request: Request) -> Response:
        name = name_param(request, "name")
        if request.method == "PUT":
            security.set_permissions(caller_of(request), name, await _json(request))
            return Response(status_code=204)
        group = security.group(name)
        return JSONResponse(_permission_json(group, security.authorizations(group)))

    # ------------------------------------------------------------ profiles
    def _profile_json(profile: Profile) -> dict[str, Any]:
        return {"login": profile.login, "job": profile.job, "email": profile.email}

    async def list_profiles(request: Request) -> Response:
        return JSONResponse([_profile_json(p) for p in security.profiles()])

    async def profile(request: Request) -> Response:
        login = name_param(request, "login")
        if request.method == "PUT":
            return JSONResponse(_profile_json(security.edit_profile(caller_of(request), login, await _json(request))))
        return JSONResponse(_profile_json(security.profile(login)))

    # ------------------------------------------------------------ log proxy
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

    def _log_path(request: Request) -> tuple[str, str, str]:
        return param(request, "realm"), param(request, "platform_id"), param(request, "project_id")

    async def app_logs(request: Request) -> Response:
        realm, platform_id, project_id = _log_path(request)
        execution_id = param(request, "execution_id")
        lines = backend.apps.execution_logs(caller_of(request), realm, platform_id, project_id, execution_id)
        return _paged(request, lines)

    async def condition_logs(request: Request) -> Response:
        realm, platform_id, project_id = _log_path(request)
        instance_id = param(request, "instance_id")
        lines = backend.pipeline_runs.proxy_condition_logs(
            caller_of(request), realm, platform_id, project_id, instance_id
        )
        return _paged(request, lines)

    # ------------------------------------------------------------ artifacts
    async def artifact(request: Request) -> Response:
        names = ("platform_id", "project_id", "job_id", "number", "name")
        content = backend.jobs.artifact(caller_of(request), *(param(request, name) for name in names))
        return Response(content, media_type="application/octet-stream")

    def wrap(handler: Handler, body: Shape | None = None) -> Handler:
        return authenticated(refused(handler), body)

    log_base = "/log-proxy/api/logs/{realm}/platform/{platform_id}/project/{project_id}"
    artifact_path = (
        "/projects/api/platform/{platform_id}/project/{project_id}/job/{job_id}/version/{number}/artifact/{name:path}"
    )
    return [
        Route("/auth/api/users", wrap(list_users), methods=["GET"]),
        Route("/auth/api/users", wrap(create_user, bodies.USER), methods=["POST"]),
        Route("/auth/api/users/{login:path}", wrap(get_user), methods=["GET"]),
        Route("/auth/api/users/{login:path}", wrap(delete_user), methods=["DELETE"]),
        Route(
            "/authentication/api/open/password/change", wrap(change_password, bodies.PASSWORD_CHANGE), methods=["PUT"]
        ),
        Route("/auth/api/groups", wrap(list_groups), methods=["GET"]),
        Route("/auth/api/groups", wrap(create_group, bodies.GROUP), methods=["POST"]),
        Route("/auth/api/groups/{name:path}", wrap(get_group), methods=["GET"]),
        Route("/auth/api/groups/{name:path}", wrap(delete_group), methods=["DELETE"]),
        Route(
            "/security/api/groups/{name:path}",
            wrap(group_permissions, bodies.GROUP_PERMISSIONS),
            methods=["GET", "PUT"],
        ),
        Route("/profiles/api/", wrap(list_profiles), methods=["GET"]),
        Route("/profiles/api/{login:path}", wrap(profile, bodies.PROFILE), methods=["GET", "PUT"]),
        Route(log_base + "/app_execution/{execution_id}", wrap(app_logs), methods=["GET"]),
        Route(log_base + "/condition_instance/{instance_id}", wrap(condition_logs), methods=["GET"]),
        Route(artifact_path, wrap(artifact), methods=["GET"]),
    ]
