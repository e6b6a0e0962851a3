"""The asynchronous client, :class:`AsyncSaagieApi`.

This file is the single source: ``saagieapi/_sync/client.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._backend import AsyncLock
from .._core.responses import answer_model
from .._core.settings import ConnectionSettings, check_options, settings_from_env
from .._core.signature_checks import check_public_methods
from .._core.urls import parse_platform_url
from .._core.validation import (
    check_alerting,
    check_scheduling,
    check_technology_configured,
    check_technology_valid,
)
from ..errors import InvalidInputError, NotFoundError

# What the client needs at run time is imported when it is first used, so that
# ``from saagieapi import SaagieApi`` stays cheap (httpx, pydantic and the generated models load on use).
if TYPE_CHECKING:
    import httpx
    from typing_extensions import Unpack

    from .._core.settings import ConnectionArguments, ConnectionOptions
    from .._generated.gateway.async_client import AsyncGatewayClient
    from .._generated.projects.async_client import AsyncProjectsClient
    from ..models import CatalogRepository, CatalogTechnology, ClusterNodeCapacity, Facet, LogsPage, PlatformInfo
    from .apps import AsyncApps
    from .docker_credentials import AsyncDockerCredentials
    from .env_vars import AsyncEnvVars
    from .groups import AsyncGroups
    from .jobs import AsyncJobs
    from .pipelines import AsyncPipelines
    from .profiles import AsyncProfiles
    from .projects import AsyncProjects
    from .repositories import AsyncRepositories
    from .storages import AsyncStorages
    from .transport import AsyncTransport
    from .users import AsyncUsers

__all__ = ["AsyncSaagieApi"]

LOG_STREAMS = (
    "ENVVARS_STDOUT",
    "ENVVARS_STDERR",
    "ORCHESTRATION_STDOUT",
    "ORCHESTRATION_STDERR",
    "STDOUT",
    "STDERR",
)


def _public_technology(technology: Any) -> CatalogTechnology:
    """A technology of a gateway answer as the public class of its kind (``JobTechnology``, ``AppTechnology``...).

    The operations answering a technology at their root get classes of their own from the code generator; the
    catalog's (``api.get_repositories_info``) are the public ones, which ``isinstance`` checks and type hints use.
    """
    from ..models import AppTechnology, JobTechnology, OtherTechnology, SparkTechnology

    kinds: dict[str, type[Any]] = {
        "AppTechnology": AppTechnology,
        "JobTechnology": JobTechnology,
        "SparkTechnology": SparkTechnology,
    }
    kind = kinds.get(str(technology.typename__), OtherTechnology)
    public: CatalogTechnology = kind.model_validate(technology.model_dump(by_alias=True))
    return public


class AsyncSaagieApi:
    """Asynchronous client of one Saagie platform; use it as an async context manager.

    Example::

        async with AsyncSaagieApi.easy_connect(
            "https://acme-workspace.saagie.io/projects/platform/6/", "me", "secret"
        ) as api:
            info = await api.get_platform_info()

    Options (keyword arguments, see :class:`~saagieapi.connection.ConnectionOptions`): ``timeout`` (seconds,
    default 60; ``None`` waits forever) applies to every request, login included; ``retries`` (default 2) is
    how often a failed query is retried; ``verify_ssl`` is ``True``, ``False``, a CA bundle path or an
    ``ssl.SSLContext``; ``proxy`` an http(s) proxy URL. The first call logs in.
    """

    def __init__(
        self,
        url_saagie: str,
        id_platform: str | int,
        user: str,
        password: str,
        realm: str,
        *,
        http_client: httpx.AsyncClient | None = None,
        **options: Unpack[ConnectionOptions],
    ) -> None:
        check_options(options, caller=type(self).__name__)
        self.settings = ConnectionSettings(
            url_saagie=url_saagie,
            id_platform=str(id_platform),
            user=user,
            password=password,
            realm=realm,
            **options,
        )
        from .transport import AsyncTransport

        self.transport: AsyncTransport = AsyncTransport(self.settings, http_client=http_client)
        self._catalog: list[CatalogRepository] | None = None
        self._catalog_lock = AsyncLock()

    # -- generated clients and resources, created on first use ------------------------------------------
    @functools.cached_property
    def client(self) -> AsyncProjectsClient:
        """Generated client of the projects API (every operation of ``queries/projects``, typed)."""
        from .._generated.projects.async_client import AsyncProjectsClient
        from .transport import AsyncEndpoint

        return AsyncProjectsClient(AsyncEndpoint(self.transport, self.settings.projects_api_url))

    @functools.cached_property
    def client_gateway(self) -> AsyncGatewayClient:
        """Generated client of the gateway API (technology catalog, repositories)."""
        from .._generated.gateway.async_client import AsyncGatewayClient
        from .transport import AsyncEndpoint

        return AsyncGatewayClient(AsyncEndpoint(self.transport, self.settings.gateway_api_url))

    @functools.cached_property
    def projects(self) -> AsyncProjects:
        """Projects: list, create, edit, delete, rights, status, export and import."""
        from .projects import AsyncProjects

        return AsyncProjects(self)

    @functools.cached_property
    def jobs(self) -> AsyncJobs:
        """Jobs: create with an artifact, upgrade, run and wait, instances and versions."""
        from .jobs import AsyncJobs

        return AsyncJobs(self)

    @functools.cached_property
    def apps(self) -> AsyncApps:
        """Apps: from the catalog or a docker image, versions, run, stop, logs."""
        from .apps import AsyncApps

        return AsyncApps(self)

    @functools.cached_property
    def pipelines(self) -> AsyncPipelines:
        """Graph pipelines: create, upgrade, run and wait, instances and versions."""
        from .pipelines import AsyncPipelines

        return AsyncPipelines(self)

    @functools.cached_property
    def env_vars(self) -> AsyncEnvVars:
        """Environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP)."""
        from .env_vars import AsyncEnvVars

        return AsyncEnvVars(self)

    @functools.cached_property
    def docker_credentials(self) -> AsyncDockerCredentials:
        """Docker registry credentials of a project."""
        from .docker_credentials import AsyncDockerCredentials

        return AsyncDockerCredentials(self)

    @functools.cached_property
    def storages(self) -> AsyncStorages:
        """Storages (volumes) of a project."""
        from .storages import AsyncStorages

        return AsyncStorages(self)

    @functools.cached_property
    def repositories(self) -> AsyncRepositories:
        """Technology catalog repositories (gateway API)."""
        from .repositories import AsyncRepositories

        return AsyncRepositories(self)

    @functools.cached_property
    def users(self) -> AsyncUsers:
        """Platform users (REST)."""
        from .users import AsyncUsers

        return AsyncUsers(self)

    @functools.cached_property
    def groups(self) -> AsyncGroups:
        """User groups and their permissions (REST)."""
        from .groups import AsyncGroups

        return AsyncGroups(self)

    @functools.cached_property
    def profiles(self) -> AsyncProfiles:
        """User profiles (REST)."""
        from .profiles import AsyncProfiles

        return AsyncProfiles(self)

    # -- construction -----------------------------------------------------------------------------------
    @classmethod
    def easy_connect(
        cls,
        url_saagie_platform: str,
        user: str,
        password: str,
        *,
        realm: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        **options: Unpack[ConnectionOptions],
    ) -> AsyncSaagieApi:
        """Connect from a platform URL such as ``https://<realm>-workspace.<domain>/projects/platform/<id>/``.

        The realm is read from the host; pass ``realm=`` for hosts that do not carry it (``127.0.0.1``).
        Any constructor option (``timeout``, ``retries``, ``verify_ssl``, ``proxy``) may follow.

        Example::

            api = AsyncSaagieApi.easy_connect("https://acme-workspace.saagie.io/projects/platform/6/", "me", "pw")
        """
        parts = parse_platform_url(url_saagie_platform, realm=realm)
        return cls(parts.url_saagie, parts.id_platform, user, password, parts.realm, http_client=http_client, **options)

    @classmethod
    def from_env(
        cls, *, http_client: httpx.AsyncClient | None = None, **overrides: Unpack[ConnectionArguments]
    ) -> AsyncSaagieApi:
        """Connect with the ``SAAGIE_*`` environment variables (explicit keyword arguments win).

        Reads ``SAAGIE_URL`` (full platform URL, or base URL with ``SAAGIE_PLATFORM_ID`` and
        ``SAAGIE_REALM``), ``SAAGIE_USER``, ``SAAGIE_PASSWORD``, ``SAAGIE_TIMEOUT``, ``SAAGIE_MAX_RETRIES``
        and ``SAAGIE_CA_BUNDLE``.

        Example::

            api = AsyncSaagieApi.from_env(timeout=120)
        """
        arguments = settings_from_env(**overrides)
        return cls(http_client=http_client, **arguments)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} url={self.settings.url_saagie!r} platform={self.settings.id_platform} "
            f"realm={self.settings.realm!r} user={self.settings.user!r}>"
        )

    @property
    def url_saagie(self) -> str:
        """Base URL of the platform (no trailing slash)."""
        return self.settings.url_saagie

    @property
    def realm(self) -> str:
        """Realm (tenant) of the platform."""
        return self.settings.realm

    @property
    def platform(self) -> str:
        """Id of the platform, as a string (2.x name)."""
        return self.settings.id_platform

    async def __aenter__(self) -> AsyncSaagieApi:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool. Example: ``await api.aclose()``."""
        await self.transport.aclose()

    async def login(self) -> None:
        """Log in now instead of at the first call (raises AuthenticationError). Example: ``await api.login()``."""
        await self.transport.login()

    # -- validation helpers (2.x static methods) --------------------------------------------------------
    check_alerting = staticmethod(check_alerting)
    check_scheduling = staticmethod(check_scheduling)
    check_technology_valid = staticmethod(check_technology_valid)
    check_technology_configured = staticmethod(check_technology_configured)

    # -- platform ---------------------------------------------------------------------------------------
    async def get_cluster_capacity(self) -> list[ClusterNodeCapacity]:
        """CPU, GPU and memory of each cluster node.

        Example::

            total_cpu = sum(node.cpu for node in await api.get_cluster_capacity())
        """
        nodes = await self.client.get_cluster_capacity()
        return [node for node in nodes or [] if node is not None]

    async def get_platform_info(self) -> PlatformInfo:
        """Id, name and entity counts of the platform.

        Example::

            info = await api.get_platform_info()
            project_count = info.counts.projects
        """
        info = await self.client.get_platform_info()
        if info is None:
            raise NotFoundError("platform", self.settings.id_platform)
        return info

    # -- technology catalog -----------------------------------------------------------------------------
    async def get_repositories_info(self, *, refresh: bool = False) -> list[CatalogRepository]:
        """Every catalog repository with its technologies and runtime contexts (cached per client).

        The catalog is downloaded once and reused; ``refresh=True`` downloads it again.

        Example::

            names = [repo.name for repo in await api.get_repositories_info()]
        """
        if self._catalog is not None and not refresh:
            return self._catalog
        known = self._catalog
        async with self._catalog_lock:
            # Concurrent first calls download the catalog once: the others find it filled in.
            if self._catalog is None or self._catalog is known:
                self._catalog = list(await self.client_gateway.list_catalog())
            return self._catalog

    async def refresh_catalog(self) -> list[CatalogRepository]:
        """Download the technology catalog again. Example: ``await api.refresh_catalog()``."""
        return await self.get_repositories_info(refresh=True)

    async def get_available_technologies(self, catalog: str) -> list[CatalogTechnology]:
        """The available technologies of a catalog repository (name compared case-insensitively); ``[]`` if none.

        Example::

            labels = [tech.label for tech in await api.get_available_technologies("Saagie")]
        """
        for repository in await self.get_repositories_info():
            if repository.name.lower() == catalog.lower():
                return [tech for tech in repository.technologies if tech.available]
        return []

    async def get_technology(self, technology_id: str) -> CatalogTechnology:
        """One technology of the catalog by id, with its contexts (NotFoundError when no repository has it).

        Unlike :meth:`get_runtimes`, it asks the platform (one small request) rather than the cached catalog.

        Example::

            tech = await api.get_technology(technology_id)
            runtimes = [context.id for context in getattr(tech, "contexts", [])]
        """
        found = await self.client_gateway.get_technology(id=technology_id)
        if found is None:
            raise NotFoundError("technology", technology_id, hint="`api.get_repositories_info()` lists the catalog")
        return _public_technology(found)

    async def get_technologies_by_ids(self, technology_ids: Sequence[str]) -> list[CatalogTechnology]:
        """The technologies with these ids, from any repository (unknown ids are left out).

        Example::

            labels = [tech.label for tech in await api.get_technologies_by_ids([technology_id, jupyter_id])]
        """
        if isinstance(technology_ids, str):
            technology_ids = [technology_ids]
        ids = list(dict.fromkeys(technology_ids))
        if not ids:
            return []
        return [_public_technology(tech) for tech in await self.client_gateway.list_technologies_by_ids(ids=ids)]

    async def get_updated_technologies(self, since: str | datetime) -> list[CatalogTechnology]:
        """The technologies of the catalog updated after ``since``.

        ``since`` is the platform's ``from`` argument, a string (a catalog version or an instant); an aware
        datetime is sent in ISO 8601.

        Example::

            changed = await api.get_updated_technologies("2024-06-01T00:00:00Z")
        """
        if isinstance(since, datetime):
            if since.tzinfo is None:
                raise InvalidInputError("since needs a timezone (datetime(..., tzinfo=timezone.utc))")
            since = since.isoformat()
        if not isinstance(since, str) or not since.strip():
            raise InvalidInputError("since is empty: give a version or an instant such as 2024-06-01T00:00:00Z")
        return [_public_technology(tech) for tech in await self.client_gateway.list_updated_technologies(from_=since)]

    async def get_technology_facets(self) -> list[Facet]:
        """The optional features (facets) enabled on the platform.

        A technology that needs a facet which is not enabled is unavailable (see its ``missing_facets``).

        Example::

            enabled = {facet.name for facet in await api.get_technology_facets()}
        """
        return list(await self.client_gateway.list_facets())

    async def check_technology(
        self,
        params: dict[str, Any],
        technology: str,
        technology_catalog: str,
        technologies_configured_for_project: Sequence[str],
    ) -> dict[str, Any]:
        """Resolve a technology label in a catalog and check it is enabled in the project.

        Returns ``params`` with ``technologyId`` set.

        Example::

            params = await api.check_technology({}, "python", "Saagie", project_technology_ids)
        """
        technologies = await self.get_available_technologies(technology_catalog)
        technology_id = check_technology_valid([technology], technologies, technology_catalog)[0]
        return check_technology_configured(params, technology, technology_id, technologies_configured_for_project)

    async def _find_technology(self, technology_id: str) -> tuple[CatalogRepository, CatalogTechnology]:
        for refresh in (False, True):
            for repository in await self.get_repositories_info(refresh=refresh):
                for tech in repository.technologies:
                    if tech.id == technology_id:
                        return repository, tech
        raise NotFoundError("technology", technology_id, hint="no catalog repository holds this id")

    async def get_runtimes(self, technology_id: str) -> CatalogTechnology:
        """A technology with its runtime contexts (``contexts`` for jobs, ``app_contexts`` for apps).

        Example::

            tech = await api.get_runtimes(technology_id)
            runtimes = [context.label for context in getattr(tech, "contexts", [])]  # app technologies: none
        """
        return (await self._find_technology(technology_id))[1]

    async def get_technology_name_by_id(self, technology_id: str) -> tuple[str, str]:
        """``(catalog repository name, technology label)`` of a technology id.

        Example::

            catalog, label = await api.get_technology_name_by_id(technology_id)
        """
        repository, tech = await self._find_technology(technology_id)
        return repository.name, tech.label

    async def get_runtime_label_by_id(self, technology_id: str, runtime_id: str) -> str:
        """Label of a runtime context (job or app technology) from its id.

        Example::

            label = await api.get_runtime_label_by_id(jupyter_id, context_id)
        """
        from ..models import AppTechnology

        tech = await self.get_runtimes(technology_id)
        contexts: Sequence[Any] = (
            tech.app_contexts if isinstance(tech, AppTechnology) else getattr(tech, "contexts", [])
        )
        for context in contexts:
            if context.id == runtime_id:
                return str(context.label)
        raise NotFoundError(
            "runtime",
            runtime_id,
            scope=f"technology {tech.label!r}",
            hint="available: " + ", ".join(str(context.id) for context in contexts),
        )

    # -- conditions -------------------------------------------------------------------------------------
    async def check_condition_expression(
        self,
        expression: str,
        project_id: str,
        variables: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    ) -> bool:
        """Evaluate a condition expression (CEL) on the platform, with optional variables.

        ``variables`` is a mapping ``{name: value}`` or a list of ``{"key": ..., "value": ...}``.

        Example::

            ok = await api.check_condition_expression("vars.env == 'prod'", project_id, {"env": "prod"})
        """
        if not isinstance(expression, str) or not expression.strip():
            raise InvalidInputError("expression is empty")
        items: list[ConditionExpressionVariableInput] = []
        from .._generated.projects.input_types import ConditionExpressionVariableInput

        if isinstance(variables, Mapping):
            if set(variables) == {"key", "value"}:
                items.append(ConditionExpressionVariableInput(key=str(variables["key"]), value=str(variables["value"])))
            else:
                items = [ConditionExpressionVariableInput(key=str(k), value=str(v)) for k, v in variables.items()]
        elif variables is not None:
            items = [ConditionExpressionVariableInput(key=str(v["key"]), value=str(v["value"])) for v in variables]
        result = await self.client.evaluate_condition_expression(
            project_id=project_id, expression=expression, variables=items
        )
        return bool(result)

    def _condition_logs_url(self, project_id: str, condition_instance_id: str) -> str:
        settings = self.settings
        return (
            f"{settings.url_saagie}/log-proxy/api/logs/{quote(settings.realm, safe='')}/platform/"
            f"{settings.id_platform}/project/{quote(project_id, safe='')}/condition_instance/"
            f"{quote(condition_instance_id, safe='')}"
        )

    async def _read_logs(self, url: str, streams: Sequence[str], limit: int, skip: int) -> LogsPage:
        unknown = [stream for stream in streams if stream not in LOG_STREAMS]
        if unknown or not streams:
            raise InvalidInputError(f"invalid log streams {list(streams)}: choose among {', '.join(LOG_STREAMS)}")
        response = await self.transport.request(
            "GET", url, params={"limit": limit, "skip": skip, "streams": ",".join(streams)}
        )
        from ..models import LogsPage

        return answer_model(LogsPage, response.content, what="a page of logs")

    async def count_condition_logs(
        self, condition_instance_id: str, project_id: str, streams: Sequence[str]
    ) -> LogsPage:
        """How many log lines a condition instance has (``total``), with the first line.

        Example::

            total = (await api.count_condition_logs(instance_id, project_id, ["STDOUT", "STDERR"])).total
        """
        return await self._read_logs(self._condition_logs_url(project_id, condition_instance_id), streams, 1, 0)

    async def get_condition_instance_logs_by_instance(
        self,
        condition_instance_id: str,
        project_id: str,
        streams: Sequence[str],
        limit: int | None = None,
        skip: int | None = None,
    ) -> LogsPage:
        """The log lines of a condition instance (``limit`` default 10000, ``skip`` default 0).

        Example::

            page = await api.get_condition_instance_logs_by_instance(instance_id, project_id, ["STDOUT"])
            text = "\\n".join(line.value for line in page.logs)
        """
        return await self._read_logs(
            self._condition_logs_url(project_id, condition_instance_id),
            streams,
            10000 if limit is None else limit,
            0 if skip is None else skip,
        )


check_public_methods(
    AsyncSaagieApi
)  # a wrong argument type is an InvalidInputError (saagieapi/_core/signature_checks.py)
