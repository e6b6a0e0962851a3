"""``saagie migrate check``: find the saagieapi 2.x imports and calls of Python files, without running them.

Each finding names the typed 3.x replacement (from the table of ``saagieapi.v2``, the same one the migration
guide is generated from) and how the result changes (wrapper dict -> value, dict -> model, tuple -> instance,
``True`` -> result object). A subscript chain on a call (``["data"]["createJob"]["id"]``) gets its typed
equivalent (``.id``), read from the models' aliases.

A file counts as 2.x code when it imports a path or a name that only 2.x has (``saagieapi.pipelines...``,
``from saagieapi import GraphPipeline``), uses ``saagieapi.v2``, or uses a 2.x call's result the 2.x way
(subscripted, unpacked as a tuple, ``pprint_result=``). ``assume_2x=True`` treats every file that imports
saagieapi as 2.x code.

``fix=True`` rewrites the imports only, to ``saagieapi.v2`` (same classes, signatures and result shapes, so the
script behaves as with 2.x): ``from saagieapi import SaagieApi`` -> ``from saagieapi.v2 import SaagieApi``,
``saagieapi.pipelines.graph_pipeline`` -> ``saagieapi.v2.pipelines.graph_pipeline``. Results are never rewritten
to attributes: that is safe only once every use of every result of the file changes together.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
import stat
import tempfile
import tokenize
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["MAX_SOURCE_BYTES", "Finding", "Report", "check_paths"]

#: Larger files are skipped (generated code; parsing tens of megabytes takes minutes).
MAX_SOURCE_BYTES = 5_000_000

#: Module paths (under ``saagieapi``) that exist in 2.x only.
MODULES_2X = (
    "saagie_api",
    "projects",
    "jobs",
    "pipelines",
    "apps",
    "env_vars",
    "docker_credentials",
    "storages",
    "repositories",
    "users",
    "groups",
    "profiles",
    "utils",
    "gql_queries",
)
#: Names 2.x exported from ``saagieapi`` that 3.x does not.
GRAPH_NAMES = ("Node", "JobNode", "ConditionNode", "ConditionStatusNode", "ConditionExpressionNode", "GraphPipeline")
RESOURCES = (
    "projects",
    "jobs",
    "pipelines",
    "apps",
    "env_vars",
    "docker_credentials",
    "storages",
    "repositories",
    "users",
    "groups",
    "profiles",
)
#: 2.x's GraphQL clients on ``SaagieApi`` (``api.client.execute(gql(...))``).
RAW_CLIENTS = ("client", "client_gateway")
SKIPPED_FOLDERS = {".git", ".venv", "venv", "__pycache__", "node_modules", ".tox", ".mypy_cache", "site-packages"}


@dataclass
class Finding:
    """One 2.x import or call."""

    path: str
    line: int
    column: int
    kind: str  #: ``import``, ``call``, ``constructor``, ``attribute`` (``saagieapi.GraphPipeline``)
    code: str  #: the source, shortened
    method: str = ""  #: ``jobs.create`` (calls)
    replacement: str = ""  #: the 3.x code to use
    returns: str = ""  #: what the typed call returns
    change: str = ""  #: how the result changes, what to watch for
    fixable: bool = False
    fixed: bool = False


@dataclass
class Report:
    """What ``check_paths`` found: findings, files read, files skipped (with the reason)."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    #: Files that import saagieapi with no 2.x usage of their own, in a scan that found 2.x code: a helper that
    #: builds the client of 2.x scripts looks like this (``--assume-2x`` treats them as 2.x code).
    ambiguous: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> list[Finding]:
        """Findings not fixed: 2.x code still there."""
        return [finding for finding in self.findings if not finding.fixed]

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "findings": [asdict(finding) for finding in self.findings],
            "remaining": len(self.remaining),
            "fixed": len(self.findings) - len(self.remaining),
            "skipped": self.skipped,
            "ambiguous": self.ambiguous,
        }


def python_files(paths: list[Path]) -> Iterator[Path]:
    """The ``.py`` files of ``paths`` (folders walked, virtual environments and caches skipped), sorted."""
    for path in paths:
        if not path.is_dir():
            yield path  # a file, or something check_paths reports as not a regular file
            continue
        found = []
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS and not name.startswith("."))
            found += [Path(folder, name) for name in files if name.endswith(".py")]
        yield from sorted(found)


