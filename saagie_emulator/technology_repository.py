"""Technology repositories read from their content, as the platform reads them.

A repository is a zip archive (or a single metadata file) holding one folder per technology:

* ``technologies/<job|app>/<technology>/metadata.yaml`` (format ``version: v1``): ``type`` (``JOB`` or
  ``APP``), ``id``, ``label``, ``description``, ``available``, ``icon``... and ``contexts``, each with ``id``,
  ``label``, ``available``, ``recommended``, ``trustLevel``, a ``job`` block of ``features`` (jobs),
  ``ports`` and ``volumes`` (apps), ``dockerInfo`` (``image``, ``baseTag``, ``version``), and for Spark
  ``innerContexts`` (languages, then their versions);
* the older layout: ``technology.yaml`` in the technology folder, and one sub-folder per context with its
  ``context.yaml`` and ``dockerInfo.yaml``.

(The public repository ``saagie/technologies`` is the platform's own catalog in this format; the schema
describes the source as "a **metadata.yml** file or a **zip archive** containing one or more metadata.yml
files".) Reading never fails half-way: a file that cannot be used becomes an *issue* (its path and why) of a
successful synchronization, the other technologies are read; a source that cannot be read at all (not a zip
nor a metadata file, a corrupt zip, an unreachable URL) gives a *failed* synchronization, and the catalog
keeps what it had. The emulator has no network: only ``file://`` URLs can be read.

Nothing is extracted to disk; the archive's entries, sizes and YAML nesting are bounded.
"""

from __future__ import annotations

import copy
import io
import posixpath
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .model import Context, Repository, SyncReport, Technology
from .store import StoreData

__all__ = [
    "RepositoryContent",
    "SourceUnreadable",
    "apply_content",
    "parse_metadata",
    "read_content",
    "read_source",
    "technologies_from_documents",
]

MAX_ENTRIES = 20_000
MAX_YAML_BYTES = 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_SOURCE_BYTES = 512 * 1024 * 1024
MAX_YAML_NODES = 200_000

_NAMESPACE = uuid.UUID("5aa91e00-0000-4000-8000-000000000002")
_TRUST_LEVELS = {"stable": "Stable", "experimental": "Experimental", "deprecated": "Deprecated"}
_FLAGS = {"genericapp": "GenericApp", "spark": "Spark"}


class SourceUnreadable(Exception):
    """The repository's source cannot be read at all: a failed synchronization with this message."""


@dataclass
class RepositoryContent:
    """What a repository's content yields: technologies (by their ``id`` in the metadata) and issues."""

    technologies: list[Technology] = field(default_factory=list)
    issues: list[dict[str, str]] = field(default_factory=list)


