"""Named connection profiles in ``config.ini`` under the user's config directory (or ``$SAAGIE_CONFIG``).

The file is INI: one ``[profile NAME]`` section per platform, and ``[settings] default_profile``. A profile's keys
are those of the SDK's table of connection settings (``saagieapi._core.settings.SETTINGS``: ``url``, ``realm``,
``retries``, ``insecure``...), plus ``keyring``. A password is written there only when asked (``saagie config set NAME
--save-password``); otherwise it comes from ``SAAGIE_PASSWORD``, the system keyring (``--keyring``) or a prompt.
The file is always written readable by its owner only (see :func:`save`).
"""

from __future__ import annotations

import configparser
import os
import re
import secrets
from pathlib import Path

__all__ = [
    "KEYRING_SERVICE",
    "check_profile_name",
    "config_path",
    "default_profile",
    "delete_profile",
    "keyring_get",
    "keyring_set",
    "load",
    "profile_names",
    "read_profile",
    "save",
    "set_default",
    "write_profile",
]

#: Service name under which ``--keyring`` stores a profile's password (the keyring user is the profile name).
KEYRING_SERVICE = "saagieapi-cli"
_PREFIX = "profile "
#: Letters, digits and ``. _ - @ + :``, words separated by single spaces: nothing that the INI syntax reads.
_NAME = re.compile(r"[\w.@+:-]+( [\w.@+:-]+)*")


def check_profile_name(name: str) -> str:
    """``name`` if it can name a profile; a ``ConfigurationError`` that says what is allowed otherwise (a newline
    or a bracket in a section name would write a second section into the file)."""
    from saagieapi.errors import ConfigurationError

    if not _NAME.fullmatch(name):
        raise ConfigurationError(
            f"{name!r} cannot be a profile name: use letters, digits and . _ - @ + : "
            "(words separated by single spaces), e.g. prod or acme-dev."
        )
    return name


def config_path() -> Path:
    """``$SAAGIE_CONFIG`` or ``<user config dir>/saagie/config.ini``."""
    explicit = os.environ.get("SAAGIE_CONFIG", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return platformdirs.user_config_path("saagie") / "config.ini"


def load() -> configparser.ConfigParser:
    """The profiles file, parsed (empty when there is none); a file that cannot be read or parsed is a
    ``ConfigurationError`` naming it (it is never rewritten behind the user's back)."""
    from saagieapi.errors import ConfigurationError

    parser = configparser.ConfigParser(interpolation=None)
    path = config_path()
    if path.is_file():
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError, OSError) as error:
            problem = " ".join(str(error).split())[:300]
            raise ConfigurationError(
                f"The profiles file {path} cannot be read: {problem}. Fix it, or move it away and create the "
                "profiles again with `saagie config set`."
            ) from None
    return parser


def save(parser: configparser.ConfigParser) -> Path:
    """Write the file readable by its owner only, whole or not at all.

    The text goes to a new file of a random name in the same folder, created with ``O_EXCL | O_NOFOLLOW`` and
    mode 0600 (a stale or planted file, or a symbolic link, of any name cannot be written through), synced, then
    renamed over ``config.ini``. A ``config.ini`` that is a symbolic link is refused rather than replaced.
    """
    from saagieapi.errors import ConfigurationError

    path = config_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.is_symlink():
        raise ConfigurationError(
            f"{path} is a symbolic link; saagie writes its profiles to a regular file only. "
            "Remove the link, or point SAAGIE_CONFIG at the real file."
        )
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)  # whatever the umask
            parser.write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def profile_names() -> list[str]:
    return sorted(section[len(_PREFIX) :] for section in load().sections() if section.startswith(_PREFIX))


def default_profile() -> str | None:
    value = load().get("settings", "default_profile", fallback="").strip()
    return value or None


def read_profile(name: str) -> dict[str, str] | None:
    parser = load()
    section = _PREFIX + name
    if not parser.has_section(section):
        return None
    return dict(parser.items(section))


def write_profile(name: str, values: dict[str, str], *, make_default: bool = False) -> Path:
    check_profile_name(name)
    parser = load()
    section = _PREFIX + name
    if not parser.has_section(section):
        parser.add_section(section)
    for key, value in values.items():
        parser.set(section, key, value)
    if make_default or not default_profile():
        if not parser.has_section("settings"):
            parser.add_section("settings")
        parser.set("settings", "default_profile", name)
    return save(parser)


def set_default(name: str) -> Path:
    parser = load()
    if not parser.has_section("settings"):
        parser.add_section("settings")
    parser.set("settings", "default_profile", name)
    return save(parser)


def delete_profile(name: str) -> bool:
    parser = load()
    removed = parser.remove_section(_PREFIX + name)
    if removed and parser.get("settings", "default_profile", fallback="") == name:
        parser.remove_option("settings", "default_profile")
    if removed:
        save(parser)
    return removed


def keyring_get(profile: str) -> str | None:
    """The password stored in the system keyring for a profile (``None`` without keyring or entry)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, profile)
    except KeyringError:
        return None


def keyring_set(profile: str, password: str) -> None:
    """Store a profile's password in the system keyring; a ``ConfigurationError`` that says what to use instead
    when there is no usable keyring (CI machines and containers often have none)."""
    from saagieapi.errors import ConfigurationError

    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, profile, password)
    except (ImportError, KeyringError) as error:
        raise ConfigurationError(
            f"No usable system keyring to store the password of profile {profile!r} "
            f"({type(error).__name__}: {' '.join(str(error).split())[:200]}). Leave the password to SAAGIE_PASSWORD "
            "or a prompt (no --keyring), or write it into the profiles file with --save-password."
        ) from None
