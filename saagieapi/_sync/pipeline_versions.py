# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Versions of ``api.pipelines``: upgrade with a new graph, roll back, delete versions.

This file is the single source: ``saagieapi/_sync/pipeline_versions.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .._core.arguments import check_graph, check_unknown_jobs
from .._core.arguments import version_number as to_version_number
from .._core.inputs import pipeline_graph_input
from .._core.not_found import not_found_as
from ..errors import InvalidInputError, NotFoundError
from ..graph_pipeline import GraphPipeline
from ..models import Pipeline, PipelineVersion, PipelineVersionDeletionResult
from .reconcile import idempotent, pipeline_version_added, reconciled
from .resource import Resource

__all__ = ["PipelineVersionsMixin"]


class PipelineVersionsMixin(Resource):
    """Versions of a pipeline: the methods of ``api.pipelines`` that add, make current and delete versions."""

    # -- versions --------------------------------------------------------------------------------------
    def upgrade(
        self,
        pipeline_id: str,
        graph_pipeline: GraphPipeline,
        release_note: str = "",
        source_url: str = "",
        *,
        check_jobs: bool = True,
    ) -> PipelineVersion:
        """Add a version with a new graph and make it current (job ids checked first, as in ``create_graph``).

        Example::

            version = api.pipelines.upgrade(pipeline_id, graph, release_note="adds a retry branch")
        """
        graph = check_graph(graph_pipeline)
        graph_input = pipeline_graph_input(graph)
        if check_jobs:
            found = self._client.get_pipeline_project_jobs(pipeline_id)
            if found is None:
                raise NotFoundError("pipeline", pipeline_id)
            check_unknown_jobs(graph, (job.id for job in found.project.jobs), f"project {found.project_id}")
        return reconciled(
            self._api,
            "addGraphPipelineVersion",
            lambda: self._client.add_graph_pipeline_version(
                pipeline_id, graph_input, release_note=release_note, source_url=source_url or None
            ),
            lambda: pipeline_version_added(self._api, pipeline_id, graph, release_note),
        )

    def rollback(self, pipeline_id: str, version_number: int | str) -> Pipeline:
        """Make an earlier version current again; returns the pipeline with all its versions.

        Example::

            pipeline = api.pipelines.rollback(pipeline_id, 1)
        """
        number = to_version_number(version_number)
        found = idempotent(
            "rollbackPipelineVersion",
            lambda: self._client.rollback_pipeline_version(pipeline_id, number, instances_limit=1),
        )
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        return found

    def delete_versions(self, pipeline_id: str, versions: Iterable[int | str]) -> list[PipelineVersionDeletionResult]:
        """Delete versions that are not current; one result per version number.

        Example::

            results = api.pipelines.delete_versions(pipeline_id, [1, 2])
        """
        numbers = [to_version_number(v) for v in versions]
        if not numbers:
            raise InvalidInputError("versions is empty")
        return list(self._client.delete_pipeline_versions(pipeline_id, numbers))

    def get_version(self, pipeline_id: str, version_number: int | str) -> PipelineVersion:
        """One version of a pipeline (with its graph) by its number; NotFoundError when there is no such version.

        Example::

            version = api.pipelines.get_version(pipeline_id, 1)
            job_names = [node.job.name for node in version.graph.job_nodes]
        """
        number = to_version_number(version_number)
        with not_found_as("pipeline version", str(number), scope=f"pipeline {pipeline_id}"):
            version = self._client.get_pipeline_version(pipeline_id=pipeline_id, number=number)
        if version is None:
            raise NotFoundError("pipeline version", str(number), scope=f"pipeline {pipeline_id}")
        return version

    def set_major_version(
        self, pipeline_id: str, version_number: int | str, *, is_major: bool = True
    ) -> PipelineVersion:
        """Flag a version of a pipeline as major (``is_major=False`` removes the flag); return the version.

        Example::

            version = api.pipelines.set_major_version(pipeline_id, 2)
        """
        number = to_version_number(version_number)
        if not isinstance(is_major, bool):
            raise InvalidInputError(f"is_major must be True or False, not {is_major!r}")
        with not_found_as("pipeline version", str(number), scope=f"pipeline {pipeline_id}"):
            version = idempotent(
                "setMajorPipelineVersion",
                lambda: self._client.set_major_pipeline_version(
                    pipeline_id=pipeline_id, version_number=number, is_major=is_major
                ),
            )
        if version is None:
            raise NotFoundError("pipeline version", str(number), scope=f"pipeline {pipeline_id}")
        return version
