"""Files of the 2.x export layout: atomic JSON writes confined to the target folder, error files, reads.

Used by the users, groups and profiles exports (sync and async alike: plain file I/O).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import ExportError, InvalidInputError

__all__ = ["append_error", "entity_file_name", "read_json", "write_json"]


def _inside(folder: Path, relative: str) -> Path:
    """``folder / relative``, refusing anything that would land outside ``folder``."""
    root = folder.resolve()
    target = (root / relative).resolve()
    if target == root or root not in target.parents:
        raise ExportError(f"refusing to write {relative!r}: it would land outside {str(root)!r}")
    return target


def entity_file_name(name: str) -> str:
    """A name usable as one path segment: unchanged when it is safe (what 2.x wrote), else percent-encoded.

    Names with a path separator, ``.``/``..``, or a NUL would otherwise escape the export folder.
    """
    unsafe = "/" in name or "\\" in name or "\x00" in name or name in ("", ".", "..")
    return quote(name, safe="") if unsafe else name


def write_json(folder: str | os.PathLike[str], relative: str, content: Any) -> Path:
    """Write ``content`` as 2.x did (``indent=4``, ASCII) to ``folder/relative``, atomically.

    The data goes to a temporary file in the same folder, which is then renamed over the target, so a
    reader never sees a half-written file.
    """
    target = _inside(Path(folder), relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(content, stream, indent=4)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def append_error(error_folder: str | os.PathLike[str], element: str, line: str) -> None:
    """Append one line to ``<error_folder>/<element>/<element>_error.txt`` (nothing when ``error_folder`` is "")."""
    if not str(error_folder):
        return
    target = _inside(Path(error_folder), f"{element}/{element}_error.txt")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as stream:
        stream.write(line.replace("\n", " ") + "\n")


def read_json(path: str | os.PathLike[str], what: str) -> Any:
    """The JSON content of ``path``; InvalidInputError when it is missing or not JSON."""
    try:
        with Path(path).open(encoding="utf-8") as stream:
            return json.load(stream)
    except FileNotFoundError:
        raise InvalidInputError(f"{what} {str(path)!r} does not exist") from None
    except (OSError, ValueError) as error:
        raise InvalidInputError(f"{what} {str(path)!r} cannot be read as JSON: {error}") from None
