"""The ``saagie`` command line: the saagieapi SDK for people and CI scripts.

Install with ``pip install 'saagieapi[cli]'`` (Typer, Rich, platformdirs, keyring, graphql-core); the
``saagie`` script is :func:`saagieapi.cli.script.main`, which runs ``saagieapi.cli.main:app`` or, when the extra
is missing (``pip install saagieapi`` installs the script too), says what to install. The command line has no
logic of its own beyond presentation: every command is one or a few SDK calls.

Connection
----------
Settings are taken, first found wins, from: the flags (``--url``, ``--platform-id``, ``--realm``, ``--user``,
``--timeout``, ``--retries``, ``--ca-bundle``, ``--insecure``, ``--proxy``), an explicitly chosen profile
(``--profile NAME`` or ``SAAGIE_PROFILE``), the ``SAAGIE_*`` environment variables that ``SaagieApi.from_env()``
reads (``SAAGIE_URL``, ``SAAGIE_PLATFORM_ID``, ``SAAGIE_REALM``, ``SAAGIE_USER``, ``SAAGIE_PASSWORD``,
``SAAGIE_TIMEOUT``, ``SAAGIE_MAX_RETRIES``, ``SAAGIE_CA_BUNDLE``), then the default profile. The flags, the
profile keys and the variables are the rows of the SDK's table of connection settings
(``saagieapi._core.settings.SETTINGS``), which also resolves them (``_settings.py``, ``_flags.py``).
``--url`` may be the full platform URL
``https://<realm>-workspace.<domain>/projects/platform/<id>/``; when its host does not carry the realm, add
``--realm`` (``saagie config set`` refuses such a profile without it).

Profiles live in ``<user config dir>/saagie/config.ini`` (``saagie config path``; ``SAAGIE_CONFIG`` overrides
it)::

    saagie config set prod --url https://acme-workspace.saagie.io/projects/platform/6/ --user me --keyring
    saagie config use prod

A profile holds the same settings under their keys (``url``, ``realm``, ``retries``...; ``saagie config set``
takes the same flags). The file is always written readable by its owner only, through a new file
(``O_EXCL | O_NOFOLLOW``) renamed over it; a ``config.ini`` that is a symbolic link is refused. The password is
never written to it unless ``--save-password`` is given: it comes from ``SAAGIE_PASSWORD``, the system keyring
(``--keyring``, service ``saagieapi-cli``, user = profile name) or a hidden prompt in a terminal. Secrets of commands
(registry passwords, user passwords, variable values) come from environment variables or stdin, never from
flags: ``--value -``, ``--value-env NAME``, ``SAAGIE_DOCKER_PASSWORD``, ``SAAGIE_NEW_USER_PASSWORD``.

Commands
--------
``projects``, ``jobs``, ``apps``, ``pipelines``, ``env-vars``, ``docker-credentials``, ``storages``,
``repositories``, ``users``, ``groups``, ``profiles``: ``list``, ``get``, ``create``, ``edit``, ``delete``
(with ``--yes`` to skip the confirmation), plus the verbs that matter in CI; ``technologies list`` shows the
catalog (what ``--technology`` and ``apps install`` take)::

    saagie jobs upgrade ingest --project demo --file dist/ingest.zip --release-note "$GIT_SHA"
    saagie jobs run ingest --project demo --wait           # exit 1 when the run fails
    saagie pipelines run nightly --project demo --wait
    saagie projects export demo --out backup/             # progress on stderr
    saagie projects import backup/<project id>

Names are accepted wherever ids are: ``--project NAME`` and ``saagie jobs get NAME --project NAME``
(ids are UUIDs; anything else is looked up by name, exactly then case-insensitively).

``saagie emulator`` starts a local emulated platform and prints its ``SAAGIE_*`` settings;
``saagie schema pull --out schema/`` writes the SDL of a live platform (``projects.graphql``,
``gateway.graphql``) so that ``make codegen`` regenerates the SDK for that platform version;
``saagie doctor`` checks the connection, TLS and login, then validates every GraphQL operation bundled in
the SDK against the platform's introspected schema and names the SDK methods that would fail there (and why).
The mapping from operations to SDK methods is a static scan of the SDK's code, over-approximated: a method
is listed when any code path it can reach uses the operation.

Output
------
People get Rich tables (lists) and field tables (one entity); progress and status lines go to stderr.
``--json`` (before or after the command: ``saagie projects list --json``) prints machine-readable JSON on
stdout, a stable contract:

* an entity is the SDK's pydantic model as ``model_dump(mode="json")``: snake_case keys, the fields of the
  SDK's public models (``saagieapi.models``), enums as their platform value, datetimes in ISO 8601;
* a list command prints a JSON array of entities (``technologies list``: ``{"label", "kind", "catalog",
  "runtimes", "available"}`` rows);
* ``delete`` prints ``{"deleted": true, "id": ...}`` (``"name"`` or ``"login"`` for variables, users, groups);
  ``users create`` / ``groups create`` print ``{"created": true, ...}``;
* export/import print the result: ``{"folder", "done", "skipped", "failed"[, "id_map"]}``, items being
  ``{"kind", "name", "source_id", "target_id", "reason"}``;
* ``doctor`` prints ``{"ok", "checks": [{"check", "ok", "detail"}], "failing_operations": [{"api",
  "operation", "errors", "sdk_methods"}]}``;
* errors go to stderr as ``{"error": {"type", "message", "hint", "exit_code"}}``.

Errors and exit codes
---------------------
An error is one readable line and a hint on stderr; a traceback only with ``--debug``.

==== ==========================================================================================
code meaning
==== ==========================================================================================
0    success
1    failed: a run ended otherwise than in success (``--wait``), the platform refused the request,
     an export/import had failures, ``doctor`` found SDK methods that would fail
2    usage: bad flags or arguments, missing settings, an ambiguous name
3    authentication failed or permission denied
4    not found (name or id)
5    network: platform unreachable, timeout, TLS failure, or unavailable (5xx, 429 after retries)
==== ==========================================================================================

Layout
------
``main.py`` holds the root command and :data:`~saagieapi.cli.main.COMMANDS`, the list of command modules
(``commands/<name>.py``, one per group, each with ``register(app)``). Tables are typed rows (a dataclass per
group built from the SDK's model), statuses come from the SDK (``_status.py``), run/stop/wait is one helper
(``_progress.start``), connection settings go through the SDK (``_settings.py``).

Shell completion
----------------
``saagie --install-completion`` (bash, zsh, fish, PowerShell) or ``saagie --show-completion`` to copy it;
profile names complete after ``--profile``.
"""
