"""``python -m saagie_emulator``: serve an emulated Saagie platform until interrupted.

``saagie emulator`` (the command line of saagieapi) runs this same :func:`main`, so both take the same options
and print the same ``SAAGIE_*`` lines (``--json``: one JSON object instead).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from typing import NoReturn

from .seed import DEFAULT_PASSWORD, DEFAULT_PLATFORM_ID, DEFAULT_REALM, DEFAULT_USER
from .state_file import StateFileError

#: Modules of the ``emulator`` extra (``pip install saagieapi`` alone has none of them).
EXTRA_MODULES = frozenset(
    {"ariadne", "graphql", "starlette", "uvicorn", "multipart", "python_multipart", "celpy", "yaml", "lark"}
)


def _stop(prog: str, reason: str) -> NoReturn:
    sys.stderr.write(f"{prog}: not started: {reason}" + "\n")
    sys.exit(2)


def _listening_port(prog: str, host: str, port: int) -> int:
    """The port the server will listen on (for port 0, a free one chosen now), checked before anything is
    printed: a busy port stops the start with one line instead of connection settings that lead nowhere."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
            return int(probe.getsockname()[1])
    except OSError as error:
        _stop(
            prog, f"cannot listen on {host}:{port} ({error.strerror or error}): choose another --port (0: any free one)"
        )


def connection_settings(url: str, platform_id: int, realm: str, user: str, password: str, token: str) -> dict[str, str]:
    """The ``SAAGIE_*`` variables a client (``SaagieApi.from_env()``, ``saagie``) connects with."""
    from .control import CONTROL_TOKEN_ENV

    return {
        "SAAGIE_URL": f"{url}projects/platform/{platform_id}/",
        "SAAGIE_REALM": realm,
        "SAAGIE_USER": user,
        "SAAGIE_PASSWORD": password,
        CONTROL_TOKEN_ENV: token,
    }


def main(argv: list[str] | None = None, *, prog: str = "python -m saagie_emulator") -> None:
    parser = argparse.ArgumentParser(prog=prog, description="Serve an emulated Saagie platform until interrupted.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--state",
        default=None,
        help="file where the state is kept across restarts (versioned JSON; a file it cannot read stops the start)",
    )
    parser.add_argument(
        "--seed",
        default=None,
        metavar="FILE",
        help="YAML or JSON file of groups, users, projects, variables and catalog entries the platform starts with",
    )
    parser.add_argument("--speed", type=float, default=1.0, help="simulation speed factor (10 = ten times faster)")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="latency added to every request")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of requests answered 429/500/502/503")
    parser.add_argument("--drop-rate", type=float, default=0.0, help="share of connections dropped")
    parser.add_argument("--token-ttl", type=float, default=3600.0, help="token lifetime in seconds")
    parser.add_argument("--realm", default=DEFAULT_REALM)
    parser.add_argument("--platform-id", type=int, default=DEFAULT_PLATFORM_ID)
    parser.add_argument("--user", default=DEFAULT_USER)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name clients use besides localhost and IP addresses (repeatable; '*' allows any)",
    )
    parser.add_argument(
        "--drop-field",
        action="append",
        default=[],
        metavar="TYPE.FIELD",
        help="serve a schema without this field, as an older platform would, e.g. Job.alias (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print the connection settings as one JSON object")
    args = parser.parse_args(argv)
    try:
        from .control import CONTROL_TOKEN_ENV, CONTROL_TOKEN_HEADER
        from .seeding import SeedError
        from .server import build_emulator, serve_emulator
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in EXTRA_MODULES:
            raise
        _stop(
            prog,
            f"the emulator needs the 'emulator' extra ({error.name} is not installed): "
            "pip install 'saagieapi[emulator]'",
        )
    try:
        # Load the state before printing anything: a file that cannot be read stops the start.
        emulator = build_emulator(
            state_path=args.state,
            seed=args.seed,
            speed=args.speed,
            latency_ms=args.latency_ms,
            fault_rate=args.fault_rate,
            drop_rate=args.drop_rate,
            token_ttl_seconds=args.token_ttl,
            realm=args.realm,
            platform_id=args.platform_id,
            user=args.user,
            password=args.password,
            allowed_hosts=tuple(args.allowed_host),
            drop_fields=tuple(args.drop_field),
            control_token=os.environ.get(CONTROL_TOKEN_ENV) or None,
        )
    except (StateFileError, SeedError, ValueError) as exc:
        _stop(prog, str(exc))
    port = _listening_port(prog, args.host, args.port)
    url = f"http://{args.host}:{port}/"
    settings = connection_settings(url, args.platform_id, args.realm, args.user, args.password, emulator.control_token)
    if args.json:
        sys.stdout.write(json.dumps({"url": url, **settings, "control_token": emulator.control_token}) + "\n")
    else:
        sys.stdout.write(f"Saagie emulator on {url}" + "\n")
        sys.stdout.write(f"  platform URL : {url}projects/platform/{args.platform_id}/" + "\n")
        sys.stdout.write(f"  realm        : {args.realm}" + "\n")
        sys.stdout.write(f"  platform id  : {args.platform_id}" + "\n")
        sys.stdout.write(f"  user         : {args.user}" + "\n")
        sys.stdout.write(f"  password     : {args.password}" + "\n")
        sys.stdout.write(f"  state file   : {args.state or '(in memory)'}" + "\n")
        if args.seed:
            sys.stdout.write(f"  seed         : {args.seed}" + "\n")
        sys.stdout.write(
            f"  control token: {emulator.control_token}  (header {CONTROL_TOKEN_HEADER}, /_emulator/...)" + "\n"
        )
        sys.stdout.write("Connect with:" + "\n")
        for name, value in settings.items():
            sys.stdout.write(f"  export {name}={value}" + "\n")
        sys.stdout.write("Press Ctrl+C to stop." + "\n")
    sys.stdout.flush()
    serve_emulator(emulator, args.host, port)


if __name__ == "__main__":
    main()
