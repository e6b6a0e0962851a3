"""Statuses of what the CLI follows, as the SDK computes them (no status logic of the command line's own)."""

from __future__ import annotations

from saagieapi._sync.apps_helpers import app_status
from saagieapi._sync.jobs_helpers import instance_status as job_instance_status
from saagieapi._sync.pipeline_instances import pipeline_status

__all__ = ["app_status", "job_instance_status", "pipeline_status"]
