"""Checks of arguments and the inputs built from them (no I/O: nothing is sent, no file is opened).

Each function raises :class:`~saagieapi.errors.InvalidInputError` (or NotFoundError for a catalog lookup)
naming the argument and what to give instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from ..errors import InvalidInputError, NotFoundError
from .statuses import APP_ALERTING_STATUSES

if TYPE_CHECKING:
    from .._generated.projects.input_types import PortInput
    from ..graph_pipeline import GraphPipeline
    from ..models import CatalogTechnology
    from .inputs import AppAlertingInputFields, JobDockerInputFields, PipelineGraphInputFields, PortInputFields

__all__ = [
    "EXPOSED_PORT_FIELDS",
    "EXPOSED_PORT_MANDATORY",
    "JOB_CATEGORIES",
    "app_alerting_fields",
    "check_app_alerting",
    "check_entity_name",
    "check_exposed_ports",
    "check_graph",
    "check_unknown_jobs",
    "docker_input",
    "parse_date",
    "port_inputs",
    "raw_variables",
    "resolve_runtime",
    "uuid_list",
    "version_number",
    "version_numbers",
]

#: Job categories of the platform (a free string in the schema; these are the ones projects enable).
JOB_CATEGORIES = ("Extraction", "Processing", "Smart App")
EXPOSED_PORT_FIELDS = ("basePathVariableName", "isRewriteUrl", "scope", "number", "name")
EXPOSED_PORT_MANDATORY = ("isRewriteUrl", "scope", "number")


def check_entity_name(value: object, *, param: str, entity: str) -> str:
    """A project, job or app name: a non-empty string without NUL (PostgreSQL text, which the platform stores
    names in, cannot hold one: the platform would answer a server error).

    ``entity`` is the article and the kind, for the message: ``"a job"``, ``"an app"``.
    """
    if not isinstance(value, str):
        shown = repr(value) if len(repr(value)) <= 40 else f"{repr(value)[:40]}..."
        raise InvalidInputError(f"{param} must be a string ({entity}'s name), not {type(value).__name__} {shown}")
    if not value.strip():
        raise InvalidInputError(f"{param} is empty: {entity} needs a name")
    if "\x00" in value:
        raise InvalidInputError(f"{param} contains a NUL character (\\x00), which the platform cannot store: remove it")
    return value


def parse_date(date_before: str | datetime, *, name: str = "date_before") -> datetime:
    """A timezone-aware datetime from a datetime or an ISO-8601 string such as ``2024-01-31T00:00:00+01:00``."""
    if isinstance(date_before, datetime):
        value = date_before
    elif isinstance(date_before, str):
        text = date_before.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidInputError(
                f"{name} {date_before!r} is not a date: use ISO-8601 with an offset, e.g. 2024-01-31T00:00:00+01:00"
            ) from exc
    else:
        raise InvalidInputError(f"{name} must be a datetime or an ISO-8601 string, not {type(date_before).__name__}")
    if value.tzinfo is None:
        raise InvalidInputError(f"{name} {date_before!r} has no timezone offset: add one such as +00:00 or Z")
    return value


def uuid_list(values: Iterable[str] | None, *, name: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        raise InvalidInputError(f"{name} must be a list of ids, not a string")
    return [str(value) for value in values]


def version_number(value: int | str) -> int:
    """2.x took version numbers as strings; the platform wants an ``Int``."""
    if isinstance(value, bool):
        raise InvalidInputError(f"invalid version number {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"invalid version number {value!r}: give an integer such as 2") from exc
    if number < 1:
        raise InvalidInputError(f"invalid version number {value!r}: versions start at 1")
    return number


def check_graph(graph_pipeline: GraphPipeline) -> PipelineGraphInputFields:
    """The graph input of a ``GraphPipeline`` (InvalidInputError for anything else)."""
    from ..graph_pipeline import GraphPipeline

    if not isinstance(graph_pipeline, GraphPipeline):
        raise InvalidInputError(f"graph_pipeline must be a GraphPipeline, not {type(graph_pipeline).__name__}")
    # GraphPipeline builds exactly the platform's PipelineGraphInput (nodes checked when added)
    return cast("PipelineGraphInputFields", graph_pipeline.to_pipeline_graph_input())


def check_unknown_jobs(graph: Mapping[str, Any], known_job_ids: Iterable[str], where: str) -> None:
    """Raise InvalidInputError naming the job ids of the graph that are not jobs of the project."""
    known = set(known_job_ids)
    unknown = sorted({node["job"]["id"] for node in graph["jobNodes"]} - known)
    if unknown:
        raise InvalidInputError(f"the pipeline graph uses job id(s) that are not jobs of {where}: {', '.join(unknown)}")


def raw_variables(variables: Mapping[str, str] | Sequence[str] | None) -> str | None:
    """``KEY=value`` lines from a mapping (or lines as given)."""
    if variables is None:
        return None
    if isinstance(variables, Mapping):
        lines = []
        for key, value in variables.items():
            if not str(key) or "=" in str(key) or "\n" in str(key) or "\n" in str(value):
                raise InvalidInputError(f"invalid variable {key!r}: names hold no '=' nor newline, values no newline")
            lines.append(f"{key}={value}")
        return "\n".join(lines)
    if isinstance(variables, str):
        return variables
    return "\n".join(str(line) for line in variables)


def version_numbers(versions: Sequence[int | str] | int | str) -> list[int]:
    """Version numbers as integers (2.x documented strings such as ``["1"]``)."""
    items = [versions] if isinstance(versions, (int, str)) else list(versions)
    try:
        return [int(item) for item in items]
    except (TypeError, ValueError):
        raise InvalidInputError(f"version numbers must be integers, not {items!r}") from None


def docker_input(docker_info: Mapping[str, Any] | None) -> JobDockerInputFields | None:
    """``{"image", "dockerCredentialsId"}`` from 2.x's dict (snake_case keys accepted)."""
    if docker_info is None:
        return None
    image = docker_info.get("image")
    if not isinstance(image, str) or not image.strip():
        raise InvalidInputError("docker_info needs an 'image'")
    credentials = docker_info.get("dockerCredentialsId", docker_info.get("docker_credentials_id"))
    result: JobDockerInputFields = {"image": image}
    if credentials:
        result["dockerCredentialsId"] = str(credentials)
    return result


