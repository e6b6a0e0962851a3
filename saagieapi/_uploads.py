"""Local artifacts: checked before any request, opened for an upload (shared by both clients, blocking calls).

The asynchronous client opens an artifact in the event loop as the synchronous one does: opening a file and
handing it to httpx, which streams it, does not wait on the network.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import IO, Union

from ._generated.projects.base_model import Upload
from .errors import InvalidInputError

__all__ = ["FileInput", "check_file", "opened_upload"]

#: A local artifact: a path, or an open binary file.
FileInput = Union[str, "os.PathLike[str]", IO[bytes]]


def check_file(file: FileInput | None) -> None:
    """Fail before any request when the artifact is missing or unreadable."""
    if file is None:
        return
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not os.path.isfile(path):
            raise InvalidInputError(f"file {path!r} does not exist or is not a file")
        if not os.access(path, os.R_OK):
            raise InvalidInputError(f"file {path!r} is not readable")
        return
    if not hasattr(file, "read") or (hasattr(file, "readable") and not file.readable()):
        raise InvalidInputError("file must be a path or a file object opened for reading in binary mode")


@contextlib.contextmanager
def opened_upload(file: FileInput | None) -> Iterator[Upload | None]:
    """The GraphQL upload of an artifact (the base name only is sent); a path is opened and closed here."""
    check_file(file)
    if file is None:
        yield None
        return
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        with open(path, "rb") as stream:
            yield Upload(filename=os.path.basename(path), content=stream, content_type=None)  # type: ignore[arg-type]
        return
    name = getattr(file, "name", None)
    filename = os.path.basename(name) if isinstance(name, str) and name else "artifact"
    yield Upload(filename=filename, content=file, content_type=None)  # type: ignore[arg-type]