class _Issue(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# ------------------------------------------------------------------------------------------ YAML
def _yaml_load(text: str, path: str) -> Any:
    """YAML with every scalar that is not a boolean or null kept as a string (``3.10`` stays ``"3.10"``)."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML comes with the emulator extra
        raise _Issue(path, "PyYAML is needed to read YAML metadata: pip install 'saagieapi[emulator]'") from None

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag.rsplit(":", 1)[-1] not in ("int", "float")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        value = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Issue(path, f"invalid YAML{at}: {problem}") from None
    except RecursionError:
        raise _Issue(path, "invalid YAML: nested too deeply") from None
    _count_nodes(value, path)
    return value


def _count_nodes(value: Any, path: str) -> None:
    """Refuse documents whose aliases expand into huge trees ("billion laughs")."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_YAML_NODES:
            raise _Issue(path, f"the document has over {MAX_YAML_NODES} values")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


# ------------------------------------------------------------------------------------------ sources
def read_source(source: dict[str, Any], upload: bytes | None) -> bytes:
    """The bytes of a repository: the uploaded file, or what its ``file://`` URL names."""
    if upload is not None:
        return upload
    url = str(source.get("url") or "")
    parts = urlsplit(url)
    if parts.scheme != "file":
        raise SourceUnreadable(
            f"Cannot download the repository from {url}: this emulated platform has no network access "
            "(only file:// URLs are read)"
        )
    path = Path(unquote(parts.path))
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceUnreadable(f"Cannot read {url}: the file is over {MAX_SOURCE_BYTES} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise SourceUnreadable(f"Cannot read the repository at {url}: {exc.strerror or exc}") from None


def read_content(content: bytes, name: str = "metadata.yaml") -> RepositoryContent:
    """The technologies of a zip archive or a single metadata file; :class:`SourceUnreadable` if neither."""
    if content[:4] == b"PK\x03\x04" or content[:4] == b"PK\x05\x06" or zipfile.is_zipfile(io.BytesIO(content)):
        return _read_zip(content)
    try:
        text = content.decode("utf-8")
        document = _yaml_load(text, name) if len(content) <= MAX_YAML_BYTES else None
    except (UnicodeDecodeError, _Issue):
        document = None
    if not isinstance(document, dict) or "type" not in document:
        raise SourceUnreadable(f"{name} is neither a zip archive nor a technology metadata file")
    return technologies_from_documents([(name, document, {})])


def _read_zip(content: bytes) -> RepositoryContent:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SourceUnreadable(f"The repository is not a valid zip archive: {exc}") from None
    if len(entries) > MAX_ENTRIES:
        raise SourceUnreadable(f"The zip archive has over {MAX_ENTRIES} entries")
    with archive:
        yaml_files: dict[str, zipfile.ZipInfo] = {}
        for entry in entries:
            name = posixpath.normpath(entry.filename.replace("\\", "/")).lstrip("/")
            base = posixpath.basename(name)
            if not entry.is_dir() and base.rsplit(".", 1)[-1] in ("yaml", "yml"):
                yaml_files[name] = entry
        budget = [MAX_TOTAL_BYTES]

        def load(path: str) -> Any:
            entry = yaml_files[path]
            if entry.file_size > MAX_YAML_BYTES:
                raise _Issue(path, f"the file is over {MAX_YAML_BYTES} bytes")
            try:
                with archive.open(entry) as stream:
                    raw = stream.read(MAX_YAML_BYTES + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:  # corrupt or encrypted entry
                raise _Issue(path, f"cannot be read from the archive: {exc}") from None
            budget[0] -= len(raw)
            if len(raw) > MAX_YAML_BYTES or budget[0] < 0:
                raise _Issue(path, "the archive's metadata files are too large")
            try:
                return _yaml_load(raw.decode("utf-8"), path)
            except UnicodeDecodeError:
                raise _Issue(path, "the file is not UTF-8 text") from None

        return _technologies_of_tree(yaml_files, load)


def _find(files: dict[str, Any], folder: str, stem: str) -> str | None:
    for extension in ("yaml", "yml"):
        path = posixpath.join(folder, f"{stem}.{extension}") if folder != "." else f"{stem}.{extension}"
        if path in files:
            return path
    return None


def _technologies_of_tree(files: dict[str, Any], load: Any) -> RepositoryContent:
    """Technology folders: those with a ``metadata.yaml`` or a ``technology.yaml``, outermost first."""
    folders = sorted({posixpath.dirname(path) or "." for path in files}, key=lambda f: (f.count("/"), f))
    claimed: list[str] = []
    documents: list[tuple[str, Any, dict[str, Any]]] = []
    issues: list[dict[str, str]] = []
    for folder in folders:
        if any(folder == c or folder.startswith(c + "/") or c == "." for c in claimed):
            continue
        metadata = _find(files, folder, "metadata")
        technology = _find(files, folder, "technology")
        if metadata is None and technology is None:
            continue
        claimed.append(folder)
        try:
            if metadata is not None:
                documents.append((metadata, load(metadata), {}))
            else:
                assert technology is not None
                documents.append((technology, *_older_layout(files, folder, technology, load)))
        except _Issue as issue:
            issues.append({"path": issue.path, "message": issue.message})
    if not documents and not issues:
        raise SourceUnreadable(
            "No technology found in the zip archive: expected technologies/<job|app>/<technology>/metadata.yaml"
        )
    content = technologies_from_documents(documents)
    content.issues[:0] = issues
    return content


def _older_layout(files: dict[str, Any], folder: str, technology: str, load: Any) -> tuple[Any, dict[str, Any]]:
    """``technology.yaml`` plus ``<context>/context.yaml`` and ``<context>/dockerInfo.yaml``."""
    document = load(technology)
    if not isinstance(document, dict):
        raise _Issue(technology, "expected a mapping of technology fields")
    document = dict(document)
    contexts: list[Any] = []
    context_paths: dict[str, Any] = {}
    subfolders = sorted({posixpath.dirname(p) for p in files if posixpath.dirname(posixpath.dirname(p)) == folder})
    for subfolder in subfolders:
        context_file = _find(files, subfolder, "context")
        if context_file is None:
            continue
        context = load(context_file)
        docker_file = _find(files, subfolder, "dockerInfo")
        if isinstance(context, dict) and docker_file is not None and "dockerInfo" not in context:
            context = {**context, "dockerInfo": load(docker_file)}
        context_paths[str(len(contexts))] = context_file
        contexts.append(context)
    document["contexts"] = contexts
    return document, context_paths


# ------------------------------------------------------------------------------------------ metadata
def parse_metadata(document: Any, path: str) -> dict[str, Any]:
    """The checked fields of one technology's metadata; :class:`_Issue` naming what is wrong."""
    if not isinstance(document, dict):
        raise _Issue(path, "expected a mapping of technology fields")
    version = document.get("version")
    if version is not None and str(version) != "v1":
        raise _Issue(path, f"unsupported metadata version {version!r} (expected v1)")
    kind = str(document.get("type") or "").upper()
    if kind not in ("JOB", "APP"):
        raise _Issue(path, f"'type' must be JOB or APP, not {document.get('type')!r}")
    for key in ("id", "label"):
        if not isinstance(document.get(key), str) or not document[key].strip():
            raise _Issue(path, f"'{key}' is required (a non-empty string)")
    contexts = document.get("contexts")
    if contexts is None:
        contexts = []
    if not isinstance(contexts, list):
        raise _Issue(path, "'contexts' must be a list")
    return {**document, "type": kind, "contexts": contexts}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _flag(value: Any) -> str:
    return _FLAGS.get(str(value).replace(" ", "").lower(), "Unknown")


def _date(value: Any, path: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise _Issue(path, f"'deprecationDate' is not an ISO 8601 date: {value!r}") from None


def _docker(value: Any, path: str, required: bool) -> dict[str, str] | None:
    if value is None:
        if required:
            raise _Issue(path, "'dockerInfo' (image and version) is required")
        return None
    if not isinstance(value, dict) or not value.get("image"):
        raise _Issue(path, "'dockerInfo' needs an 'image'")
    version = value.get("version") or value.get("baseTag") or "latest"
    return {"image": str(value["image"]), "version": str(version)}


def _features(value: Any, path: str) -> list[dict[str, Any]]:
    block = value.get("features") if isinstance(value, dict) else None
    if value is not None and not isinstance(block, list):
        raise _Issue(path, "'job.features' must be a list")
    features = []
    for feature in block or []:
        if not isinstance(feature, dict) or not feature.get("type"):
            raise _Issue(path, "each job feature needs a 'type'")
        features.append(
            {
                "type": str(feature["type"]),
                "label": str(feature.get("label") or feature["type"]),
                "mandatory": feature.get("mandatory") is True,
                "comment": _text(feature.get("comment")),
                "default_value": _text(feature.get("defaultValue")),
            }
        )
    return features


def _context(document: Any, path: str, kind: str) -> Context:
    if not isinstance(document, dict):
        raise _Issue(path, "each context must be a mapping")
    for key in ("id", "label"):
        if document.get(key) in (None, ""):
            raise _Issue(path, f"a context needs an '{key}'")
    trust = str(document.get("trustLevel") or "stable").lower()
    if trust not in _TRUST_LEVELS:
        raise _Issue(path, f"context '{document['id']}': unknown trustLevel {document['trustLevel']!r}")
    context = Context(
        id=str(document["id"]),
        label=str(document["label"]),
        available=document.get("available") is not False,
        recommended=document.get("recommended") is True,
        deprecation_date=_date(document.get("deprecationDate"), path),
        description=_text(document.get("description")),
        trust_level=_TRUST_LEVELS[trust],
        release_notes=_text(document.get("releaseNotes")),
        kind=kind,
    )
    if kind == "AppCatalogContext":
        context.docker_info = _docker(document.get("dockerInfo"), path, required=True)
        context.ports = [_port(port, path) for port in document.get("ports") or []]
        context.volumes = [{"path": str(v), "size": "10.0 GB"} for v in document.get("volumes") or []]
    else:
        context.docker_info = _docker(document.get("dockerInfo"), path, required=False)
        context.features = _features(document.get("job"), path)
    return context


def _port(port: Any, path: str) -> dict[str, Any]:
    if not isinstance(port, dict) or not str(port.get("port", "")).isdigit():
        raise _Issue(path, "each port needs a numeric 'port'")
    scope = str(port.get("scope") or "PROJECT").upper()
    return {
        "name": _text(port.get("name")),
        "port": int(port["port"]),
        "base_path": _text(port.get("basePath")),
        "rewrite_url": port.get("rewriteUrl") is True,
        "scope": scope if scope in ("PROJECT", "PUBLIC") else "PROJECT",
    }


def _spark_contexts(document: dict[str, Any], path: str) -> Context:
    """A Spark version, its languages (``innerContexts``) and their versions (their ``innerContexts``)."""
    version = _context(document, path, "SparkContext")
    for language_document in document.get("innerContexts") or []:
        language = _context(language_document, path, "SparkTechnologyContext")
        language.docker_info = None
        for job_document in (
            (language_document.get("innerContexts") or []) if isinstance(language_document, dict) else []
        ):
            job_context = _context(job_document, path, "SparkJobContext")
            job_context.features = list(language.features)
            language.job_contexts.append(job_context)
        version.technology_contexts.append(language)
    return version


def _technology(document: Any, path: str, context_paths: dict[str, Any], issues: list[dict[str, str]]) -> Technology:
    metadata = parse_metadata(document, path)
    flags = [_flag(flag) for flag in metadata.get("customFlags") or []]
    spark = "Spark" in flags or any(isinstance(c, dict) and c.get("innerContexts") for c in metadata["contexts"])
    if metadata["type"] == "APP":
        kind, context_kind = "AppTechnology", "AppCatalogContext"
    else:
        kind, context_kind = ("SparkTechnology", "SparkContext") if spark else ("JobTechnology", "JobContext")
    contexts: list[Context] = []
    seen: set[str] = set()
    for index, context_document in enumerate(metadata["contexts"]):
        context_path = str(context_paths.get(str(index), path))
        try:
            if spark and isinstance(context_document, dict):
                context = _spark_contexts(context_document, context_path)
            else:
                context = _context(context_document, context_path, context_kind)
        except _Issue as issue:
            issues.append({"path": issue.path, "message": issue.message})
            continue
        if context.id in seen:
            issues.append({"path": context_path, "message": f"context '{context.id}' is declared twice"})
            continue
        seen.add(context.id)
        contexts.append(context)
    return Technology(
        id="",  # given by the repository it belongs to (apply_content)
        technology_id=metadata["id"],
        label=metadata["label"],
        repository_id="",
        kind=kind,
        contexts=contexts,
        available=metadata.get("available") is not False,
        description=_text(metadata.get("description")),
        icon=_text(metadata.get("icon")),
        custom_flags=flags,
        baseline=str(metadata.get("baseline") or ""),
        background_color=_text(metadata.get("backgroundColor")),
        readme=_text(metadata.get("readme")),
    )


def technologies_from_documents(documents: list[tuple[str, Any, dict[str, Any]]]) -> RepositoryContent:
    """Technologies from parsed metadata documents ``(path, document, context paths)``."""
    content = RepositoryContent()
    seen: dict[str, str] = {}
    for path, document, context_paths in documents:
        try:
            technology = _technology(document, path, context_paths, content.issues)
        except _Issue as issue:
            content.issues.append({"path": issue.path, "message": issue.message})
            continue
        first = seen.get(technology.technology_id)
        if first is not None:
            message = f"technology '{technology.technology_id}' is already declared in {first}"
            content.issues.append({"path": path, "message": message})
            continue
        seen[technology.technology_id] = path
        content.technologies.append(technology)
    return content


# ------------------------------------------------------------------------------------------ catalog
def technology_uuid(repository_id: str, technology_id: str) -> str:
    """The catalog id of a repository's technology: stable across synchronizations."""
    return str(uuid.uuid5(_NAMESPACE, f"{repository_id}/{technology_id}"))


def _signature(value: Any) -> Any:
    """What a synchronization compares: the content, without ids and dates."""
    if isinstance(value, Technology | Context):
        skipped = {"id", "repository_id", "last_update"} if isinstance(value, Technology) else {"last_update"}
        return {k: _signature(v) for k, v in vars(value).items() if k not in skipped}
    if isinstance(value, list):
        return [_signature(item) for item in value]
    if isinstance(value, dict):
        return {k: _signature(v) for k, v in value.items()}
    return value


def _context_reports(old: Technology | None, new: Technology | None) -> list[dict[str, Any]]:
    before = {c.id: c for c in old.contexts} if old is not None else {}
    after = {c.id: c for c in new.contexts} if new is not None else {}
    reports = []
    for context_id in [*after, *(c for c in before if c not in after)]:
        previous, current = before.get(context_id), after.get(context_id)
        if previous is None:
            status = "CREATED"
        elif current is None:
            status = "DELETED"
        else:
            status = "UNCHANGED" if _signature(previous) == _signature(current) else "UPDATED"
        shown = current or previous
        assert shown is not None
        reports.append({"context_id": context_id, "context_label": shown.label, "message": None, "status": status})
    return reports


def apply_content(
    data: StoreData, repository: Repository, content: RepositoryContent, report: SyncReport, at: datetime
) -> None:
    """Make ``content`` the repository's technologies and fill ``report`` with what changed.

    Technologies keep their catalog id across synchronizations; one no longer in the content leaves the
    repository (its catalog entry stays, unavailable, for the jobs and apps that still use it).
    """
    previous = {t.technology_id: t for t in (data.technologies.get(i) for i in repository.technology_ids) if t}
    technology_reports = []
    ids = []
    for read in content.technologies:
        technology = copy.deepcopy(read)
        technology.repository_id = repository.id
        technology.id = technology_uuid(repository.id, technology.technology_id)
        technology.last_update = at
        old = previous.get(technology.technology_id)
        if old is None:
            status = "CREATED"
        elif _signature(old) == _signature(technology):
            status, technology.last_update = "UNCHANGED", old.last_update
        else:
            status = "UPDATED"
        technology_reports.append(
            {
                "contexts_reports": _context_reports(old, technology),
                "message": None,
                "status": status,
                "technology_id": technology.technology_id,
                "technology_label": technology.label,
            }
        )
        data.technologies[technology.id] = technology
        ids.append(technology.id)
    for technology_id, old in previous.items():
        if all(t.technology_id != technology_id for t in content.technologies):
            old.available = False
            technology_reports.append(
                {
                    "contexts_reports": _context_reports(old, None),
                    "message": None,
                    "status": "DELETED",
                    "technology_id": technology_id,
                    "technology_label": old.label,
                }
            )
    repository.technology_ids = ids
    report.issues = list(content.issues)
    report.technology_reports = technology_reports
    report.technology_labels = [(t.technology_id, t.label) for t in content.technologies]
    report.technologies = [copy.deepcopy(data.technologies[i]) for i in ids]


def restore_report(data: StoreData, repository: Repository, report: SyncReport) -> None:
    """Put back the technologies a repository had after ``report`` (reverting a later synchronization)."""
    kept = {t.technology_id for t in report.technologies}
    for technology_id in repository.technology_ids:
        current = data.technologies.get(technology_id)
        if current is not None and current.technology_id not in kept:
            current.available = False
    for technology in report.technologies:
        data.technologies[technology.id] = copy.deepcopy(technology)
    repository.technology_ids = [t.id for t in report.technologies]