def _dotted(node: ast.AST) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]`` (``None`` when the chain does not start with a name)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    if isinstance(node, ast.Call | ast.Subscript):  # self.api().jobs.run(...): keep the attribute part
        return ["?", *reversed(parts)]
    return None


def _short(source: str, node: ast.AST, limit: int = 100) -> str:
    text = ast.get_source_segment(source, node) or ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Table:
    """The 2.x method table of ``saagieapi.v2`` and the typed return types (loaded on first use)."""

    def __init__(self) -> None:
        from saagieapi.v2._core import change_text
        from saagieapi.v2._registry import methods

        self.methods = methods()
        self.change_text = change_text
        self.by_resource: dict[str, set[str]] = {}
        for key in self.methods:
            owner, name = key.split(".")
            self.by_resource.setdefault(owner, set()).add(name)
        self._returns: dict[str, Any] = {}
        self._namespace: dict[str, Any] | None = None
        self._public: dict[str, str] | None = None

    @property
    def namespace(self) -> dict[str, Any]:
        """Names the typed annotations use (models under their generated and public names, results)."""
        if self._namespace is None:
            import builtins

            from saagieapi import export_layout, models
            from saagieapi._generated.projects import fragments

            self._namespace = {**vars(builtins), **vars(fragments), **vars(export_layout), **vars(models)}
            self._namespace["EnvVarList"] = list[fragments.EnvVar]
        return self._namespace

    def public_name(self, text: str) -> str:
        """Generated model names replaced by their public names (the same names: fragments carry the public names)."""
        if self._public is None:
            from saagieapi import models

            self._public = {}
            for name in models.__all__:
                generated = getattr(getattr(models, name), "__name__", name)
                if generated != name:
                    self._public.setdefault(generated, name)
        public = self._public
        return re.sub(r"\b[A-Za-z_]\w*\b", lambda match: public.get(match[0], match[0]), text)

    def typed_method(self, key: str) -> Any:
        import importlib

        owner = key.split(".", maxsplit=1)[0]
        replacement = self.methods[key].replacement.split(".")
        if owner == "SaagieApi":
            from saagieapi import SaagieApi

            return getattr(SaagieApi, replacement[-1], None)
        module = importlib.import_module(f"saagieapi._sync.{owner}")
        (cls,) = [getattr(module, exported) for exported in module.__all__]
        return getattr(cls, replacement[-1], None)

    def return_type(self, key: str) -> Any:
        if key not in self._returns:
            import typing

            method = self.typed_method(key)
            try:
                hints = typing.get_type_hints(method, localns=self.namespace) if method else {}
                self._returns[key] = hints.get("return")
            except Exception:
                self._returns[key] = None
        return self._returns[key]

    def returns_text(self, key: str) -> str:
        import inspect

        method = self.typed_method(key)
        if method is None:
            return ""
        annotation = inspect.signature(method).return_annotation
        text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
        text = text.replace("builtins.", "").replace("EnvVarList", "list[EnvVar]")
        return self.public_name(text)


