"""The core of saagieapi: everything that does no I/O (the idea of h11 and httpcore).

Connection settings and their sources, platform URLs, typed input builders, validation of arguments,
instance statuses, name lookups and the table of public names live here. ``saagieapi/_async`` only does
I/O (requests, files, waiting) and calls this package; ``saagieapi/_sync`` is generated from ``_async``.
Nothing here imports httpx, opens a file or a socket, or sleeps, so every rule is unit-testable alone.
"""
