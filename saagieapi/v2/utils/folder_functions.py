"""The folder and file helpers of 2.x (``saagieapi.utils.folder_functions``), same names and parameters.

Example::

    from saagieapi.v2.utils.folder_functions import create_folder, write_to_json_file

    create_folder("backup/jobs")
    write_to_json_file("backup/jobs/list.json", saagie.jobs.list_for_project_minimal(project_id))
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

__all__ = [
    "check_folder_path",
    "create_folder",
    "delete_folder",
    "remove_slash_folder_path",
    "write_error",
    "write_request_response_to_file",
    "write_string_to_file",
    "write_to_json_file",
]

logger = logging.getLogger("saagieapi.v2")


def create_folder(folder_path: str) -> None:
    """Create ``folder_path`` and its parents when it does not exist."""
    if not os.path.isdir(folder_path):
        logger.debug("creating folder %s", folder_path)
    Path(folder_path).mkdir(parents=True, exist_ok=True)


def delete_folder(folder_path: str) -> None:
    """Delete ``folder_path`` and everything in it, when it exists."""
    if os.path.isdir(folder_path):
        shutil.rmtree(folder_path)


def check_folder_path(folder_path: str) -> str:
    """``folder_path`` ending with the path separator."""
    return folder_path if folder_path.endswith(os.sep) else folder_path + os.sep


def write_to_json_file(file_path: str, content: object) -> None:
    """Write ``content`` as indented JSON (UTF-8) to ``file_path``."""
    with open(file_path, "w", encoding="utf-8") as file:
        json.dump(content, file, indent=4)


def write_request_response_to_file(file_path: str, response: Any, chunk_size: int = 1024) -> None:
    """Stream the body of an HTTP response (``requests`` or ``httpx``) to ``file_path``."""
    chunks = response.iter_content(chunk_size) if hasattr(response, "iter_content") else response.iter_bytes(chunk_size)
    with open(file_path, "wb") as file:
        for chunk in chunks:
            if chunk:
                file.write(chunk)


def remove_slash_folder_path(folder_path: str) -> str:
    """``folder_path`` without its trailing ``/``."""
    return folder_path.removesuffix("/")


def write_string_to_file(file_path: str, content: str) -> None:
    """Append ``content`` and a newline to ``file_path`` (created when missing)."""
    with open(file_path, "a", encoding="utf-8") as file:
        file.write(content + "\n")


def write_error(error_folder: str, element: str, error_content: str) -> None:
    """Append ``error_content`` to ``<error_folder>/<element>/<element>_error.txt`` (nothing when
    ``error_folder`` is empty)."""
    if not error_folder:
        return
    folder = Path(error_folder) / element
    folder.mkdir(parents=True, exist_ok=True)
    write_string_to_file(str(folder / f"{element}_error.txt"), str(error_content))
