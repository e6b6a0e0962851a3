"""The keys ``saagieapi.v2`` keeps for each 2.x method are exactly those 2.13.1 asked the platform for.

The shape tests compare results, which cannot see a nested key when the emulator returns an empty list or a
``null`` there (app history events, job instance execution variables...). Here the selection of each method
(``MethodInfo.spec``) is compared with the GraphQL document 2.13.1 sent for the same step (recorded by the
driver), field by field. A key kept as dumped (no braces in the selection) stands for everything 2.x selected
under it.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    VariableNode,
    parse,
)

from saagieapi.v2._registry import methods
from saagieapi.v2._select import Selection, selection
from saagieapi.v2.apps.apps import APP, APP_IN_LIST, _with_versions
from saagieapi.v2.env_vars.env_vars import GLOBAL_VARIABLE, VARIABLE

from .scenario import STEPS

pytestmark = pytest.mark.compat

#: Steps whose 2.x method gets its value from a document other than the last one sent.
NOT_THE_LAST_DOCUMENT = {"jobs.create_or_upgrade#upgrade", "pipelines.create_or_upgrade#upgrade"}
#: Methods whose selection depends on their arguments: the selection of each step.
BY_STEP = {
    "apps.get_info": APP,
    "apps.get_info#running": APP,
    "apps.get_info#all-versions": _with_versions(APP, False),
    "apps.list_for_project": _with_versions(APP_IN_LIST, False),
    "apps.list_for_project#current": APP_IN_LIST,
    "apps.list_for_project#minimal": "id name",
    "storages.list_for_project#minimal": "id name projectId",
    "repositories.list#minimal": "id name synchronizationReports{lastReversibleId}",
    "env_vars.list": VARIABLE,
    "env_vars.get": VARIABLE,
    "env_vars.list#global": GLOBAL_VARIABLE,
}
#: Methods that return a value without a 2.x wrapper: where it sits in the document 2.x sent.
ROOTS = {
    "storages.get_info": ("project", "volumes"),
    "SaagieApi.get_available_technologies": ("repositories", "technologies"),
    "docker_credentials.get_info_for_username": ("allDockerCredentials",),
    "env_vars.list": ("projectEnvironmentVariables",),
    "env_vars.get": ("projectEnvironmentVariables",),
    "env_vars.list#global": ("globalEnvironmentVariables",),
}


def _included(node: SelectionNode, variables: dict[str, Any]) -> bool:
    """``@skip`` / ``@include`` evaluated with the variables 2.x sent (absent variables are null)."""
    for directive in node.directives or ():
        (argument,) = directive.arguments
        value = argument.value
        condition = bool(variables.get(value.name.value)) if isinstance(value, VariableNode) else value.value
        if (directive.name.value == "skip") == bool(condition):
            return False
    return True


def _document_paths(document: dict[str, Any], root: tuple[str, ...]) -> set[str] | None:
    """Field paths under ``root`` (response keys, ``data`` dropped) of a 2.x document; ``None`` if absent."""
    variables = document["variables"]
    tree = parse(document["query"])
    fragments = {d.name.value: d for d in tree.definitions if not isinstance(d, OperationDefinitionNode)}
    operation = next(d for d in tree.definitions if isinstance(d, OperationDefinitionNode))

    def fields(selection_set: SelectionSetNode) -> list[FieldNode]:
        found: list[FieldNode] = []
        for item in selection_set.selections:
            if not _included(item, variables):
                continue
            if isinstance(item, FieldNode):
                found.append(item)
            elif isinstance(item, InlineFragmentNode):
                found += fields(item.selection_set)
            elif isinstance(item, FragmentSpreadNode):
                found += fields(fragments[item.name.value].selection_set)  # type: ignore[attr-defined]
        return found

    def paths(selection_set: SelectionSetNode | None, prefix: str) -> set[str]:
        found: set[str] = set()
        for field in fields(selection_set) if selection_set else []:
            key = prefix + (field.alias or field.name).value
            found.add(key)
            found |= paths(field.selection_set, key + ".")
        return found

    current: SelectionSetNode | None = operation.selection_set
    for key in root:
        match = [f for f in fields(current) if (f.alias or f.name).value == key] if current else []
        if not match:
            return None
        current = match[0].selection_set
    return paths(current, "")


def _spec_paths(spec: Selection, prefix: str = "") -> tuple[set[str], set[str]]:
    """(paths of the selection, paths kept as dumped: everything under them is accepted)."""
    found: set[str] = set()
    wildcards: set[str] = set()
    for name, nested in spec.items():
        key = prefix + name.removeprefix("?")
        found.add(key)
        if isinstance(nested, dict):
            inner, inner_wildcards = _spec_paths(nested, key + ".")
            found |= inner
            wildcards |= inner_wildcards
        elif nested is None:
            wildcards.add(key)
    return found, wildcards


def _cases() -> list[Any]:
    table = methods()
    cases = []
    for step in STEPS:
        info = table.get(step.method)
        if info is None or step.raises or step.bug_in_2x:
            continue
        if not (info.spec and info.wrapper) and step.id not in ROOTS:
            continue
        if step.id in NOT_THE_LAST_DOCUMENT or step.id.endswith("#unknown"):
            continue  # unknown ids: the platform's null, compared by value in test_v2_shapes
        cases.append(pytest.param(step.id, info, id=step.id))
    return cases


@pytest.mark.parametrize(("step_id", "info"), _cases())
def test_selection_is_the_one_2x_sent(shape_records: dict[str, Any], step_id: str, info: Any) -> None:
    record = shape_records["2x"][step_id]
    assert record.get("documents"), f"2.13.1 sent no GraphQL document for {step_id}"
    root = ROOTS.get(step_id) or tuple(part for part in info.wrapper if part != "data")
    theirs = _document_paths(record["documents"][-1], root)
    if theirs is None:  # 2.x returned result["project"] of a project(id){...} query
        theirs = _document_paths(record["documents"][-1], ("project", *root))
    assert theirs is not None, f"the last document of {step_id} has no {'.'.join(root)}"
    ours, wildcards = _spec_paths(selection(BY_STEP.get(step_id, info.spec)))
    covered = {path for path in theirs if any(path.startswith(w + ".") for w in wildcards)}
    assert sorted(theirs - covered - ours) == [], f"{info.key}: keys 2.x returned that the v2 selection drops"
    assert sorted(ours - theirs) == [], f"{info.key}: keys the v2 selection adds"


def test_most_methods_are_compared() -> None:
    assert len({case.values[1].key for case in _cases()}) >= 80