def _typed_module(submodule: str, names: list[str]) -> str:
    """What replaces ``from saagieapi.<submodule> import <names>``."""
    v2 = f"from saagieapi.v2.{submodule} import {', '.join(names)}"
    if submodule.startswith("pipelines") and set(names) <= set(GRAPH_NAMES):
        return f"from saagieapi.graph_pipeline import {', '.join(names)} (typed), or {v2} (2.x)"
    if submodule == "utils.gql_client":
        return f"{v2} (2.x), or api.client / api.client_gateway (typed: execute(query_text, variables=...))"
    if submodule.startswith("utils"):
        return f"{v2} (2.x helpers; no typed equivalent: use pathlib and json)"
    return f"from saagieapi import SaagieApi (typed client: api.<resource>.<method>), or {v2} (2.x)"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _model_of(annotation: Any) -> Any:
    """The pydantic model inside ``Optional[X]``, ``list[X]``... (``None`` when there is none)."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_of(argument)
        if found is not None:
            return found
    return None


def attribute_path(table: _Table, key: str, keys: list[str | int]) -> str | None:
    """The typed access for ``result[k1][k2]...`` of a 2.x call (``[0]`` kept), or ``None`` when a key does
    not map onto the typed result (wrapper keys of 2.x are dropped first)."""
    wrapper = list(table.methods[key].wrapper)
    if keys[: len(wrapper)] != wrapper:
        return None
    rest = keys[len(wrapper) :]
    model = _model_of(table.return_type(key))
    path = ""
    for part in rest:
        if isinstance(part, int):
            path += f"[{part}]"
            continue
        if model is None:
            return None
        names = {info.alias or name: name for name, info in model.model_fields.items()}
        if part not in names:
            return None
        path += f".{names[part]}"
        model = _model_of(model.model_fields[names[part]].annotation)
    return path


class _FileScan:
    def __init__(self, path: Path, source: str, tree: ast.Module, table: _Table, assume_2x: bool) -> None:
        self.path, self.source, self.tree, self.table = path, source, tree, table
        self.assume_2x = assume_2x
        self.imports_saagieapi = False
        self.uses_v2 = False
        self.evidence: list[str] = []
        self.findings: list[Finding] = []
        self.is_2x = False
        self.gql_documents = False  #: gql(...) documents sent through api.client / api.client_gateway
        self.package_names: set[str] = set()  #: names bound by ``import saagieapi`` (``as ...``)
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    def _at(self, node: ast.AST, kind: str, code: str, **fields: Any) -> Finding:
        """A finding of this file at ``node``'s position (``code``: the source shown, maybe a wider node's)."""
        return Finding(str(self.path), getattr(node, "lineno", 0), getattr(node, "col_offset", 0), kind, code, **fields)

    # -- imports ------------------------------------------------------------------------------------------
    def imports(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                self._import_from(node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "saagieapi" or alias.name.startswith("saagieapi."):
                        self._import(node, alias.name, alias.asname)

    def _submodule(self, module: str) -> str | None:
        parts = module.split(".")
        if parts[0] != "saagieapi":
            return None
        self.imports_saagieapi = True
        if len(parts) > 1 and parts[1] == "v2":
            self.uses_v2 = True
            return None
        if len(parts) > 1 and parts[1] in MODULES_2X:
            return ".".join(parts[1:])
        return None

    def _import_from(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        submodule = self._submodule(module)
        names = [alias.name for alias in node.names]
        code = _short(self.source, node)
        if module == "saagieapi.v2" or module.startswith("saagieapi.v2."):
            self.findings.append(
                self._at(
                    node,
                    "import",
                    code,
                    replacement=module.replace("saagieapi.v2", "saagieapi", 1).replace(
                        "saagieapi.pipelines.graph_pipeline", "saagieapi.graph_pipeline"
                    ),
                    change="the 2.x compatibility layer: import from the typed package when the file is migrated",
                )
            )
            return
        if submodule is not None:
            self.evidence.append(f"imports saagieapi.{submodule}")
            self.findings.append(
                self._at(
                    node,
                    "import",
                    code,
                    replacement=_typed_module(submodule, names),
                    change=f"saagieapi.{submodule} does not exist in 3.x (ModuleNotFoundError)",
                    fixable=True,
                )
            )
        elif module == "saagieapi":
            graph = [name for name in names if name in GRAPH_NAMES]
            if graph:
                self.evidence.append("imports the graph classes from saagieapi")
            self.findings.append(
                self._at(
                    node,
                    "import",
                    code,
                    replacement=(
                        "from saagieapi.graph_pipeline import " + ", ".join(graph)
                        if graph
                        else "from saagieapi import SaagieApi (typed) or from saagieapi.v2 import SaagieApi (2.x)"
                    ),
                    change=(
                        "3.x does not export the graph classes from saagieapi (ImportError)"
                        if graph
                        else "in 3.x, saagieapi.SaagieApi is the typed client: results are models, errors raise"
                    ),
                    fixable=True,
                )
            )

    def _import(self, node: ast.Import, name: str, asname: str | None) -> None:
        submodule = self._submodule(name)
        code = _short(self.source, node)
        if name == "saagieapi":
            # 2.x's package exported SaagieApi and the graph classes; saagieapi.v2 exports the same names
            self.package_names.add(asname or "saagieapi")
            self.findings.append(
                self._at(
                    node,
                    "import",
                    code,
                    replacement=f"import saagieapi.v2 as {asname or 'saagieapi'} (2.x) or import saagieapi (typed)",
                    change="in 3.x, saagieapi.SaagieApi is the typed client: results are models, errors raise",
                    fixable=True,
                )
            )
            return
        if submodule is None:
            return
        self.evidence.append(f"imports saagieapi.{submodule}")
        last = submodule.rsplit(".", 1)[-1]
        self.findings.append(
            self._at(
                node,
                "import",
                code,
                replacement=(
                    f"import saagieapi.v2.{submodule}"
                    + (f" as {asname}" if asname else f" as {last}, and write {last}.X for saagieapi.{submodule}.X")
                ),
                change=f"saagieapi.{submodule} does not exist in 3.x (ModuleNotFoundError)"
                + ("" if asname else "; --fix leaves it: the code names the module by its full 2.x path"),
                fixable=asname is not None,
            )
        )

    # -- calls --------------------------------------------------------------------------------------------
    def _method_of(self, call: ast.Call) -> str | None:
        parts = _dotted(call.func)
        if not parts or len(parts) < 2:
            return None
        if len(parts) >= 3 and parts[-2] in RESOURCES and parts[-1] in self.table.by_resource.get(parts[-2], ()):
            return f"{parts[-2]}.{parts[-1]}"
        if parts[-1] in self.table.by_resource["SaagieApi"] and parts[-2] not in RESOURCES:
            return f"SaagieApi.{parts[-1]}"
        return None

    def _subscripts(self, call: ast.Call) -> tuple[ast.AST, list[str | int]]:
        """The outermost ``call(...)[k1][k2]`` node and its constant keys."""
        node: ast.AST = call
        keys: list[str | int] = []
        parent = self.parents.get(node)
        while isinstance(parent, ast.Subscript) and parent.value is node:
            key = parent.slice
            if not isinstance(key, ast.Constant) or not isinstance(key.value, str | int):
                break
            keys.append(key.value)
            node, parent = parent, self.parents.get(parent)
        return node, keys

    def calls(self) -> list[tuple[ast.Call, str]]:
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                method = self._method_of(node)
                if method is not None:
                    found.append((node, method))
                    self._evidence_of(node, method)
        return found

    def _evidence_of(self, call: ast.Call, method: str) -> None:
        _, keys = self._subscripts(call)
        if keys:
            self.evidence.append(f"subscripts the result of {method}")
        if any(keyword.arg in ("pprint_result", "pprint_global") for keyword in call.keywords):
            self.evidence.append(f"passes pprint_result to {method}")
        parent = self.parents.get(call)
        unpacked = isinstance(parent, ast.Assign) and any(isinstance(t, ast.Tuple) for t in parent.targets)
        if method.endswith("run_with_callback") and unpacked:
            self.evidence.append("unpacks run_with_callback as a tuple")

    def call_finding(self, call: ast.Call, method: str) -> Finding:
        info = self.table.methods[method]
        outer, keys = self._subscripts(call)
        change = self.table.change_text(info)
        replacement = f"{info.replacement}(...)"
        if keys:
            path = attribute_path(self.table, method, keys)
            chain = "".join(f"[{key!r}]" for key in keys)
            if path is not None:
                replacement += path
                change = f"result{chain} becomes result{path or ' itself'}" + (f"; {change}" if change else "")
            else:
                change = f"result{chain}: no typed equivalent found, read the model's attributes" + (
                    f"; {change}" if change else ""
                )
        parent = self.parents.get(outer)
        if info.kind == "tuple" and isinstance(parent, ast.Assign) and isinstance(parent.targets[0], ast.Tuple):
            replacement = (
                f"instance = {info.replacement}(..., raise_on_failure=False); "
                "status, instance_id = instance.status, instance.id"
            )
        if isinstance(parent, ast.Compare) and any(
            isinstance(side, ast.Constant) and side.value is True for side in parent.comparators
        ):
            change += "; compared with True: the typed result is truthy but not == True"
        return self._at(
            call,
            "call",
            _short(self.source, outer),
            method=method,
            replacement=replacement,
            returns=self.table.returns_text(method),
            change=change,
        )

    def graph_attributes(self) -> Iterator[Finding]:
        """``saagieapi.GraphPipeline`` / ``saagieapi.JobNode(...)`` after ``import saagieapi``: 2.x exported the
        graph classes from the package; the typed package does not (AttributeError at run time)."""
        if not self.package_names:
            return
        for node in ast.walk(self.tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in self.package_names
                and node.attr in GRAPH_NAMES
            ):
                self.evidence.append(f"uses {node.value.id}.{node.attr}")
                yield self._at(
                    node,
                    "attribute",
                    _short(self.source, node),
                    replacement=f"saagieapi.graph_pipeline.{node.attr} (typed: import saagieapi.graph_pipeline), "
                    f"or {node.value.id}.{node.attr} after import saagieapi.v2 as {node.value.id} (2.x; what "
                    "--fix writes)",
                    change=f"saagieapi 3 does not export {node.attr} from the package (AttributeError)",
                )

    def raw_queries(self) -> Iterator[Finding]:
        """``api.client.execute(...)`` / ``api.client_gateway.execute(...)``: 2.x's way to send a document of
        one's own. The typed clients have an ``execute`` too, with another signature."""
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            parts = _dotted(node.func)
            if not parts or len(parts) < 3 or parts[-1] != "execute" or parts[-2] not in RAW_CLIENTS:
                continue
            keywords = {keyword.arg for keyword in node.keywords}
            first = node.args[0] if node.args else None
            parsed = isinstance(first, ast.Call) and (_dotted(first.func) or [""])[-1] == "gql"
            self.gql_documents = self.gql_documents or parsed
            if parsed or len(node.args) > 1 or keywords & {"query", "variable_values", "upload_files", "pprint_result"}:
                self.evidence.append(f"calls {parts[-2]}.execute the 2.x way")
            yield self._at(
                node,
                "call",
                _short(self.source, node),
                method=f"{parts[-2]}.execute",
                replacement=f"api.{parts[-2]}.execute(query_text, variables={{...}})",
                returns="dict[str, Any]",
                change="the same data dict; the typed execute takes the query as text (graphql.print_ast(document) "
                "for a gql document), variables= by keyword (its second positional parameter is operation_name), "
                "no upload_files= (the typed methods upload: file=...); GraphQL errors raise GraphQLError",
            )

    def gql_imports(self) -> Iterator[Finding]:
        """``from gql import ...`` in a file that sends gql documents through ``api.client``: saagieapi 2.x
        installed gql, 3.x does not (a file using gql for other endpoints is not concerned)."""
        if not self.gql_documents:
            return
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else []
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(name.split(".")[0] == "gql" for name in names):
                yield self._at(
                    node,
                    "import",
                    _short(self.source, node),
                    replacement="keep gql in your own requirements, or pass query text to api.client.execute",
                    change="saagieapi 2.x installed gql; saagieapi 3 does not depend on it (ModuleNotFoundError "
                    "in a fresh environment)",
                )

    def constructors(self) -> Iterator[Finding]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                parts = _dotted(node.func)
                if parts and parts[-1] == "SaagieApi" and (len(node.args) > 5 or node.keywords):
                    keywords = {keyword.arg for keyword in node.keywords}
                    if len(node.args) > 5 or keywords & {"pprint_global"}:
                        yield self._at(
                            node,
                            "constructor",
                            _short(self.source, node),
                            replacement=(
                                "SaagieApi(url_saagie, id_platform, user, password, realm, *, retries=, timeout=)"
                            ),
                            change="retries and timeout are keyword-only; pprint_global is gone (the library never "
                            "prints); logs in at the first call; TLS verified",
                        )

    def scan(self) -> list[Finding]:
        self.imports()
        calls = self.calls()
        constructors = list(self.constructors())
        if constructors:
            self.evidence.append("builds SaagieApi with 2.x-only arguments")
        raw = list(self.raw_queries())
        graph = list(self.graph_attributes())
        self.is_2x = self.uses_v2 or bool(self.evidence) or (self.assume_2x and self.imports_saagieapi)
        if not self.is_2x:
            return []
        findings = self.findings + constructors + [self.call_finding(call, method) for call, method in calls]
        findings += raw + graph + list(self.gql_imports())
        return sorted(findings, key=lambda finding: (finding.line, finding.column))