def resolve_runtime(technology: CatalogTechnology, runtime_version: str, catalog: str) -> str:
    """The id of an available runtime context of a job technology, given its id or label."""
    contexts: Sequence[Any] = getattr(technology, "contexts", None) or []
    available = [context for context in contexts if context.available]
    for context in available:
        if runtime_version in (context.id, context.label):
            return str(context.id)
    lowered = str(runtime_version).lower()
    for context in available:
        if lowered in (str(context.id).lower(), str(context.label).lower()):
            return str(context.id)
    choices = ", ".join(str(context.id) for context in available) or "none"
    raise NotFoundError(
        "runtime",
        str(runtime_version),
        scope=f"technology {technology.label!r} of catalog {catalog!r}",
        hint=f"available runtimes: {choices}",
    )


def app_alerting_fields(
    emails: Sequence[str] | None = None, logins: Sequence[str] | None = None, status_list: Sequence[str] | None = None
) -> AppAlertingInputFields:
    """The typed ``AppAlertingInput``: a status list and at least one e-mail or login, all checked."""
    from .._generated.projects.enums import AppStatus

    for name, value in (("emails", emails), ("logins", logins), ("status_list", status_list)):
        if isinstance(value, str):
            raise InvalidInputError(f"{name} must be a list, not a string")
    statuses = [str(status).upper() for status in status_list or []]
    wrong = [status for status in statuses if status not in APP_ALERTING_STATUSES]
    if wrong:
        raise InvalidInputError(f"invalid app status(es) {wrong}: choose among {', '.join(APP_ALERTING_STATUSES)}")
    addresses = [str(email).strip() for email in emails or [] if str(email).strip()]
    bad = [email for email in addresses if "@" not in email or " " in email]
    if bad:
        raise InvalidInputError(f"invalid e-mail address(es) for alerting: {bad}")
    users = [str(login) for login in logins or [] if str(login)]
    if not statuses or not (addresses or users):
        raise InvalidInputError("alerting needs a status_list and at least one e-mail or login")
    result: AppAlertingInputFields = {"statusList": [AppStatus(status) for status in statuses]}
    if addresses:
        result["emails"] = addresses
    if users:
        result["logins"] = users
    return result


def check_app_alerting(
    emails: Sequence[str] | None = None, logins: Sequence[str] | None = None, status_list: Sequence[str] | None = None
) -> dict[str, Any]:
    """The ``AppAlertingInput``: a status list and at least one e-mail or login; statuses validated.

    Example::

        check_app_alerting(["ops@acme.io"], None, ["FAILED"])
        # {'statusList': ['FAILED'], 'emails': ['ops@acme.io']}
    """
    fields = app_alerting_fields(emails, logins, status_list)
    return {**fields, "statusList": [status.value for status in fields["statusList"]]}


def check_exposed_ports(exposed_ports: Sequence[Mapping[str, Any]] | None) -> bool:
    """True when every port is a dict with ``number``, ``isRewriteUrl`` and ``scope`` and only known keys.

    ``internalUrl`` (returned by the platform) is accepted and ignored; an empty list is valid.

    Example::

        assert check_exposed_ports([{"number": 8080, "isRewriteUrl": True, "scope": "PROJECT"}])
    """
    if exposed_ports is None:
        return True
    if isinstance(exposed_ports, (str, Mapping)):
        return False
    for port in exposed_ports:
        if not isinstance(port, Mapping):
            return False
        keys = set(port) - {"internalUrl"}
        if not set(EXPOSED_PORT_MANDATORY) <= keys or not keys <= set(EXPOSED_PORT_FIELDS):
            return False
    return True


def port_inputs(exposed_ports: Sequence[Mapping[str, Any]] | None) -> list[PortInput | PortInputFields]:
    """Exposed ports as ``PortInput`` models (``internalUrl`` dropped); InvalidInputError if malformed."""
    from .._generated.projects.input_types import PortInput
    from ._build import build

    if not check_exposed_ports(exposed_ports):
        raise InvalidInputError(
            "exposed_ports must be a list of dicts with 'number', 'isRewriteUrl' and 'scope' "
            f"(optional: 'name', 'basePathVariableName'), not {exposed_ports!r}"
        )
    return [
        build(PortInput, {key: value for key, value in port.items() if key != "internalUrl"})
        for port in exposed_ports or []
    ]
