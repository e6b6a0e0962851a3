"""Every status, scope, reason... the emulator writes into an enum-typed field is a value of that enum in schema/.

The emulator writes these as plain strings (``"KILLING"`` in lifecycle.py, ``"GLOBAL"`` in env_vars.py...).
Rather than a hand list of those literals, a scenario makes the emulator produce them (projects, jobs,
pipelines with conditions, apps, variables of every scope, volumes, stops, forced failures, a failed
synchronization) and then reads back **every enum-typed field** the schema lets a client reach, with a
query generated from schema/*.graphql by graphql-core, at several moments of emulated time. graphql-core
refuses to serialize a value its enum does not declare, so a value renamed or removed in the schema makes
this test fail with "Enum '...' cannot represent value" instead of reaching a client as an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    get_named_type,
)

from saagie_emulator.schema import schema_text

from .conftest import Client

#: Entities whose id, when a root query takes only that id, leads to more enum-typed fields.
_ID_ARGUMENTS = {
    "projectId": "Project",
    "jobId": "Job",
    "pipelineId": "Pipeline",
    "appId": "App",
    "jobInstanceId": "JobInstance",
    "jobInstanceID": "JobInstance",
    "pipelineInstanceId": "PipelineInstance",
}
_DEPTH = 8


def _selection(schema: GraphQLSchema, graphql_type: GraphQLOutputType, depth: int, seen: frozenset[str]) -> str | None:
    """The fields under ``graphql_type`` that lead to an enum ("" for an enum leaf, None: no enum below)."""
    named = get_named_type(graphql_type)
    if isinstance(named, GraphQLEnumType):
        return ""
    if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
        return None
    if depth == 0 or named.name in seen:
        return None
    inner = seen | {named.name}
    parts: list[str] = []
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        for name, field in named.fields.items():
            if any(isinstance(argument.type, GraphQLNonNull) for argument in field.args.values()):
                continue
            sub = _selection(schema, field.type, depth - 1, inner)
            if sub is not None:
                parts.append(name if sub == "" else f"{name} {{ {sub} }}")
        if parts and "id" in named.fields:
            parts.insert(0, "__typename id")
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        for possible in schema.get_possible_types(named):
            sub = _selection(schema, possible, depth, inner)
            if sub:
                parts.append(f"... on {possible.name} {{ {sub} }}")
    return " ".join(parts) or None


def _root_queries(schema: GraphQLSchema) -> tuple[str, dict[str, tuple[str, str]]]:
    """One query for the root fields without required arguments, and per root field taking only one entity
    id: ``{field: (argument, entity type)}`` with its selection."""
    assert schema.query_type is not None
    plain: list[str] = []
    by_id: dict[str, tuple[str, str]] = {}
    for name, field in schema.query_type.fields.items():
        required = [arg for arg, value in field.args.items() if isinstance(value.type, GraphQLNonNull)]
        sub = _selection(schema, field.type, _DEPTH, frozenset())
        if sub is None:
            continue
        selection = name if sub == "" else f"{name} {{ {sub} }}"
        if not required:
            plain.append(selection)
        elif len(required) == 1 and required[0] in _ID_ARGUMENTS:
            by_id[name] = (required[0], selection)
    return "{ " + " ".join(plain) + " }", by_id


def _ids(data: Any, typename: str) -> Iterator[str]:
    if isinstance(data, dict):
        if data.get("__typename") == typename and isinstance(data.get("id"), str):
            yield data["id"]
        for value in data.values():
            yield from _ids(value, typename)
    elif isinstance(data, list):
        for item in data:
            yield from _ids(item, typename)


def _read_every_enum(client: Client) -> int:
    """Query every reachable enum-typed field on both endpoints; the number of enum values read."""
    projects = build_schema(schema_text("projects.graphql"))
    query, by_id = _root_queries(projects)
    data = client.gql(query)
    read = _count(data)
    for field, (argument, selection) in by_id.items():
        entity = _ID_ARGUMENTS[argument]
        for entity_id in sorted(set(_ids(data, entity))):
            arguments = selection.replace(field, f"{field}({argument}: $id)", 1)
            answer = client.gql(f"query($id: UUID!) {{ {arguments} }}", {"id": entity_id})
            read += _count(answer)
    gateway = build_schema(schema_text("gateway.graphql"))
    gateway_query, _ = _root_queries(gateway)
    read += _count(client.gql(gateway_query, gateway=True))
    return read


def _count(data: Any) -> int:
    if isinstance(data, dict):
        return sum(_count(value) for key, value in data.items() if key not in ("__typename", "id"))
    if isinstance(data, list):
        return sum(_count(item) for item in data)
    return 1 if isinstance(data, str) else 0


def _scenario(client: Client) -> dict[str, str]:
    platform = client.platform
    project = client.project("enums")
    ok, failing, held = (client.job(project, name) for name in ("ok", "failing", "held"))
    platform.force_job_outcome(failing, "FAILED")
    platform.force_job_outcome(held, "RUNNING")
    for job in (ok, failing, held):
        client.gql("mutation($j: UUID!) { runJob(jobId: $j) { id } }", {"j": job})
    client.gql(
        """mutation($p: UUID!, $t: UUID!) { createJob(job: {projectId: $p, name: "scheduled", category: "Processing",
             technology: {id: $t}, isScheduled: true, cronScheduling: "0 * * * *", scheduleTimezone: "UTC",
             isStreaming: false, alerting: {emails: ["ops@acme.io"], statusList: [FAILED, KILLED]}},
             jobVersion: {runtimeVersion: "3.11"}) { id } }""",
        {"p": project, "t": client.technology("Python")},
    )
    nodes = [f"00000000-0000-4000-8000-0000000000{n:02d}" for n in range(1, 6)]
    pipeline = client.gql(
        """mutation($p: UUID!, $jobs: [JobNodeInput!], $conds: [ConditionNodeInput!]) {
             createGraphPipeline(pipeline: {name: "flow", alias: "flow", projectId: $p, isScheduled: false,
               graph: {jobNodes: $jobs, conditionNodes: $conds}}) { id } }""",
        {
            "p": project,
            "jobs": [
                {"id": nodes[0], "job": {"id": ok}, "nextNodes": [nodes[1]]},
                {"id": nodes[2], "job": {"id": failing}, "nextNodes": []},
                {"id": nodes[3], "job": {"id": ok}, "nextNodes": []},
            ],
            "conds": [
                {
                    "id": nodes[1],
                    "condition": {"status": {"value": "AllSuccess"}},
                    "nextNodesSuccess": [nodes[2]],
                    "nextNodesFailure": [nodes[3]],
                }
            ],
        },
    )["createGraphPipeline"]["id"]
    client.gql("mutation($id: UUID!) { runPipeline(pipelineId: $id) { id } }", {"id": pipeline})
    app = client.gql(
        """mutation($p: UUID!, $t: UUID!) { createApp(app: {projectId: $p, name: "web", technologyId: $t,
             version: {dockerInfo: {image: "nginx"}, ports: [{number: 80, isRewriteUrl: false}]}}) { id } }""",
        {"p": project, "t": client.technology("Docker image")},
    )["createApp"]["id"]
    for scope, entity in (("GLOBAL", None), ("PROJECT", project), ("JOB", ok), ("PIPELINE", pipeline), ("APP", app)):
        client.gql(
            """mutation($e: UUID, $n: String!, $s: EnvVarScope!) { saveEnvironmentVariable(entityId: $e,
                 environmentVariable: {name: $n, scope: $s, value: "v", isPassword: false}) { id } }""",
            {"e": entity, "n": f"VAR_{scope}", "s": scope},
        )
    client.gql(
        """mutation($p: UUID!) { createVolume(volume: {name: "data", size: "1 GB", projectId: $p}) { id } }""",
        {"p": project},
    )
    saagie = next(
        r["id"]
        for r in client.gql("{ repositories { id name } }", gateway=True)["repositories"]
        if r["name"] == "Saagie"
    )
    client.gql("mutation($r: UUID!) { synchronizeRepository(id: $r) { count } }", {"r": saagie}, gateway=True)
    return {"project": project, "held": held, "app": app}


def test_every_enum_value_the_emulator_writes_is_declared_by_the_schema(client: Client) -> None:
    clock = client.platform.clock
    clock.freeze()
    created = client.gql("""mutation { createProject(project: {name: "initialising"}) { id status } }""")[
        "createProject"
    ]
    assert created["status"] == "CREATED"
    ids = _scenario(client)
    read = [_read_every_enum(client)]  # REQUESTED, STARTING, CREATED... at the moment they start
    clock.advance(seconds=2)
    held_instances = client.gql("query($j: UUID!) { job(id: $j) { instances { id } } }", {"j": ids["held"]})["job"][
        "instances"
    ]
    client.gql("mutation($i: UUID!) { stopJobInstance(jobInstanceId: $i) { id } }", {"i": held_instances[0]["id"]})
    client.gql("mutation($a: UUID!) { stopApp(id: $a) { id } }", {"a": ids["app"]})
    read.append(_read_every_enum(client))  # KILLING, STOPPING, RUNNING...
    clock.advance(hours=2)
    read.append(_read_every_enum(client))  # final statuses, histories, schedules fired
    assert min(read) > 50, read  # the generated queries did reach the emulator's enum values