_FROM = re.compile(r"^(\s*from\s+)saagieapi(\.(?!v2\b)[\w.]+)?(\s+import\b)")
_IMPORT = re.compile(r"^(\s*import\s+)saagieapi\.(?!v2\b)([\w.]+)")
#: ``import saagieapi`` or ``import saagieapi as name``, alone on its line (a comment may follow).
_IMPORT_PACKAGE = re.compile(r"^(\s*import\s+)saagieapi(?:(\s+as\s+)(\w+))?(?=\s*(?:#.*)?$)", re.MULTILINE)


class _Skip(Exception):
    """A path that is not read (the message says why)."""


def _read_source(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_SOURCE_BYTES`` (a FIFO would block, a device never end)."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Skip("not a regular file")
        if info.st_size > MAX_SOURCE_BYTES:
            raise _Skip(f"larger than {MAX_SOURCE_BYTES // 1_000_000} MB (generated code?)")
        return file.read(MAX_SOURCE_BYTES + 1)


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step (a temporary file of the same folder, then renamed over it), keeping
    the file's mode: an interrupted rewrite leaves the original script whole."""
    mode = stat.S_IMODE(path.stat().st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _fix_source(source: str, findings: list[Finding]) -> str:
    """Point the 2.x imports at ``saagieapi.v2`` (lines of the fixable import findings only)."""
    lines = source.splitlines(keepends=True)
    for finding in findings:
        if finding.kind != "import" or not finding.fixable:
            continue
        index = finding.line - 1
        line = lines[index]
        fixed = _FROM.sub(lambda m: f"{m[1]}saagieapi.v2{m[2] or ''}{m[3]}", line, count=1)
        if fixed == line:
            fixed = _IMPORT.sub(lambda m: f"{m[1]}saagieapi.v2.{m[2]}", line, count=1)
        if fixed == line:
            fixed = _IMPORT_PACKAGE.sub(lambda m: f"{m[1]}saagieapi.v2 as {m[3] or 'saagieapi'}", line, count=1)
        if fixed != line:
            lines[index] = fixed
            finding.fixed = True
    return "".join(lines)


def check_paths(paths: list[Path], *, fix: bool = False, assume_2x: bool = False) -> Report:
    """Scan the Python files of ``paths``; with ``fix``, rewrite their 2.x imports to ``saagieapi.v2``."""
    report = Report()
    table: _Table | None = None
    candidates: list[str] = []
    for path in python_files(paths):
        try:
            raw = _read_source(path)
            encoding = tokenize.detect_encoding(io.BytesIO(raw).readline)[0]
            source = raw.decode(encoding)  # line endings kept as they are (a fix rewrites lines, nothing else)
            tree = ast.parse(source, filename=str(path))
        except _Skip as skip:
            report.skipped[str(path)] = str(skip)
            continue
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError) as error:
            report.skipped[str(path)] = f"{type(error).__name__}: {str(error)[:200]}"
            continue
        report.files += 1
        table = table or _Table()
        scan = _FileScan(path, source, tree, table, assume_2x)
        findings = scan.scan()
        if not scan.is_2x and scan.imports_saagieapi:
            candidates.append(str(path))
        if fix and any(finding.fixable for finding in findings):
            if path.is_symlink():  # never write through a link, possibly out of the folder scanned
                report.skipped[str(path)] = "a symbolic link: its imports are not rewritten"
            else:
                fixed = _fix_source(source, findings)
                if fixed != source:
                    ast.parse(fixed)  # never write a file that does not parse
                    try:
                        _replace(path, fixed.encode(encoding))
                    except OSError as error:
                        for finding in findings:
                            finding.fixed = False
                        report.skipped[str(path)] = f"not rewritten: {type(error).__name__}: {str(error)[:200]}"
        report.findings += findings
    if report.findings:
        report.ambiguous = candidates
    return report
