"""The state file: a platform's whole state as versioned JSON, safe to load whoever wrote it.

Layout: ``{"format": "saagie-emulator-state", "version": 1, "data": <StoreData>}``. Inside ``data``,
JSON values stand for themselves, and values JSON has no notation for are tagged objects:

* a dataclass: ``{"__type__": "Job", "<field>": ..., ...}``, for the classes of :data:`ALLOWED_TYPES` only;
* an enum (if the model ever has one): ``{"__enum__": "<ClassName>", "value": ...}``, allow-listed as well;
* ``{"__bytes__": "<base64>"}``, ``{"__datetime__": "<ISO 8601>"}``, ``{"__date__": "<ISO 8601>"}``;
* ``{"__tuple__": [...]}``, ``{"__set__": [...]}``, ``{"__frozenset__": [...]}``;
* ``{"__dict__": [[key, value], ...]}`` for a dict whose keys are not all strings, or which has a key starting
  with ``__`` (so that data received from clients can never pass for a tag), and
  ``{"__counter__": [[key, count], ...]}`` for a :class:`collections.Counter`.

Loading never imports or calls anything named by the file: a tag names one of a fixed set of classes, or
the file is refused with :class:`StateFileError`. (The state used to be a pickle, which runs whatever
code a tampered file asks for.)
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import enum
import json
import os
import tempfile
import weakref
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import model
from .store import Store, StoreData

__all__ = [
    "ALLOWED_TYPES",
    "FORMAT",
    "VERSION",
    "StateFileError",
    "StateSaveError",
    "check_writable",
    "decode",
    "dumps_state",
    "encode",
    "loads_state",
    "read_state",
    "save_store",
    "write_state",
]

FORMAT = "saagie-emulator-state"
VERSION = 1

#: Every class a state file may name, by name. Explicit on purpose: a new model class must be added here
#: (a test checks that every dataclass of ``model`` is).
ALLOWED_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        StoreData,
        model.App,
        model.AppExecution,
        model.AppVersion,
        model.ConditionInstance,
        model.ConditionNode,
        model.Context,
        model.DockerCredential,
        model.EnvVar,
        model.Group,
        model.Job,
        model.JobInstance,
        model.JobNode,
        model.JobVersion,
        model.Pipeline,
        model.PipelineInstance,
        model.PipelineVersion,
        model.Profile,
        model.Project,
        model.Repository,
        model.SyncReport,
        model.Technology,
        model.Timeline,
        model.User,
        model.Volume,
    )
}

_PICKLE_PROTOCOL_MARK = b"\x80"
_TAGS = frozenset(
    {"__type__", "__enum__", "__bytes__", "__datetime__", "__date__", "__tuple__", "__set__", "__frozenset__"}
    | {"__dict__", "__counter__"}
)


class StateFileError(ValueError):
    """The state file cannot be loaded: not JSON, another format or version, or content not allowed."""


class _Invalid(Exception):
    """A decoding failure at some place in the document (turned into a StateFileError naming the file)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


