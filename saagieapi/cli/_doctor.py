"""What ``saagie doctor`` and ``saagie schema pull`` compute (no printing here).

* :func:`bundled_operations`: the GraphQL document of every method of the generated clients
  (``saagieapi/_generated/{projects,gateway}/client.py``), read statically.
* :func:`sdk_usage`: which public SDK method (``api.jobs.run_with_callback``) ends up calling which generated
  method, from a static scan of the hand-written ``saagieapi/_sync`` modules (calls on ``self._client``,
  ``self._gateway``, other methods of the class, inherited ones included (resources are composed of mixins
  in their own modules), other resources, module functions), closed transitively.
* :func:`check_operations`: each bundled document validated against a live introspected schema.
* :func:`check_enum_values`: every enum value the SDK relies on (``saagieapi._core.statuses.RELIED_ON``)
  present in the live projects schema.
"""

from __future__ import annotations

import ast
import importlib.util
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "APIS",
    "Operation",
    "Problem",
    "bundled_operations",
    "check_enum_values",
    "check_operations",
    "introspect",
    "sdk_usage",
    "sdl_of",
]

#: The two GraphQL APIs: name -> attribute of the SDK client holding its generated client.
APIS = {"projects": "client", "gateway": "client_gateway"}
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_CLIENT_ATTRIBUTES = {"_client": "projects", "client": "projects", "_gateway": "gateway", "client_gateway": "gateway"}


@dataclass(frozen=True)
class Operation:
    api: str  #: "projects" or "gateway"
    method: str  #: generated client method, e.g. "get_job"
    operation_name: str  #: GraphQL operation name, e.g. "GetJob"
    document: str


@dataclass
class Problem:
    operation: Operation
    errors: list[str]
    sdk_methods: list[str] = field(default_factory=list)


def _module_file(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"cannot locate {module}")
    return Path(spec.origin)


