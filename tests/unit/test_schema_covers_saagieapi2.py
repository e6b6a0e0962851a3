"""Every GraphQL document shipped by saagieapi 2.13.1 must validate against our ``schema/``.

saagieapi 2.13.1 is installed from PyPI in a virtual environment of its own (``make compat-venv``);
``make test`` points ``SAAGIEAPI2_PYTHON`` at its interpreter. The documents are read statically from the
package sources (``ast``), so nothing of saagieapi 2.x is imported into this process.
"""

from __future__ import annotations

import ast
import os
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    build_schema,
    parse,
    validate,
)

from ..support.saagieapi2 import require_compat_mark

pytestmark = pytest.mark.compat

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
SCHEMA_FILES = {"projects": "projects.graphql", "gateway": "gateway.graphql"}

# saagieapi 2.13.1 has 95 GraphQL documents: 54 in saagieapi/, projects/, jobs/ and pipelines/, 46 in the
# other modules, the 5 of saagieapi/gql_queries.py being in both counts. 86 go to the projects API, 9 to the
# gateway.
MIN_DOCUMENTS = 95


@dataclass(frozen=True)
class Document:
    file: str
    name: str
    line: int
    source: str
    ast: DocumentNode

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.name}"


@cache
def _schemas() -> dict[str, GraphQLSchema]:
    return {api: build_schema((SCHEMA_DIR / name).read_text("utf-8")) for api, name in SCHEMA_FILES.items()}


def _saagieapi2_package_dir() -> Path:
    require_compat_mark()
    python = os.environ.get("SAAGIEAPI2_PYTHON")
    if not python:
        pytest.fail(
            "SAAGIEAPI2_PYTHON is not set: this test reads the sources of saagieapi 2.13.1 from its own "
            "virtual environment. Run it through `make test` (which creates .venv-saagieapi2 and sets "
            "the variable), or set SAAGIEAPI2_PYTHON=.venv-saagieapi2/bin/python after `make compat-venv`.",
            pytrace=False,
        )
    if os.sep in python:
        python = os.path.abspath(python)  # relative to where pytest runs, not to the subprocess's cwd
    # -I (isolated): neither the working directory (which holds saagieapi 3) nor PYTHON* variables leak into
    # that interpreter's sys.path; find_spec locates the package without running its import-time code.
    script = (
        "import importlib.metadata as m, importlib.util as u, os;"
        "print(m.version('saagieapi'));"
        "print(os.path.dirname(os.path.abspath(u.find_spec('saagieapi').origin)))"
    )
    try:
        completed = subprocess.run(
            [python, "-I", "-c", script],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            cwd=tempfile.gettempdir(),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        stderr = getattr(exc, "stderr", "") or ""
        pytest.fail(
            f"cannot locate saagieapi with SAAGIEAPI2_PYTHON={python!r}: {exc}\n{stderr}\n"
            "Run `make compat-venv` (or `make test`) to create the saagieapi 2.13.1 environment.",
            pytrace=False,
        )
    version, package_dir = completed.stdout.split()[-2:]
    if version != "2.13.1":
        pytest.fail(f"SAAGIEAPI2_PYTHON has saagieapi {version}, expected 2.13.1", pytrace=False)
    return Path(package_dir)


def _executable_document(text: str) -> DocumentNode | None:
    """The parsed document if ``text`` is a GraphQL document made only of operations and fragments."""
    if "{" not in text:
        return None
    try:
        document = parse(text)
    except GraphQLError:
        return None
    if document.definitions and all(
        isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode) for definition in document.definitions
    ):
        return document
    return None


def _assignment_names(tree: ast.Module) -> dict[int, str]:
    """Map the id() of every string constant assigned to a name (``GQL_X = '''...'''``) to that name."""
    names: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Constant):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            labels = [target.id for target in targets if isinstance(target, ast.Name)]
            if labels:
                names[id(node.value)] = labels[0]
    return names


def _documents_in(path: Path, package_dir: Path) -> list[Document]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names = _assignment_names(tree)
    relative = path.relative_to(package_dir.parent).as_posix()
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        document = _executable_document(node.value)
        if document is None:
            continue
        operation = next(
            (d for d in document.definitions if isinstance(d, OperationDefinitionNode)),
            None,
        )
        operation_name = operation.name.value if operation and operation.name else "(anonymous)"
        label = names.get(id(node), f"<string at line {node.lineno}>")
        found.append(Document(relative, f"{label} [{operation_name}]", node.lineno, node.value, document))
    return found


@cache
def _saagieapi2_documents() -> tuple[Document, ...]:
    package_dir = _saagieapi2_package_dir()
    documents: list[Document] = []
    for path in sorted(package_dir.rglob("*.py")):
        documents.extend(_documents_in(path, package_dir))
    return tuple(documents)


def _root_fields(document: DocumentNode) -> set[tuple[OperationType, str]]:
    return {
        (definition.operation, selection.name.value)
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if isinstance(selection, FieldNode)
    }


def _apis_defining(root_fields: set[tuple[OperationType, str]]) -> list[str]:
    """The APIs whose root types define every root field the document selects."""
    apis = []
    for api, schema in _schemas().items():
        roots = {OperationType.QUERY: schema.query_type, OperationType.MUTATION: schema.mutation_type}
        if root_fields and all(
            (root := roots.get(kind)) is not None and name in root.fields for kind, name in root_fields
        ):
            apis.append(api)
    return apis


def test_saagieapi2_documents_are_found() -> None:
    documents = _saagieapi2_documents()
    assert len(documents) >= MIN_DOCUMENTS, (
        f"found only {len(documents)} GraphQL documents in saagieapi 2.13.1, "
        f"expected at least {MIN_DOCUMENTS}:\n" + "\n".join(map(str, documents))
    )


def test_every_saagieapi2_document_validates_against_schema() -> None:
    failures: list[str] = []
    per_api = dict.fromkeys(SCHEMA_FILES, 0)
    for document in _saagieapi2_documents():
        root_fields = _root_fields(document.ast)
        apis = _apis_defining(root_fields)
        if len(apis) != 1:
            # Ambiguous or unknown root fields: accept the one API that validates the document, else fail.
            errors_by_api = {api: validate(schema, document.ast) for api, schema in _schemas().items()}
            valid = [api for api, errors in errors_by_api.items() if not errors]
            if len(valid) == 1:
                per_api[valid[0]] += 1
                continue
            detail = "\n".join(
                f"    vs {api}: " + "; ".join(error.message for error in errors)
                for api, errors in errors_by_api.items()
            )
            roots = ", ".join(sorted(name for _, name in root_fields))
            verdict = "validates against both APIs" if valid else "validates against neither API"
            failures.append(f"{document} (root fields: {roots}) {verdict}\n{detail}")
            continue
        api = apis[0]
        errors = validate(_schemas()[api], document.ast)
        if errors:
            failures.append(
                f"{document} (against {SCHEMA_FILES[api]}):\n" + "\n".join(f"    {error.message}" for error in errors)
            )
        else:
            per_api[api] += 1
    assert not failures, f"{len(failures)} saagieapi 2.13.1 document(s) do not validate:\n" + "\n".join(failures)
    assert per_api["gateway"] > 0
    assert per_api["projects"] > 0
