"""Files of the 2.x export layout: atomic JSON writes confined to the target folder, error files, reads.

Used by the users, groups and profiles exports (sync and async alike: plain file I/O).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ._core.export_models import MAX_JSON_BYTES, MAX_JSON_DEPTH, json_depth
from .errors import ExportError, InvalidInputError

__all__ = [
    "append_error",
    "entity_file_name",
    "read_json",
    "remove_stale_staging",
    "staging_prefix",
    "write_json",
]

#: A staging folder whose owner cannot be checked (another host, Windows) is stale after this many seconds.
STALE_AFTER = 24 * 3600.0
_STAGING = re.compile(r"^\.(?P<name>.+)\.(?P<kind>partial|old)-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-")
#: The names earlier versions gave them (no owner): ``.<name>.partial-<mkdtemp suffix>``, ``.<name>.old-<hex>``.
_LEGACY_STAGING = re.compile(r"^\.(?P<name>.+)\.(?:(?P<kind>partial)-[a-z0-9_]{8}|(?P<old>old)-[0-9a-f]{8})$")


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
    """The JSON content of ``path``; InvalidInputError when it is missing, not JSON, or out of bounds.

    Bounded as the project import is (:mod:`saagieapi._import_folder`): a regular file (a FIFO would block
    the read) of at most MAX_JSON_BYTES bytes, nesting at most MAX_JSON_DEPTH levels.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise InvalidInputError(f"{what} {str(path)!r} does not exist") from None
    except OSError as error:
        raise InvalidInputError(f"{what} {str(path)!r} cannot be read: {error}") from None
    if not stat.S_ISREG(status.st_mode):
        raise InvalidInputError(f"{what} {str(path)!r} is not a regular file")
    if status.st_size > MAX_JSON_BYTES:
        raise InvalidInputError(f"{what} {str(path)!r} is larger than the {MAX_JSON_BYTES} bytes it may have")
    try:
        with Path(path).open(encoding="utf-8") as stream:
            content = json.load(stream)
    except RecursionError:
        content = None
    except (OSError, ValueError) as error:
        raise InvalidInputError(f"{what} {str(path)!r} cannot be read as JSON: {error}") from None
    else:
        if json_depth(content) <= MAX_JSON_DEPTH:
            return content
    raise InvalidInputError(f"{what} {str(path)!r} nests deeper than {MAX_JSON_DEPTH} levels")


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def staging_prefix(name: str, kind: str = "partial") -> str:
    """``.<name>.<kind>-<host>-<pid>-``: the prefix of a staging folder, naming the process that owns it."""
    return f".{name}.{kind}-{_host()}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` of this host still runs (never called on Windows, where os.kill terminates)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def _stale(path: Path, host: str | None, pid: int | None) -> bool:
    """Whether the staging folder ``path`` was left by a process that no longer runs."""
    if host == _host() and pid is not None and sys.platform != "win32":
        return pid != os.getpid() and not _alive(pid)
    try:
        return time.time() - path.lstat().st_mtime > STALE_AFTER
    except OSError:
        return False


def remove_stale_staging(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the staging folders an interrupted export left in ``folder`` (their process is dead); return them.

    A ``.<name>.partial-*`` folder (an export being written) is removed. A ``.<name>.old-*`` folder (the
    previous export, moved aside while the new one took its place) is removed when ``<name>`` exists, and put
    back as ``<name>`` otherwise. Folders of running exports, and of other hosts younger than a day, are kept.
    """
    base = Path(folder)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        match = _STAGING.match(entry.name) or _LEGACY_STAGING.match(entry.name)
        if match is None:
            continue
        groups = match.groupdict()
        groups["kind"] = groups.get("kind") or groups.get("old") or "partial"
        pid = int(groups["pid"]) if groups.get("pid") else None
        path = base / entry.name
        if entry.is_symlink() or not entry.is_dir(follow_symlinks=False) or not _stale(path, groups.get("host"), pid):
            continue
        final = base / groups["name"]
        if groups["kind"] == "old" and not (final.exists() or final.is_symlink()):
            try:
                os.replace(path, final)
            except OSError:
                continue
        else:
            shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
