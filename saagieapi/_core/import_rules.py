"""How an import recognises what it already did: the matching rules of a resumable import (no I/O here).

An import run may be interrupted anywhere (the process killed, the platform restarted). Running it again
must complete exactly what is missing and duplicate nothing, so each object of the export is looked up on
the target by its natural key, and its content compared:

* **projects, jobs, pipelines, apps, storages**: by name (unique in their scope, case-insensitively);
  **variables** by name at their scope; **docker credentials** by registry and username.
* **job versions** are matched *in order*: the export's versions (oldest first, those without their
  artifact left out) against the target job's versions (by number). Version *i* matches when its command
  line, release note, runtime (when exported), Docker image (when exported), extra technology (when
  exported) and artifact file name (when the import uploads one) are equal (:func:`same_job_version`).
  The platform exposes no checksum of an artifact: ``if_exists="upgrade"`` downloads the target's current
  artifact and compares SHA-256 digests before deciding that the current version is already there.
* When the target's versions are the export's first versions (a prefix), the job is the import's own,
  interrupted: the missing versions are added and the export's current version made current. Otherwise the
  job is someone else's: ``"skip"`` keeps it, ``"upgrade"`` adds the export's current version unless the
  target's current one is identical.
* **pipeline versions** likewise, a version matching when its release note and its graph are equal: the
  same nodes (their ids, chosen by the client, are kept by the platform), each job node on the same job
  and each condition node with the same condition, with the same links (:func:`graph_signature`).
* **apps**: an app holds its current version only; ``"upgrade"`` compares image or runtime context, ports,
  volume paths and release note (:func:`app_version_signature`) and adds a version only when they differ.
  Volumes created for an app whose creation was interrupted are found by name (not linked to an app) and
  reused, never created twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from .reconcile import job_version_matches

__all__ = ["app_version_signature", "graph_signature", "same_job_version", "version_prefix"]


def same_job_version(target: Mapping[str, Any], exported: Mapping[str, Any], artifact: str | None) -> bool:
    """Whether a version on the platform (camelCase JSON) is the exported one; ``artifact`` the name of the file
    the import uploads for it (None: no file, the name is not compared)."""
    sent = {
        "commandLine": exported.get("commandLine"),
        "releaseNote": exported.get("releaseNote"),
        "runtimeVersion": exported.get("runtimeVersion"),
        "dockerInfo": exported.get("dockerInfo"),
    }
    if not job_version_matches(target, sent, artifact):
        return False
    extra = exported.get("extraTechnology")
    if isinstance(extra, Mapping) and extra.get("language"):
        found = target.get("extraTechnology") or {}
        if (found.get("language"), found.get("version") or "") != (extra.get("language"), extra.get("version") or ""):
            return False
    return True


def version_prefix(have: list[Any], wanted: list[Any], same: Callable[[Any, Any], bool]) -> bool:
    """Whether ``have`` (the target's versions, oldest first) is the beginning of ``wanted`` (the export's)."""
    return len(have) <= len(wanted) and all(same(h, w) for h, w in zip(have, wanted, strict=False))


def _condition(node: Mapping[str, Any]) -> str:
    from ..export_layout import condition_input

    return json.dumps(condition_input(node), sort_keys=True)


def graph_signature(graph: Mapping[str, Any], job_of: Callable[[Mapping[str, Any]], str | None]) -> tuple[Any, ...]:
    """What makes two pipeline graphs the same: node ids, the job of each job node (``job_of`` resolves a
    node's ``job`` to a target job id), each condition, and every link."""
    jobs = sorted(
        (str(node.get("id")), str(job_of(node.get("job") or {})), tuple(sorted(node.get("nextNodes") or [])))
        for node in graph.get("jobNodes") or []
    )
    conditions = sorted(
        (
            str(node.get("id")),
            _condition(node),
            tuple(sorted(node.get("nextNodesSuccess") or [])),
            tuple(sorted(node.get("nextNodesFailure") or [])),
        )
        for node in graph.get("conditionNodes") or []
    )
    return tuple(jobs), tuple(conditions)


def app_version_signature(
    version: Mapping[str, Any], *, image: str | None, context: str | None, credentials: str | None = None
) -> tuple[Any, ...]:
    """What makes two app versions the same: image (and credentials) or runtime context, ports, volume paths,
    release note. ``image``/``context``/``credentials`` are the values on the target's side of the comparison."""
    ports = sorted(
        (
            int(port.get("number") or 0),
            bool(port.get("isRewriteUrl")),
            str(port.get("scope") or "PROJECT"),
            port.get("name") or None,
            port.get("basePathVariableName") or None,
        )
        for port in version.get("ports") or []
    )
    paths = sorted(str(item.get("path")) for item in version.get("volumesWithPath") or [] if item.get("volume"))
    return image, context, credentials, tuple(ports), tuple(paths), version.get("releaseNote") or ""