# ------------------------------------------------------------------------------------------ encoding
def encode(value: Any) -> Any:
    """``value`` as JSON-ready data (dicts, lists, strings, numbers, booleans, None)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        name = type(value).__name__
        if ALLOWED_TYPES.get(name) is not type(value):
            raise TypeError(f"cannot save enum {type(value).__qualname__}: not in state_file.ALLOWED_TYPES")
        return {"__enum__": name, "value": encode(value.value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if ALLOWED_TYPES.get(name) is not type(value):
            raise TypeError(f"cannot save {type(value).__qualname__}: not in state_file.ALLOWED_TYPES")
        encoded: dict[str, Any] = {"__type__": name}
        for item in dataclasses.fields(value):
            encoded[item.name] = encode(getattr(value, item.name))
        return encoded
    if isinstance(value, bytes | bytearray):
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(item) for item in value]}
    if isinstance(value, frozenset):
        return {"__frozenset__": [encode(item) for item in value]}
    if isinstance(value, set):
        return {"__set__": [encode(item) for item in value]}
    if isinstance(value, Counter):
        return {"__counter__": [[encode(key), count] for key, count in value.items()]}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("__") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"__dict__": [[encode(key), encode(item)] for key, item in value.items()]}
    raise TypeError(f"cannot save a {type(value).__qualname__} in the state file")


# ------------------------------------------------------------------------------------------ decoding
def decode(data: Any, where: str = "data") -> Any:
    """The inverse of :func:`encode`; raises ``ValueError`` on anything :func:`encode` does not write."""
    try:
        return _decode(data, where)
    except _Invalid as exc:
        raise ValueError(str(exc)) from None


def _decode(data: Any, where: str) -> Any:
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [_decode(item, f"{where}[{index}]") for index, item in enumerate(data)]
    if not isinstance(data, dict):  # pragma: no cover - json.loads makes nothing else
        raise _Invalid(where, f"unexpected {type(data).__name__}")
    tags = [key for key in data if key.startswith("__")]
    if not tags:
        return {key: _decode(item, f"{where}.{key}") for key, item in data.items()}
    tag = tags[0]
    if len(tags) > 1 or tag not in _TAGS:
        raise _Invalid(where, f"unknown tag {', '.join(map(repr, tags))}")
    if tag == "__type__":
        return _decode_dataclass(data, where)
    if tag == "__enum__":
        return _decode_enum(data, where)
    if len(data) != 1:
        raise _Invalid(where, f"{tag} takes no other key")
    payload = data[tag]
    if tag == "__bytes__":
        return _decode_bytes(payload, where)
    if tag in ("__datetime__", "__date__"):
        if not isinstance(payload, str):
            raise _Invalid(where, f"{tag} must be an ISO 8601 string")
        try:
            return datetime.fromisoformat(payload) if tag == "__datetime__" else date.fromisoformat(payload)
        except ValueError as exc:
            raise _Invalid(where, f"{tag}: {exc}") from None
    if not isinstance(payload, list):
        raise _Invalid(where, f"{tag} must be a list")
    if tag in ("__tuple__", "__set__", "__frozenset__"):
        items = [_decode(item, f"{where}[{index}]") for index, item in enumerate(payload)]
        kind = {"__tuple__": tuple, "__set__": set, "__frozenset__": frozenset}[tag]
        try:
            return kind(items)
        except TypeError as exc:  # an unhashable set member
            raise _Invalid(where, f"{tag}: {exc}") from None
    pairs = []
    for index, pair in enumerate(payload):
        if not isinstance(pair, list) or len(pair) != 2:
            raise _Invalid(f"{where}[{index}]", "expected a [key, value] pair")
        pairs.append((_decode(pair[0], f"{where}[{index}][0]"), _decode(pair[1], f"{where}[{index}][1]")))
    try:
        if tag == "__counter__":
            return Counter(dict(pairs))
        return dict(pairs)
    except TypeError as exc:  # an unhashable key
        raise _Invalid(where, f"{tag}: {exc}") from None


def _decode_bytes(payload: Any, where: str) -> bytes:
    if not isinstance(payload, str):
        raise _Invalid(where, "__bytes__ must be a base64 string")
    try:
        return base64.b64decode(payload.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as exc:
        raise _Invalid(where, f"__bytes__: not base64 ({exc})") from None


def _allowed(name: Any, where: str, kind: str) -> type:
    cls = ALLOWED_TYPES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise _Invalid(where, f"{kind} {name!r} is not allowed in a state file")
    return cls


def _decode_dataclass(data: dict[str, Any], where: str) -> Any:
    cls = _allowed(data["__type__"], where, "type")
    if not dataclasses.is_dataclass(cls):
        raise _Invalid(where, f"type {cls.__name__!r} is not a dataclass")
    where = f"{where}<{cls.__name__}>"
    fields = {item.name: item for item in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields) - {"__type__"})
    if unknown:
        raise _Invalid(where, f"unknown field(s) {', '.join(unknown)}")
    values = {name: _decode(value, f"{where}.{name}") for name, value in data.items() if name != "__type__"}
    later = {name: values.pop(name) for name in list(values) if not fields[name].init}
    try:
        instance = cls(**values)
    except TypeError as exc:  # a required field missing
        raise _Invalid(where, str(exc)) from None
    for name, value in later.items():
        object.__setattr__(instance, name, value)
    return instance


def _decode_enum(data: dict[str, Any], where: str) -> Any:
    cls = _allowed(data["__enum__"], where, "enum")
    if not issubclass(cls, enum.Enum) or set(data) != {"__enum__", "value"}:
        raise _Invalid(where, f"not an enum value of {cls.__name__!r}")
    try:
        return cls(_decode(data["value"], f"{where}.value"))
    except ValueError as exc:
        raise _Invalid(where, str(exc)) from None


# ------------------------------------------------------------------------------------------ files
class StateSaveError(RuntimeError):
    """The state could not be written; the change that needed saving was undone in memory too."""


def dumps_state(data: StoreData) -> str:
    """``data`` as the text of a state file."""
    return json.dumps({"format": FORMAT, "version": VERSION, "data": encode(data)}, separators=(",", ":"))


def _write_text(path: Path, text: str) -> None:
    """Write ``text`` at ``path`` atomically: a temporary file in the same folder, then ``os.replace``."""
    folder = path.parent
    # Created readable by the owner only (mkstemp): the state holds passwords and credentials.
    descriptor, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def write_state(path: Path, data: StoreData) -> None:
    """Save ``data`` at ``path`` atomically."""
    _write_text(path, dumps_state(data))


#: The text last written for each store: what memory goes back to when a save fails.
_last_saved: weakref.WeakKeyDictionary[Store, str] = weakref.WeakKeyDictionary()


def save_store(store: Store) -> None:
    """Write ``store``'s state to its file, or undo the change: memory never diverges from the file.

    If the file cannot be written (disk full, folder removed, permissions), the store goes back to the state
    last written and :class:`StateSaveError` says why: the request that changed it fails as a whole.
    """
    path = store.state_path
    if path is None:
        return
    with store.lock:
        text = dumps_state(store.data)
        try:
            _write_text(path, text)
        except OSError as exc:
            previous = _last_saved.get(store)
            if previous is not None:
                store.data = loads_state(previous, path)
            raise StateSaveError(f"the state file {path} could not be written ({exc}); the change was undone") from None
        _last_saved[store] = text


def check_writable(store: Store) -> None:
    """Write the state file once at start: :class:`StateFileError` (one line) if its path cannot be written."""
    path = store.state_path
    if path is None:
        return
    try:
        save_store(store)
    except StateSaveError:
        reason = "its folder does not exist" if not path.parent.is_dir() else "it cannot be written"
        raise StateFileError(f"state file {path}: {reason}; choose another --state path") from None


def loads_state(text: str | bytes, path: Path | str) -> StoreData:
    """The state in ``text`` (read from ``path``); :class:`StateFileError` if it cannot be trusted."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if raw.startswith(_PICKLE_PROTOCOL_MARK):
        raise StateFileError(
            f"state file {path} looks like a pickle written by an older saagie_emulator: the state file format "
            f"changed to JSON ('{FORMAT}' version {VERSION}), because loading a pickle can run arbitrary code. "
            "It is not loaded; delete it (or choose another state path) to start from a fresh platform."
        )
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise StateFileError(f"state file {path} is not valid JSON ({exc}); it is not loaded") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StateFileError(f"state file {path} is not a saagie_emulator state file (expected format '{FORMAT}')")
    version = document.get("version")
    if version != VERSION:
        raise StateFileError(
            f"state file {path} has format version {version!r}; this saagie_emulator reads version {VERSION} only"
        )
    try:
        data = decode(document.get("data"))
    except (ValueError, RecursionError) as exc:
        raise StateFileError(f"state file {path} is refused: {exc}") from None
    if not isinstance(data, StoreData):
        raise StateFileError(f"state file {path} is refused: data is not a StoreData")
    return data


def read_state(path: Path) -> StoreData:
    """The state saved at ``path``; :class:`StateFileError` (naming the file) if it cannot be trusted."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StateFileError(f"state file {path} cannot be read ({exc.strerror or exc})") from None
    return loads_state(raw, path)
