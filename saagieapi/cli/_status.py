"""Statuses of what the CLI follows, as the SDK computes them (no status logic of the command line's own)."""

from __future__ import annotations

from saagieapi._core.statuses import app_status, pipeline_status
from saagieapi._core.statuses import instance_status as job_instance_status

__all__ = ["app_status", "job_instance_status", "pipeline_status"]
