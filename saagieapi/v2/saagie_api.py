"""``SaagieApi`` of saagieapi 2.x, over the typed client: same constructor, attributes and platform methods.

Example::

    from saagieapi.v2 import SaagieApi

    saagie = SaagieApi(url_saagie, id_platform, user, password, realm)
    projects = saagie.projects.list()["projects"]          # 2.x shapes
    platform = saagie.typed.get_platform_info()            # the typed client behind it
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ..errors import AmbiguousNameError, NotFoundError
from ._core import v2_method
from ._select import dump, project, selection
from .errors import rest_2x_classes

if TYPE_CHECKING:
    import saagieapi

    from ..connection import VerifyTypes
    from .apps import Apps
    from .docker_credentials import DockerCredentials
    from .env_vars import EnvVars
    from .groups import Groups
    from .jobs import Jobs
    from .pipelines import Pipelines
    from .profiles import Profiles
    from .projects import Projects
    from .repositories import Repositories
    from .storages import Storages
    from .users import Users
    from .utils.gql_client import GqlClient

__all__ = ["SaagieApi"]

#: 2.x raised RuntimeError when a technology label or id was not in the catalog or the project.
TECHNOLOGY_ERRORS: dict[Any, tuple[type[Exception], ...]] = {
    NotFoundError: (NameError, RuntimeError),
    AmbiguousNameError: (NameError, RuntimeError),
}

JOB_CONTEXTS = "__typename contexts{id label available}"
APP_CONTEXTS = (
    "__typename id label available appContexts{id available deprecationDate description dockerInfo{image version} "
    "facets label lastUpdate ports{basePath name port rewriteUrl scope} missingFacets recommended trustLevel "
    "volumes{path size}}"
)
LOG_PAGE = "logs limit total order source"


def _labelled(technologies: Sequence[Any]) -> list[Any]:
    """2.x passed catalog entries as dicts; the typed check reads ``.id`` and ``.label``."""
    return [
        SimpleNamespace(id=tech.get("id"), label=tech.get("label", "")) if isinstance(tech, dict) else tech
        for tech in technologies
    ]


def logs_page(page: Any) -> dict[str, Any]:
    """A log page as the log proxy sent it (only the keys it sent)."""
    raw: dict[str, Any] = page.model_dump(by_alias=True, mode="json", exclude_unset=True)
    return raw


class SaagieApi:
    """The 2.x client: ``SaagieApi(url_saagie, id_platform, user, password, realm, retries=0, pprint_global=False,
    timeout=10)``; logs in at once, like 2.x (a failed login raises :class:`saagieapi.AuthenticationError`
    instead of exiting the process).

    ``verify_ssl`` (keyword, default ``True``: 2.x did not verify certificates) and ``proxy`` go to the typed
    client, available as :attr:`typed` for a gradual migration.

    Example::

        saagie = SaagieApi("https://acme-workspace.saagie.io", "6", "me", "secret", "acme")
        job_id = saagie.jobs.get_id("ingest", "My project")
    """

    def __init__(
        self,
        url_saagie: str,
        id_platform: str,
        user: str,
        password: str,
        realm: str,
        retries: int = 0,
        pprint_global: bool = False,
        timeout: int = 10,
        *,
        verify_ssl: VerifyTypes = True,
        proxy: str | None = None,
    ) -> None:
        import saagieapi

        self.typed: saagieapi.SaagieApi = saagieapi.SaagieApi(
            url_saagie,
            id_platform,
            user,
            password,
            realm,
            retries=retries,
            timeout=timeout,
            verify_ssl=verify_ssl,
            proxy=proxy,
        )
        self.url_saagie = url_saagie if url_saagie.endswith("/") else url_saagie + "/"
        self.realm = realm
        self.platform = id_platform
        self.pprint_global = pprint_global
        self.verify_ssl = verify_ssl
        self._client: GqlClient | None = None
        self._client_gateway: GqlClient | None = None
        try:
            self.typed.login()
        except BaseException:
            self.typed.close()  # the connection pool of a client that will never be used
            raise
        self._resources()

    def _resources(self) -> None:
        from .apps import Apps
        from .docker_credentials import DockerCredentials
        from .env_vars import EnvVars
        from .groups import Groups
        from .jobs import Jobs
        from .pipelines import Pipelines
        from .profiles import Profiles
        from .projects import Projects
        from .repositories import Repositories
        from .storages import Storages
        from .users import Users

        self.projects: Projects = Projects(self)
        self.jobs: Jobs = Jobs(self)
        self.pipelines: Pipelines = Pipelines(self)
        self.env_vars: EnvVars = EnvVars(self)
        self.apps: Apps = Apps(self)
        self.docker_credentials: DockerCredentials = DockerCredentials(self)
        self.repositories: Repositories = Repositories(self)
        self.storages: Storages = Storages(self)
        self.users: Users = Users(self)
        self.groups: Groups = Groups(self)
        self.profiles: Profiles = Profiles(self)

    def __repr__(self) -> str:
        return f"<saagieapi.v2 SaagieApi {self.url_saagie} platform {self.platform}>"

    @property
    def client(self) -> GqlClient:
        """2.x's projects API client: ``saagie.client.execute(query, variable_values)`` -> the ``data`` dict.

        Example::

            saagie.client.execute("{ projects { id name } }")["projects"]
        """
        if self._client is None:
            from .utils.gql_client import GqlClient

            self._client = GqlClient(self.typed.client)
        return self._client

    @property
    def client_gateway(self) -> GqlClient:
        """2.x's gateway (technology catalog) client: ``saagie.client_gateway.execute(query, variable_values)``.

        Example::

            saagie.client_gateway.execute("{ repositories { name } }")["repositories"]
        """
        if self._client_gateway is None:
            from .utils.gql_client import GqlClient

            self._client_gateway = GqlClient(self.typed.client_gateway)
        return self._client_gateway

    def __enter__(self) -> SaagieApi:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool of the typed client (2.x had none to close)."""
        self.typed.close()

    @classmethod
    @v2_method(kind="object", raw=True)
    def easy_connect(cls, url_saagie_platform: str, user: str, password: str) -> SaagieApi:
        """Connect from the URL of the platform's project page (any host shape, http or https)."""
        from ..connection import parse_platform_url

        parts = parse_platform_url(url_saagie_platform)
        return cls(parts.url_saagie, parts.id_platform, user, password, parts.realm)

    def technology_kinds(self) -> dict[str, str]:
        """Technology id -> its GraphQL type name (``JobTechnology``, ``SparkTechnology``, ``AppTechnology``),
        from the typed client's cached catalog (2.x asked the platform for ``__typename``)."""
        return {
            str(tech.id): str(getattr(tech, "typename__", "Technology"))
            for repository in self.typed.get_repositories_info()
            for tech in repository.technologies
        }

    # -- checks (static in 2.x) ---------------------------------------------------------------------------
    @staticmethod
    @v2_method(kind="same", raw=True, replacement="SaagieApi.check_alerting")
    def check_alerting(emails: list[str], status_list: list[str]) -> dict[str, Any]:
        """``{"alerting": {"emails", "statusList"}}``; ``RuntimeError`` (and ``InvalidInputError``) on a bad status."""
        from ..validation import check_alerting

        return check_alerting(emails, status_list)

    @staticmethod
    @v2_method(kind="same", raw=True, replacement="SaagieApi.check_scheduling")
    def check_scheduling(cron_scheduling: str, schedule_timezone: str) -> dict[str, Any]:
        """``{"isScheduled": True, "cronScheduling", "scheduleTimezone"}``; ``RuntimeError`` when invalid."""
        from ..validation import check_scheduling

        return check_scheduling(cron_scheduling, schedule_timezone)

    @staticmethod
    @v2_method(kind="same", raw=True, replacement="SaagieApi.check_technology_valid", errors=TECHNOLOGY_ERRORS)
    def check_technology_valid(
        technologies: list[str], all_technologies_in_catalog: list[Any], technology_catalog: str
    ) -> list[str]:
        """The ids of ``technologies`` (labels) in the catalog entries given (dicts, as 2.x listed them)."""
        from ..validation import check_technology_valid

        return check_technology_valid(technologies, _labelled(all_technologies_in_catalog), technology_catalog)

    @staticmethod
    @v2_method(kind="same", raw=True, replacement="SaagieApi.check_technology_configured", errors=TECHNOLOGY_ERRORS)
    def check_technology_configured(
        params: dict[str, Any], technology: str, technology_id: str, technologies_configured_for_project: list[str]
    ) -> dict[str, Any]:
        """``params`` with ``technologyId`` set; ``RuntimeError`` when the project does not enable it."""
        from ..validation import check_technology_configured

        return check_technology_configured(params, technology, technology_id, technologies_configured_for_project)

    @v2_method(kind="same", raw=True, errors=TECHNOLOGY_ERRORS)
    def check_technology(
        self,
        params: dict[str, Any],
        technology: str,
        technology_catalog: str,
        technologies_configured_for_project: list[str],
    ) -> dict[str, Any]:
        """``params`` with the id of ``technology`` (a label of ``technology_catalog``) set as ``technologyId``."""
        result: dict[str, Any] = self.typed.check_technology(
            params, technology, technology_catalog, technologies_configured_for_project
        )
        return result

    # -- platform -----------------------------------------------------------------------------------------
    @v2_method("getClusterCapacity", "cpu gpu memory")
    def get_cluster_capacity(self) -> Any:
        """``{"getClusterCapacity": [{"cpu", "gpu", "memory"}]}``."""
        return self.typed.get_cluster_capacity()

    @v2_method("platform", "id name counts{projects jobs apps pipelines}")
    def get_platform_info(self) -> Any:
        """``{"platform": {"id", "name", "counts"}}``."""
        return self.typed.get_platform_info()

    @v2_method("repositories", "id name technologies{id label available __typename}")
    def get_repositories_info(self) -> Any:
        """``{"repositories": [{"id", "name", "technologies"}]}`` (the typed client caches the catalog)."""
        return self.typed.get_repositories_info(refresh=True)

    @v2_method((), "id label available __typename", kind="list")
    def get_available_technologies(self, catalog: str) -> Any:
        """The available technologies of a catalog (dicts); ``[]`` when there is no such catalog."""
        return self.typed.get_available_technologies(catalog)

    @v2_method("technology", kind="dict", raw=True, errors=TECHNOLOGY_ERRORS)
    def get_runtimes(self, technology_id: str) -> dict[str, Any]:
        """``{"technology": {...}}``: ``contexts`` of a job technology, ``appContexts`` of an app technology."""
        try:
            tech = self.typed.get_runtimes(technology_id)
        except NotFoundError:
            return {"technology": None}
        dumped = dump(tech)
        spec = APP_CONTEXTS if dumped.get("__typename") == "AppTechnology" else JOB_CONTEXTS
        return {"technology": project(dumped, selection(spec))}

    @v2_method(kind="same", raw=True)
    def get_technology_name_by_id(self, technology_id: str) -> tuple[str, str]:
        """``(catalog name, technology label)``; ``("", "")`` when no catalog holds the id (as 2.x)."""
        try:
            result: tuple[str, str] = self.typed.get_technology_name_by_id(technology_id)
        except NotFoundError:
            return "", ""
        return result

    @v2_method(kind="scalar", raw=True, errors=TECHNOLOGY_ERRORS, note="returns the label (2.x: a list of labels)")
    def get_runtime_label_by_id(self, technology_id: str, runtime_id: str) -> list[str]:
        """The labels of the runtime ``runtime_id`` of an app technology, as a list (what 2.x returned)."""
        try:
            return [self.typed.get_runtime_label_by_id(technology_id, runtime_id)]
        except NotFoundError as error:
            if error.kind == "runtime":
                return []
            raise

    @v2_method("evaluateConditionExpression")
    def check_condition_expression(
        self, expression: str, project_id: str, variables: dict[str, Any] | None = None
    ) -> Any:
        """``{"evaluateConditionExpression": bool}``."""
        return self.typed.check_condition_expression(expression, project_id, variables)

    @v2_method(kind="dict", raw=True, errors=rest_2x_classes)
    def count_condition_logs(self, condition_instance_id: str, project_id: str, streams: list[str]) -> dict[str, Any]:
        """The log proxy's JSON for a condition instance (``total`` counts the lines)."""
        return logs_page(self.typed.count_condition_logs(condition_instance_id, project_id, streams))

    @v2_method(kind="dict", raw=True, errors=rest_2x_classes)
    def get_condition_instance_logs_by_instance(
        self,
        condition_instance_id: str,
        project_id: str,
        streams: list[str],
        limit: int | None = None,
        skip: int | None = None,
    ) -> dict[str, Any]:
        """The log proxy's JSON: ``{"logs": [{"index", "value", "stream"...}], "limit", "total"...}``."""
        return logs_page(
            self.typed.get_condition_instance_logs_by_instance(
                condition_instance_id, project_id, streams, limit=limit, skip=skip
            )
        )