def bundled_operations() -> list[Operation]:
    """Every operation of the generated sync clients, in file order."""
    found: list[Operation] = []
    for api in APIS:
        tree = ast.parse(_module_file(f"saagieapi._generated.{api}.client").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            document = name = None
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                if isinstance(call.func, ast.Name) and call.func.id == "gql" and call.args:
                    first = call.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        document = first.value
                for keyword in call.keywords:
                    if keyword.arg == "operation_name" and isinstance(keyword.value, ast.Constant):
                        name = str(keyword.value.value)
            if document is not None:
                found.append(Operation(api, node.name, name or node.name, document))
    return found


def _chain(node: ast.expr) -> list[str] | None:
    """``self._api.jobs.get_info`` -> ["self", "_api", "jobs", "get_info"]."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def _is_property(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any("property" in ast.unparse(decorator) for decorator in function.decorator_list)


def sdk_usage(package: str = "_sync") -> dict[str, set[tuple[str, str]]]:
    """``{"api.jobs.run": {("projects", "run_job")}, ...}`` for every public SDK method.

    ``package="_async"`` scans the asynchronous source instead of its generated synchronous twin.
    """
    folder = _module_file(f"saagieapi.{package}.client").parent
    trees = {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.py"))}
    # Which attribute of the client holds which resource class (``self.jobs = Jobs(self)``).
    # (``self.jobs = Jobs(self)``, or a ``jobs`` property returning ``Jobs(self)``).
    attribute_of: dict[str, str] = {}
    for node in ast.walk(trees["client"]):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and _chain(target) == ["self", target.attr]:
                attribute_of[node.value.func.id] = target.attr
        if isinstance(node, _FUNCTIONS) and _is_property(node):
            for statement in ast.walk(node):
                value = statement.value if isinstance(statement, ast.Return) else None
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                    attribute_of[value.func.id] = node.name
    class_of_attribute = {attribute: cls for cls, attribute in attribute_of.items()}
    client_class = next(
        node.name for node in trees["client"].body if isinstance(node, ast.ClassDef) and node.name.endswith("Api")
    )
    direct: dict[str, set[tuple[str, str]]] = defaultdict(set)
    calls: dict[str, set[str]] = defaultdict(set)
    generated = {(operation.api, operation.method) for operation in bundled_operations()}
    # Functions by the name they have in each module: its own, and those imported from sibling modules.
    # A helper class (``Exporter(api).run()``) stands for all its methods, inherited ones included: ``@Exporter``.
    functions: dict[str, dict[str, str]] = defaultdict(dict)
    classes: dict[str, tuple[str, ast.ClassDef]] = {}
    for module, tree in trees.items():
        for node in tree.body:
            if isinstance(node, _FUNCTIONS):
                functions[module][node.name] = f"{module}:{node.name}"
            elif isinstance(node, ast.ClassDef):
                functions[module][node.name] = f"@{node.name}"
                classes[node.name] = (module, node)
    for module, tree in trees.items():
        for node in ast.walk(tree):  # imports inside functions too (``from .project_export import run_export``)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in functions:
                for alias in node.names:
                    imported = functions[node.module].get(alias.name)
                    if imported is not None:
                        functions[module][alias.asname or alias.name] = imported
    # Resource classes are composed of mixins living in their own modules (``class Jobs(JobInstancesMixin, ...)``):
    # a method is looked up along the class's MRO, and ``self.name`` inside a mixin means the concrete class's.
    # A generic base (``WorkloadLookups[Job, JobSummary]``) counts as its class.
    bases_of = {
        name: [
            functions[module][base.id][1:]
            for base in (item.value if isinstance(item, ast.Subscript) else item for item in node.bases)
            if isinstance(base, ast.Name) and functions[module].get(base.id, "").startswith("@")
        ]
        for name, (module, node) in classes.items()
    }
    defined = {
        name: {item.name: item for item in node.body if isinstance(item, _FUNCTIONS)}
        for name, (_, node) in classes.items()
    }

    def linearization(cls: str) -> list[str]:
        """The MRO of one of the scanned classes (C3), limited to the scanned classes."""
        sequences = [linearization(base) for base in bases_of[cls]] + [list(bases_of[cls])]
        result = [cls]
        while any(sequences):
            sequences = [sequence for sequence in sequences if sequence]
            head = next(s[0] for s in sequences if not any(s[0] in other[1:] for other in sequences))
            result.append(head)
            sequences = [sequence[1:] if sequence[0] == head else sequence for sequence in sequences]
        return result

    def resolve(cls: str, name: str) -> str | None:
        """``Defining.name`` of the method ``name`` of class ``cls`` (None: no such scanned method)."""
        owner = next((c for c in linearization(cls) if name in defined[c]), None) if cls in classes else None
        return None if owner is None else f"{owner}.{name}"

    def scan(key: str, module: str, cls: str | None, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # Every reference counts, called or passed along (``gather(self._export_one, ...)``): an over-approximation.
        if _is_property(function):
            return  # ``api.jobs`` builds the resource: no operation of its own
        instantiated = {id(call.func) for call in ast.walk(function) if isinstance(call, ast.Call)}
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id in functions[module]:
                callee = functions[module][node.id]
                if not callee.startswith("@") or id(node) in instantiated:  # a class counts when instantiated
                    calls[key].add(callee)
                continue
            chain = _chain(node) if isinstance(node, ast.Attribute) else None
            if (
                chain is None
                and cls is not None
                and isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Call)
                and any(isinstance(arg, ast.Name) and arg.id == "self" for arg in node.value.args)
            ):
                calls[key].add(f"self.{node.attr}")  # ``_scoped(self).list(...)``: self, cast to its full class
                continue
            if not chain:
                continue
            attribute, name = chain[-2], chain[-1]
            if attribute in _CLIENT_ATTRIBUTES and (_CLIENT_ATTRIBUTES[attribute], name) in generated:
                direct[key].add((_CLIENT_ATTRIBUTES[attribute], name))
            elif attribute in class_of_attribute:
                calls[key].add(f"{class_of_attribute[attribute]}.{name}")
            elif attribute == "_api":
                calls[key].add(f"{client_class}.{name}")
            elif chain[0] == "self" and len(chain) == 2 and cls is not None:
                calls[key].add(f"self.{name}")  # resolved against the concrete class when reached

    for module, tree in trees.items():
        for node in tree.body:
            if isinstance(node, _FUNCTIONS):
                scan(f"{module}:{node.name}", module, None, node)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, _FUNCTIONS):
                        scan(f"{node.name}.{item.name}", module, node.name, item)

    # The public methods of the client and of each resource, inherited ones included: (key, concrete class).
    public: dict[tuple[str, str], str] = {}
    for cls in [client_class, *attribute_of]:
        prefix = "api" if cls == client_class else f"api.{attribute_of[cls]}"
        if cls not in classes:
            continue
        names = {name for owner in linearization(cls) for name in defined[owner]}
        for name in names:
            key = resolve(cls, name)
            if key is not None and not name.startswith("_") and not _is_property(defined[key.split(".")[0]][name]):
                public[(key, cls)] = f"{prefix}.{name}"

    def reach(key: str, concrete: str | None, seen: set[tuple[str, str | None]]) -> set[tuple[str, str]]:
        if (key, concrete) in seen:
            return set()
        seen.add((key, concrete))
        result = set(direct.get(key, ()))
        for callee in calls.get(key, ()):
            targets: list[tuple[str | None, str | None]]
            if callee.startswith("@"):  # an instantiated helper class: every method it has
                helper = callee[1:]
                names = {name for owner in linearization(helper) for name in defined[owner]}
                targets = [(resolve(helper, name), helper) for name in sorted(names)]
            elif callee.startswith("self."):
                targets = [(resolve(concrete, callee[5:]) if concrete else None, concrete)]
            elif ":" in callee:  # a module function
                targets = [(callee, None)]
            else:  # ``Jobs.get_info`` (another resource, or the client)
                cls, name = callee.split(".", 1)
                targets = [(resolve(cls, name), cls)]
            for target, owner in targets:
                if target is not None:
                    result |= reach(target, owner, seen)
        return result

    return {name: reach(key, cls, set()) for (key, cls), name in sorted(public.items(), key=lambda item: item[1])}


INTROSPECTION_OPERATION = "IntrospectionQuery"


def introspect(api: Any, which: str) -> dict[str, Any]:
    """The introspection result (``{"__schema": ...}``) of one API of a live platform."""
    from graphql import get_introspection_query

    client = getattr(api, APIS[which])
    data = client.execute(get_introspection_query(descriptions=True), operation_name=INTROSPECTION_OPERATION)
    return dict(client.get_data(data))


def sdl_of(introspection: dict[str, Any]) -> str:
    """The SDL of an introspected schema, as in ``schema/*.graphql``."""
    from graphql import build_client_schema, print_schema

    return print_schema(build_client_schema(introspection)) + "\n"  # type: ignore[arg-type]


def check_operations(introspections: dict[str, dict[str, Any]]) -> list[Problem]:
    """Every bundled operation that does not validate against its live schema, with the SDK methods using it."""
    from graphql import build_client_schema, parse, validate

    schemas = {api: build_client_schema(result) for api, result in introspections.items()}  # type: ignore[arg-type]
    users: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sdk_method, used in sdk_usage().items():
        for key in used:
            users[key].append(sdk_method)
    problems: list[Problem] = []
    for operation in bundled_operations():
        schema = schemas.get(operation.api)
        if schema is None:
            continue
        errors = [error.message for error in validate(schema, parse(operation.document))]
        if errors:
            problems.append(Problem(operation, errors, sorted(users.get((operation.api, operation.method), []))))
    return problems


def check_enum_values(introspections: dict[str, dict[str, Any]]) -> list[str]:
    """``Enum.VALUE`` for every value the SDK relies on that the live projects schema lacks (sorted)."""
    from saagieapi._core.statuses import RELIED_ON

    schema = introspections.get("projects", {}).get("__schema", {})
    types = {item["name"]: item for item in schema.get("types", [])}
    missing: list[str] = []
    for enum, values in sorted(RELIED_ON.items()):
        live = {value["name"] for value in (types.get(enum) or {}).get("enumValues") or []}
        missing += [f"{enum}.{value}" for value in sorted(values - live)]
    return missing
