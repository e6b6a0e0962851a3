"""Log reading rules shared by the job, app and condition log methods (no I/O): streams, paging, tails.

The platform keeps the lines of an instance in six streams (:class:`~saagieapi.enums.LogStream`): what the
program printed (``STDOUT``, ``STDERR``), what the platform printed while starting it (``ORCHESTRATION_*``) and
the listing of its environment variables (``ENVVARS_*``). The SDK reads the program's own output unless told
otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from .._generated.projects.enums import LogStream
from ..errors import InvalidInputError
from .statuses import values

__all__ = [
    "ALL_LOG_STREAMS",
    "DEFAULT_LOG_LIMIT",
    "DEFAULT_LOG_PAGE_SIZE",
    "DEFAULT_LOG_STREAMS",
    "DEFAULT_FOLLOW_INTERVAL",
    "LOG_TAIL_LINES",
    "check_follow",
    "check_paging",
    "check_stream",
    "check_streams",
    "printable",
    "tail_window",
]

#: Every stream the platform knows, in the schema's order.
ALL_LOG_STREAMS = values(LogStream)
#: What the log methods read when ``streams`` is not given: the program's own output.
DEFAULT_LOG_STREAMS = values((LogStream.STDOUT, LogStream.STDERR))
#: Lines a ``get_*logs`` call returns when no ``limit`` is given (``iter_*logs`` walks any number of lines).
DEFAULT_LOG_LIMIT = 10_000
#: Lines asked for per request by the ``iter_*logs`` and ``follow_*logs`` methods.
DEFAULT_LOG_PAGE_SIZE = 1_000
#: First delay (seconds) between two reads of a followed log; it grows while nothing new arrives.
DEFAULT_FOLLOW_INTERVAL = 1.0
#: Lines of the failed instance's log a ``RunFailedError`` carries.
LOG_TAIL_LINES = 20


def _stream_name(value: Any) -> str:
    name = getattr(value, "value", value)
    if not isinstance(name, str) or name.strip().upper() not in ALL_LOG_STREAMS:
        raise InvalidInputError(f"invalid log stream {value!r}: choose among {', '.join(ALL_LOG_STREAMS)}")
    return name.strip().upper()


def check_streams(streams: str | Sequence[Any] | None) -> list[Any]:
    """The ``LogStream`` values of ``streams``: None (the default streams), a name, a comma-separated string
    or a sequence of names or ``LogStream`` members; duplicates dropped, order kept.

    Example::

        check_streams("stdout,STDERR")  # [LogStream.STDOUT, LogStream.STDERR]
    """
    if streams is None:
        names: list[str] = list(DEFAULT_LOG_STREAMS)
    elif isinstance(streams, str):
        names = [_stream_name(part) for part in streams.split(",") if part.strip()]
    elif isinstance(streams, (Sequence, set, frozenset)):
        names = [_stream_name(item) for item in streams]
    else:
        raise InvalidInputError(f"streams must be a stream name or a list of them, not {type(streams).__name__}")
    if not names:
        raise InvalidInputError(f"streams is empty: give at least one of {', '.join(ALL_LOG_STREAMS)}")
    return [LogStream(name) for name in dict.fromkeys(names)]


def check_stream(stream: Any) -> Any:
    """The ``LogStream`` of ``stream`` (None: every stream), for the app logs, which filter on one stream."""
    return None if stream is None else LogStream(_stream_name(stream))


def _count(name: str, value: Any, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(f"{name} must be an int >= {minimum}, not {value!r}")
    return value


def check_paging(*, limit: Any = None, skip: Any = 0, tail: Any = None, page_size: Any = None) -> None:
    """Check the paging options of a log call before anything is sent.

    ``limit`` (lines per answer, >= 1), ``skip`` (lines to pass over, >= 0), ``tail`` (the last lines, >= 1;
    it excludes ``skip``), ``page_size`` (lines per request, >= 1).
    """
    if limit is not None:
        _count("limit", limit, minimum=1)
    _count("skip", skip, minimum=0)
    if page_size is not None:
        _count("page_size", page_size, minimum=1)
    if tail is not None:
        _count("tail", tail, minimum=1)
        if skip:
            raise InvalidInputError("give tail= (the last lines) or skip= (from a line), not both")


def check_follow(poll_interval: Any, timeout: Any) -> None:
    """``poll_interval`` a positive, finite number of seconds; ``timeout`` None or a number of seconds >= 0."""
    for name, value in (("poll_interval", poll_interval), ("timeout", timeout)):
        if value is None and name == "timeout":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise InvalidInputError(f"{name} must be a number of seconds, not {value!r}")
    if poll_interval <= 0 or math.isinf(poll_interval):
        raise InvalidInputError(f"poll_interval must be a positive, finite number of seconds, not {poll_interval!r}")
    if timeout is not None and timeout < 0:
        raise InvalidInputError("timeout must be a number of seconds >= 0, or None to follow without limit")


def tail_window(count: int, tail: int) -> tuple[int, int]:
    """``(skip, limit)`` reading the last ``tail`` of ``count`` lines.

    Example::

        tail_window(95, 20)  # (75, 20)
    """
    return max(0, count - tail), tail


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A log line safe to show on a terminal, on one line: control characters (escape sequences that could move
    the cursor, rewrite the screen or set the title; line breaks that could fake other lines) written as
    ``\\x1b``; tabs kept.

    Example::

        printable("ok\\x1b[2J")  # 'ok\\\\x1b[2J'
    """
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
