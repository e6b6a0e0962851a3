"""One module per command group (or single command) of ``saagie``; each defines ``register(app)``.

A new module is registered by adding its name to :data:`saagieapi.cli.main.COMMANDS`. A module that adds a
command to an existing group imports that group (``from .schema import group``) and decorates in ``register``.
"""
