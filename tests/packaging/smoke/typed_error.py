"""A user's script with a deliberate type error: mypy --strict must report it (it sees the SDK's types)."""

from saagieapi import SaagieApi


def jobs_in(api: SaagieApi) -> int:
    info = api.get_platform_info()
    return info.counts.jobs + "x"  # the deliberate error
